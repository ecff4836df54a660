//! The per-run state ([`RunState`]) that embeds the [`Context`], and [`run`].

use std::io::Write;
use std::mem::offset_of;

use crate::stack::FixedStack;
use crate::{arch, signal, Context, EntryFn, RunError, RunStats, StackConfig, Strategy};

/// Everything the runtime keeps about one run. The [`Context`] is the first field, so the
/// pinned register points at both (see the stack ABI in the crate docs). The fields up to
/// `ms_regs` are read and written by the arch stubs at the `OFF_*` offsets below.
#[repr(C)]
pub(crate) struct RunState {
    /// The part generated code sees.
    pub ctx: Context,
    /// System-stack SP recorded by the enter routine (16-byte aligned): host functions
    /// and the morestack decision run below it; the abort routine returns to it.
    pub sys_sp: usize,
    /// Lowest program-stack SP seen at host calls and morestack calls.
    pub min_sp: usize,
    /// Calls through the host-call thunk.
    pub host_calls: u64,
    /// Calls of the morestack stub.
    pub morestack_calls: u64,
    /// SP at morestack entry (x86-64: points at the return address).
    pub ms_sp: usize,
    /// AArch64: x30 (the return address) at morestack entry. Unused on x86-64.
    pub ms_lr: usize,
    /// Argument registers at morestack entry, reloaded before the restart. x86-64: rdi,
    /// rsi, rdx, rcx, r8, r9, rax, r10; AArch64: x0..x7.
    pub ms_regs: [u64; 8],
    // ---- Rust-only below ----
    /// The output sink (valid for the duration of `run`).
    pub out: *mut (dyn Write + 'static),
    /// Set after the first failed write: further output is dropped.
    pub out_failed: bool,
    /// Why the run was abandoned.
    pub error: Option<RunError>,
    /// The configuration.
    pub strategy: Strategy,
    /// The configured maximum (reported in the overflow error).
    pub limit: usize,
    /// Lowest usable byte of the program stack.
    pub stack_lo: usize,
    /// One past the highest byte of the program stack.
    pub stack_hi: usize,
    /// Test hook: how many times morestack may lower the guard by `test_step` and
    /// restart the function on the same stack instead of failing.
    #[cfg(test)]
    pub test_regrow: usize,
    /// Test hook: see `test_regrow`.
    #[cfg(test)]
    pub test_step: usize,
}

pub(crate) const OFF_SYS_SP: usize = offset_of!(RunState, sys_sp);
pub(crate) const OFF_MIN_SP: usize = offset_of!(RunState, min_sp);
pub(crate) const OFF_HOST_CALLS: usize = offset_of!(RunState, host_calls);
pub(crate) const OFF_MS_CALLS: usize = offset_of!(RunState, morestack_calls);
pub(crate) const OFF_MS_SP: usize = offset_of!(RunState, ms_sp);
#[cfg_attr(not(target_arch = "aarch64"), allow(dead_code))]
pub(crate) const OFF_MS_LR: usize = offset_of!(RunState, ms_lr);
pub(crate) const OFF_MS_REGS: usize = offset_of!(RunState, ms_regs);
pub(crate) const OFF_MS_FUNC: usize = offset_of!(Context, ms_func);

const _: () = assert!(offset_of!(RunState, ctx) == 0);

/// Status the enter routine returns: the entry function returned normally.
pub(crate) const STATUS_RETURNED: u64 = 0;
/// Status the enter routine returns: the run was abandoned; `RunState::error` says why.
pub(crate) const STATUS_ABANDONED: u64 = 1;

/// Recovers the run state from a context pointer (the pinned register).
///
/// # Safety
/// `ctx` is the context of a run in progress (embedded in a [`RunState`]; see the stack
/// ABI), and the caller runs on the system stack of that run's thread.
pub(crate) unsafe fn state<'a>(ctx: *mut Context) -> &'a mut RunState {
    // SAFETY: contexts passed to the runtime are the first field of a live RunState
    // (repr(C), offset 0), owned by the `run` frame further up this thread's stack.
    unsafe { &mut *(ctx as *mut RunState) }
}

/// Records `err` and abandons the program: returns from the enter routine with
/// [`STATUS_ABANDONED`]. Must be called on the system stack; every Rust frame between
/// here and the enter routine is discarded without running destructors, so the callers
/// must own nothing that needs `Drop`.
pub(crate) fn abandon(st: &mut RunState, err: RunError) -> ! {
    if st.error.is_none() {
        st.error = Some(err);
    }
    // SAFETY: `st` belongs to a run in progress on this thread and we are on its system
    // stack below `sys_sp` (host functions and morestack run there); the frames skipped
    // own nothing that needs Drop (documented requirement of this function).
    unsafe { arch::abort_run(st as *mut RunState, STATUS_ABANDONED) }
}

/// The Rust half of morestack, called by the arch stub on the system stack after it
/// saved the argument registers and SP into the run state. Returns the SP to restart
/// `ctx.ms_func` at (x86-64: `[sp]` must hold the return address; AArch64: the stub
/// reloads x30 from `ms_lr`), or ends the run.
///
/// # Safety
/// Called only by the morestack stub with the run state of the current run.
pub(crate) unsafe extern "C" fn rt_morestack(st: *mut RunState) -> usize {
    // SAFETY: the stub passes the pinned register, the live run state.
    let st = unsafe { &mut *st };
    #[cfg(test)]
    if st.test_regrow > 0 {
        st.test_regrow -= 1;
        st.ctx.stack_guard =
            (st.ctx.stack_guard - st.test_step).max(st.stack_lo + crate::STACK_RESERVE);
        return st.ms_sp;
    }
    match st.strategy {
        // The fixed strategy cannot grow: reaching the guard is the overflow.
        Strategy::Fixed => {
            let limit = st.limit;
            abandon(st, RunError::StackOverflow { limit })
        }
    }
}

/// Marks the current thread as running a program on `[lo, hi)` (for the signal handler)
/// and clears the mark on drop.
struct RunningGuard;

impl RunningGuard {
    fn new(guard_page: usize, page: usize, lo: usize, hi: usize) -> RunningGuard {
        signal::set_running(guard_page, page, lo, hi);
        RunningGuard
    }
}

impl Drop for RunningGuard {
    fn drop(&mut self) {
        signal::clear_running();
    }
}

pub(crate) fn run(
    cfg: &StackConfig,
    entry: EntryFn,
    args: &[i64],
    results: &mut [i64],
    out: &mut dyn Write,
) -> (RunStats, Result<(), RunError>) {
    let no_stats = RunStats {
        strategy: cfg.strategy,
        ..RunStats::default()
    };
    if let Err(e) = cfg.validate() {
        let e = format!("morestack: invalid stack configuration: {e}");
        return (no_stats, Err(RunError::Panic(e)));
    }
    signal::install_signal_handlers();
    signal::ensure_altstack();
    let stack = match FixedStack::new(cfg.stack_max) {
        Ok(s) => s,
        Err(e) => {
            let e = format!("morestack: cannot reserve the stack: {e}");
            return (no_stats, Err(RunError::Panic(e)));
        }
    };
    let (lo, hi) = (stack.lo(), stack.hi());
    // SAFETY: only the lifetime is erased; the pointer is used only while `run` borrows
    // `out` (it is dropped with `st` at the end of this function).
    let out: *mut (dyn Write + 'static) =
        unsafe { std::mem::transmute::<*mut (dyn Write + '_), *mut (dyn Write + 'static)>(out) };
    let mut st = Box::new(RunState {
        ctx: Context {
            stack_guard: lo + crate::STACK_RESERVE,
            morestack: crate::morestack_stub(),
            ms_func: 0,
            ms_frame: 0,
            ms_argbytes: 0,
            ms_ptrmask: 0,
        },
        sys_sp: 0,
        min_sp: hi,
        host_calls: 0,
        morestack_calls: 0,
        ms_sp: 0,
        ms_lr: 0,
        ms_regs: [0; 8],
        out,
        out_failed: false,
        error: None,
        strategy: cfg.strategy,
        limit: cfg.stack_max,
        stack_lo: lo,
        stack_hi: hi,
        #[cfg(test)]
        test_regrow: 0,
        #[cfg(test)]
        test_step: 0,
    });
    #[cfg(test)]
    test_hook::apply(&mut st);
    let status = {
        let _running = RunningGuard::new(stack.guard_page(), stack.page_size(), lo, hi);
        let top = hi & !15;
        // SAFETY: `st` is a live RunState whose context describes `stack`, mapped
        // read-write on [lo, hi); `entry` is the compiler's entry trampoline (EntryFn
        // contract); args/results outlive the call. The enter routine follows the stack
        // ABI: it preserves all callee-saved registers and returns a status.
        unsafe {
            arch::enter(
                &mut *st as *mut RunState,
                top,
                entry,
                args.as_ptr(),
                results.as_mut_ptr(),
            )
        }
    };
    let peak = stack.touched_depth().max(hi - st.min_sp);
    let stats = RunStats {
        strategy: cfg.strategy,
        stack_reserved: stack.reserved(),
        peak_stack: peak,
        morestack_calls: st.morestack_calls,
        host_calls: st.host_calls,
    };
    drop(stack);
    let result = match status {
        STATUS_RETURNED => Ok(()),
        _ => Err(st.error.take().unwrap_or_else(|| {
            RunError::Panic("morestack: run abandoned without a reason".to_string())
        })),
    };
    (stats, result)
}

#[cfg(test)]
pub(crate) mod test_hook {
    use super::RunState;
    use std::cell::Cell;

    thread_local! {
        static REGROW: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
    }

    /// Makes the next `run` on this thread start with the guard `step` bytes below the
    /// top of the stack and lower it by `step` (down to at most the real guard) at each
    /// of the first `count` morestack calls, restarting the function (exercises the
    /// stub's restart path).
    pub fn set_regrow(count: usize, step: usize) {
        REGROW.with(|c| c.set((count, step)));
    }

    pub(super) fn apply(st: &mut RunState) {
        let (count, step) = REGROW.with(|c| c.replace((0, 0)));
        st.test_regrow = count;
        st.test_step = step;
        if count > 0 {
            st.ctx.stack_guard = st.ctx.stack_guard.max(st.stack_hi - step);
        }
    }
}
