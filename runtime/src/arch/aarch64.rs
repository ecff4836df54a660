//! AArch64 trampolines (AAPCS64). The pinned register (the context, which is also the run
//! state: see `crate::state::RunState`) is **x21**. Callee-saved: x19-x28, x29 (fp),
//! x30 (lr, saved by whoever calls), d8-d15. SP is always 16-byte aligned. x9, x10, x16
//! and x17 are scratch here: the Tail convention passes arguments in x0 (return area),
//! x2..x7 (x1 holds an indirect callee), so the stubs may clobber them. Floats and
//! vectors go in v0-v7 (arguments and results, Tail and AAPCS64 alike); every stub path
//! that calls into Rust on the side (morestack's decision, lessstack's slow path, the
//! host-call thunk's stack move) saves them (q0-q7, all 128 bits) on the system stack
//! around that call.

use core::arch::naked_asm;

use crate::copying::rt_hostcall_move;
use crate::state::{
    rt_lessstack, rt_morestack, RunState, DESC_GUARD, DESC_HI, DESC_TOTAL, INFO_OLD_GUARD,
    INFO_OLD_SP, INFO_RET, INFO_SIZE, OFF_FAST_SPLITS, OFF_HOST_CALLS, OFF_LS_SLOW, OFF_MIN_SP,
    OFF_MS_ARGBYTES, OFF_MS_CALLS, OFF_MS_FRAME, OFF_MS_FUNC, OFF_MS_LR, OFF_MS_REGS, OFF_MS_SP,
    OFF_SEG_CUR, OFF_SEG_DESC, OFF_SEG_FAST_COUNT, OFF_SEG_FAST_FRAME, OFF_SEG_LIMIT, OFF_SYS_SP,
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
/// On entry: x0 = state, x1 = stack_top, x2 = entry, x3 = args, x4 = results,
///           x30 = return address, sp = system stack.
/// On exit:  x0 = status; x19-x30, d8-d15 and sp as on entry.
///
/// System stack it builds (160 bytes, grows down):
///     sp+144  d14, d15
///     sp+128  d12, d13
///     sp+112  d10, d11
///     sp+96   d8,  d9
///     sp+80   x27, x28
///     sp+64   x25, x26
///     sp+48   x23, x24
///     sp+32   x21, x22
///     sp+16   x19, x20
///     sp+0    x29, x30   <- x29 (frame record), state.sys_sp
///     host functions and the morestack decision run below sys_sp
///
/// Program stack: sp = stack_top, then `blr entry`. x19 holds `state` across the call
/// (entry is AAPCS64, so it preserves x19).
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
        "stp x29, x30, [sp, #-160]!",
        "mov x29, sp",
        "stp x19, x20, [sp, #16]",
        "stp x21, x22, [sp, #32]",
        "stp x23, x24, [sp, #48]",
        "stp x25, x26, [sp, #64]",
        "stp x27, x28, [sp, #80]",
        "stp d8, d9, [sp, #96]",
        "stp d10, d11, [sp, #112]",
        "stp d12, d13, [sp, #128]",
        "stp d14, d15, [sp, #144]",
        "mov x9, sp",
        "str x9, [x0, #{sys_sp}]",
        "mov x19, x0",
        // Switch to the program stack and call entry(ctx, args, results).
        "mov sp, x1",
        "mov x9, x2",
        "mov x1, x3",
        "mov x2, x4",
        "blr x9",
        // Back to the system stack.
        "ldr x9, [x19, #{sys_sp}]",
        "mov sp, x9",
        "mov x0, #0",
        "ldp x19, x20, [sp, #16]",
        "ldp x21, x22, [sp, #32]",
        "ldp x23, x24, [sp, #48]",
        "ldp x25, x26, [sp, #64]",
        "ldp x27, x28, [sp, #80]",
        "ldp d8, d9, [sp, #96]",
        "ldp d10, d11, [sp, #112]",
        "ldp d12, d13, [sp, #128]",
        "ldp d14, d15, [sp, #144]",
        "ldp x29, x30, [sp], #160",
        "ret",
        sys_sp = const OFF_SYS_SP,
    )
}

/// Abandons the program stack: makes the active [`enter`] of `state` return `status`.
///
/// ```text
/// On entry: x0 = state, x1 = status, sp = anywhere on the system stack below
///           state.sys_sp (host function / morestack decision frames, discarded).
/// On exit (from `enter`): x0 = status; sp = state.sys_sp + 160; x19-x30, d8-d15
///           restored from enter's save area; returns to enter's caller.
/// ```
///
/// # Safety
/// `state` is the run state of the `enter` active on this thread; the frames between the
/// caller and that `enter` own nothing that needs `Drop`.
#[unsafe(naked)]
pub(crate) unsafe extern "C" fn abort_run(state: *mut RunState, status: u64) -> ! {
    naked_asm!(
        "ldr x9, [x0, #{sys_sp}]",
        "mov sp, x9",
        "mov x0, x1",
        "ldp x19, x20, [sp, #16]",
        "ldp x21, x22, [sp, #32]",
        "ldp x23, x24, [sp, #48]",
        "ldp x25, x26, [sp, #64]",
        "ldp x27, x28, [sp, #80]",
        "ldp d8, d9, [sp, #96]",
        "ldp d10, d11, [sp, #112]",
        "ldp d12, d13, [sp, #128]",
        "ldp d14, d15, [sp, #144]",
        "ldp x29, x30, [sp], #160",
        "ret",
        sys_sp = const OFF_SYS_SP,
    )
}

/// The host-call thunk: `thunk(f, a, b, c) -> f(ctx, a, b, c)` run on the system stack.
/// Only `f` is replaced (by the context): every other AAPCS64 argument register goes to
/// `f` unchanged and every return register comes back unchanged, so `f` may be any
/// non-variadic `extern "C" fn(ctx, up to 7 integers, up to 8 floats) -> i64, f64 or
/// (i64, i64)` (the portable contract, x86-64's, is up to 5 integers: see "Host calls"
/// in the crate docs).
///
/// ```text
/// On entry: x0 = f, x1..x7 = f's integer arguments after ctx, v0-v7 = its float
///           arguments, x21 = ctx (run state), x30 = return address into generated
///           code, sp = program stack.
/// At `blr f`: x0 = ctx; x1..x7, v0-v7 as on entry.
/// On exit:  x0, x1, v0-v3 = f's results; sp, x30 and the callee-saved registers as on
///           entry; x9-x11 and f's scratch registers clobbered.
///
/// System stack it builds at state.sys_sp:
///     +----------------------+  <- state.sys_sp (16-byte aligned)
///     | program sp | x30     |  <- sp at `blr f`
///     +----------------------+
///
/// Copying strategy, when the stack is to shrink or move first (rt_hostcall_move,
/// Rust, clobbers every caller-saved register), the argument registers are saved below
/// that around the call, and the program sp slot is updated to the moved stack:
///     | program sp | x30     |  <- sp + 192
///     | q6, q7               |  sp + 160
///     | q4, q5               |  sp + 128
///     | q2, q3               |  sp + 96
///     | q0, q1               |  sp + 64
///     | x6, x7               |  sp + 48
///     | x4, x5               |  sp + 32
///     | x2, x3               |  sp + 16
///     | x0, x1               |  <- sp at `bl rt_hostcall_move`
///     +----------------------+
/// ```
/// Also counts the call and records the lowest program sp seen (for `RunStats`).
///
/// # Safety
/// Called only from generated code with x21 = the context of a run in progress.
#[unsafe(naked)]
pub(crate) unsafe extern "C" fn hostcall_thunk(f: HostFn, a: i64, b: i64, c: i64) -> i64 {
    naked_asm!(
        "mov x9, sp",
        "ldr x10, [x21, #{host_calls}]",
        "add x10, x10, #1",
        "str x10, [x21, #{host_calls}]",
        "ldr x10, [x21, #{min_sp}]",
        "cmp x9, x10",
        "b.hs 2f",
        "str x9, [x21, #{min_sp}]",
        "2:",
        "ldr x10, [x21, #{sys_sp}]",
        "mov sp, x10",
        "stp x9, x30, [sp, #-16]!",
        // Copying strategy: a safe point to shrink (or, stress mode, move) the stack.
        "ldr x10, [x21, #{cstack_hi}]",
        "sub x10, x10, x9",
        "ldr x11, [x21, #{hc_below}]",
        "cmp x10, x11",
        "b.hs 3f",
        "str x9, [x21, #{ms_sp}]",
        "str x29, [x21, #{ms_fp}]",
        "str x30, [x21, #{ms_lr}]",
        "stp x0, x1, [sp, #-192]!",
        "stp x2, x3, [sp, #16]",
        "stp x4, x5, [sp, #32]",
        "stp x6, x7, [sp, #48]",
        "stp q0, q1, [sp, #64]",
        "stp q2, q3, [sp, #96]",
        "stp q4, q5, [sp, #128]",
        "stp q6, q7, [sp, #160]",
        "mov x0, x21",
        "bl {hc_move}",
        "str x0, [sp, #192]",
        "ldr x29, [x21, #{ms_fp}]",
        "ldp q0, q1, [sp, #64]",
        "ldp q2, q3, [sp, #96]",
        "ldp q4, q5, [sp, #128]",
        "ldp q6, q7, [sp, #160]",
        "ldp x2, x3, [sp, #16]",
        "ldp x4, x5, [sp, #32]",
        "ldp x6, x7, [sp, #48]",
        "ldp x0, x1, [sp], #192",
        "3:",
        "mov x9, x0",
        "mov x0, x21",
        "blr x9",
        "ldp x9, x30, [sp], #16",
        "mov sp, x9",
        // Goroutines: a switch request (see gswitch).
        "ldr x10, [x21, #{sw_next}]",
        "cbnz x10, 4f",
        "ret",
        "4:",
        "b {gswitch}",
        sw_next = const OFF_SW_NEXT,
        gswitch = sym gswitch,
        sys_sp = const OFF_SYS_SP,
        min_sp = const OFF_MIN_SP,
        host_calls = const OFF_HOST_CALLS,
        cstack_hi = const OFF_CSTACK_HI,
        hc_below = const OFF_HC_MOVE_BELOW,
        ms_sp = const OFF_MS_SP,
        ms_fp = const OFF_MS_FP,
        ms_lr = const OFF_MS_LR,
        hc_move = sym rt_hostcall_move,
    )
}

/// The in-place host-call thunk: as [`hostcall_thunk`], but never shrinks or moves a
/// copying stack, so `f` may receive addresses into the program stack (an embedder's
/// host call with its arguments in a block of the caller's frame).
///
/// ```text
/// On entry: x0 = f, x1..x7 = f's integer arguments after ctx, v0-v7 = its float
///           arguments, x21 = ctx (run state), x30 = return address into generated
///           code, sp = program stack.
/// At `blr f`: x0 = ctx; x1..x7, v0-v7 as on entry.
/// On exit:  x0, x1, v0-v3 = f's results; sp, x30 and the callee-saved registers as on
///           entry; x9, x10 and f's scratch registers clobbered.
///
/// System stack it builds at state.sys_sp (as hostcall_thunk's without a move):
///     +----------------------+  <- state.sys_sp (16-byte aligned)
///     | program sp | x30     |  <- sp at `blr f`
///     +----------------------+
/// ```
/// Also counts the call and records the lowest program sp seen (for `RunStats`).
///
/// # Safety
/// Called only from generated code with x21 = the context of a run in progress.
#[unsafe(naked)]
pub(crate) unsafe extern "C" fn hostcall_thunk_in_place(f: HostFn, a: i64, b: i64, c: i64) -> i64 {
    naked_asm!(
        "mov x9, sp",
        "ldr x10, [x21, #{host_calls}]",
        "add x10, x10, #1",
        "str x10, [x21, #{host_calls}]",
        "ldr x10, [x21, #{min_sp}]",
        "cmp x9, x10",
        "b.hs 2f",
        "str x9, [x21, #{min_sp}]",
        "2:",
        "ldr x10, [x21, #{sys_sp}]",
        "mov sp, x10",
        "stp x9, x30, [sp, #-16]!",
        "mov x9, x0",
        "mov x0, x21",
        "blr x9",
        "ldp x9, x30, [sp], #16",
        "mov sp, x9",
        // Goroutines: a switch request (see gswitch).
        "ldr x10, [x21, #{sw_next}]",
        "cbnz x10, 4f",
        "ret",
        "4:",
        "b {gswitch}",
        sw_next = const OFF_SW_NEXT,
        gswitch = sym gswitch,
        sys_sp = const OFF_SYS_SP,
        min_sp = const OFF_MIN_SP,
        host_calls = const OFF_HOST_CALLS,
    )
}

/// Byte offsets in `RunState::sw_regs` (AArch64): x19, x20, x22..x28, x29, x30, sp,
/// d8..d15 (20 words).
const SW_X19: usize = 0;
const SW_X20: usize = 8;
const SW_X22: usize = 16;
const SW_X23: usize = 24;
const SW_X29: usize = 72;
const SW_X30: usize = 80;
const SW_SP: usize = 88;

/// The goroutine switch (see "Goroutines" in the crate docs): parks the running
/// goroutine and resumes `next`, whose pending host call returns `next.sw_ret`.
///
/// ```text
/// On entry (a branch from a host-call thunk, after it restored sp and x30):
///           x21 = the running goroutine's state, x10 = next (its sw_next),
///           sp = its program stack, x30 = the return address into generated code,
///           x19, x20, x22-x29, d8-d15 = its callee-saved registers.
/// Saves:    sw_next = 0; then into state.sw_regs (x9 = &sw_regs):
///
///     +0   x19  x20      +48  x26  x27      +96   d8   d9
///     +16  x22  x23      +64  x28  x29      +112  d10  d11
///     +32  x24  x25      +80  x30  sp       +128  d12  d13
///                                           +144  d14  d15
///
///           Nothing is written to any stack (stack ABI invariant 3).
/// Then:     as gresume with x21 = next.
/// ```
///
/// # Safety
/// Entered only by the thunks, as above.
#[unsafe(naked)]
pub(crate) unsafe extern "C" fn gswitch() {
    naked_asm!(
        "str xzr, [x21, #{sw_next}]",
        "add x9, x21, #{regs}",
        "stp x19, x20, [x9]",
        "stp x22, x23, [x9, #16]",
        "stp x24, x25, [x9, #32]",
        "stp x26, x27, [x9, #48]",
        "stp x28, x29, [x9, #64]",
        "mov x11, sp",
        "stp x30, x11, [x9, #80]",
        "stp d8, d9, [x9, #96]",
        "stp d10, d11, [x9, #112]",
        "stp d12, d13, [x9, #128]",
        "stp d14, d15, [x9, #144]",
        "mov x21, x10",
        "b {gresume}",
        sw_next = const OFF_SW_NEXT,
        regs = const OFF_SW_REGS,
        gresume = sym gresume,
    )
}

/// Resumes a parked goroutine.
///
/// ```text
/// On entry: x21 = its state (parked by gswitch, or set up by init_goroutine).
/// On exit:  x19, x20, x22-x30, sp, d8-d15 from state.sw_regs (layout: gswitch);
///           x0, x1 = state.sw_ret; `ret` to x30: the return address of its pending
///           host call (into generated code), or gstart for a new goroutine. x9 and
///           x11 clobbered.
/// ```
///
/// # Safety
/// Entered only by gswitch and gstart, as above.
#[unsafe(naked)]
pub(crate) unsafe extern "C" fn gresume() {
    naked_asm!(
        "add x9, x21, #{regs}",
        "ldp x19, x20, [x9]",
        "ldp x22, x23, [x9, #16]",
        "ldp x24, x25, [x9, #32]",
        "ldp x26, x27, [x9, #48]",
        "ldp x28, x29, [x9, #64]",
        "ldp x30, x11, [x9, #80]",
        "mov sp, x11",
        "ldp d8, d9, [x9, #96]",
        "ldp d10, d11, [x9, #112]",
        "ldp d12, d13, [x9, #128]",
        "ldp d14, d15, [x9, #144]",
        "add x9, x21, #{ret}",
        "ldp x0, x1, [x9]",
        "ret",
        regs = const OFF_SW_REGS,
        ret = const OFF_SW_RET,
    )
}

/// Where a goroutine preempted in morestack resumes, "returned to" by gresume: restarts
/// the function that entered morestack, as the stub's restart would have.
///
/// ```text
/// On entry: x21 = its state; sp = state.ms_sp; x19, x20, x22-x28, x29 (= ms_fp),
///           d8-d15 as parked.
/// On exit:  q0-q7 from state.pre_v; x0..x7 from state.ms_regs; x30 = state.ms_lr (the
///           function's return address); br state.ms_func (its check runs again).
///           x9 and x16 clobbered.
/// ```
///
/// # Safety
/// Entered only through gresume for a goroutine the morestack stub parked.
#[unsafe(naked)]
pub(crate) unsafe extern "C" fn gpreempt_resume() {
    naked_asm!(
        "add x9, x21, #{pre_v}",
        "ldp q0, q1, [x9]",
        "ldp q2, q3, [x9, #32]",
        "ldp q4, q5, [x9, #64]",
        "ldp q6, q7, [x9, #96]",
        "ldr x30, [x21, #{ms_lr}]",
        "ldp x0, x1, [x21, #{regs}]",
        "ldp x2, x3, [x21, #{regs} + 16]",
        "ldp x4, x5, [x21, #{regs} + 32]",
        "ldp x6, x7, [x21, #{regs} + 48]",
        "ldr x16, [x21, #{ms_func}]",
        "br x16",
        pre_v = const OFF_PRE_V,
        regs = const OFF_MS_REGS,
        ms_lr = const OFF_MS_LR,
        ms_func = const OFF_MS_FUNC,
    )
}

/// A new goroutine's first code, "returned to" by gresume.
///
/// ```text
/// On entry: x21 = x23 = its state, x19 = its entry trampoline, x20 = its arguments,
///           x22 = its result buffer, x29 = 0 (the frame chain ends here),
///           sp = the top of its stack (16-byte aligned; nothing is stored there).
/// Calls:    entry(state, args, results) (AAPCS64: x19-x23 survive it).
/// Then:     sp = state.sys_sp (the system stack is free: no host function runs),
///           x0 = rt_goexit(state) (Rust: frees the goroutine, returns the next one to
///           run, or ends the run), x21 = x0, b gresume. Never returns.
/// ```
///
/// # Safety
/// Entered only through gresume with the registers init_goroutine prepared.
#[unsafe(naked)]
pub(crate) unsafe extern "C" fn gstart() {
    naked_asm!(
        "mov x0, x23",
        "mov x1, x20",
        "mov x2, x22",
        "blr x19",
        "mov x21, x23",
        "ldr x9, [x21, #{sys_sp}]",
        "mov sp, x9",
        "mov x0, x21",
        "bl {goexit}",
        "mov x21, x0",
        "b {gresume}",
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
    let stp = st as *mut RunState as u64;
    let r = &mut st.sw_regs;
    *r = [0; 20];
    r[SW_X19 / 8] = entry as usize as u64;
    r[SW_X20 / 8] = args as u64;
    r[SW_X22 / 8] = results as u64;
    r[SW_X23 / 8] = stp;
    r[SW_X29 / 8] = 0;
    r[SW_X30 / 8] = gstart as *const () as usize as u64;
    r[SW_SP / 8] = top as u64;
    st.sw_ret = [0, 0];
}

/// The morestack stub, tail-called from a function's cold block (see the stack ABI).
///
/// ```text
/// On entry: x21 = ctx (run state) with ms_func/ms_frame/ms_argbytes/ms_ptrmask set;
///           sp = the function's entry sp ([sp..] = its stack arguments);
///           x30 = return address into its caller; x0 (return area), x2..x7 and v0-v7
///           (floats and vectors, all 128 bits) the arguments as the function received
///           them.
/// Saves:    x0..x7 -> state.ms_regs[0..8]; sp -> state.ms_sp; x30 -> state.ms_lr;
///           then, on the system stack, q0-q7:
///
///     +----------------+  <- state.sys_sp (16-byte aligned)
///     | q6, q7         |  sp + 96
///     | q4, q5         |  sp + 64
///     | q2, q3         |  sp + 32
///     | q0, q1         |  sp + 0   <- sp at `bl rt_morestack`
///     +----------------+
///
/// Then:     bl rt_morestack(state) (Rust, AAPCS64). It either ends the run (abort_run;
///           fixed strategy) or returns in x0 the sp to restart at (stack arguments
///           above it as the function expects them; it may have rewritten
///           state.ms_regs and state.ms_lr, e.g. lessstack as return address; floats are
///           never pointers, so q0-q7 come back as saved).
/// Restart:  q0-q7 reloaded from the system stack; sp = x0; x30 = state.ms_lr; x0..x7
///           reloaded from state.ms_regs; br state.ms_func (the function runs its
///           prologue again, on the new stack) with every argument register as the cold
///           block passed it.
///
/// Preempted: a poisoned guard (crate::sched::PREEMPT, the preemption timer's) skips
///           the fast path; rt_morestack then restores the guard and returns 0 when
///           another goroutine is to run (state.sw_next set). The stub stores q0-q7
///           into state.pre_v, sets sp = ms_sp, x29 = ms_fp, x30 = state.pre_pc
///           (gpreempt_resume) and branches to gswitch with x10 = sw_next; nothing is
///           written to the program stack. gpreempt_resume later restarts the function
///           with every argument register as above.
/// Fast path, first (segmented with SegmentCache::Keep; no Rust, no register saved):
///           when a kept segment follows the current one (seg_cur + 1 < seg_fast_count),
///           the function has no stack arguments and an ordinary frame
///           (ms_frame <= seg_fast_frame), and the chain stays within seg_limit, it
///           links that segment itself, using only x9, x10, x16, x17 (no float
///           register is touched):
///
///     kept segment hi +------------------+
///                     | (argbytes)       |  +24  not written (not read inline)
///                     | ret = x30        |  +16  the inline lessstack returns to it
///                     | old_guard        |  +8
///                     | old_sp = sp      |  +0   <- x10 (stack-info record), new sp
///                     +------------------+
///
///           then guard = desc.guard, seg_cur += 1, fast_splits += 1,
///           sp = the record, `blr state.ms_func` with every argument register
///           untouched. When the function returns to the instruction after that call
///           (sp = the record again), the stub does lessstack's fast path inline:
///           guard = old_guard, seg_cur -= 1, x30 = ret, sp = old_sp, `ret`, leaving
///           the result registers x0..x7 and v0-v7 as the function returned them (only
///           x16 and x30 are written). A real call/return pair keeps the
///           return-address predictor right on both returns, which the
///           `lessstack_stub` return address of the slow path cannot.
/// ```
///
/// # Safety
/// Not callable from Rust: entered only by generated code's cold path.
#[unsafe(naked)]
pub(crate) unsafe extern "C" fn morestack_stub() {
    naked_asm!(
        "ldr x10, [x21, #{ms_calls}]",
        "add x10, x10, #1",
        "str x10, [x21, #{ms_calls}]",
        // A poisoned guard (preemption) always takes the slow path.
        "ldr x9, [x21]",
        "cmn x9, #{npreempt}",
        "b.eq 3f",
        // Fast path: reuse the kept segment after the current one.
        "ldr x9, [x21, #{seg_cur}]",
        "add x9, x9, #1",
        "ldr x10, [x21, #{fast_count}]",
        "cmp x9, x10",
        "b.hs 3f",
        "ldr x10, [x21, #{ms_argbytes}]",
        "cbnz x10, 3f",
        "ldr x10, [x21, #{ms_frame}]",
        "ldr x16, [x21, #{fast_frame}]",
        "cmp x10, x16",
        "b.hi 3f",
        "ldr x10, [x21, #{seg_desc}]",
        "add x9, x10, x9, lsl #5",
        "ldr x10, [x9, #{d_total}]",
        "ldr x16, [x21, #{limit}]",
        "cmp x10, x16",
        "b.hi 3f",
        "ldr x10, [x9, #{d_hi}]",
        "sub x10, x10, #{info_size}",
        "mov x16, sp",
        "str x16, [x10, #{old_sp}]",
        "ldr x16, [x21]",
        "str x16, [x10, #{old_guard}]",
        "str x30, [x10, #{ret}]",
        "ldr x16, [x9, #{d_guard}]",
        "str x16, [x21]",
        "ldr x16, [x21, #{seg_cur}]",
        "add x16, x16, #1",
        "str x16, [x21, #{seg_cur}]",
        "ldr x16, [x21, #{fast_splits}]",
        "add x16, x16, #1",
        "str x16, [x21, #{fast_splits}]",
        // Restart the function with a real call; its return comes back here.
        "mov sp, x10",
        "ldr x16, [x21, #{ms_func}]",
        "blr x16",
        // Inline lessstack: sp = the record again; results in x0..x7; x16, x17 free.
        "ldr x16, [sp, #{old_guard}]",
        "str x16, [x21]",
        "ldr x16, [x21, #{seg_cur}]",
        "sub x16, x16, #1",
        "str x16, [x21, #{seg_cur}]",
        "ldr x30, [sp, #{ret}]",
        "ldr x16, [sp, #{old_sp}]",
        "mov sp, x16",
        "ret",
        // Slow path: the Rust decision function on the system stack.
        "3:",
        "stp x0, x1, [x21, #{regs}]",
        "stp x2, x3, [x21, #{regs} + 16]",
        "stp x4, x5, [x21, #{regs} + 32]",
        "stp x6, x7, [x21, #{regs} + 48]",
        "mov x9, sp",
        "str x9, [x21, #{ms_sp}]",
        "str x30, [x21, #{ms_lr}]",
        "str x29, [x21, #{ms_fp}]",
        "ldr x10, [x21, #{min_sp}]",
        "cmp x9, x10",
        "b.hs 2f",
        "str x9, [x21, #{min_sp}]",
        "2:",
        "ldr x10, [x21, #{sys_sp}]",
        "mov sp, x10",
        "stp q0, q1, [sp, #-128]!",
        "stp q2, q3, [sp, #32]",
        "stp q4, q5, [sp, #64]",
        "stp q6, q7, [sp, #96]",
        "mov x0, x21",
        "bl {rt}",
        "ldp q2, q3, [sp, #32]",
        "ldp q4, q5, [sp, #64]",
        "ldp q6, q7, [sp, #96]",
        "ldp q0, q1, [sp], #128",
        "cbz x0, 7f",
        "mov sp, x0",
        "ldr x29, [x21, #{ms_fp}]",
        "ldr x30, [x21, #{ms_lr}]",
        "ldp x0, x1, [x21, #{regs}]",
        "ldp x2, x3, [x21, #{regs} + 16]",
        "ldp x4, x5, [x21, #{regs} + 32]",
        "ldp x6, x7, [x21, #{regs} + 48]",
        "ldr x16, [x21, #{ms_func}]",
        "br x16",
        // Preempted (rt_morestack returned 0, sw_next set): park with the registers of
        // the restart (integers in ms_regs, q0-q7 in pre_v) and x30 = gpreempt_resume,
        // sp = ms_sp, x29 = ms_fp; nothing is written to the program stack.
        "7:",
        "add x9, x21, #{pre_v}",
        "stp q0, q1, [x9]",
        "stp q2, q3, [x9, #32]",
        "stp q4, q5, [x9, #64]",
        "stp q6, q7, [x9, #96]",
        "ldr x9, [x21, #{ms_sp}]",
        "mov sp, x9",
        "ldr x29, [x21, #{ms_fp}]",
        "ldr x30, [x21, #{pre_pc}]",
        "ldr x10, [x21, #{sw_next}]",
        "b {gswitch}",
        pre_v = const OFF_PRE_V,
        pre_pc = const OFF_PRE_PC,
        sw_next = const OFF_SW_NEXT,
        gswitch = sym gswitch,
        npreempt = const (crate::sched::PREEMPT as i64).wrapping_neg(),
        regs = const OFF_MS_REGS,
        ms_sp = const OFF_MS_SP,
        ms_lr = const OFF_MS_LR,
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
        ret = const INFO_RET,
        fast_splits = const OFF_FAST_SPLITS,
        info_size = const INFO_SIZE,
        ms_fp = const OFF_MS_FP,
    )
}

/// The lessstack stub: the return address segmented morestack gives a function it
/// restarts on a new segment (see "Segmented stacks" in the crate docs).
///
/// ```text
/// On entry: the function returned (`ret` to x30 = here, its stack arguments popped):
///           sp = the segment's stack-info record; results in x0..x7 and v0-v7
///           (floats and vectors, all 128 bits); x21 = ctx (run state). x16 and x17 are
///           free (never return registers).
///
///     segment top (hi) +------------------+
///                      | argbytes         |  +24
///                      | ret (real)       |  +16
///                      | old_guard        |  +8
///         sp --------> | old_sp           |  +0   stack-info record
///                      +------------------+
///                      | (copied args, already popped)
///
/// Fast path (ls_slow == 0, SegmentCache::Keep): ctx.stack_guard = old_guard;
///           seg_cur -= 1; sp = old_sp; ret to the real return address. Only x16, x17
///           are written.
/// Slow path (ls_slow != 0): x0..x7 -> state.ms_regs; sp = state.sys_sp; q0-q7 saved
///           on the system stack:
///
///     +----------------+  <- state.sys_sp (16-byte aligned)
///     | q6, q7         |  sp + 96
///     | q4, q5         |  sp + 64
///     | q2, q3         |  sp + 32
///     | q0, q1         |  sp + 0   <- sp at `bl rt_lessstack`
///     +----------------+
///
///           bl rt_lessstack(state) -> (x0 = sp, x1 = pc) (it restores the guard and the
///           index and frees the segment); q0-q7 reloaded; sp = x0, x17 = x1, x0..x7
///           reloaded; ret x17.
/// On exit:  sp = old_sp (the caller's SP after the call), guard of the old segment,
///           results (integer and float/vector) and callee-saved registers as the
///           function returned them (x30 and the other caller-saved registers that
///           return nothing may be clobbered, as after any call).
/// ```
///
/// # Safety
/// Not callable from Rust: entered only by a return from a function that segmented
/// morestack restarted.
#[unsafe(naked)]
pub(crate) unsafe extern "C" fn lessstack_stub() {
    naked_asm!(
        "ldr x16, [x21, #{ls_slow}]",
        "cbnz x16, 2f",
        "ldr x16, [sp, #{old_guard}]",
        "str x16, [x21]",
        "ldr x16, [x21, #{seg_cur}]",
        "sub x16, x16, #1",
        "str x16, [x21, #{seg_cur}]",
        "ldr x17, [sp, #{ret}]",
        "ldr x16, [sp, #{old_sp}]",
        "mov sp, x16",
        "ret x17",
        "2:",
        "stp x0, x1, [x21, #{regs}]",
        "stp x2, x3, [x21, #{regs} + 16]",
        "stp x4, x5, [x21, #{regs} + 32]",
        "stp x6, x7, [x21, #{regs} + 48]",
        "ldr x16, [x21, #{sys_sp}]",
        "mov sp, x16",
        "stp q0, q1, [sp, #-128]!",
        "stp q2, q3, [sp, #32]",
        "stp q4, q5, [sp, #64]",
        "stp q6, q7, [sp, #96]",
        "mov x0, x21",
        "bl {rt}",
        "ldp q2, q3, [sp, #32]",
        "ldp q4, q5, [sp, #64]",
        "ldp q6, q7, [sp, #96]",
        "ldp q0, q1, [sp], #128",
        "mov sp, x0",
        "mov x17, x1",
        "ldp x0, x1, [x21, #{regs}]",
        "ldp x2, x3, [x21, #{regs} + 16]",
        "ldp x4, x5, [x21, #{regs} + 32]",
        "ldp x6, x7, [x21, #{regs} + 48]",
        "ret x17",
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
        std::arch::asm!("prfm pldl1keep, [{0}]", in(reg) addr, options(nostack, readonly, preserves_flags));
    }
}

/// Stand-ins for generated code, for the tests (see `crate::tests`).
#[cfg(test)]
pub(crate) mod test_code {
    use super::*;

    /// An entry trampoline like the compiler's: `ctx` into x21, then
    /// `results[0] = rec(0, args[0], args[1], args[2], args[3], args[4])` (Tail
    /// convention: arguments in x2..x7).
    ///
    /// ```text
    /// On entry: x0 = ctx, x1 = args, x2 = results (AAPCS64).
    /// Frame: sp+0 x29, x30; sp+16 x19 (results), padding.
    /// ```
    #[unsafe(naked)]
    pub(crate) unsafe extern "C" fn entry(
        ctx: *mut crate::Context,
        args: *const i64,
        results: *mut i64,
    ) {
        naked_asm!(
            "stp x29, x30, [sp, #-32]!",
            "mov x29, sp",
            "str x19, [sp, #16]",
            "mov x21, x0",
            "mov x19, x2",
            "mov x2, #0",
            "ldr x3, [x1]",
            "ldr x4, [x1, #8]",
            "ldr x5, [x1, #16]",
            "ldr x6, [x1, #24]",
            "ldr x7, [x1, #32]",
            "bl {rec}",
            "str x0, [x19]",
            "ldr x19, [sp, #16]",
            "ldp x29, x30, [sp], #32",
            "ret",
            rec = sym rec,
        )
    }

    /// A recursive "generated" function with the stack-check prologue (Tail-like
    /// convention): `rec(depth: x2, limit: x3, f: x4, a: x5, c: x6, k: x7)`, result in
    /// x0. While `depth != limit` it returns `rec(depth + 1, ...)`; at `depth == limit`
    /// it returns `thunk(f, a, depth, c) + k`. `limit = -1` recurses until the stack
    /// ends.
    ///
    /// ```text
    /// Frame: [x29, x30] pushed (16 bytes) <- x29, then 240 bytes; sp = x29 - 240.
    /// Check: sp < [x21] -> cold: set ms_*, pop the frame, br [x21 + 8].
    /// ```
    #[unsafe(naked)]
    pub(crate) unsafe extern "C" fn rec() {
        naked_asm!(
            "stp x29, x30, [sp, #-16]!",
            "mov x29, sp",
            "sub sp, sp, #240",
            "ldr x16, [x21]",
            "mov x17, sp",
            "cmp x17, x16",
            "b.lo 9f",
            "cmp x2, x3",
            "b.eq 5f",
            "str x2, [sp]",
            "add x2, x2, #1",
            "bl {rec}",
            "add sp, sp, #240",
            "ldp x29, x30, [sp], #16",
            "ret",
            // Bottom: thunk(f, a, depth, c) + k.
            "5:",
            "str x7, [sp]",
            "mov x0, x4",
            "mov x1, x5",
            "mov x3, x6",
            "bl {thunk}",
            "ldr x7, [sp]",
            "add x0, x0, x7",
            "add sp, sp, #240",
            "ldp x29, x30, [sp], #16",
            "ret",
            // Cold path: record, pop the frame, tail-call the morestack stub.
            "9:",
            "adrp x16, {rec}",
            "add x16, x16, :lo12:{rec}",
            "str x16, [x21, #16]",
            "mov x16, #256",
            "str x16, [x21, #24]",
            "str xzr, [x21, #32]",
            "str xzr, [x21, #40]",
            "add sp, sp, #240",
            "ldp x29, x30, [sp], #16",
            "ldr x16, [x21, #8]",
            "br x16",
            rec = sym rec,
            thunk = sym hostcall_thunk,
        )
    }

    /// An entry trampoline for [`frec`]: `ctx` into x21, then
    /// `results[0..16] = frec(0, args[0], args[1]; v0..v7 = args[2..18])` (the eight
    /// 128-bit results v0..v7, two words each).
    ///
    /// ```text
    /// On entry: x0 = ctx, x1 = args, x2 = results (AAPCS64).
    /// Frame: sp+0 x29, x30; sp+16 x19 (results), padding.
    /// ```
    #[unsafe(naked)]
    pub(crate) unsafe extern "C" fn fentry(
        ctx: *mut crate::Context,
        args: *const i64,
        results: *mut i64,
    ) {
        naked_asm!(
            "stp x29, x30, [sp, #-32]!",
            "mov x29, sp",
            "str x19, [sp, #16]",
            "mov x21, x0",
            "mov x19, x2",
            "mov x2, #0",
            "ldr x3, [x1]",
            "ldr x4, [x1, #8]",
            "ldp q0, q1, [x1, #16]",
            "ldp q2, q3, [x1, #48]",
            "ldp q4, q5, [x1, #80]",
            "ldp q6, q7, [x1, #112]",
            "bl {frec}",
            "stp q0, q1, [x19]",
            "stp q2, q3, [x19, #32]",
            "stp q4, q5, [x19, #64]",
            "stp q6, q7, [x19, #96]",
            "ldr x19, [sp, #16]",
            "ldp x29, x30, [sp], #32",
            "ret",
            frec = sym frec,
        )
    }

    /// A recursive "generated" function with float/vector arguments and results and the
    /// stack-check prologue (Tail-like convention): `frec(depth: x2, limit: x3, f: x4;
    /// v0..v7)`, results in v0..v7 (all 128 bits). Every level keeps its arguments in its
    /// frame; while `depth != limit` it returns `frec(depth + 1, ...)` plus its own
    /// arguments (`add .2d`, lane by lane); at `depth == limit` it returns
    /// v0 = `thunk(f, depth, 0x11, 0x22, 0x33, 0x44; v0..v7)` (upper lane zeroed) and
    /// v1..v7 = its arguments. So result i is `(limit + 1) * v_i` (i > 0), result 0
    /// `f(...) + limit * v_0`: right only if every frame saw every argument.
    ///
    /// ```text
    /// Frame: [x29, x30] pushed (16 bytes) <- x29, then 240 bytes; sp = x29 - 240;
    ///        [sp + 16 i] = v_i.
    /// Check: sp < [x21] -> cold: set ms_*, pop the frame, br [x21 + 8].
    /// ```
    #[unsafe(naked)]
    pub(crate) unsafe extern "C" fn frec() {
        naked_asm!(
            "stp x29, x30, [sp, #-16]!",
            "mov x29, sp",
            "sub sp, sp, #240",
            "ldr x16, [x21]",
            "mov x17, sp",
            "cmp x17, x16",
            "b.lo 9f",
            "stp q0, q1, [sp]",
            "stp q2, q3, [sp, #32]",
            "stp q4, q5, [sp, #64]",
            "stp q6, q7, [sp, #96]",
            "cmp x2, x3",
            "b.eq 5f",
            "add x2, x2, #1",
            "bl {frec}",
            "ldp q16, q17, [sp]",
            "add v0.2d, v0.2d, v16.2d",
            "add v1.2d, v1.2d, v17.2d",
            "ldp q16, q17, [sp, #32]",
            "add v2.2d, v2.2d, v16.2d",
            "add v3.2d, v3.2d, v17.2d",
            "ldp q16, q17, [sp, #64]",
            "add v4.2d, v4.2d, v16.2d",
            "add v5.2d, v5.2d, v17.2d",
            "ldp q16, q17, [sp, #96]",
            "add v6.2d, v6.2d, v16.2d",
            "add v7.2d, v7.2d, v17.2d",
            "add sp, sp, #240",
            "ldp x29, x30, [sp], #16",
            "ret",
            // Bottom: thunk(f, depth, 0x11, 0x22, 0x33, 0x44; v0..v7).
            "5:",
            "mov x0, x4",
            "mov x1, x2",
            "mov x2, #0x11",
            "mov x3, #0x22",
            "mov x4, #0x33",
            "mov x5, #0x44",
            "bl {thunk}",
            "fmov d0, d0",
            "ldr q1, [sp, #16]",
            "ldp q2, q3, [sp, #32]",
            "ldp q4, q5, [sp, #64]",
            "ldp q6, q7, [sp, #96]",
            "add sp, sp, #240",
            "ldp x29, x30, [sp], #16",
            "ret",
            // Cold path: record, pop the frame, tail-call the morestack stub.
            "9:",
            "adrp x16, {frec}",
            "add x16, x16, :lo12:{frec}",
            "str x16, [x21, #16]",
            "mov x16, #256",
            "str x16, [x21, #24]",
            "str xzr, [x21, #32]",
            "str xzr, [x21, #40]",
            "add sp, sp, #240",
            "ldp x29, x30, [sp], #16",
            "ldr x16, [x21, #8]",
            "br x16",
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
            "ldr x9, [x0]",
            "sub x9, x9, #{below}",
            "str x9, [x9]",
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
            "stp x29, x30, [sp, #-32]!",
            "mov x29, sp",
            "stp x19, x20, [sp, #16]",
            "mov x21, x0",
            "mov x19, x1",
            "ldr x0, [x19]",
            "mov x1, #0",
            "mov x2, #0",
            "mov x3, #0",
            "bl {thunk}",
            "mov x20, sp",
            "mov sp, x0",
            "ldr x0, [x19, #8]",
            "ldr x1, [x19, #16]",
            "ldr x2, [x19, #24]",
            "mov x8, #{tgkill}",
            "svc #0",
            "mov sp, x20",
            "ldp x19, x20, [sp, #16]",
            "ldp x29, x30, [sp], #32",
            "ret",
            thunk = sym hostcall_thunk,
            tgkill = const libc::SYS_tgkill,
        )
    }
}
