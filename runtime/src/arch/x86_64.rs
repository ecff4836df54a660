//! x86-64 trampolines (System V). The pinned register (the context, which is also the
//! run state: see `crate::state::RunState`) is **r15**. Callee-saved: rbx, rbp, r12-r15.
//! SP is 16-byte aligned before every `call`, so a callee sees `rsp % 16 == 8`.
//! Floats and vectors go in xmm0-xmm7 (Tail arguments and results, SysV arguments);
//! every stub path that calls into Rust on the side (morestack's decision, lessstack's
//! slow path, the host-call thunk's stack move) saves them, all 128 bits, on the
//! system stack around that call.

use core::arch::naked_asm;

use crate::copying::rt_hostcall_move;
use crate::state::{
    rt_lessstack, rt_morestack, RunState, DESC_GUARD, DESC_HI, DESC_TOTAL, INFO_OLD_GUARD,
    INFO_OLD_SP, INFO_RET, INFO_SIZE, OFF_FAST_SPLITS, OFF_HOST_CALLS, OFF_LS_SLOW, OFF_MIN_SP,
    OFF_MS_ARGBYTES, OFF_MS_CALLS, OFF_MS_FRAME, OFF_MS_FUNC, OFF_MS_REGS, OFF_MS_SP, OFF_SEG_CUR,
    OFF_SEG_DESC, OFF_SEG_FAST_COUNT, OFF_SEG_FAST_FRAME, OFF_SEG_LIMIT, OFF_SYS_SP,
};
use crate::state::{
    OFF_CSTACK_HI, OFF_HC_MOVE_BELOW, OFF_MS_FP, OFF_PRE_PC, OFF_PRE_V, OFF_SW_NEXT, OFF_SW_REGS,
    OFF_SW_RET,
};
use crate::{EntryFn, HostFn};

/// Runs `entry(state, args, results)` on the program stack whose (16-byte aligned) top
/// is `stack_top`. Returns 0 when `entry` returns, or the status passed to [`abort_run`].
///
/// ```text
/// On entry: rdi = state, rsi = stack_top, rdx = entry, rcx = args, r8 = results,
///           rsp = system stack (rsp % 16 == 8).
/// On exit:  rax = status; rbx, rbp, r12-r15 and rsp as on entry.
///
/// System stack it builds (grows down):
///     +----------------+
///     | return address |  <- rsp on entry
///     | saved rbp      |  <- rbp (frame record: backtraces continue into Rust)
///     | saved rbx      |
///     | saved r12      |
///     | saved r13      |
///     | saved r14      |
///     | saved r15      |
///     | (padding)      |  <- state.sys_sp (16-byte aligned)
///     +----------------+
///     host functions and the morestack decision run below sys_sp
///
/// Program stack: rsp = stack_top, then `call entry` pushes the return address.
/// rbx holds `state` across the call (entry is SysV, so it preserves rbx).
/// ```
///
/// # Safety
/// `state` is a live run state whose stack is mapped at `stack_top`; `entry` follows the
/// [`EntryFn`] contract.
#[unsafe(naked)]
pub(crate) unsafe extern "C" fn enter(
    state: *mut RunState,
    stack_top: usize,
    entry: EntryFn,
    args: *const i64,
    results: *mut i64,
) -> u64 {
    naked_asm!(
        "push rbp",
        "mov rbp, rsp",
        "push rbx",
        "push r12",
        "push r13",
        "push r14",
        "push r15",
        "sub rsp, 8",
        "mov [rdi + {sys_sp}], rsp",
        "mov rbx, rdi",
        // Switch to the program stack and call entry(ctx, args, results).
        "mov rsp, rsi",
        "mov rax, rdx",
        "mov rsi, rcx",
        "mov rdx, r8",
        "call rax",
        // Back to the system stack (the program may have left rsp anywhere valid).
        "mov rsp, [rbx + {sys_sp}]",
        "xor eax, eax",
        "add rsp, 8",
        "pop r15",
        "pop r14",
        "pop r13",
        "pop r12",
        "pop rbx",
        "pop rbp",
        "ret",
        sys_sp = const OFF_SYS_SP,
    )
}

/// Abandons the program stack: makes the active [`enter`] of `state` return `status`.
///
/// ```text
/// On entry: rdi = state, rsi = status, rsp = anywhere on the system stack below
///           state.sys_sp (host function / morestack decision frames, discarded).
/// On exit (from `enter`): rax = status; rsp = state.sys_sp popped back to enter's
///           caller; callee-saved registers restored from enter's save area.
/// ```
///
/// # Safety
/// `state` is the run state of the `enter` active on this thread; the frames between the
/// caller and that `enter` own nothing that needs `Drop`.
#[unsafe(naked)]
pub(crate) unsafe extern "C" fn abort_run(state: *mut RunState, status: u64) -> ! {
    naked_asm!(
        "mov rsp, [rdi + {sys_sp}]",
        "mov rax, rsi",
        "add rsp, 8",
        "pop r15",
        "pop r14",
        "pop r13",
        "pop r12",
        "pop rbx",
        "pop rbp",
        "ret",
        sys_sp = const OFF_SYS_SP,
    )
}

/// The host-call thunk: `thunk(f, a, b, c) -> f(ctx, a, b, c)` run on the system stack.
/// Only `f` is replaced (by the context): every other SysV argument register goes to `f`
/// unchanged and every return register comes back unchanged, so `f` may be any
/// non-variadic `extern "C" fn(ctx, up to 5 integers, up to 8 floats) -> i64, f64 or
/// (i64, i64)` (see "Host calls" in the crate docs).
///
/// ```text
/// On entry: rdi = f, rsi, rdx, rcx, r8, r9 = f's integer arguments after ctx,
///           xmm0-xmm7 = its float arguments, r15 = ctx (run state),
///           rsp = program stack, [rsp] = return address into generated code.
/// At `call f`: rdi = ctx; rsi, rdx, rcx, r8, r9, xmm0-xmm7 as on entry.
/// On exit:  rax, rdx, xmm0, xmm1 = f's results; rsp popped past the return address;
///           r15 and the other callee-saved registers preserved (f is SysV); r11 and
///           f's scratch registers clobbered.
///
/// System stack it builds at state.sys_sp:
///     +----------------+  <- state.sys_sp (16-byte aligned)
///     | program rsp    |
///     | (padding)      |  <- rsp at `call f` (16-byte aligned)
///     +----------------+
///
/// Copying strategy, when the stack is to shrink or move first (rt_hostcall_move,
/// Rust, clobbers every caller-saved register), the argument registers are saved below
/// that around the call, and the program rsp slot is updated to the moved stack:
///     | program rsp    |  <- rsp + 184
///     | (padding)      |  <- rsp + 176
///     | r9, r8         |  rsp + 168, 160
///     | rcx, rdx       |  rsp + 152, 144
///     | rsi, rdi       |  rsp + 136, 128
///     | xmm7 .. xmm0   |  rsp + 112 .. rsp + 0 (16 bytes each)
///     +----------------+  <- rsp at `call rt_hostcall_move` (16-byte aligned)
/// ```
/// Also counts the call and records the lowest program rsp seen (for `RunStats`).
/// Goroutines: when `f` left a switch request in `state.sw_next`, the thunk does not
/// return but jumps to [`gswitch`] (rsp = program stack, [rsp] = return address, r11 =
/// the request), which parks this goroutine there and returns into another one.
///
/// # Safety
/// Called only from generated code with r15 = the context of a run in progress.
#[unsafe(naked)]
pub(crate) unsafe extern "C" fn hostcall_thunk(f: HostFn, a: i64, b: i64, c: i64) -> i64 {
    naked_asm!(
        "mov rax, rsp",
        "inc qword ptr [r15 + {host_calls}]",
        "cmp rax, [r15 + {min_sp}]",
        "jae 2f",
        "mov [r15 + {min_sp}], rax",
        "2:",
        "mov rsp, [r15 + {sys_sp}]",
        "push rax",
        "sub rsp, 8",
        // Copying strategy: a safe point to shrink (or, stress mode, move) the stack.
        "mov r11, [r15 + {cstack_hi}]",
        "sub r11, rax",
        "cmp r11, [r15 + {hc_below}]",
        "jae 3f",
        "mov [r15 + {ms_sp}], rax",
        "mov [r15 + {ms_fp}], rbp",
        "sub rsp, 176",
        "movups [rsp], xmm0",
        "movups [rsp + 16], xmm1",
        "movups [rsp + 32], xmm2",
        "movups [rsp + 48], xmm3",
        "movups [rsp + 64], xmm4",
        "movups [rsp + 80], xmm5",
        "movups [rsp + 96], xmm6",
        "movups [rsp + 112], xmm7",
        "mov [rsp + 128], rdi",
        "mov [rsp + 136], rsi",
        "mov [rsp + 144], rdx",
        "mov [rsp + 152], rcx",
        "mov [rsp + 160], r8",
        "mov [rsp + 168], r9",
        "mov rdi, r15",
        "call {hc_move}",
        "mov [rsp + 184], rax",
        "mov rbp, [r15 + {ms_fp}]",
        "movups xmm0, [rsp]",
        "movups xmm1, [rsp + 16]",
        "movups xmm2, [rsp + 32]",
        "movups xmm3, [rsp + 48]",
        "movups xmm4, [rsp + 64]",
        "movups xmm5, [rsp + 80]",
        "movups xmm6, [rsp + 96]",
        "movups xmm7, [rsp + 112]",
        "mov rdi, [rsp + 128]",
        "mov rsi, [rsp + 136]",
        "mov rdx, [rsp + 144]",
        "mov rcx, [rsp + 152]",
        "mov r8, [rsp + 160]",
        "mov r9, [rsp + 168]",
        "add rsp, 176",
        "3:",
        "mov rax, rdi",
        "mov rdi, r15",
        "call rax",
        "add rsp, 8",
        "pop rsp",
        // Goroutines: a switch request (see gswitch).
        "mov r11, [r15 + {sw_next}]",
        "test r11, r11",
        "jnz {gswitch}",
        "ret",
        sw_next = const OFF_SW_NEXT,
        gswitch = sym gswitch,
        sys_sp = const OFF_SYS_SP,
        min_sp = const OFF_MIN_SP,
        host_calls = const OFF_HOST_CALLS,
        cstack_hi = const OFF_CSTACK_HI,
        hc_below = const OFF_HC_MOVE_BELOW,
        ms_sp = const OFF_MS_SP,
        ms_fp = const OFF_MS_FP,
        hc_move = sym rt_hostcall_move,
    )
}

/// The in-place host-call thunk: as [`hostcall_thunk`], but never shrinks or moves a
/// copying stack, so `f` may receive addresses into the program stack (an embedder's
/// host call with its arguments in a block of the caller's frame).
///
/// ```text
/// On entry: rdi = f, rsi, rdx, rcx, r8, r9 = f's integer arguments after ctx,
///           xmm0-xmm7 = its float arguments, r15 = ctx (run state),
///           rsp = program stack, [rsp] = return address into generated code.
/// At `call f`: rdi = ctx; rsi, rdx, rcx, r8, r9, xmm0-xmm7 as on entry.
/// On exit:  rax, rdx, xmm0, xmm1 = f's results; rsp popped past the return address;
///           r15 and the other callee-saved registers preserved (f is SysV); r11 and
///           f's scratch registers clobbered.
///
/// System stack it builds at state.sys_sp (as hostcall_thunk's without a move):
///     +----------------+  <- state.sys_sp (16-byte aligned)
///     | program rsp    |
///     | (padding)      |  <- rsp at `call f` (16-byte aligned)
///     +----------------+
/// ```
/// Also counts the call and records the lowest program rsp seen (for `RunStats`).
/// Goroutines: switches as [`hostcall_thunk`] does.
///
/// # Safety
/// Called only from generated code with r15 = the context of a run in progress.
#[unsafe(naked)]
pub(crate) unsafe extern "C" fn hostcall_thunk_in_place(f: HostFn, a: i64, b: i64, c: i64) -> i64 {
    naked_asm!(
        "mov rax, rsp",
        "inc qword ptr [r15 + {host_calls}]",
        "cmp rax, [r15 + {min_sp}]",
        "jae 2f",
        "mov [r15 + {min_sp}], rax",
        "2:",
        "mov rsp, [r15 + {sys_sp}]",
        "push rax",
        "sub rsp, 8",
        "mov rax, rdi",
        "mov rdi, r15",
        "call rax",
        "add rsp, 8",
        "pop rsp",
        // Goroutines: a switch request (see gswitch).
        "mov r11, [r15 + {sw_next}]",
        "test r11, r11",
        "jnz {gswitch}",
        "ret",
        sw_next = const OFF_SW_NEXT,
        gswitch = sym gswitch,
        sys_sp = const OFF_SYS_SP,
        min_sp = const OFF_MIN_SP,
        host_calls = const OFF_HOST_CALLS,
    )
}

/// Slots of `RunState::sw_regs` (x86-64): rbx, rbp, r12, r13, r14, rsp.
const SW_RBX: usize = 0;
const SW_RBP: usize = 8;
const SW_R12: usize = 16;
const SW_R13: usize = 24;
const SW_R14: usize = 32;
const SW_RSP: usize = 40;

/// The goroutine switch (see "Goroutines" in the crate docs): parks the running
/// goroutine and resumes `next`, whose pending host call returns `next.sw_ret`.
///
/// ```text
/// On entry (a jump from a host-call thunk, after its `pop rsp`):
///           r15 = the running goroutine's state, r11 = next (its sw_next),
///           rsp = its program stack, [rsp] = the return address into generated code,
///           rbx, rbp, r12-r14 = its callee-saved registers (generated code's).
/// Saves:    sw_next = 0; rbx, rbp, r12, r13, r14, rsp -> state.sw_regs. Nothing is
///           written to any stack (stack ABI invariant 3: the reserve may be 16 bytes).
/// Then:     as gresume with r15 = next.
/// ```
///
/// # Safety
/// Entered only by the thunks, as above.
#[unsafe(naked)]
pub(crate) unsafe extern "C" fn gswitch() {
    naked_asm!(
        "mov qword ptr [r15 + {sw_next}], 0",
        "mov [r15 + {regs} + {rbx}], rbx",
        "mov [r15 + {regs} + {rbp}], rbp",
        "mov [r15 + {regs} + {r12}], r12",
        "mov [r15 + {regs} + {r13}], r13",
        "mov [r15 + {regs} + {r14}], r14",
        "mov [r15 + {regs} + {rsp}], rsp",
        "mov r15, r11",
        "jmp {gresume}",
        sw_next = const OFF_SW_NEXT,
        regs = const OFF_SW_REGS,
        rbx = const SW_RBX,
        rbp = const SW_RBP,
        r12 = const SW_R12,
        r13 = const SW_R13,
        r14 = const SW_R14,
        rsp = const SW_RSP,
        gresume = sym gresume,
    )
}

/// Resumes a parked goroutine.
///
/// ```text
/// On entry: r15 = its state (parked by gswitch, or set up by init_goroutine).
/// On exit:  rbx, rbp, r12, r13, r14, rsp from state.sw_regs; rax, rdx =
///           state.sw_ret; `ret` pops [rsp]: the return address of its pending
///           host call (into generated code), or gstart for a new goroutine.
/// ```
///
/// # Safety
/// Entered only by gswitch and gstart, as above.
#[unsafe(naked)]
pub(crate) unsafe extern "C" fn gresume() {
    naked_asm!(
        "mov rbx, [r15 + {regs} + {rbx}]",
        "mov rbp, [r15 + {regs} + {rbp}]",
        "mov r12, [r15 + {regs} + {r12}]",
        "mov r13, [r15 + {regs} + {r13}]",
        "mov r14, [r15 + {regs} + {r14}]",
        "mov rsp, [r15 + {regs} + {rsp}]",
        "mov rax, [r15 + {ret}]",
        "mov rdx, [r15 + {ret} + 8]",
        "ret",
        regs = const OFF_SW_REGS,
        ret = const OFF_SW_RET,
        rbx = const SW_RBX,
        rbp = const SW_RBP,
        r12 = const SW_R12,
        r13 = const SW_R13,
        r14 = const SW_R14,
        rsp = const SW_RSP,
    )
}

/// Where a goroutine preempted in morestack resumes, "returned to" by gresume: restarts
/// the function that entered morestack, as the stub's restart would have.
///
/// ```text
/// On entry: r15 = its state; rsp = state.ms_sp ([rsp] = the function's return
///           address, its stack arguments above); rbx, rbp (= ms_fp), r12-r14 as
///           parked.
/// On exit:  xmm0-xmm7 from state.pre_v; rdi, rsi, rdx, rcx, r8, r9, rax, r10 from
///           state.ms_regs; jmp state.ms_func (its check runs again).
/// ```
///
/// # Safety
/// Entered only through gresume for a goroutine the morestack stub parked.
#[unsafe(naked)]
pub(crate) unsafe extern "C" fn gpreempt_resume() {
    naked_asm!(
        "movups xmm0, [r15 + {pre_v}]",
        "movups xmm1, [r15 + {pre_v} + 16]",
        "movups xmm2, [r15 + {pre_v} + 32]",
        "movups xmm3, [r15 + {pre_v} + 48]",
        "movups xmm4, [r15 + {pre_v} + 64]",
        "movups xmm5, [r15 + {pre_v} + 80]",
        "movups xmm6, [r15 + {pre_v} + 96]",
        "movups xmm7, [r15 + {pre_v} + 112]",
        "mov rdi, [r15 + {regs} + 0]",
        "mov rsi, [r15 + {regs} + 8]",
        "mov rdx, [r15 + {regs} + 16]",
        "mov rcx, [r15 + {regs} + 24]",
        "mov r8,  [r15 + {regs} + 32]",
        "mov r9,  [r15 + {regs} + 40]",
        "mov rax, [r15 + {regs} + 48]",
        "mov r10, [r15 + {regs} + 56]",
        "jmp qword ptr [r15 + {ms_func}]",
        pre_v = const OFF_PRE_V,
        regs = const OFF_MS_REGS,
        ms_func = const OFF_MS_FUNC,
    )
}

/// A new goroutine's first code, "returned to" by gresume.
///
/// ```text
/// On entry: r15 = r14 = its state, rbx = its entry trampoline, r12 = its arguments,
///           r13 = its result buffer, rbp = 0 (the frame chain ends here),
///           rsp = the top of its stack (16-byte aligned):
///
///     +----------------+  <- stack hi
///     | gstart         |  popped by gresume's `ret`
///     +----------------+  <- rsp; `call rbx` pushes its return address below
///
/// Calls:    entry(state, args, results) (SysV: rbx, r12-r14 survive it).
/// Then:     rsp = state.sys_sp (the system stack is free: no host function runs),
///           rax = rt_goexit(state) (Rust: frees the goroutine, returns the next one to
///           run, or ends the run), r15 = rax, jmp gresume. Never returns.
/// ```
///
/// # Safety
/// Entered only through gresume with the registers init_goroutine prepared.
#[unsafe(naked)]
pub(crate) unsafe extern "C" fn gstart() {
    naked_asm!(
        "mov rdi, r14",
        "mov rsi, r12",
        "mov rdx, r13",
        "call rbx",
        "mov r15, r14",
        "mov rsp, [r15 + {sys_sp}]",
        "mov rdi, r15",
        "call {goexit}",
        "mov r15, rax",
        "jmp {gresume}",
        sys_sp = const OFF_SYS_SP,
        goexit = sym crate::sched::rt_goexit,
        gresume = sym gresume,
    )
}

/// Prepares a new goroutine's `sw_regs` so that [`gresume`] starts it in [`gstart`] at
/// the top `top` (16-byte aligned) of its stack, calling `entry(state, args, results)`.
pub(crate) fn init_goroutine(
    st: &mut RunState,
    top: usize,
    entry: EntryFn,
    args: *const i64,
    results: *mut i64,
) {
    let sp = top - 8;
    // SAFETY: the top word of the goroutine's own stack, mapped and unused.
    unsafe { (sp as *mut usize).write(gstart as *const () as usize) };
    let stp = st as *mut RunState as u64;
    let r = &mut st.sw_regs;
    r[SW_RBX / 8] = entry as usize as u64;
    r[SW_RBP / 8] = 0;
    r[SW_R12 / 8] = args as u64;
    r[SW_R13 / 8] = results as u64;
    r[SW_R14 / 8] = stp;
    r[SW_RSP / 8] = sp as u64;
    st.sw_ret = [0, 0];
}

/// The morestack stub, tail-called from a function's cold block (see the stack ABI).
///
/// ```text
/// On entry: r15 = ctx (run state) with ms_func/ms_frame/ms_argbytes/ms_ptrmask set;
///           rsp = the function's entry rsp: [rsp] = return address into its caller,
///           [rsp+8..] = its stack arguments; argument registers rdi, rsi, rdx, rcx,
///           r8, r9 (and rax, r10) and xmm0-xmm7 (floats and vectors, all 128 bits) as
///           the function received them.
/// Saves:    rdi, rsi, rdx, rcx, r8, r9, rax, r10 -> state.ms_regs[0..8];
///           rsp -> state.ms_sp; then, on the system stack, xmm0-xmm7:
///
///     +----------------+  <- state.sys_sp (16-byte aligned)
///     | xmm7           |  rsp + 112
///     | ...            |
///     | xmm0           |  rsp + 0   <- rsp at `call rt_morestack` (16-byte aligned)
///     +----------------+
///
/// Then:     call rt_morestack(state) (Rust, SysV). It either ends the run (abort_run;
///           fixed strategy) or returns in rax the rsp to restart at ([rax] = return
///           address, arguments above it as the function expects them; it may have
///           rewritten state.ms_regs, e.g. relocated pointers; floats are never
///           pointers, so xmm0-xmm7 come back as saved).
/// Restart:  xmm0-xmm7 reloaded from the system stack; rsp = rax; integer argument
///           registers reloaded from state.ms_regs; jmp state.ms_func (the function runs
///           its prologue again, on the new stack) with every argument register as the
///           cold block passed it.
///
/// Preempted: a poisoned guard (crate::sched::PREEMPT, the preemption timer's) skips
///           the fast path; rt_morestack then restores the guard and returns 0 when
///           another goroutine is to run (state.sw_next set). The stub stores
///           xmm0-xmm7 into state.pre_v, sets rsp = ms_sp - 8 with [rsp] =
///           state.pre_pc (gpreempt_resume; those 8 bytes are where the function's
///           frame record would go, which the reserve covers), rbp = ms_fp, and jumps to
///           gswitch with r11 = sw_next. gpreempt_resume later restarts the function
///           with every argument register as above.
/// Fast path, first (segmented with SegmentCache::Keep; no Rust, no register saved):
///           when a kept segment follows the current one (seg_cur + 1 < seg_fast_count),
///           the function has no stack arguments and an ordinary frame
///           (ms_frame <= seg_fast_frame), and the chain stays within seg_limit, it
///           links that segment itself, using only the scratch registers rax, r10, r11
///           (never arguments in the Tail convention; no float register is touched):
///
///     kept segment hi +------------------+
///                     | (argbytes)       |  +24  not written: the inline lessstack
///                     | (ret)            |  +16  reads only old_guard and old_sp
///                     | old_guard        |  +8
///                     | old_sp = rsp + 8 |  +0   <- r10 (stack-info record)
///                     | return into stub |       <- rsp at the function's entry
///                     +------------------+
///
///           then guard = desc.guard, seg_cur += 1, fast_splits += 1,
///           rsp = the record, `call state.ms_func` with every argument register
///           untouched. When the function returns to the instruction after that call
///           (rsp = the record again), the stub does lessstack's fast path inline:
///           guard = old_guard, seg_cur -= 1, rsp = old_sp - 8 (the caller's return
///           address, still in place) and `ret`, leaving every result register
///           (rax, rcx, rdx, rsi, rdi, r8, r9, r10, xmm0-xmm7) as the function returned
///           it (only r11 is written). A real call/ret pair on the new segment keeps the
///           return-address predictor right on both returns, which the `lessstack_stub`
///           return address of the slow path cannot.
/// ```
///
/// # Safety
/// Not callable from Rust: entered only by generated code's cold path.
#[unsafe(naked)]
pub(crate) unsafe extern "C" fn morestack_stub() {
    naked_asm!(
        "inc qword ptr [r15 + {ms_calls}]",
        // A poisoned guard (preemption) always takes the slow path.
        "cmp qword ptr [r15], {preempt}",
        "je 3f",
        // Fast path: reuse the kept segment after the current one.
        "mov rax, [r15 + {seg_cur}]",
        "inc rax",
        "cmp rax, [r15 + {fast_count}]",
        "jae 3f",
        "cmp qword ptr [r15 + {ms_argbytes}], 0",
        "jne 3f",
        "mov r10, [r15 + {ms_frame}]",
        "cmp r10, [r15 + {fast_frame}]",
        "ja 3f",
        "shl rax, 5",
        "add rax, [r15 + {seg_desc}]",
        "mov r10, [rax + {d_total}]",
        "cmp r10, [r15 + {limit}]",
        "ja 3f",
        "mov r10, [rax + {d_hi}]",
        "sub r10, {info_size}",
        "lea r11, [rsp + 8]",
        "mov [r10 + {old_sp}], r11",
        "mov r11, [r15]",
        "mov [r10 + {old_guard}], r11",
        "mov r11, [rax + {d_guard}]",
        "mov [r15], r11",
        "inc qword ptr [r15 + {seg_cur}]",
        "inc qword ptr [r15 + {fast_splits}]",
        // Restart the function with a real call: its return comes back here, to the
        // address the return-stack predictor expects.
        "mov rsp, r10",
        "call qword ptr [r15 + {ms_func}]",
        // Inline lessstack: rsp = the record again (no stack arguments were popped);
        // results live in rax, rcx, rdx, rsi, rdi, r8, r9, r10; only r11 is free.
        "mov r11, [rsp + {old_guard}]",
        "mov [r15], r11",
        "dec qword ptr [r15 + {seg_cur}]",
        "mov rsp, [rsp + {old_sp}]",
        // The caller's return address is still in its slot just below old_sp: a plain
        // `ret` pops it (and matches the predictor's entry of the caller's call).
        "lea rsp, [rsp - 8]",
        "ret",
        // Slow path: the Rust decision function on the system stack.
        "3:",
        "mov [r15 + {regs} + 0], rdi",
        "mov [r15 + {regs} + 8], rsi",
        "mov [r15 + {regs} + 16], rdx",
        "mov [r15 + {regs} + 24], rcx",
        "mov [r15 + {regs} + 32], r8",
        "mov [r15 + {regs} + 40], r9",
        "mov [r15 + {regs} + 48], rax",
        "mov [r15 + {regs} + 56], r10",
        "mov [r15 + {ms_sp}], rsp",
        "mov [r15 + {ms_fp}], rbp",
        "cmp rsp, [r15 + {min_sp}]",
        "jae 2f",
        "mov [r15 + {min_sp}], rsp",
        "2:",
        "mov rsp, [r15 + {sys_sp}]",
        "sub rsp, 128",
        "movups [rsp], xmm0",
        "movups [rsp + 16], xmm1",
        "movups [rsp + 32], xmm2",
        "movups [rsp + 48], xmm3",
        "movups [rsp + 64], xmm4",
        "movups [rsp + 80], xmm5",
        "movups [rsp + 96], xmm6",
        "movups [rsp + 112], xmm7",
        "mov rdi, r15",
        "call {rt}",
        "movups xmm0, [rsp]",
        "movups xmm1, [rsp + 16]",
        "movups xmm2, [rsp + 32]",
        "movups xmm3, [rsp + 48]",
        "movups xmm4, [rsp + 64]",
        "movups xmm5, [rsp + 80]",
        "movups xmm6, [rsp + 96]",
        "movups xmm7, [rsp + 112]",
        "test rax, rax",
        "jz 7f",
        "mov rsp, rax",
        "mov rbp, [r15 + {ms_fp}]",
        "mov rdi, [r15 + {regs} + 0]",
        "mov rsi, [r15 + {regs} + 8]",
        "mov rdx, [r15 + {regs} + 16]",
        "mov rcx, [r15 + {regs} + 24]",
        "mov r8,  [r15 + {regs} + 32]",
        "mov r9,  [r15 + {regs} + 40]",
        "mov rax, [r15 + {regs} + 48]",
        "mov r10, [r15 + {regs} + 56]",
        "jmp qword ptr [r15 + {ms_func}]",
        // Preempted (rt_morestack returned 0, sw_next set): park with the registers of
        // the restart (integers in ms_regs, floats in pre_v) and resume in
        // gpreempt_resume, whose address goes where the function's frame record would
        // have gone (covered by the reserve: see "Goroutines" in the crate docs).
        "7:",
        "movups [r15 + {pre_v}], xmm0",
        "movups [r15 + {pre_v} + 16], xmm1",
        "movups [r15 + {pre_v} + 32], xmm2",
        "movups [r15 + {pre_v} + 48], xmm3",
        "movups [r15 + {pre_v} + 64], xmm4",
        "movups [r15 + {pre_v} + 80], xmm5",
        "movups [r15 + {pre_v} + 96], xmm6",
        "movups [r15 + {pre_v} + 112], xmm7",
        "mov rsp, [r15 + {ms_sp}]",
        "mov rax, [r15 + {pre_pc}]",
        "push rax",
        "mov rbp, [r15 + {ms_fp}]",
        "mov r11, [r15 + {sw_next}]",
        "jmp {gswitch}",
        pre_v = const OFF_PRE_V,
        pre_pc = const OFF_PRE_PC,
        sw_next = const OFF_SW_NEXT,
        gswitch = sym gswitch,
        preempt = const crate::sched::PREEMPT as i64,
        regs = const OFF_MS_REGS,
        ms_sp = const OFF_MS_SP,
        ms_calls = const OFF_MS_CALLS,
        min_sp = const OFF_MIN_SP,
        sys_sp = const OFF_SYS_SP,
        ms_func = const OFF_MS_FUNC,
        rt = sym rt_morestack,
        seg_cur = const OFF_SEG_CUR,
        fast_count = const OFF_SEG_FAST_COUNT,
        ms_argbytes = const OFF_MS_ARGBYTES,
        ms_frame = const OFF_MS_FRAME,
        fast_frame = const OFF_SEG_FAST_FRAME,
        seg_desc = const OFF_SEG_DESC,
        d_total = const DESC_TOTAL,
        limit = const OFF_SEG_LIMIT,
        d_hi = const DESC_HI,
        d_guard = const DESC_GUARD,
        old_sp = const INFO_OLD_SP,
        old_guard = const INFO_OLD_GUARD,
        fast_splits = const OFF_FAST_SPLITS,
        info_size = const INFO_SIZE,
        ms_fp = const OFF_MS_FP,
    )
}

/// The lessstack stub: the return address segmented morestack gives a function it
/// restarts on a new segment (see "Segmented stacks" in the crate docs).
///
/// ```text
/// On entry: the function returned (`ret N` popped its return address and its stack
///           arguments): rsp = the segment's stack-info record; results in rax, rcx,
///           rdx, rsi, rdi, r8, r9, r10 and xmm0-xmm7 (the Tail convention's return
///           registers, floats and vectors all 128 bits); r15 = ctx (run state). r11 is
///           free (never a return register).
///
///     segment top (hi) +------------------+
///                      | argbytes         |  +24
///                      | ret (real)       |  +16
///                      | old_guard        |  +8
///         rsp -------> | old_sp           |  +0   stack-info record
///                      +------------------+
///                      | (copied args and the lessstack address, already popped)
///
/// Fast path (ls_slow == 0, SegmentCache::Keep): ctx.stack_guard = old_guard;
///           seg_cur -= 1; rsp = old_sp; jmp ret. Only r11 is written.
/// Slow path (ls_slow != 0): integer results -> state.ms_regs; rsp = state.sys_sp;
///           xmm0-xmm7 saved on the system stack:
///
///     +----------------+  <- state.sys_sp (16-byte aligned)
///     | xmm7           |  rsp + 112
///     | ...            |
///     | xmm0           |  rsp + 0   <- rsp at `call rt_lessstack` (16-byte aligned)
///     +----------------+
///
///           call rt_lessstack(state) -> (rax = sp, rdx = pc) (it restores the guard and
///           the index and frees the segment); xmm0-xmm7 reloaded; rsp = sp, r11 = pc,
///           integer results reloaded; jmp r11.
/// On exit:  rsp = old_sp (the caller's SP after the call), guard of the old segment,
///           results (integer and float/vector) and the callee-saved registers as the
///           function returned them (the slow path clobbers r11 and the other
///           caller-saved registers that return nothing, as any call may).
/// ```
///
/// # Safety
/// Not callable from Rust: entered only by a return from a function that segmented
/// morestack restarted.
#[unsafe(naked)]
pub(crate) unsafe extern "C" fn lessstack_stub() {
    naked_asm!(
        "cmp qword ptr [r15 + {ls_slow}], 0",
        "jne 2f",
        "mov r11, [rsp + {old_guard}]",
        "mov [r15], r11",
        "dec qword ptr [r15 + {seg_cur}]",
        "mov r11, [rsp + {ret}]",
        "mov rsp, [rsp + {old_sp}]",
        "jmp r11",
        "2:",
        "mov [r15 + {regs} + 0], rax",
        "mov [r15 + {regs} + 8], rcx",
        "mov [r15 + {regs} + 16], rdx",
        "mov [r15 + {regs} + 24], rsi",
        "mov [r15 + {regs} + 32], rdi",
        "mov [r15 + {regs} + 40], r8",
        "mov [r15 + {regs} + 48], r9",
        "mov [r15 + {regs} + 56], r10",
        "mov rsp, [r15 + {sys_sp}]",
        "sub rsp, 128",
        "movups [rsp], xmm0",
        "movups [rsp + 16], xmm1",
        "movups [rsp + 32], xmm2",
        "movups [rsp + 48], xmm3",
        "movups [rsp + 64], xmm4",
        "movups [rsp + 80], xmm5",
        "movups [rsp + 96], xmm6",
        "movups [rsp + 112], xmm7",
        "mov rdi, r15",
        "call {rt}",
        "movups xmm0, [rsp]",
        "movups xmm1, [rsp + 16]",
        "movups xmm2, [rsp + 32]",
        "movups xmm3, [rsp + 48]",
        "movups xmm4, [rsp + 64]",
        "movups xmm5, [rsp + 80]",
        "movups xmm6, [rsp + 96]",
        "movups xmm7, [rsp + 112]",
        "mov rsp, rax",
        "mov r11, rdx",
        "mov rax, [r15 + {regs} + 0]",
        "mov rcx, [r15 + {regs} + 8]",
        "mov rdx, [r15 + {regs} + 16]",
        "mov rsi, [r15 + {regs} + 24]",
        "mov rdi, [r15 + {regs} + 32]",
        "mov r8,  [r15 + {regs} + 40]",
        "mov r9,  [r15 + {regs} + 48]",
        "mov r10, [r15 + {regs} + 56]",
        "jmp r11",
        ls_slow = const OFF_LS_SLOW,
        seg_cur = const OFF_SEG_CUR,
        old_guard = const INFO_OLD_GUARD,
        old_sp = const INFO_OLD_SP,
        ret = const INFO_RET,
        regs = const OFF_MS_REGS,
        sys_sp = const OFF_SYS_SP,
        rt = sym rt_lessstack,
    )
}

/// Asks the CPU to bring the cache line at `addr` into the cache (a hint with no effect
/// on the program's state; used by the relocation walk).
#[inline(always)]
pub(crate) fn prefetch(addr: usize) {
    // SAFETY: a prefetch is a hint: it reads nothing into a register and never faults,
    // whatever the address.
    unsafe {
        std::arch::asm!("prefetcht0 [{0}]", in(reg) addr, options(nostack, readonly, preserves_flags));
    }
}

/// Stand-ins for generated code, for the tests (see `crate::tests`).
#[cfg(test)]
pub(crate) mod test_code {
    use super::*;

    /// Frame size of [`rec`] below its frame record.
    const FRAME: usize = 240;

    /// An entry trampoline like the compiler's: `ctx` into r15, then
    /// `results[0] = rec(0, args[0], args[1], args[2], args[3], args[4])`.
    ///
    /// ```text
    /// On entry: rdi = ctx, rsi = args, rdx = results (SysV).
    /// Stack: return address, saved rbp, saved rbx, saved r12 (rsp 16-aligned at call).
    /// ```
    #[unsafe(naked)]
    pub(crate) unsafe extern "C" fn entry(
        ctx: *mut crate::Context,
        args: *const i64,
        results: *mut i64,
    ) {
        naked_asm!(
            "push rbp",
            "mov rbp, rsp",
            "push rbx",
            "push r12",
            "mov r15, rdi",
            "mov rbx, rdx",
            "mov rax, rsi",
            "xor edi, edi",
            "mov rsi, [rax]",
            "mov rdx, [rax + 8]",
            "mov rcx, [rax + 16]",
            "mov r8, [rax + 24]",
            "mov r9, [rax + 32]",
            "call {rec}",
            "mov [rbx], rax",
            "pop r12",
            "pop rbx",
            "pop rbp",
            "ret",
            rec = sym rec,
        )
    }

    /// A recursive "generated" function with the stack-check prologue (Tail-like
    /// convention): `rec(depth: rdi, limit: rsi, f: rdx, a: rcx, c: r8, k: r9)`.
    /// While `depth != limit` it returns `rec(depth + 1, ...)`; at `depth == limit` it
    /// returns `thunk(f, a, depth, c) + k`. `limit = -1` recurses until the stack ends.
    ///
    /// ```text
    /// Frame: [return address][saved rbp] <- rbp, then FRAME bytes; rsp = rbp - FRAME.
    /// Check: rsp < [r15] -> cold: set ms_*, pop the frame, jmp [r15 + 8].
    /// ```
    #[unsafe(naked)]
    pub(crate) unsafe extern "C" fn rec() {
        naked_asm!(
            "push rbp",
            "mov rbp, rsp",
            "sub rsp, {frame}",
            "cmp rsp, [r15]",
            "jb 9f",
            "cmp rdi, rsi",
            "je 5f",
            "mov [rsp], rdi",
            "inc rdi",
            "call {rec}",
            "add rsp, {frame}",
            "pop rbp",
            "ret",
            // Bottom: thunk(f, a, depth, c) + k.
            "5:",
            "mov [rsp], r9",
            "mov rax, rdi",
            "mov rdi, rdx",
            "mov rsi, rcx",
            "mov rdx, rax",
            "mov rcx, r8",
            "call {thunk}",
            "add rax, [rsp]",
            "add rsp, {frame}",
            "pop rbp",
            "ret",
            // Cold path: record, pop the frame, tail-call the morestack stub.
            "9:",
            "lea rax, [rip + {rec}]",
            "mov [r15 + 16], rax",
            "mov qword ptr [r15 + 24], {need}",
            "mov qword ptr [r15 + 32], 0",
            "mov qword ptr [r15 + 40], 0",
            "add rsp, {frame}",
            "pop rbp",
            "jmp qword ptr [r15 + 8]",
            frame = const FRAME,
            need = const FRAME + 16,
            rec = sym rec,
            thunk = sym hostcall_thunk,
        )
    }

    /// An entry trampoline for [`frec`]: `ctx` into r15, then
    /// `results[0..16] = frec(0, args[0], args[1]; xmm0..7 = args[2..18])` (the eight
    /// 128-bit results xmm0..7, two words each).
    ///
    /// ```text
    /// On entry: rdi = ctx, rsi = args, rdx = results (SysV).
    /// Stack: return address, saved rbp, saved rbx, saved r12 (rsp 16-aligned at call).
    /// ```
    #[unsafe(naked)]
    pub(crate) unsafe extern "C" fn fentry(
        ctx: *mut crate::Context,
        args: *const i64,
        results: *mut i64,
    ) {
        naked_asm!(
            "push rbp",
            "mov rbp, rsp",
            "push rbx",
            "push r12",
            "mov r15, rdi",
            "mov rbx, rdx",
            "mov rax, rsi",
            "xor edi, edi",
            "mov rsi, [rax]",
            "mov rdx, [rax + 8]",
            "movups xmm0, [rax + 16]",
            "movups xmm1, [rax + 32]",
            "movups xmm2, [rax + 48]",
            "movups xmm3, [rax + 64]",
            "movups xmm4, [rax + 80]",
            "movups xmm5, [rax + 96]",
            "movups xmm6, [rax + 112]",
            "movups xmm7, [rax + 128]",
            "call {frec}",
            "movups [rbx], xmm0",
            "movups [rbx + 16], xmm1",
            "movups [rbx + 32], xmm2",
            "movups [rbx + 48], xmm3",
            "movups [rbx + 64], xmm4",
            "movups [rbx + 80], xmm5",
            "movups [rbx + 96], xmm6",
            "movups [rbx + 112], xmm7",
            "pop r12",
            "pop rbx",
            "pop rbp",
            "ret",
            frec = sym frec,
        )
    }

    /// A recursive "generated" function with float/vector arguments and results and the
    /// stack-check prologue (Tail-like convention): `frec(depth: rdi, limit: rsi, f: rdx;
    /// v0..v7: xmm0..7)`, results in xmm0..7 (all 128 bits). Every level keeps its
    /// arguments in its frame; while `depth != limit` it returns `frec(depth + 1, ...)`
    /// plus its own arguments (`paddq`, lane by lane); at `depth == limit` it returns
    /// xmm0 = `thunk(f, depth, 0x11, 0x22, 0x33, 0x44; xmm0..7 = v0..v7)` (upper lane
    /// zeroed) and xmm1..7 = v1..v7. So result i is `(limit + 1) * v_i` (i > 0), result 0
    /// `f(...) + limit * v_0`: right only if every frame saw every argument.
    ///
    /// ```text
    /// Frame: [return address][saved rbp] <- rbp, then FRAME bytes; rsp = rbp - FRAME;
    ///        [rsp + 16 i] = v_i.
    /// Check: rsp < [r15] -> cold: set ms_*, pop the frame, jmp [r15 + 8].
    /// ```
    #[unsafe(naked)]
    pub(crate) unsafe extern "C" fn frec() {
        naked_asm!(
            "push rbp",
            "mov rbp, rsp",
            "sub rsp, {frame}",
            "cmp rsp, [r15]",
            "jb 9f",
            "movups [rsp], xmm0",
            "movups [rsp + 16], xmm1",
            "movups [rsp + 32], xmm2",
            "movups [rsp + 48], xmm3",
            "movups [rsp + 64], xmm4",
            "movups [rsp + 80], xmm5",
            "movups [rsp + 96], xmm6",
            "movups [rsp + 112], xmm7",
            "cmp rdi, rsi",
            "je 5f",
            "inc rdi",
            "call {frec}",
            "movups xmm8, [rsp]",
            "paddq xmm0, xmm8",
            "movups xmm8, [rsp + 16]",
            "paddq xmm1, xmm8",
            "movups xmm8, [rsp + 32]",
            "paddq xmm2, xmm8",
            "movups xmm8, [rsp + 48]",
            "paddq xmm3, xmm8",
            "movups xmm8, [rsp + 64]",
            "paddq xmm4, xmm8",
            "movups xmm8, [rsp + 80]",
            "paddq xmm5, xmm8",
            "movups xmm8, [rsp + 96]",
            "paddq xmm6, xmm8",
            "movups xmm8, [rsp + 112]",
            "paddq xmm7, xmm8",
            "add rsp, {frame}",
            "pop rbp",
            "ret",
            // Bottom: thunk(f, depth, 0x11, 0x22, 0x33, 0x44; xmm0..7).
            "5:",
            "mov rax, rdi",
            "mov rdi, rdx",
            "mov rsi, rax",
            "mov edx, 0x11",
            "mov ecx, 0x22",
            "mov r8d, 0x33",
            "mov r9d, 0x44",
            "call {thunk}",
            "movq xmm0, xmm0",
            "movups xmm1, [rsp + 16]",
            "movups xmm2, [rsp + 32]",
            "movups xmm3, [rsp + 48]",
            "movups xmm4, [rsp + 64]",
            "movups xmm5, [rsp + 80]",
            "movups xmm6, [rsp + 96]",
            "movups xmm7, [rsp + 112]",
            "add rsp, {frame}",
            "pop rbp",
            "ret",
            // Cold path: record, pop the frame, tail-call the morestack stub.
            "9:",
            "lea rax, [rip + {frec}]",
            "mov [r15 + 16], rax",
            "mov qword ptr [r15 + 24], {need}",
            "mov qword ptr [r15 + 32], 0",
            "mov qword ptr [r15 + 40], 0",
            "add rsp, {frame}",
            "pop rbp",
            "jmp qword ptr [r15 + 8]",
            frame = const FRAME,
            need = const FRAME + 16,
            frec = sym frec,
            thunk = sym hostcall_thunk,
        )
    }

    /// A buggy "generated" entry: writes into the guard page below the program stack
    /// (`[ctx.stack_guard - DEFAULT_RESERVE - 8]`) without going through morestack.
    #[unsafe(naked)]
    pub(crate) unsafe extern "C" fn bad_entry(
        ctx: *mut crate::Context,
        args: *const i64,
        results: *mut i64,
    ) {
        naked_asm!(
            "mov rax, [rdi]",
            "sub rax, {below}",
            "mov [rax], rax",
            "ret",
            below = const crate::DEFAULT_RESERVE + 8,
        )
    }

    /// A "generated" entry that sends itself a signal with the stack pointer near the
    /// bottom of the program stack: `sp = f(ctx, 0, 0, 0)` through the host-call thunk
    /// (`f = args[0]`), then `tgkill(args[1], args[2], args[3])` at that sp, then back.
    #[unsafe(naked)]
    pub(crate) unsafe extern "C" fn sig_entry(
        ctx: *mut crate::Context,
        args: *const i64,
        results: *mut i64,
    ) {
        naked_asm!(
            "push rbp",
            "mov rbp, rsp",
            "push rbx",
            "push r12",
            "mov r15, rdi",
            "mov rbx, rsi",
            "mov rdi, [rbx]",
            "xor esi, esi",
            "xor edx, edx",
            "xor ecx, ecx",
            "call {thunk}",
            "mov r12, rsp",
            "mov rsp, rax",
            "mov rdi, [rbx + 8]",
            "mov rsi, [rbx + 16]",
            "mov rdx, [rbx + 24]",
            "mov eax, {tgkill}",
            "syscall",
            "mov rsp, r12",
            "pop r12",
            "pop rbx",
            "pop rbp",
            "ret",
            thunk = sym hostcall_thunk,
            tgkill = const libc::SYS_tgkill,
        )
    }
}
