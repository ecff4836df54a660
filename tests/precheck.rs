//! Proves the stack ABI's reserve invariant from the machine code itself: for every
//! function of every test program (and example and benchmark program), on **both**
//! architectures (cross-compiled: this test does not run the code, so it checks AArch64
//! on an x86-64 host and the reverse), and for both kinds of code (relocatable, with the
//! relocation pass's spills and recomputed addresses, and optimized), nothing is written further below the caller's SP
//! than the program's reserve before the function's stack check branches.
//!
//! The scan does not trust Cranelift's frame layout (which is what the compiler sizes the
//! reserve from): it disassembles each function with capstone and follows its straight-
//! line prefix up to the check's conditional branch, tracking SP and the frame pointer
//! through `push`/`sub`/`stp ...!`/`mov fp, sp`, and records every store. A store through
//! any other base, a call, or anything else that moves SP before the check fails the
//! test, so a future Cranelift or code-generator change that writes below the reserve,
//! or in a way this scan cannot follow, is caught here. It also checks that:
//!
//! - a checking entry's own writes stay within its small frame (its frame record and the
//!   callee-saved registers it needs to carry stack arguments), and the body behind it
//!   never runs (or writes) below the SP the entry checked for (`fp - below_fp`);
//! - every compiled function's measured depth is at most its frame-layout depth;
//! - a small leaf compiled without a check (`Role::Leaf`) names no generated function
//!   and its whole frame, plus the return address of a host call, fits the reserve;
//! - an entry trampoline's frame is small (it runs at the top of a fresh stack).
//!
//! One trial per program and architecture: `precheck::x86_64::NAME`,
//! `precheck::aarch64::NAME`.

use capstone::prelude::*;
use libtest_mimic::{Arguments, Failed, Trial};
use morestack::codegen::machine::{Disassemble, MachFunc, Role};
use morestack::codegen::{compile_for, Options, Target};
use std::path::{Path, PathBuf};

/// The largest frame an entry trampoline may have (it runs at the top of a stack of at
/// least `MIN_STACK_MIN` = 2 KiB, above the reserve of at most `MAX_RESERVE` = 1 KiB).
const ENTRY_FRAME_MAX: i64 = 256;

/// The most a checking entry may write before its check: its 16-byte frame record and
/// up to six callee-saved registers (when the body has stack-passed arguments that the
/// entry loads and stores back for its tail call). It counts in the reserve too.
const ENTRY_CHECK_MAX: i64 = 16 + 6 * 8;

/// What the scan of a function's straight-line prefix found.
#[derive(Debug, Default)]
struct Scan {
    /// Lowest byte written, relative to the caller's SP (negative or 0).
    lowest_write: i64,
    /// Lowest SP reached, relative to the caller's SP.
    lowest_sp: i64,
    /// The frame pointer (relative to the caller's SP), once set.
    fp: Option<i64>,
    /// Whether the scan reached a conditional branch (the check).
    branched: bool,
    /// Instructions scanned.
    insns: usize,
}

fn cs_for(t: Target) -> Capstone {
    match t {
        Target::X86_64 => Capstone::new()
            .x86()
            .mode(arch::x86::ArchMode::Mode64)
            .syntax(arch::x86::ArchSyntax::Intel)
            .build()
            .unwrap(),
        Target::Aarch64 => Capstone::new()
            .arm64()
            .mode(arch::arm64::ArchMode::Arm)
            .build()
            .unwrap(),
    }
}

/// Parses an immediate as capstone prints it (`0x10`, `16`, `-0x10`, `#0x10`).
fn imm(s: &str) -> Option<i64> {
    let s = s.trim().trim_start_matches('#');
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let v = if let Some(h) = s.strip_prefix("0x") {
        i64::from_str_radix(h, 16).ok()?
    } else {
        s.parse().ok()?
    };
    Some(if neg { -v } else { v })
}

/// Splits an operand string at top-level commas (not inside `[...]`).
fn operands(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth == 0 {
            out.push(cur.trim().to_string());
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// x86-64: follows the prefix of `code` up to the first conditional branch (or, with
/// `to_branch == false`, up to the first call, branch or return).
fn scan_x86(code: &[u8], to_branch: bool, s: &mut Scan) -> Result<(), String> {
    let cs = cs_for(Target::X86_64);
    let insns = cs.disasm_all(code, 0).map_err(|e| e.to_string())?;
    // Relative to the caller's SP: the call pushed the return address.
    let mut sp: i64 = -8;
    *s = Scan {
        lowest_write: -8,
        lowest_sp: -8,
        ..Scan::default()
    };
    for i in insns.iter() {
        s.insns += 1;
        let m = i.mnemonic().unwrap_or("");
        let ops = operands(i.op_str().unwrap_or(""));
        let text = format!("{m} {}", i.op_str().unwrap_or(""));
        if m.starts_with('j') && m != "jmp" {
            s.branched = true;
            return Ok(());
        }
        if m == "call" || m == "jmp" || m == "ret" || m == "ud2" {
            if to_branch {
                return Err(format!("`{text}` before the stack check"));
            }
            return Ok(());
        }
        if matches!(m, "cmp" | "test") {
            continue;
        }
        match (
            m,
            ops.first().map(String::as_str),
            ops.get(1).map(String::as_str),
        ) {
            ("push", _, _) => {
                sp -= 8;
                s.lowest_write = s.lowest_write.min(sp);
            }
            ("sub", Some("rsp"), Some(v)) => {
                sp -= imm(v).ok_or_else(|| format!("`{text}`: not an immediate"))?
            }
            ("add", Some("rsp"), Some(v)) => {
                sp += imm(v).ok_or_else(|| format!("`{text}`: not an immediate"))?
            }
            ("mov", Some("rbp"), Some("rsp")) => s.fp = Some(sp),
            (_, Some("rsp"), _) => return Err(format!("`{text}` changes rsp")),
            (_, Some("rbp"), _) => return Err(format!("`{text}` changes rbp")),
            _ => {}
        }
        s.lowest_sp = s.lowest_sp.min(sp);
        // A memory destination (Intel syntax: the first operand) is a write, except for
        // the instructions that only read it.
        if let Some(dst) = ops.first() {
            if let Some(open) = dst.find('[') {
                if matches!(m, "cmp" | "test" | "lea" | "prefetcht0" | "nop") {
                    continue;
                }
                let size = if dst.starts_with("qword") {
                    8
                } else if dst.starts_with("dword") {
                    4
                } else if dst.starts_with("word") {
                    2
                } else if dst.starts_with("byte") {
                    1
                } else if dst.starts_with("xmmword") {
                    16
                } else if dst.starts_with("ymmword") {
                    32
                } else {
                    return Err(format!("`{text}`: unknown operand size"));
                };
                let inner = &dst[open + 1..dst.rfind(']').unwrap()];
                let (base, disp) = match inner.find(['+', '-']) {
                    Some(k) => {
                        let d = imm(&inner[k + 1..]).ok_or_else(|| format!("`{text}`"))?;
                        (
                            inner[..k].trim(),
                            if &inner[k..k + 1] == "-" { -d } else { d },
                        )
                    }
                    None => (inner.trim(), 0),
                };
                let addr = match base {
                    "rsp" => sp + disp,
                    "rbp" => s.fp.ok_or_else(|| format!("`{text}` before rbp is set"))? + disp,
                    _ => return Err(format!("`{text}`: a store through {base} before the check")),
                };
                let _ = size;
                s.lowest_write = s.lowest_write.min(addr);
            }
        }
    }
    Ok(())
}

/// AArch64: as [`scan_x86`].
fn scan_aarch64(code: &[u8], to_branch: bool, s: &mut Scan) -> Result<(), String> {
    let cs = cs_for(Target::Aarch64);
    let insns = cs.disasm_all(code, 0).map_err(|e| e.to_string())?;
    let mut sp: i64 = 0;
    *s = Scan::default();
    // Registers holding a known constant or a known stack address (relative value).
    let mut consts: std::collections::HashMap<String, i64> = Default::default();
    let mut addrs: std::collections::HashMap<String, i64> = Default::default();
    for i in insns.iter() {
        s.insns += 1;
        let m = i.mnemonic().unwrap_or("");
        let raw = i.op_str().unwrap_or("");
        // w16 is the low half of x16: track both under the x name.
        let ops: Vec<String> = operands(raw)
            .into_iter()
            .map(|o| match o.strip_prefix('w') {
                Some(n) if n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty() => {
                    format!("x{n}")
                }
                _ => o,
            })
            .collect();
        let text = format!("{m} {raw}");
        if m.starts_with("b.") || matches!(m, "cbz" | "cbnz" | "tbz" | "tbnz") {
            s.branched = true;
            return Ok(());
        }
        if matches!(m, "bl" | "blr" | "b" | "br" | "ret" | "udf" | "brk") {
            if to_branch {
                return Err(format!("`{text}` before the stack check"));
            }
            return Ok(());
        }
        if matches!(m, "cmp" | "cmn" | "tst") {
            // Flags only (`cmp sp, x17` reads SP).
            continue;
        }
        let op = |k: usize| ops.get(k).map(String::as_str);
        match m {
            "stp" | "str" | "stur" | "strb" | "strh" | "sturb" | "sturh" => {
                let regsize = |r: &str| match r.chars().next() {
                    Some('x') | Some('d') => 8,
                    Some('w') | Some('s') => 4,
                    Some('q') => 16,
                    Some('h') => 2,
                    Some('b') => 1,
                    _ => 8,
                };
                let n = if m == "stp" { 2 } else { 1 };
                let size = match m {
                    "strb" | "sturb" => 1,
                    "strh" | "sturh" => 2,
                    _ => regsize(op(0).unwrap_or("x")) * n,
                };
                let mem_k = raw.find('[').ok_or_else(|| format!("`{text}`"))?;
                let close = raw.find(']').unwrap();
                let inner = &raw[mem_k + 1..close];
                let parts: Vec<&str> = inner.split(',').map(str::trim).collect();
                let base = parts[0];
                let disp = match parts.get(1) {
                    Some(d) => imm(d).ok_or_else(|| format!("`{text}`: register offset"))?,
                    None => 0,
                };
                let pre = raw[close..].starts_with("]!");
                let post = raw[close + 1..].trim_start().starts_with(',');
                let base_val = match base {
                    "sp" => sp,
                    "x29" => s.fp.ok_or_else(|| format!("`{text}` before x29 is set"))?,
                    r => *addrs
                        .get(r)
                        .ok_or_else(|| format!("`{text}`: a store through {r} before the check"))?,
                };
                let addr = if post { base_val } else { base_val + disp };
                s.lowest_write = s.lowest_write.min(addr);
                let _ = size;
                if (pre || post) && base == "sp" {
                    let post_imm = if post {
                        imm(raw[close + 1..].trim_start().trim_start_matches(',').trim())
                            .ok_or_else(|| format!("`{text}`"))?
                    } else {
                        disp
                    };
                    sp += post_imm;
                } else if pre || post {
                    return Err(format!("`{text}`: writeback to {base}"));
                }
            }
            "sub" | "add" if op(0) == Some("sp") => {
                let delta = if let Some(v) = op(2).and_then(imm) {
                    let shift = match op(3) {
                        Some(sh) if sh.starts_with("lsl") => {
                            imm(sh.trim_start_matches("lsl").trim()).unwrap_or(0)
                        }
                        _ => 0,
                    };
                    v << shift
                } else if let Some(r) = op(2) {
                    *consts
                        .get(r)
                        .ok_or_else(|| format!("`{text}`: unknown register value"))?
                } else {
                    return Err(format!("`{text}`"));
                };
                if op(1) != Some("sp") {
                    return Err(format!("`{text}`: sp from another register"));
                }
                sp += if m == "sub" { -delta } else { delta };
            }
            "mov" if op(0) == Some("x29") && op(1) == Some("sp") => s.fp = Some(sp),
            "mov" | "movz" if op(1).and_then(imm).is_some() => {
                let r = op(0).unwrap().to_string();
                let mut v = imm(op(1).unwrap()).unwrap();
                if let Some(sh) = op(2).filter(|s| s.starts_with("lsl")) {
                    v <<= imm(sh.trim_start_matches("lsl").trim()).unwrap_or(0);
                }
                addrs.remove(&r);
                consts.insert(r, v);
            }
            "movk" => {
                let r = op(0).unwrap().to_string();
                let mut v = imm(op(1).unwrap_or("")).ok_or_else(|| format!("`{text}`"))?;
                let mut sh = 0;
                if let Some(s2) = op(2).filter(|s| s.starts_with("lsl")) {
                    sh = imm(s2.trim_start_matches("lsl").trim()).unwrap_or(0);
                }
                v <<= sh;
                let old = consts.get(&r).copied().unwrap_or(0);
                consts.insert(r, (old & !(0xffff << sh)) | v);
            }
            "add" | "sub" if op(1) == Some("sp") || op(1) == Some("x29") => {
                let base = if op(1) == Some("sp") {
                    sp
                } else {
                    s.fp.ok_or_else(|| format!("`{text}` before x29 is set"))?
                };
                let d = op(2)
                    .and_then(imm)
                    .or_else(|| op(2).and_then(|r| consts.get(r).copied()))
                    .ok_or_else(|| format!("`{text}`"))?;
                let r = op(0).unwrap().to_string();
                consts.remove(&r);
                addrs.insert(r, if m == "add" { base + d } else { base - d });
            }
            _ => {
                if op(0) == Some("sp") || op(0) == Some("x29") {
                    return Err(format!("`{text}` changes {}", op(0).unwrap()));
                }
                if let Some(r) = op(0) {
                    consts.remove(r);
                    addrs.remove(r);
                }
            }
        }
        s.lowest_sp = s.lowest_sp.min(sp);
    }
    Ok(())
}

/// Scans `code`: with `to_branch`, up to the stack check's conditional branch, failing
/// on anything it cannot follow; otherwise (a body: no check) its prologue, stopping at
/// the first call, branch or store it cannot place (after the prologue SP is final, and
/// Cranelift never writes below SP).
fn scan(t: Target, code: &[u8], to_branch: bool) -> Result<Scan, String> {
    let mut out = Scan::default();
    let r = match t {
        Target::X86_64 => scan_x86(code, to_branch, &mut out),
        Target::Aarch64 => scan_aarch64(code, to_branch, &mut out),
    };
    match r {
        Ok(()) => Ok(out),
        Err(_) if !to_branch => Ok(out),
        Err(e) => Err(e),
    }
}

/// Checks every function of one program for one target and both kinds of code.
fn check_program(go: &Path, t: Target) -> Result<(), Failed> {
    let src = std::fs::read_to_string(go).map_err(|e| e.to_string())?;
    let prog =
        morestack::check::check_program("p.go", &src).map_err(|d| format!("front end: {d:?}"))?;
    let mut problems = Vec::new();
    for relocatable in [false, true] {
        let opts = Options {
            relocatable,
            ..Options::DEFAULT
        };
        let (mp, tramp) = compile_for(&prog, &opts, Some(t), Disassemble::No)
            .map_err(|e| format!("compile: {e}"))?;
        let reserve = i64::from(mp.reserve);
        let kind = if relocatable {
            "relocatable"
        } else {
            "optimized"
        };
        let by_index = |i: u32| mp.funcs.iter().find(|m| m.index == i);
        // What may run below a body's SP: a callee's return address (counted as 16
        // bytes), or a small leaf's frame and a host call's return address.
        let slack = i64::from(morestack::codegen::machine::HOST_CALL_SLACK);
        let below_body = mp
            .funcs
            .iter()
            .filter(|m| m.role == Role::Leaf)
            .map(|m| i64::from(m.frame) + slack)
            .fold(16, i64::max);
        for m in &mp.funcs {
            let r = check_func(t, m, reserve, &by_index).and_then(|()| {
                // A function that compares SP itself with the guard runs its body up to
                // its frame below the guard: the reserve must cover that and what runs
                // below the body.
                let frame = i64::from(m.frame);
                if m.role == Role::CheckFirst
                    && morestack::codegen::machine::compares_sp_directly(m.frame)
                    && frame + below_body > reserve
                {
                    return Err(format!(
                        "direct check: frame {frame} + {below_body} below it exceeds the reserve {reserve}"
                    ));
                }
                Ok(())
            });
            if let Err(e) = r {
                problems.push(format!("{kind} {} ({:?}): {e}", m.name, m.role));
            }
        }
        match scan(t, &tramp.code, false) {
            Ok(s) if -s.lowest_sp.min(s.lowest_write) <= ENTRY_FRAME_MAX => {}
            Ok(s) => problems.push(format!(
                "{kind} entry trampoline writes {} bytes deep (at most {ENTRY_FRAME_MAX})",
                -s.lowest_sp.min(s.lowest_write)
            )),
            Err(e) => problems.push(format!("{kind} entry trampoline: {e}")),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n").into())
    }
}

fn check_func<'a>(
    t: Target,
    m: &MachFunc,
    reserve: i64,
    by_index: &dyn Fn(u32) -> Option<&'a MachFunc>,
) -> Result<(), String> {
    let frame = i64::from(m.frame);
    match m.role {
        Role::Checked | Role::Entry { .. } => {
            let s = scan(t, &m.code, true)?;
            if !s.branched {
                return Err("no conditional branch (stack check) found".into());
            }
            let depth = -s.lowest_write.min(s.lowest_sp);
            if depth > reserve {
                return Err(format!(
                    "writes {depth} bytes below the caller's SP before its check; the reserve is {reserve}"
                ));
            }
            if depth > frame {
                return Err(format!(
                    "writes {depth} bytes deep before its check, more than its frame layout's {frame}"
                ));
            }
            if let Role::Entry { body } = m.role {
                // Its frame record, and the callee-saved registers it needs when it
                // carries stack-passed arguments across its check.
                if depth > ENTRY_CHECK_MAX {
                    return Err(format!(
                        "checking entry writes {depth} bytes, more than {ENTRY_CHECK_MAX}"
                    ));
                }
                let b = by_index(body).ok_or("body not found")?;
                // The body's straight-line prefix (its prologue and whatever follows up to
                // the first call or branch) never goes below fp - below_fp, the SP the
                // entry checked for; and its frame pointer is where the entry's was.
                let bs = scan(t, &b.code, false)?;
                let bdepth = -bs.lowest_write.min(bs.lowest_sp);
                if bdepth > i64::from(b.frame) {
                    return Err(format!(
                        "its body goes {bdepth} bytes deep, below the {} its entry checks for",
                        b.frame
                    ));
                }
                // A directly written entry (`prologue::direct_entry`, for bodies with many
                // stack-passed arguments) sets no frame pointer: it computes the body's SP
                // from its own, assuming the body's frame record right below the caller's
                // SP, and writes nothing before its check.
                if s.fp.is_none() && bs.fp == Some(-16) && -s.lowest_write <= 8 {
                    return Ok(());
                }
                if bs.fp != s.fp || bs.fp.is_none() {
                    return Err(format!(
                        "frame pointer of the body ({:?}) differs from the entry's ({:?})",
                        bs.fp, s.fp
                    ));
                }
            }
            Ok(())
        }
        Role::CheckFirst => {
            // The check comes first: nothing at all is written, and SP does not move,
            // before it branches; and the body after it (its prologue and whatever
            // follows up to the first call or branch) stays within the frame the check
            // covered.
            let s = scan(t, &m.code, true)?;
            if !s.branched {
                return Err("no conditional branch (stack check) found".into());
            }
            // (On x86-64 the scan counts the return address the call pushed, at -8.)
            if -s.lowest_write.min(s.lowest_sp) > 8 {
                return Err(format!(
                    "writes or moves SP before its check: {s:?} (it should do neither)"
                ));
            }
            let b = &m.code[m.body_at as usize..];
            let bs = scan(t, b, false)?;
            let bdepth = -bs.lowest_write.min(bs.lowest_sp);
            if bdepth > frame {
                return Err(format!(
                    "its body goes {bdepth} bytes deep, below the {frame} its check covers"
                ));
            }
            Ok(())
        }
        Role::Leaf => {
            // No check at all: the whole frame must fit in the reserve, with the return
            // address of a host call below it, and the function must call no generated
            // function (only the host-call thunk, through a register).
            let s = scan(t, &m.code, false)?;
            let depth = -s.lowest_write.min(s.lowest_sp);
            if depth > frame {
                return Err(format!(
                    "leaf goes {depth} bytes deep, more than its frame layout's {frame}"
                ));
            }
            let slack = i64::from(morestack::codegen::machine::HOST_CALL_SLACK);
            if frame + slack > reserve {
                return Err(format!(
                    "leaf frame {frame} (+{slack}) does not fit the reserve {reserve}"
                ));
            }
            if frame > i64::from(morestack::codegen::machine::MAX_LEAF_FRAME) {
                return Err(format!("leaf frame {frame} above the leaf limit"));
            }
            for r in &m.relocs {
                if let cranelift_module::ModuleRelocTarget::User {
                    namespace: 0,
                    index,
                } = r.name
                {
                    return Err(format!("leaf refers to generated function u0:{index}"));
                }
            }
            Ok(())
        }
        Role::Body | Role::Unchecked => Ok(()),
    }
}

fn go_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "go"))
            .collect(),
        Err(_) => Vec::new(),
    };
    v.sort();
    v
}

/// The scanner itself must see what it is meant to see: a store below the reserve
/// before the check is reported, and so is a store through an unknown register.
fn selftest() -> Result<(), Failed> {
    // push rbp; mov rbp, rsp; sub rsp, 0x290; mov [rsp], rdx; cmp rsp, [r15]; jb +0
    let x86: &[u8] = &[
        0x55, 0x48, 0x89, 0xe5, 0x48, 0x81, 0xec, 0x90, 0x02, 0x00, 0x00, 0x48, 0x89, 0x14, 0x24,
        0x49, 0x3b, 0x27, 0x72, 0x00,
    ];
    let s = scan(Target::X86_64, x86, true)?;
    assert!(s.branched);
    assert_eq!(s.fp, Some(-16));
    assert_eq!(s.lowest_write, -16 - 0x290);
    // mov [rax], rdx before the check
    let bad: &[u8] = &[0x48, 0x89, 0x10, 0x72, 0x00];
    assert!(scan(Target::X86_64, bad, true).is_err());
    // stp x29, x30, [sp, #-16]!; mov x29, sp; sub sp, sp, #0x290; str x2, [sp]; b.lo +0
    let a64: &[u8] = &[
        0xfd, 0x7b, 0xbf, 0xa9, 0xfd, 0x03, 0x00, 0x91, 0xff, 0x43, 0x0a, 0xd1, 0xe2, 0x03, 0x00,
        0xf9, 0x03, 0x00, 0x00, 0x54,
    ];
    let s = scan(Target::Aarch64, a64, true)?;
    assert!(s.branched, "{s:?}");
    assert_eq!(s.fp, Some(-16));
    assert_eq!(s.lowest_write, -16 - 0x290);
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = go_files(&root.join("tests/programs"));
    files.extend(go_files(&root.join("examples")));
    files.extend(go_files(&root.join("benches/programs")));
    files.extend(go_files(&root.join("tests/goroutines")));
    let mut trials = vec![Trial::test("precheck::selftest", selftest)];
    for t in [Target::X86_64, Target::Aarch64] {
        let tn = match t {
            Target::X86_64 => "x86_64",
            Target::Aarch64 => "aarch64",
        };
        for go in &files {
            let name = go.file_stem().unwrap().to_string_lossy().to_string();
            let dir = go.parent().unwrap().file_name().unwrap().to_string_lossy();
            let go = go.clone();
            // Programs outside the language are skipped.
            let src = std::fs::read_to_string(&go).unwrap_or_default();
            if morestack::check("p.go", &src).is_err() {
                continue;
            }
            trials.push(Trial::test(
                format!("precheck::{tn}::{dir}::{name}"),
                // The front end and Cranelift recurse over a program's nesting (a
                // 700-operand sum in overflow_precheck_spill700): give them the stack
                // `morestack::compile` gives them.
                move || {
                    std::thread::Builder::new()
                        .stack_size(64 << 20)
                        .spawn(move || check_program(&go, t))
                        .unwrap()
                        .join()
                        .unwrap_or_else(|_| Err("the check panicked".into()))
                },
            ));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}
