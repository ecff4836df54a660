//! Unit tests with hand-built checked programs.

use super::*;
use crate::check::hir::*;

pub(crate) fn e(kind: ExprKind, ty: Type) -> Expr {
    Expr {
        kind,
        ty,
        pos: Pos { line: 1, col: 1 },
    }
}
pub(crate) fn int(c: i64) -> Expr {
    e(ExprKind::Const(c), Type::Int)
}
pub(crate) fn loc(id: u32, ty: Type) -> Expr {
    e(ExprKind::Local(LocalId(id)), ty)
}
pub(crate) fn bin(op: BinOp, l: Expr, r: Expr) -> Expr {
    let ty = match op {
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => Type::Bool,
        _ => l.ty.clone(),
    };
    e(ExprKind::Binary(op, Box::new(l), Box::new(r)), ty)
}
pub(crate) fn local(name: &str, ty: Type) -> Local {
    Local {
        name: name.into(),
        ty,
        addr_taken: false,
    }
}
fn func(
    name: &str,
    locals: Vec<Local>,
    params: usize,
    results: Vec<Type>,
    body: Vec<Stmt>,
) -> Func {
    Func {
        name: name.into(),
        pos: Pos { line: 1, col: 1 },
        locals,
        params,
        results,
        body,
    }
}

/// fib(n) and main() { println(fib(20)) }, plus a kitchen-sink function `k`.
pub(crate) fn sample() -> Program {
    let arr = Type::Array(1000, Box::new(Type::Int));
    let fib = func(
        "fib",
        vec![local("n", Type::Int), local("", Type::Int)],
        1,
        vec![Type::Int],
        vec![
            Stmt::If(
                bin(BinOp::Lt, loc(0, Type::Int), int(2)),
                vec![Stmt::Return(vec![loc(0, Type::Int)])],
                vec![],
            ),
            Stmt::Return(vec![bin(
                BinOp::Add,
                e(
                    ExprKind::Call(FuncId(0), vec![bin(BinOp::Sub, loc(0, Type::Int), int(1))]),
                    Type::Int,
                ),
                e(
                    ExprKind::Call(FuncId(0), vec![bin(BinOp::Sub, loc(0, Type::Int), int(2))]),
                    Type::Int,
                ),
            )]),
        ],
    );
    // k(a [1000]int, x, y, p1..p8 int) (r [1000]int, s int): array ops, div, shifts.
    let mut kl = vec![
        local("a", arr.clone()),
        local("x", Type::Int),
        local("y", Type::Int),
    ];
    for i in 0..8 {
        kl.push(local(&format!("p{i}"), Type::Int));
    }
    kl.push(local("r", arr.clone()));
    kl.push(local("s", Type::Int));
    let mut xl = local("t", Type::Int);
    xl.addr_taken = true;
    kl.push(xl); // 13
    let idx = |b: Expr, i: Expr| e(ExprKind::Index(Box::new(b), Box::new(i)), Type::Int);
    let k = func(
        "k",
        kl,
        11,
        vec![arr.clone(), Type::Int],
        vec![
            Stmt::Zero(LocalId(13)),
            Stmt::Assign(
                vec![Some(idx(loc(0, arr.clone()), loc(1, Type::Int)))],
                vec![bin(BinOp::Div, loc(1, Type::Int), loc(2, Type::Int))],
            ),
            Stmt::Assign(
                vec![Some(loc(13, Type::Int))],
                vec![bin(BinOp::Shl, loc(1, Type::Int), loc(2, Type::Int))],
            ),
            Stmt::OpAssign(
                BinOp::Rem,
                e(
                    ExprKind::Deref(Box::new(e(
                        ExprKind::AddrOf(Box::new(loc(13, Type::Int))),
                        Type::Pointer(Box::new(Type::Int)),
                    ))),
                    Type::Int,
                ),
                loc(10, Type::Int),
            ),
            Stmt::Assign(vec![Some(loc(11, arr.clone()))], vec![loc(0, arr.clone())]),
            Stmt::Assign(
                vec![Some(loc(12, Type::Int))],
                vec![bin(BinOp::Shr, loc(13, Type::Int), loc(9, Type::Int))],
            ),
            Stmt::If(
                bin(BinOp::Eq, loc(11, arr.clone()), loc(0, arr.clone())),
                vec![Stmt::Print {
                    args: vec![
                        PrintArg::Str(b"eq".to_vec()),
                        PrintArg::Value(loc(12, Type::Int)),
                    ],
                    newline: true,
                }],
                vec![Stmt::Panic(PanicArg::Str(b"boom".to_vec()))],
            ),
            Stmt::Return(vec![loc(11, arr.clone()), loc(12, Type::Int)]),
        ],
    );
    let mut ml = vec![local("x", arr.clone()), local("s", Type::Int)];
    ml.push(local("$r", arr.clone()));
    let mut args = vec![loc(0, arr.clone())];
    for i in 0..10 {
        args.push(int(i + 1));
    }
    let main = func(
        "main",
        ml,
        0,
        vec![],
        vec![
            Stmt::Zero(LocalId(0)),
            Stmt::AssignCall(
                vec![Some(loc(2, arr.clone())), Some(loc(1, Type::Int))],
                FuncId(1),
                args,
            ),
            Stmt::Print {
                args: vec![PrintArg::Value(e(
                    ExprKind::Call(FuncId(0), vec![int(20)]),
                    Type::Int,
                ))],
                newline: true,
            },
        ],
    );
    let init = func("init$", vec![], 0, vec![], vec![]);
    Program {
        globals: vec![Global {
            pos: Pos::default(),
            name: "g".into(),
            ty: Type::Int,
        }],
        funcs: vec![fib, k, main, init],
        main: FuncId(2),
        init: FuncId(3),
    }
}

#[test]
fn clif_and_asm_for_both_targets() {
    let p = sample();
    for check in [true, false] {
        let opts = Options {
            stack_check: check,
            ..Options::DEFAULT
        };
        let clif = emit_clif(&p, &opts, None).unwrap();
        assert!(clif.contains("tail"));
        // The check goes in front of each function's machine code, not into its IR.
        assert_eq!(
            clif.contains("stack check before the frame"),
            check,
            "{clif}"
        );
        for t in [Target::X86_64, Target::Aarch64] {
            let asm = emit_asm(&p, &opts, t).unwrap();
            assert!(asm.contains("func fib"), "{asm}");
        }
    }
}

#[test]
fn abi_stack_args_and_masks() {
    let arr = Type::Array(2, Box::new(Type::Int));
    let abi = FuncAbi::new(&vec![Type::Int; 8], &[Type::Int]);
    assert_eq!(abi.argbytes, 16);
    assert!(abi.ret_in_regs);
    let abi = FuncAbi::new(&[arr.clone(), Type::Pointer(Box::new(Type::Int))], &[arr]);
    assert!(!abi.ret_in_regs);
    assert_eq!(abi.ptrmask, 0b111);
    assert_eq!(abi.argbytes, 0);
    assert_eq!(FuncAbi::new(&vec![Type::Int; 7], &[]).argbytes, 16);
}

#[test]
#[ignore]
fn show_asm() {
    let p = sample();
    println!("{}", emit_clif(&p, &Options::DEFAULT, None).unwrap());
    println!(
        "{}",
        emit_asm(&p, &Options::DEFAULT, Target::X86_64).unwrap()
    );
    println!(
        "{}",
        emit_asm(&p, &Options::DEFAULT, Target::Aarch64).unwrap()
    );
}

/// `f(x, y int) int` computing `body` over locals 0 (x) and 1 (y); main does nothing.
pub(crate) fn binop_prog(op: BinOp, rhs_const: Option<i64>) -> Program {
    let r = match rhs_const {
        Some(c) => int(c),
        None => loc(1, Type::Int),
    };
    let f = func(
        "f",
        vec![
            local("x", Type::Int),
            local("y", Type::Int),
            local("", Type::Int),
        ],
        2,
        vec![Type::Int],
        vec![Stmt::Return(vec![bin(op, loc(0, Type::Int), r)])],
    );
    let arr = Type::Array(3, Box::new(Type::Int));
    let idx = func(
        "idx",
        vec![
            local("i", Type::Int),
            local("", Type::Int),
            local("a", arr.clone()),
        ],
        1,
        vec![Type::Int],
        vec![
            Stmt::Zero(LocalId(2)),
            Stmt::Return(vec![e(
                ExprKind::Index(Box::new(loc(2, arr)), Box::new(loc(0, Type::Int))),
                Type::Int,
            )]),
        ],
    );
    let main = func("main", vec![], 0, vec![], vec![]);
    let init = func("init$", vec![], 0, vec![], vec![]);
    Program {
        globals: vec![],
        funcs: vec![f, idx, main, init],
        main: FuncId(2),
        init: FuncId(3),
    }
}

fn arr(n: u64, t: Type) -> Type {
    Type::Array(n, Box::new(t))
}

#[test]
fn bool_is_one_byte_in_memory() {
    assert_eq!(type_size(&Type::Bool), 1);
    assert_eq!(type_align(&Type::Bool), 1);
    assert_eq!(type_size(&arr(3, Type::Bool)), 3);
    assert_eq!(type_size(&arr(4, arr(3, Type::Bool))), 12);
    assert_eq!(type_align(&arr(4, arr(3, Type::Bool))), 1);
    assert_eq!(type_size(&arr(8192, Type::Bool)), 8192);
    assert_eq!(type_size(&arr(2, Type::Int)), 16);
    assert_eq!(type_align(&arr(2, arr(1, Type::Int))), 8);
    assert_eq!(type_size(&Type::Pointer(Box::new(Type::Bool))), 8);
}

#[test]
fn globals_are_aligned_to_their_types() {
    let g = |ty: Type| Global {
        pos: Pos::default(),
        name: "g".into(),
        ty,
    };
    let mut p = binop_prog(BinOp::Add, None);
    p.globals = vec![
        g(Type::Bool),
        g(Type::Int),
        g(arr(3, Type::Bool)),
        g(Type::Bool),
        g(arr(2, Type::Int)),
        g(arr(3, arr(5, Type::Bool))),
        g(Type::Int),
    ];
    let l = Layout::new(&p).unwrap();
    assert_eq!(l.global_offsets, vec![0, 8, 16, 19, 24, 40, 56]);
    assert_eq!(l.globals_size, 64);
}

#[test]
fn result_area_words_and_inline_arrays() {
    let abi = FuncAbi::new(
        &[],
        &[
            arr(3, Type::Bool),
            Type::Bool,
            Type::Int,
            arr(17, Type::Bool),
            Type::Bool,
        ],
    );
    assert!(!abi.ret_in_regs);
    assert_eq!(abi.result_offsets, vec![0, 8, 16, 24, 48]);
    assert_eq!(abi.result_area_size, 56);
    let abi = FuncAbi::new(&[], &[arr(3, Type::Bool), arr(5, Type::Bool)]);
    assert_eq!(abi.result_offsets, vec![0, 8]);
    assert_eq!(abi.result_area_size, 16);
}

#[test]
fn block_chunks_cover_exactly_the_object() {
    use super::lower::chunks;
    for max in [8u64, 16] {
        for bytes in 0..=300u64 {
            for from in (0..=bytes).step_by(max as usize) {
                let cs = chunks(from, bytes, max);
                let mut covered = vec![false; bytes as usize];
                for &(off, w) in &cs {
                    assert!(w.is_power_of_two() && w <= max, "{bytes}: width {w}");
                    assert!(off + w <= bytes, "{bytes}: {off}+{w} outside");
                    for c in &mut covered[off as usize..(off + w) as usize] {
                        *c = true;
                    }
                }
                assert!(
                    covered[from as usize..].iter().all(|&c| c),
                    "{bytes} from {from}: {cs:?}"
                );
                let whole = (bytes - from) / max;
                assert!(cs.len() as u64 <= whole + 2, "{bytes}: {cs:?}");
                if bytes.is_multiple_of(8) {
                    // int arrays: whole words at multiples of 8, as before bools shrank.
                    assert!(
                        cs.iter().all(|&(off, w)| off.is_multiple_of(8) && w >= 8),
                        "{cs:?}"
                    );
                }
            }
        }
    }
    assert_eq!(chunks(0, 3, 16), vec![(0, 2), (1, 2)]);
    assert_eq!(chunks(0, 17, 16), vec![(0, 16), (16, 1)]);
    assert_eq!(chunks(0, 31, 16), vec![(0, 16), (15, 16)]);
    assert_eq!(chunks(0, 100, 8).last(), Some(&(96, 4)));
    assert_eq!(chunks(96, 100, 8), vec![(96, 4)]);
}

/// The disassembly of function `name` of Go program `src`, compiled for `target` as for
/// the fixed strategy (optimized).
fn fixed_asm_of(src: &str, name: &str, target: Target) -> String {
    let opts = crate::CompileOptions::for_strategy(crate::Strategy::Fixed);
    let asm = crate::emit_asm("t.go", src, target, &opts).unwrap();
    let start = asm
        .find(&format!("; func {name} ("))
        .unwrap_or_else(|| panic!("no function {name} in {asm}"));
    let rest = &asm[start..];
    rest[..rest.find("\n\n").unwrap_or(rest.len())].to_string()
}

const COLLATZ: &str = "package main

func steps(n int) int {
	s := 0
	for n != 1 {
		if n%2 == 0 {
			n /= 2
		} else {
			n = 3*n + 1
		}
		s++
	}
	return s
}

func main() {
	println(steps(27))
}
";

#[test]
fn remainder_by_two_compared_with_zero_is_a_bit_test() {
    let x86 = fixed_asm_of(COLLATZ, "steps", Target::X86_64);
    assert!(x86.contains("testq $1, %rdi"), "{x86}");
    // No remainder: its sign correction masks with -2.
    assert!(!x86.contains("$0xfffffffffffffffe"), "{x86}");
    let a64 = fixed_asm_of(COLLATZ, "steps", Target::Aarch64);
    // The low bit, tested where the select needs it: `and xN, xM, #1`, nothing more.
    assert!(
        a64.lines()
            .any(|l| l.trim().starts_with("and ") && l.ends_with(", #1")),
        "{a64}"
    );
    assert!(!a64.contains("sdiv") && !a64.contains("msub"), "{a64}");
    assert!(!a64.contains("#0xfffffffffffffffe"), "{a64}");
}

#[test]
fn multiplication_by_three_is_a_shift_and_add() {
    let x86 = fixed_asm_of(COLLATZ, "steps", Target::X86_64);
    assert!(!x86.contains("imul"), "{x86}");
    assert!(x86.contains("(%rdi, %rdi, 2)"), "{x86}");
    let a64 = fixed_asm_of(COLLATZ, "steps", Target::Aarch64);
    assert!(!a64.contains("mul"), "{a64}");
    assert!(a64.contains("lsl #1"), "{a64}");
}

/// Collatz's loop with a global counted in one arm: a store, so the `if` stays a branch.
const COLLATZ_COUNTED: &str = "package main

var odd int

func steps(n int) int {
	s := 0
	for n != 1 {
		if n%2 == 0 {
			n /= 2
		} else {
			n = 3*n + 1
			odd++
		}
		s++
	}
	return s
}

func main() {
	println(steps(27), odd)
}
";

#[test]
fn loop_tail_is_duplicated_into_the_arms_of_its_last_if() {
    // `s++` and the test `n != 1` end both arms: two increments of the count and two
    // conditional branches back, no shared latch.
    let x86 = fixed_asm_of(COLLATZ_COUNTED, "steps", Target::X86_64);
    assert_eq!(x86.matches("addq $1, %rax").count(), 2, "{x86}");
    assert_eq!(x86.matches("jne 0x").count(), 2, "{x86}");
    assert!(!x86.contains("cmov"), "{x86}");
}

/// The `if`s lowered as selects, with Go's output in `tests/programs`.
const IF_SELECT: &str = include_str!("../../tests/programs/if_select.go");

#[test]
fn an_if_that_only_assigns_registers_is_a_conditional_move() {
    // Collatz's parity test decides which of `n/2` and `3n+1` is kept: both are computed
    // and a `cmov`/`csel` picks one; the loop's only conditional branch is its test.
    let x86 = fixed_asm_of(COLLATZ, "steps", Target::X86_64);
    assert_eq!(x86.matches("cmoveq").count(), 1, "{x86}");
    assert_eq!(
        x86.matches("\n  j").count() - x86.matches("\n  jmp").count(),
        2,
        "{x86}"
    );
    let a64 = fixed_asm_of(COLLATZ, "steps", Target::Aarch64);
    assert_eq!(a64.matches("csel").count(), 1, "{a64}");
    // `best, arg = s, i` under `if s > best`: two moves on the one comparison (and
    // collatz's, inlined); the programs test checks the values against Go's.
    let x86 = fixed_asm_of(IF_SELECT, "longest", Target::X86_64);
    assert_eq!(x86.matches("cmovg").count(), 2, "{x86}");
    assert_eq!(x86.matches("cmov").count(), 3, "{x86}");
}

#[test]
fn rotated_loop_tests_its_condition_before_and_after_the_body() {
    let src = "package main

func sum(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i
	}
	return s
}

func main() {
	println(sum(10))
}
";
    let x86 = fixed_asm_of(src, "sum", Target::X86_64);
    // Once before the first iteration (`i < n` with i = 0), once at the end of each.
    assert!(x86.contains("testq %rdi, %rdi"), "{x86}");
    assert!(x86.contains("cmpq %rdi,"), "{x86}");
}

#[test]
fn sieve_stores_and_tests_one_byte() {
    let src = "package main

func sieve(n int) int {
	var composite [4096]bool
	count := 0
	for i := 2; i < n; i++ {
		if !composite[i] {
			count++
			for j := i * i; j < n; j += i {
				composite[j] = true
			}
		}
	}
	return count
}

func main() {
	println(sieve(4096))
}
";
    let x86 = fixed_asm_of(src, "sieve", Target::X86_64);
    assert!(x86.contains("movb $1, ("), "{x86}");
    assert!(x86.contains("movzbq ("), "{x86}");
    // `!composite[i]` branches on the byte itself, no `xor` with 1.
    assert!(!x86.contains("xorq $1"), "{x86}");
    let a64 = fixed_asm_of(src, "sieve", Target::Aarch64);
    assert!(a64.contains("strb"), "{a64}");
    assert!(a64.contains("ldrb"), "{a64}");
}

#[test]
fn exact_halving_after_a_parity_test_is_one_shift() {
    // In the arm where `n%2 == 0` held, `n /= 2` is exact: `sar`, without the rounding
    // correction of a signed division (`shr $63; add`).
    let x86 = fixed_asm_of(COLLATZ, "steps", Target::X86_64);
    assert!(x86.contains("sarq $1, %r"), "{x86}");
    assert!(!x86.contains("shrq $0x3f"), "{x86}");
    let a64 = fixed_asm_of(COLLATZ, "steps", Target::Aarch64);
    assert!(a64.contains("asr"), "{a64}");
    assert!(!a64.contains("lsr"), "{a64}");
}

/// A quicksort partition over `[64]int` (`N = 64`, compared as `$0x40`), among other
/// remembered-check cases whose output Go checks in `tests/programs`.
const PARTITION: &str = include_str!("../../tests/programs/bounds_remembered.go");

#[test]
fn an_index_checked_by_a_loop_condition_is_not_checked_again_after_the_loop() {
    // Five checks against N (0x40): `a[(lo+hi)/2]`, and each inner loop's condition
    // before its first iteration and at the end of each. The swap after the loops
    // checks nothing: both indices passed their loop's condition.
    let x86 = fixed_asm_of(PARTITION, "partition", Target::X86_64);
    assert_eq!(x86.matches("cmpq $0x40,").count(), 5, "{x86}");
    let a64 = fixed_asm_of(PARTITION, "partition", Target::Aarch64);
    let cmps = a64
        .lines()
        .filter(|l| l.trim_start().starts_with("cmp") && l.contains("#0x40"))
        .count();
    assert_eq!(cmps, 5, "{a64}");
}

#[test]
fn a_loop_index_moves_between_no_registers() {
    // Each inner loop is six instructions (step, compare with N, branch to the panic,
    // load, compare, branch back), as Go's: no register copies of the index. The
    // index was asked for in the panic call's argument register and, before the panic
    // operands went through the context, the allocator copied it into another register
    // before the back branch and back after it (`mov rdx, r10; ...; mov r10, rdx; jmp`).
    let x86 = fixed_asm_of(PARTITION, "partition", Target::X86_64);
    // From the load of the pivot to the return: the loops and the swap.
    let from = x86.find("movq (%rdi").expect("the pivot's load");
    let hot = &x86[from..x86.find("retq").expect("a return")];
    let copies: Vec<&str> = hot
        .lines()
        .filter(|l| l.trim_start().starts_with("movq %r") && l.matches("%r").count() == 2)
        .filter(|l| !l.contains("%rsp") && !l.contains("%rbp"))
        .collect();
    assert!(copies.is_empty(), "{copies:?}\n{x86}");
    // One jump back: the outer loop's, after the swap.
    assert_eq!(hot.matches("jmp ").count(), 1, "{x86}");
}
