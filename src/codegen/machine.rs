//! From Cranelift IR to machine code, with every function's stack check placed where it
//! guards every byte the function writes, its **pre-check depth** measured from what
//! Cranelift produced, and the stack reserve the program needs.
//!
//! # The check before the frame
//!
//! Cranelift emits its prologue before any code of ours: a check written in the IR runs
//! after the prologue has pushed the frame record and callee-saved registers and moved SP
//! below the whole frame, and after the register allocator's spills of the parameters
//! (and, in relocatable code, the relocation pass's stores of pointer parameters into
//! their stack-map slots) may already have been written anywhere in that frame. So every
//! function is compiled **without** a check in its IR, and the check goes in front of its
//! machine code ([`Role::CheckFirst`], [`super::prologue::check_before_frame`]): it
//! compares the SP the body will run at, known exactly from the compiled frame
//! (`frame_to_fp_offset`), with the guard, before anything of the frame is written, and
//! falls through into Cranelift's code; the cold path after the body sends the function,
//! untouched, to morestack. This is Go's order (its prologue checks before it allocates
//! the frame), and costs what Go's costs: `lea rax, [rsp - 8 - below_fp]; cmp rax, [r15];
//! jb` on x86-64 (Go: `cmp rsp, 16(r14); jbe`), `sub x16, sp, #d; ldr x17, [x21];
//! cmp x16, x17; b.lo` on AArch64. Such a function's *pre-check depth*, what it writes
//! below its caller's SP before its check, is the return address the call pushed: counted
//! as a 16-byte frame record. The runtime keeps the guard that many bytes (the
//! *reserve*) above the lowest usable byte of every stack, so those writes always land in
//! the current stack (the stack ABI in `morestack_runtime`'s docs states the invariant).
//!
//! # Early returns before the check
//!
//! A function whose body begins with *early returns* (`if n < 2 { return n }`: blocks
//! that compute only pure values and either return or go on, see
//! [`super::prologue::sink_stack_check`]) and whose whole frame is at most
//! [`MAX_DIRECT_FRAME`] bytes gets an inline check ([`Role::Checked`]) placed on the edge
//! that leaves its early returns instead: a call that takes an early return runs no
//! check at all (in `fib`, half of all calls), as a small leaf runs none. Its pre-check
//! depth is its whole frame (the early return runs Cranelift's prologue below the
//! caller's SP), within the small frames the reserve covers anyway. A failing check
//! restarts the function from its entry with its parameters untouched: nothing before
//! it had an effect. `MORESTACK_NO_EARLY_RETURNS` set turns this off (to measure).
//!
//! # Inline checks and checking entries (fallback)
//!
//! Where [`super::prologue::check_before_frame`] has no encoding (only an AArch64
//! function over 1 MiB of code, past `adr`'s range), or with the environment variable
//! `MORESTACK_INLINE_CHECK` set (to measure the difference), the check is in the IR
//! instead ([`Role::Checked`]) and the function's pre-check depth is its whole frame,
//! `frame_to_fp_offset + 16`. A function whose frame is larger than
//! [`MAX_INLINE_PRECHECK`] would then make the reserve of the whole program that large.
//! Instead its compiled code becomes a *body* (under another module index) behind a
//! *checking entry* ([`super::prologue::checking_entry`]): a tiny function that compares
//! the SP the body will run at with the guard before anything of the body's frame is
//! written, and tail-calls the body. Callers and morestack call the entry, whose own
//! pre-check depth is its small frame. The body keeps its inline check; it always
//! passes. (The embedding crate's `define_function` does the same for embedders, whose
//! functions carry their check in the IR.)
//!
//! # Small leaves
//!
//! A function that calls no compiled function once small leaf callees are inlined
//! (`super::analysis::is_leaf`; it may still call the runtime through the host-call
//! thunk, which switches to the system stack) and whose frame is at most
//! [`MAX_LEAF_FRAME`] bytes is compiled without a stack check ([`Role::Leaf`]), as Go
//! compiles its small leaves `NOSPLIT`: its caller's body runs at SP >= guard, so the
//! leaf's whole frame, and the return address a host call pushes below it
//! ([`HOST_CALL_SLACK`]), lie in the reserve, which counts them. Such a function is
//! compiled without its check first; if its frame turns out bigger, the same code gets
//! its check in front.
//!
//! The reserve of a program is the largest pre-check depth of its functions (and
//! checking entries), and of its small leaves' frames plus [`HOST_CALL_SLACK`], rounded
//! up to 16 bytes: never more than [`MAX_INLINE_PRECHECK`].
//! `tests/precheck.rs` verifies from the machine code itself, for every function of every
//! test program on both architectures, that nothing is written below that, and that a
//! function checked before its frame writes nothing and does not move SP before its
//! check.

use super::lower::lower_function;
use super::prologue::{
    check_before_frame, checking_entry, direct_entry, BeforeFrame, BodyFrame, CheckingEntry,
    ContextOffsets, MAX_ENTRY_FRAME,
};
use super::{func_name, CodegenError, HostAddrs, Layout, Options, Strings};
use crate::check::hir::{FuncId, Pos, Program};
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::ir::{self, UserExternalName};
use cranelift_codegen::isa::TargetIsa;
use cranelift_codegen::Context;
use cranelift_module::ModuleReloc;

/// Functions whose pre-check depth (frame size) exceeds this many bytes get a checking
/// entry; it is also the largest reserve a program can need
/// ([`morestack_runtime::MAX_RESERVE`]).
pub const MAX_INLINE_PRECHECK: u32 = morestack_runtime::MAX_RESERVE as u32;

/// Bytes of the frame record (saved frame pointer and return address) above the frame
/// pointer, included in every pre-check depth.
const FRAME_RECORD: u32 = 16;

/// A function that calls no generated function ([`super::analysis::is_leaf`], after
/// inlining) and whose frame is at most this many bytes is compiled without a stack check
/// ([`Role::Leaf`]), like Go's leaves within `StackSmall` (128 bytes).
pub const MAX_LEAF_FRAME: u32 = 128;

/// A function checked before its frame whose frame is at most this many bytes compares SP
/// itself with the guard ([`compares_sp_directly`]), as Go's functions within
/// `StackSmall` (128 bytes) do: one instruction fewer, and its body runs up to its frame
/// below the guard, which the reserve then covers.
pub const MAX_DIRECT_FRAME: u32 = 128;

/// Whether a function checked before its frame, with a frame of `frame` bytes, compares
/// SP directly with the guard (see [`MAX_DIRECT_FRAME`]).
pub fn compares_sp_directly(frame: u32) -> bool {
    frame <= MAX_DIRECT_FRAME
}

/// What a call to the host-call thunk writes below a function's SP on a program stack
/// (the return address, on x86-64), counted on top of a leaf's frame in the reserve.
pub const HOST_CALL_SLACK: u32 = 8;

/// What a compiled function is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A function with the stack check inline, after Cranelift's prologue.
    Checked,
    /// A function whose stack check runs before its frame
    /// ([`super::prologue::check_before_frame`]): nothing of it is written before the
    /// check, which covers its whole frame, so its pre-check depth is the return address
    /// its caller pushed (counted as a frame record).
    CheckFirst,
    /// A checking entry; `body` is the module index of the body it tail-calls.
    Entry {
        /// The body's module index.
        body: u32,
    },
    /// The body of a function with a checking entry (its inline check always passes).
    Body,
    /// A function compiled without a check (`--no-stack-check`).
    Unchecked,
    /// A small leaf compiled without a check: it calls no generated function and its
    /// frame is at most [`MAX_LEAF_FRAME`] bytes, so it runs in the reserve below the SP
    /// of its caller's body; the reserve covers its frame plus [`HOST_CALL_SLACK`].
    Leaf,
}

/// One function in machine code.
pub struct MachFunc {
    /// Its index in the module (`FuncId` of `cranelift_module`, `u0:index` in the IR).
    pub index: u32,
    /// Its name (`NAME`, or `NAME$body` for a body).
    pub name: String,
    /// What it is.
    pub role: Role,
    /// The machine code.
    pub code: Vec<u8>,
    /// Required alignment of the code.
    pub alignment: u64,
    /// Relocations, for `cranelift_module`.
    pub relocs: Vec<ModuleReloc>,
    /// Call sites with pointers into the stack live across them: (return-address offset,
    /// SP offsets of the stack-map slots holding them).
    pub stack_maps: Vec<(u32, Vec<u32>)>,
    /// Bytes of the frame below the frame pointer after the prologue.
    pub below_fp: u32,
    /// The frame's size below the caller's SP (`below_fp` + the frame record): the
    /// pre-check depth of a [`Role::Checked`] function or a checking entry.
    pub frame: u32,
    /// Where Cranelift's code starts in `code` ([`Role::CheckFirst`]: after the check;
    /// 0 otherwise).
    pub body_at: u32,
    /// The IR it was compiled from (as built, before Cranelift's optimizations).
    pub ir: ir::Function,
    /// The disassembly, when asked for ([`Disassemble`]).
    pub asm: Option<String>,
}

/// Whether [`compile_program`] and [`compile_ir`] also disassemble the code (for
/// `morestack emit --asm`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disassemble {
    /// No.
    No,
    /// Yes, with the ISA's capstone disassembler.
    Yes,
}

/// How [`compile_ir`] treats the stack addresses of a function (see [`super::reloc`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reloc<'a> {
    /// Compiled as the ISA says: code for fixed and segmented stacks, and code that holds
    /// no stack address (entry trampolines, checking entries).
    No,
    /// Relocatable code whose parameters at these indices are stack addresses: optimized,
    /// then made relocatable ([`super::reloc::optimize_relocatable`]), with the
    /// `opt_level=none` ISA of relocatable code.
    Pointers(&'a [usize]),
    /// Debugging only ([`Options::skip_reloc_pass`]): optimized without the relocation
    /// pass, which is unsound (stack addresses stay in registers across calls).
    Unsound,
}

/// A whole program in machine code.
pub struct MachProgram {
    /// Function `i` of the program is `funcs[i]` (module index `i`: the checked function
    /// or the checking entry callers use); the bodies of functions with checking entries
    /// follow, with module indices from `first_body_index` on.
    pub funcs: Vec<MachFunc>,
    /// The layout used.
    pub layout: Layout,
    /// The stack reserve the program needs: its largest pre-check depth, rounded up to 16
    /// bytes (0 without stack checks).
    pub reserve: u32,
    /// The function with the largest pre-check depth (its name and depth).
    pub deepest: Option<(String, u32)>,
}

/// Compiles one IR function with `isa` into machine code with module index `index`;
/// relocatable code (`reloc`) is optimized and made relocatable first.
#[allow(clippy::too_many_arguments)]
pub fn compile_ir(
    isa: &dyn TargetIsa,
    func: ir::Function,
    index: u32,
    name: String,
    role: Role,
    pos: Pos,
    disas: Disassemble,
    reloc: Reloc<'_>,
) -> Result<MachFunc, CodegenError> {
    let ir_copy = func.clone();
    let mut ctx = Context::for_function(func);
    let prepared = match reloc {
        Reloc::No => Ok(()),
        Reloc::Pointers(pointers) => super::reloc::optimize_relocatable(&mut ctx, isa, pointers),
        Reloc::Unsound => super::reloc::optimize_without_relocation(&mut ctx, isa),
    };
    prepared.map_err(|e| {
        CodegenError::new(
            pos,
            format!("internal code generation error for {name}: {e}"),
        )
    })?;
    let mut ctrl = ControlPlane::default();
    ctx.compile(isa, &mut ctrl).map_err(|e| {
        CodegenError::new(
            pos,
            format!("code generation failed for {name}: {:?}", e.inner),
        )
    })?;
    let code = ctx.compiled_code().expect("compiled");
    // The frame depth and the stack maps, as the embedding crate reads them.
    let info = morestack_cranelift::FunctionInfo::of(code).map_err(|e| {
        CodegenError::new(
            pos,
            format!("internal code generation error for {name}: {e}"),
        )
    })?;
    let frame = info.frame;
    let below_fp = frame - FRAME_RECORD;
    let module_id = cranelift_module::FuncId::from_u32(index);
    let relocs = code
        .buffer
        .relocs()
        .iter()
        .map(|r| ModuleReloc::from_mach_reloc(r, &ctx.func, module_id))
        .collect();
    let asm = match disas {
        Disassemble::No => None,
        Disassemble::Yes => {
            let cs = isa
                .to_capstone()
                .map_err(|e| CodegenError::new(Pos::default(), format!("disassembler: {e}")))?;
            Some(code.disassemble(Some(&ctx.func.params), &cs).map_err(|e| {
                CodegenError::new(pos, format!("disassembly of {name} failed: {e}"))
            })?)
        }
    };
    Ok(MachFunc {
        index,
        name,
        role,
        code: code.code_buffer().to_vec(),
        alignment: u64::from(code.buffer.alignment),
        relocs,
        stack_maps: info.stack_maps,
        below_fp,
        frame,
        body_at: 0,
        ir: ir_copy,
        asm,
    })
}

/// Whether function `fid` may be a [`Role::Leaf`]: it calls no generated function
/// (after inlining), and its local arrays alone do not already exceed
/// [`MAX_LEAF_FRAME`].
fn leaf_candidate(prog: &Program, layout: &Layout, fid: FuncId) -> bool {
    let f = &prog.funcs[fid.0 as usize];
    let arrays: u64 = f.locals[f.params..]
        .iter()
        .filter(|l| l.ty.is_array())
        .map(|l| super::type_size(&l.ty))
        .sum();
    arrays <= u64::from(MAX_LEAF_FRAME) && super::analysis::is_leaf(prog, fid, &layout.inline)
}

/// `m`, compiled without a stack check, with the check in front of its frame
/// ([`check_before_frame`]): its relocations and stack maps move with the body.
fn with_check_first(
    isa: &dyn TargetIsa,
    mut m: MachFunc,
    abi: &super::FuncAbi,
    pos: Pos,
) -> Result<MachFunc, CodegenError> {
    let c = check_before_frame(
        isa.triple().architecture,
        &m.code,
        &BeforeFrame {
            frame: BodyFrame {
                below_fp: m.below_fp,
                frame: m.frame,
            },
            argbytes: abi.argbytes,
            ptrmask: abi.ptrmask,
            direct: compares_sp_directly(m.frame),
            body_align: usize::try_from(m.alignment).unwrap_or(usize::MAX),
        },
        &ContextOffsets::runtime(),
    )
    .ok_or_else(|| {
        CodegenError::new(
            pos,
            format!("{}: function too large for its stack check", m.name),
        )
    })?;
    let shift = c.body_at;
    let me = cranelift_module::FuncId::from_u32(m.index);
    for r in &mut m.relocs {
        r.offset += shift;
        if let cranelift_module::ModuleRelocTarget::FunctionOffset(id, off) = &mut r.name {
            if *id == me {
                *off += shift;
            }
        }
    }
    for (ret, _) in &mut m.stack_maps {
        *ret += shift;
    }
    if let Some(a) = m.asm.take() {
        let body_len = m.code.len();
        let cold_at = shift as usize + body_len;
        let dis = |bytes: &[u8], at: usize| -> Result<String, CodegenError> {
            let cs = isa
                .to_capstone()
                .map_err(|e| CodegenError::new(pos, format!("disassembler: {e}")))?;
            let insns = cs
                .disasm_all(bytes, at as u64)
                .map_err(|e| CodegenError::new(pos, format!("disassembler: {e}")))?;
            Ok(insns
                .iter()
                .map(|i| {
                    format!(
                        "  {} {}\n",
                        i.mnemonic().unwrap_or(""),
                        i.op_str().unwrap_or("")
                    )
                })
                .collect())
        };
        m.asm = Some(format!(
            "; stack check before the frame (prologue::check_before_frame), offset 0x0:\n{}; body (Cranelift's code, at +{shift:#x}; offsets below from there):\n{a}; cold path (at {cold_at:#x}):\n{}",
            dis(&c.code[..shift as usize], 0)?,
            dis(&c.code[cold_at..], cold_at)?
        ));
    }
    m.code = c.code;
    m.body_at = shift;
    m.role = Role::CheckFirst;
    Ok(m)
}

/// The relocations of code compiled as module function `old` when it is defined as
/// function `new` instead: references to offsets within the function itself name it.
fn retarget_relocs(relocs: Vec<ModuleReloc>, old: u32, new: u32) -> Vec<ModuleReloc> {
    use cranelift_module::{FuncId as ModId, ModuleRelocTarget};
    relocs
        .into_iter()
        .map(|mut r| {
            if let ModuleRelocTarget::FunctionOffset(id, off) = r.name {
                if id == ModId::from_u32(old) {
                    r.name = ModuleRelocTarget::FunctionOffset(ModId::from_u32(new), off);
                }
            }
            r
        })
        .collect()
}

/// Lowers and compiles every function of `prog` for `isa`. Functions whose frame exceeds
/// [`MAX_INLINE_PRECHECK`] get a checking entry and a body; bodies get module indices
/// from `first_body_index` on.
pub fn compile_program(
    prog: &Program,
    opts: &Options,
    host: &HostAddrs,
    isa: &dyn TargetIsa,
    first_body_index: u32,
    strings: &mut Strings,
    disas: Disassemble,
) -> Result<MachProgram, CodegenError> {
    let layout = Layout::new(prog)?;
    let mut fctx = cranelift_frontend::FunctionBuilderContext::new();
    let mut funcs = Vec::with_capacity(prog.funcs.len());
    let mut bodies = Vec::new();
    let check_first = opts.stack_check
        && std::env::var_os("MORESTACK_INLINE_CHECK").is_none()
        && matches!(
            isa.triple().architecture,
            target_lexicon::Architecture::X86_64 | target_lexicon::Architecture::Aarch64(_)
        );
    let early_returns = std::env::var_os("MORESTACK_NO_EARLY_RETURNS").is_none();
    let no_check = Options {
        stack_check: false,
        ..*opts
    };
    for (i, f) in prog.funcs.iter().enumerate() {
        let fid = FuncId(i as u32);
        let index = i as u32;
        let pointers: Vec<usize> = layout
            .abi(fid)
            .ptr_params
            .iter()
            .map(|&p| p as usize)
            .collect();
        let reloc = match (opts.relocatable, opts.skip_reloc_pass) {
            (false, _) => Reloc::No,
            (true, false) => Reloc::Pointers(&pointers),
            (true, true) => Reloc::Unsound,
        };
        if opts.stack_check && leaf_candidate(prog, &layout, fid) {
            // A small leaf needs no check: its whole frame fits in the reserve (if it
            // turns out bigger, it gets its check).
            let ir = lower_function(prog, &layout, fid, &no_check, host, strings, &mut fctx)?;
            let m = compile_ir(
                isa,
                ir,
                index,
                f.name.clone(),
                Role::Leaf,
                f.pos,
                disas,
                reloc,
            )?;
            if m.frame <= MAX_LEAF_FRAME {
                funcs.push(m);
                continue;
            }
            if check_first {
                // Too big for a leaf: the same code gets its check in front.
                funcs.push(with_check_first(isa, m, layout.abi(fid), f.pos)?);
                continue;
            }
        }
        if check_first && early_returns {
            // Early returns before the check (see the module docs): an inline check,
            // moved past the function's pure early returns, when it has any and its
            // whole frame is small.
            let mut ir = lower_function(prog, &layout, fid, opts, host, strings, &mut fctx)?;
            if super::prologue::sink_stack_check(&mut ir) {
                let m = compile_ir(
                    isa,
                    ir,
                    index,
                    f.name.clone(),
                    Role::Checked,
                    f.pos,
                    disas,
                    reloc,
                )?;
                if m.frame <= MAX_DIRECT_FRAME {
                    funcs.push(m);
                    continue;
                }
            }
        }
        if check_first {
            // Compiled without an inline check, then the check goes in front of the frame.
            let ir = lower_function(prog, &layout, fid, &no_check, host, strings, &mut fctx)?;
            let m = compile_ir(
                isa,
                ir,
                index,
                f.name.clone(),
                Role::CheckFirst,
                f.pos,
                disas,
                reloc,
            )?;
            funcs.push(with_check_first(isa, m, layout.abi(fid), f.pos)?);
            continue;
        }
        let ir = lower_function(prog, &layout, fid, opts, host, strings, &mut fctx)?;
        if !opts.stack_check {
            funcs.push(compile_ir(
                isa,
                ir,
                index,
                f.name.clone(),
                Role::Unchecked,
                f.pos,
                disas,
                reloc,
            )?);
            continue;
        }
        let mut m = compile_ir(
            isa,
            ir,
            index,
            f.name.clone(),
            Role::Checked,
            f.pos,
            disas,
            reloc,
        )?;
        if m.frame <= MAX_INLINE_PRECHECK {
            funcs.push(m);
            continue;
        }
        // Too deep for an inline check: the code just compiled becomes the body behind a
        // checking entry (under another module index). Its own check stays, but always
        // passes: the entry only calls it when its whole frame fits above the guard. A
        // failing entry check restarts the entry (the body's cold path also names the
        // entry, should it ever run), so nothing is compiled twice.
        let body_index = first_body_index + bodies.len() as u32;
        m.index = body_index;
        m.name = format!("{}$body", f.name);
        m.role = Role::Body;
        m.relocs = retarget_relocs(m.relocs, index, body_index);
        let body = m;
        let abi = layout.abi(fid);
        let spec = CheckingEntry {
            name: func_name(index),
            sig: abi.sig.clone(),
            self_name: UserExternalName::new(0, index),
            body_name: UserExternalName::new(0, body_index),
            argbytes: abi.argbytes,
            ptrmask: abi.ptrmask,
            body: BodyFrame {
                below_fp: body.below_fp,
                frame: body.frame,
            },
        };
        let entry_ir = checking_entry(&spec, &ContextOffsets::runtime(), &mut fctx);
        let mut entry = compile_ir(
            isa,
            entry_ir,
            index,
            f.name.clone(),
            Role::Entry { body: body_index },
            f.pos,
            disas,
            Reloc::No,
        )?;
        if entry.frame > MAX_ENTRY_FRAME {
            // Many stack-passed arguments: an entry that need not carry them.
            let arch = isa.triple().architecture;
            if let Some((code, kind, at)) = direct_entry(arch, &spec, &ContextOffsets::runtime()) {
                entry.relocs = vec![ModuleReloc {
                    offset: at,
                    kind,
                    name: cranelift_module::ModuleRelocTarget::User {
                        namespace: 0,
                        index: body_index,
                    },
                    addend: if kind == cranelift_codegen::binemit::Reloc::Arm64Call {
                        0
                    } else {
                        -4
                    },
                }];
                entry.asm = entry.asm.map(|_| {
                    let hex: Vec<String> = code.iter().map(|b| format!("{b:02x}")).collect();
                    format!(
                        "; checking entry written directly (prologue::direct_entry), {} bytes:\n; {}\n",
                        code.len(),
                        hex.join(" ")
                    )
                });
                entry.code = code;
                entry.stack_maps.clear();
                entry.below_fp = 0;
                entry.frame = FRAME_RECORD; // x86-64: the return address the call pushed
            }
        }
        funcs.push(entry);
        bodies.push(body);
    }
    let deepest = funcs
        .iter()
        .filter_map(|m| match m.role {
            Role::Checked | Role::Entry { .. } => Some((m, m.frame)),
            Role::CheckFirst => Some((m, FRAME_RECORD)),
            Role::Leaf => Some((m, m.frame + HOST_CALL_SLACK)),
            Role::Body | Role::Unchecked => None,
        })
        .max_by_key(|(_, d)| *d)
        .map(|(m, d)| (m.name.clone(), d));
    // A function that compares SP directly runs its body up to its frame below the guard;
    // below that body go its callees' pre-check writes (a return address), a host call's
    // return address and its small leaves: all within the deepest of the depths above.
    let below_body = deepest.as_ref().map_or(FRAME_RECORD, |(_, d)| *d);
    let direct = funcs
        .iter()
        .filter(|m| m.role == Role::CheckFirst && compares_sp_directly(m.frame))
        .map(|m| (m, m.frame + below_body))
        .max_by_key(|(_, d)| *d)
        .map(|(m, d)| (format!("{} (direct check)", m.name), d));
    let deepest = match (deepest, direct) {
        (Some(a), Some(b)) => Some(if b.1 > a.1 { b } else { a }),
        (a, b) => a.or(b),
    };
    let reserve = deepest.as_ref().map_or(0, |(_, d)| d.next_multiple_of(16));
    if reserve > MAX_INLINE_PRECHECK {
        // Cannot happen: checked functions are at most MAX_INLINE_PRECHECK deep, a
        // checking entry's frame is a frame record and a few callee-saved registers, and
        // a leaf's at most MAX_LEAF_FRAME.
        return Err(CodegenError::new(
            Pos::default(),
            format!(
                "internal code generation error: pre-check depth {reserve} above {MAX_INLINE_PRECHECK}"
            ),
        ));
    }
    funcs.extend(bodies);
    Ok(MachProgram {
        funcs,
        layout,
        reserve,
        deepest,
    })
}
