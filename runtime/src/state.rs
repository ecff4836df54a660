//! The per-run state ([`RunState`]) that embeds the [`Context`], and [`run`].

use std::io::Write;
use std::mem::offset_of;

pub(crate) use crate::segmented::{
    rt_lessstack, split_slack, SegDesc, DESC_GUARD, DESC_HI, DESC_TOTAL, INFO_OLD_GUARD,
    INFO_OLD_SP, INFO_RET, INFO_SIZE,
};
use crate::segmented::{split, sync_desc};
use crate::stack::{FixedStack, Segment};
use crate::{
    arch, signal, Context, EntryFn, RunError, RunStats, SegmentCache, SegmentStats, StackConfig,
    Strategy, GOROUTINE_STACK_MIN,
};

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
    /// Segmented: index in `segs` of the current segment (lessstack's fast path
    /// decrements it).
    pub seg_cur: usize,
    /// Segmented: nonzero when lessstack must call [`rt_lessstack`] (the segment it
    /// leaves is to be freed); zero for its fast path (guard, index, return).
    pub ls_slow: u64,
    /// Segmented: `desc.as_ptr()`, for the stubs' fast paths.
    pub seg_desc: *const SegDesc,
    /// Segmented with [`SegmentCache::Keep`]: `desc.len()`; 0 otherwise (so the morestack
    /// stub's fast path, which only reuses a kept segment, is never taken).
    pub seg_fast_count: usize,
    /// Segmented: the limit on the chain's total size (`stack_max`).
    pub seg_limit: usize,
    /// Segmented: the largest `ms_frame` an ordinary segment holds
    /// (`seg_size - split_slack(reserve)`): the fast path handles only such frames, so its splits
    /// are never oversized.
    pub seg_fast_frame: usize,
    /// Segmented: splits done by the morestack stub's fast path (all reuse a segment).
    pub fast_splits: u64,
    /// The frame pointer (rbp / x29) at morestack or host-call-move entry; the stub
    /// reloads it afterwards (the copying strategy relocates it).
    pub ms_fp: usize,
    /// Copying: the host-call thunk calls `rt_hostcall_move` when `cstack_hi - sp` is
    /// below this (a quarter of the stack when it may shrink; `usize::MAX` in the stress
    /// mode; 0 otherwise, and for the other strategies).
    pub hc_move_below: usize,
    /// Copying: one past the top of the current stack.
    pub cstack_hi: usize,
    /// The reserve: bytes between the lowest usable byte of the current stack (segment)
    /// and the guard ([`StackConfig::reserve`], rounded up to 16).
    pub reserve: usize,
    /// Goroutines: a switch request. A host function that blocks or yields sets it to
    /// the state of the goroutine to run next; the host-call thunk, on its way back,
    /// switches there when it is not null (see "Goroutines" in the crate docs).
    pub sw_next: *mut RunState,
    /// Goroutines: the callee-saved registers, the stack pointer and the return address of
    /// this goroutine while it is not running (layout: `arch::SW_*`).
    pub sw_regs: [u64; 20],
    /// Goroutines: the result registers its pending host call returns with when it is
    /// switched back in (x86-64 rax, rdx; AArch64 x0, x1).
    pub sw_ret: [u64; 2],
    /// Goroutines, preempted in morestack: its float/vector argument registers (q0-q7 /
    /// xmm0-xmm7, all 128 bits), restored when it resumes (arch `gpreempt_resume`).
    pub pre_v: [u64; 16],
    /// Goroutines, preempted in morestack: where it resumes (arch `gpreempt_resume`).
    pub pre_pc: usize,
    // ---- Rust-only below ----
    /// Goroutines: the scheduler of the run (null until the first goroutine or channel
    /// operation; shared by every goroutine of the run).
    pub sched: *mut crate::sched::Sched,
    /// Goroutines: this state's goroutine record (null without a scheduler).
    pub g: *mut crate::sched::G,
    /// Goroutines: the root state (the one [`crate::GrowableStack`] owns, whose goroutine
    /// is main's); null in the root itself.
    pub root: *mut RunState,
    /// Root only: the state of the running goroutine (null without a scheduler), for the
    /// signal handler.
    pub cur: *mut RunState,
    /// Root only: the pool goroutine stacks are carved from (created with the first
    /// goroutine, kept between calls).
    pub pool: Option<Box<crate::pool::StackPool>>,
    /// Goroutines: the root's pool (null in the root itself).
    pub gpool: *mut crate::pool::StackPool,
    /// Fixed strategy, goroutines: the goroutine's stack (from the pool).
    pub gfixed: Option<Segment>,
    /// The configuration this state was made with (goroutines are made with the same).
    pub cfg: StackConfig,
    /// Preemptions of this goroutine (morestack found the guard poisoned).
    pub preempts: u64,
    /// The output sink (valid during a call; a null pointer between calls).
    pub out: *mut (dyn Write + 'static),
    /// Set after the first failed write: further output is dropped.
    pub out_failed: bool,
    /// Why the run was abandoned.
    pub error: Option<RunError>,
    /// The error a host function failed with ([`crate::host_fail`]), when `error` is
    /// [`RunError::Host`].
    pub host_error: Option<Box<dyn std::any::Any + Send>>,
    /// The embedder's pointer ([`crate::GrowableStack::set_user_data`]).
    pub user_data: *mut (),
    /// The raw Cranelift trap code of the trap that ended the run ([`STATUS_TRAP`]),
    /// written by the signal handler before it redirects the thread to `abort_run`.
    pub trap_code: u8,
    /// The configuration.
    pub strategy: Strategy,
    /// The configured maximum (reported in the overflow error).
    pub limit: usize,
    /// Lowest usable byte of the program stack.
    pub stack_lo: usize,
    /// One past the highest byte of the program stack.
    pub stack_hi: usize,
    /// Segmented: the chain. `segs[..=seg_cur]` are in use, oldest first; with
    /// [`SegmentCache::Keep`], `segs[seg_cur + 1..]` are kept for reuse.
    pub segs: Vec<Segment>,
    /// Segmented: `desc[i]` describes `segs[i]` (always the same length).
    pub desc: Vec<SegDesc>,
    /// Segmented: the size of an ordinary segment.
    pub seg_size: usize,
    /// Segmented: statistics.
    pub seg_stats: SegmentStats,
    /// Segmented: the largest total size of the chain seen.
    pub seg_peak: usize,
    /// Segmented: the largest total size of all mapped segments seen.
    pub seg_mapped_peak: usize,
    /// Copying: the current stack.
    pub cstack: Option<Segment>,
    /// Copying: stacks left by earlier moves (one per size), to move into again.
    pub cspare: Vec<Segment>,
    /// Local variables too large for the stack (see "Big locals" in the crate docs):
    /// the mappings `host::heap_local` made that no return has freed yet.
    pub heap: Vec<crate::ZeroMap>,
    /// What only a root state has (`None` in a goroutine's: a parked goroutine costs
    /// its state, so the state stays small; see [`RootOnly`]).
    pub root_only: Option<Box<RootOnly>>,
    /// Every stack mapping of the run, for the fault handler.
    pub ranges: crate::ranges::Ranges,
    /// Copying: the smallest stack size (`stack_min`).
    pub stack_min: usize,
    /// Copying: the stress mode.
    pub force_move: bool,
    /// Segmented: free a segment when lessstack leaves it ([`SegmentCache::None`]).
    pub seg_free: bool,
    /// With `StackConfig::trace`: the events and the start time.
    pub trace: Option<Box<Trace>>,
    /// Test hook: how many times morestack may lower the guard by `test_step` and
    /// restart the function on the same stack instead of failing.
    #[cfg(test)]
    pub test_regrow: usize,
    /// Test hook: see `test_regrow`.
    #[cfg(test)]
    pub test_step: usize,
}

/// A trace of the stack's size (`StackConfig::trace`): the start time and the events
/// (nanoseconds since the start, bytes).
pub(crate) type Trace = (std::time::Instant, Vec<(u64, usize)>);

/// The parts of a [`RunState`] only a root state (the one a [`crate::GrowableStack`] or a
/// run owns, whose goroutine is main's) has.
pub(crate) struct RootOnly {
    /// Copying, stress mode: the arenas every later stack is carved from (a goroutine's
    /// moves too).
    pub arenas: crate::arena::Arenas,
    /// Copying, stress mode: the arenas goroutines' first stacks are carved from (see
    /// "Goroutines" in [`crate::arena`]).
    pub garenas: crate::arena::Arenas,
    /// Copying, stress mode: old stacks that were mappings of their own (the first
    /// stack), kept `PROT_NONE` until the run ends.
    pub graveyard: Vec<Segment>,
    /// What the goroutines of all calls did so far (dead goroutines' stack statistics are
    /// added to the root's own counters).
    pub go_stats: crate::GoStats,
    /// Copying: the statistics of every goroutine's stack, counted here directly (not in
    /// each goroutine's state: a parked goroutine costs its state; see [`copy_stats`]).
    pub copy_stats: crate::CopyStats,
}

/// The copying statistics `st`'s moves count into: its root's.
pub(crate) fn copy_stats(st: &mut RunState) -> &mut crate::CopyStats {
    &mut root_of(st).ro().copy_stats
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
pub(crate) const OFF_SEG_CUR: usize = offset_of!(RunState, seg_cur);
pub(crate) const OFF_LS_SLOW: usize = offset_of!(RunState, ls_slow);
pub(crate) const OFF_SEG_DESC: usize = offset_of!(RunState, seg_desc);
pub(crate) const OFF_SEG_FAST_COUNT: usize = offset_of!(RunState, seg_fast_count);
pub(crate) const OFF_SEG_LIMIT: usize = offset_of!(RunState, seg_limit);
pub(crate) const OFF_SEG_FAST_FRAME: usize = offset_of!(RunState, seg_fast_frame);
pub(crate) const OFF_FAST_SPLITS: usize = offset_of!(RunState, fast_splits);
pub(crate) const OFF_MS_FP: usize = offset_of!(RunState, ms_fp);
pub(crate) const OFF_HC_MOVE_BELOW: usize = offset_of!(RunState, hc_move_below);
pub(crate) const OFF_CSTACK_HI: usize = offset_of!(RunState, cstack_hi);
pub(crate) const OFF_SW_NEXT: usize = offset_of!(RunState, sw_next);
pub(crate) const OFF_SW_REGS: usize = offset_of!(RunState, sw_regs);
pub(crate) const OFF_SW_RET: usize = offset_of!(RunState, sw_ret);
pub(crate) const OFF_PRE_V: usize = offset_of!(RunState, pre_v);
pub(crate) const OFF_PRE_PC: usize = offset_of!(RunState, pre_pc);
// AArch64's `add` immediate and the stubs' pair loads reach these from x21.
const _: () = assert!(OFF_PRE_PC + 8 < 4096);
pub(crate) const OFF_MS_FRAME: usize = offset_of!(Context, ms_frame);
pub(crate) const OFF_MS_ARGBYTES: usize = offset_of!(Context, ms_argbytes);

const _: () = assert!(offset_of!(RunState, ctx) == 0);

/// Status the enter routine returns: the entry function returned normally.
pub(crate) const STATUS_RETURNED: u64 = 0;
/// Status the enter routine returns: the run was abandoned; `RunState::error` says why.
pub(crate) const STATUS_ABANDONED: u64 = 1;
/// Status the enter routine returns: generated code hit a registered trap instruction
/// and the signal handler sent the thread to the abort routine; `RunState::trap_code`
/// holds its code.
pub(crate) const STATUS_TRAP: u64 = 2;

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
    let st = root_of(st);
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
/// reloads x30 from `ms_lr`), or ends the run, or returns 0: the goroutine was preempted
/// and the stub parks it and switches to `sw_next` (see "Goroutines" in the crate docs).
///
/// # Safety
/// Called only by the morestack stub with the run state of the current run.
pub(crate) unsafe extern "C" fn rt_morestack(st: *mut RunState) -> usize {
    // SAFETY: the stub passes the pinned register, the live run state.
    let st = unsafe { &mut *st };
    if st.ctx.stack_guard == crate::sched::PREEMPT {
        // Not an overflow: the preemption timer poisoned the guard.
        return crate::sched::preempt(st);
    }
    #[cfg(test)]
    if st.test_regrow > 0 {
        st.test_regrow -= 1;
        st.ctx.stack_guard = (st.ctx.stack_guard - st.test_step).max(st.stack_lo + st.reserve);
        return st.ms_sp;
    }
    match st.strategy {
        // The fixed strategy cannot grow: reaching the guard is the overflow.
        Strategy::Fixed => {
            let limit = st.limit;
            abandon(st, RunError::StackOverflow { limit })
        }
        Strategy::Segmented => split(st),
        Strategy::Copying => crate::copying::grow(st),
    }
}

/// The root state of `st`'s run: `st` itself, or for a goroutine the state whose enter
/// routine is active (its error, output and system stack are the run's).
pub(crate) fn root_of(st: &mut RunState) -> &mut RunState {
    if st.root.is_null() {
        st
    } else {
        // SAFETY: a goroutine's root outlives it (the root frees its goroutines when its
        // call ends); both are used only on this thread, one at a time.
        unsafe { &mut *st.root }
    }
}

/// Records the stack's size now, when tracing.
pub(crate) fn trace(st: &mut RunState, bytes: usize) {
    if let Some(t) = &mut st.trace {
        let (t0, events) = &mut **t;
        events.push((t0.elapsed().as_nanos() as u64, bytes));
    }
}

/// Marks the current thread as running the program of `st` (for the signal handler)
/// and clears the mark on drop.
struct RunningGuard;

impl RunningGuard {
    fn new(st: *mut RunState) -> RunningGuard {
        signal::set_running(st);
        RunningGuard
    }
}

impl Drop for RunningGuard {
    fn drop(&mut self) {
        signal::clear_running();
    }
}

impl RunState {
    /// A run state with its first stack set up as `cfg` says (and, for the fixed
    /// strategy, the reservation it lives in).
    pub(crate) fn new(cfg: &StackConfig) -> Result<(Box<RunState>, Option<FixedStack>), RunError> {
        RunState::new_in(cfg, std::ptr::null_mut(), None)
    }

    /// As [`RunState::new`]; with a non-null `root`, the state of a new goroutine of that
    /// root's run, whose first stack comes from the root's pool (the stress mode: from
    /// the root's arenas). `reuse`, the allocation of a dead goroutine's state, is
    /// overwritten instead of allocating (see `Sched::gfree`).
    pub(crate) fn new_in(
        cfg: &StackConfig,
        root: *mut RunState,
        reuse: Option<Box<RunState>>,
    ) -> Result<(Box<RunState>, Option<FixedStack>), RunError> {
        if let Err(e) = cfg.validate() {
            let e = format!("invalid stack configuration: {e}");
            return Err(RunError::Setup(e));
        }
        signal::install_signal_handlers();
        let reserve = cfg.reserve.next_multiple_of(16);
        // Copying stacks are powers of two (as Go's), segments multiples of 16 bytes.
        // A goroutine's copying stack starts at GOROUTINE_STACK_MIN, at least twice the
        // reserve, unless `stack_min` is smaller (see "Goroutines" in the crate docs).
        let seg_size = match cfg.strategy {
            Strategy::Copying if !root.is_null() => cfg
                .stack_min
                .min(GOROUTINE_STACK_MIN.max(2 * reserve))
                .next_power_of_two(),
            Strategy::Copying => cfg.stack_min.next_power_of_two(),
            _ => cfg.stack_min.next_multiple_of(16),
        };
        let mut fixed = None;
        let mut segs = Vec::new();
        let mut desc = Vec::new();
        let mut cstack = None;
        let setup = |what: &str, e: std::io::Error| RunError::Setup(format!("cannot {what}: {e}"));
        let mut gfixed = None;
        let gpool: *mut crate::pool::StackPool = match root.is_null() {
            true => std::ptr::null_mut(),
            // SAFETY: the caller passes the live root state, which has a pool.
            false => unsafe { (*root).pool.as_deref_mut().expect("a pool") as *mut _ },
        };
        // A goroutine's first stack: from the pool, or in the stress mode from the
        // root's arenas (so that no address is ever reused while the run lasts).
        let gstack = |size: usize| -> std::io::Result<Segment> {
            // SAFETY: `root` is live (see above); this runs on its thread.
            unsafe {
                if cfg.force_move && cfg.strategy == Strategy::Copying {
                    let r = &mut *root;
                    let ro = r.root_only.as_deref_mut().expect("a root state");
                    ro.garenas.take(size, &mut r.ranges)
                } else {
                    (*gpool).take(size)
                }
            }
        };
        let (lo, hi) = match cfg.strategy {
            Strategy::Fixed if !root.is_null() => {
                let s = gstack(cfg.stack_max.next_multiple_of(16)).map_err(|e| {
                    setup(
                        &format!("reserve a goroutine stack of {} bytes", cfg.stack_max),
                        e,
                    )
                })?;
                let r = (s.lo(), s.hi());
                gfixed = Some(s);
                r
            }
            Strategy::Fixed => {
                let s =
                    FixedStack::new(cfg.stack_max).map_err(|e| setup("reserve the stack", e))?;
                let r = (s.lo(), s.hi());
                fixed = Some(s);
                r
            }
            Strategy::Copying => {
                let s = match root.is_null() {
                    true => Segment::new(seg_size),
                    false => gstack(seg_size),
                };
                let s = s.map_err(|e| setup("map the stack", e))?;
                let r = (s.lo(), s.hi());
                cstack = Some(s);
                r
            }
            Strategy::Segmented => {
                let s = match root.is_null() {
                    true => Segment::new(seg_size),
                    false => gstack(seg_size),
                };
                let s = s.map_err(|e| setup("map a stack segment", e))?;
                let r = (s.lo(), s.hi());
                desc.push(SegDesc {
                    guard: s.lo() + reserve,
                    hi: s.hi(),
                    size: s.size(),
                    total: s.size(),
                });
                segs.push(s);
                r
            }
        };
        let fresh = RunState {
            ctx: Context {
                stack_guard: lo + reserve,
                morestack: crate::morestack_stub(),
                ms_func: 0,
                ms_frame: 0,
                ms_argbytes: 0,
                ms_ptrmask: 0,
                panic_ops: [0; 2],
            },
            sys_sp: 0,
            min_sp: hi,
            host_calls: 0,
            morestack_calls: 0,
            ms_sp: 0,
            ms_lr: 0,
            ms_regs: [0; 8],
            seg_cur: 0,
            ls_slow: (cfg.segment_cache == SegmentCache::None || cfg.trace) as u64,
            seg_desc: std::ptr::null(),
            seg_fast_count: 0,
            seg_limit: cfg.stack_max,
            seg_fast_frame: seg_size.saturating_sub(split_slack(reserve)),
            fast_splits: 0,
            ms_fp: 0,
            hc_move_below: 0,
            cstack_hi: hi,
            reserve,
            sw_next: std::ptr::null_mut(),
            sw_regs: [0; 20],
            sw_ret: [0; 2],
            pre_v: [0; 16],
            pre_pc: 0,
            sched: std::ptr::null_mut(),
            g: std::ptr::null_mut(),
            root,
            cur: std::ptr::null_mut(),
            pool: None,
            gpool,
            gfixed,
            cfg: cfg.clone(),
            preempts: 0,
            out: std::ptr::null_mut::<std::io::Sink>() as *mut (dyn Write + 'static),
            out_failed: false,
            error: None,
            host_error: None,
            user_data: std::ptr::null_mut(),
            trap_code: 0,
            strategy: cfg.strategy,
            limit: cfg.stack_max,
            stack_lo: lo,
            stack_hi: hi,
            segs,
            desc,
            seg_size,
            seg_stats: SegmentStats {
                segment_size: seg_size,
                cache: cfg.segment_cache,
                allocated: 1,
                max_chain: 1,
                ..SegmentStats::default()
            },
            seg_peak: seg_size,
            seg_mapped_peak: seg_size,
            cstack,
            cspare: Vec::new(),
            heap: Vec::new(),
            root_only: root.is_null().then(|| {
                Box::new(RootOnly {
                    arenas: crate::arena::Arenas::new(),
                    garenas: crate::arena::Arenas::new(),
                    graveyard: Vec::new(),
                    go_stats: crate::GoStats::default(),
                    copy_stats: crate::CopyStats {
                        initial_size: seg_size,
                        force_move: cfg.force_move,
                        peak_size: seg_size,
                        ..Default::default()
                    },
                })
            }),
            ranges: match root.is_null() {
                true => crate::ranges::Ranges::new(),
                false => crate::ranges::Ranges::with_slots(2),
            },
            stack_min: seg_size,
            force_move: cfg.force_move,
            seg_free: cfg.segment_cache == SegmentCache::None,
            trace: cfg
                .trace
                .then(|| Box::new((std::time::Instant::now(), vec![(0, seg_size)]))),
            #[cfg(test)]
            test_regrow: 0,
            #[cfg(test)]
            test_step: 0,
        };
        let mut st = match reuse {
            Some(mut b) => {
                *b = fresh;
                b
            }
            None => Box::new(fresh),
        };
        match cfg.strategy {
            Strategy::Segmented => sync_desc(&mut st),
            Strategy::Copying => crate::copying::set_host_move_threshold(&mut st),
            Strategy::Fixed => {}
        }
        crate::ranges::register_first(&mut st);
        Ok((st, fixed))
    }

    /// The top of the stack a call starts on, after making the bottom of the stack
    /// current again (a call that ended early may have left segments linked) and
    /// clearing what the previous call left (its error; its big locals are freed when
    /// it ends).
    /// Stress mode, root only: gives stack `s` (carved from this root's arenas) back to
    /// the arenas it came from, inaccessible until the run ends.
    pub(crate) fn retire_to_arenas(&mut self, s: Segment) {
        let r = self.ro();
        if r.garenas.holds(&s) {
            r.garenas.retire(s);
        } else {
            r.arenas.retire(s);
        }
    }

    /// The root-only part of a root state.
    pub(crate) fn ro(&mut self) -> &mut RootOnly {
        self.root_only.as_deref_mut().expect("a root state")
    }

    /// The stack guard of the current stack (segment) as the strategy set it (what a
    /// preemption's poison replaced).
    pub(crate) fn real_guard(&self) -> usize {
        match self.strategy {
            Strategy::Fixed => self.stack_lo + self.reserve,
            Strategy::Segmented => self.desc[self.seg_cur].guard,
            Strategy::Copying => self.cstack.as_ref().map_or(0, |s| s.lo()) + self.reserve,
        }
    }

    pub(crate) fn prepare_call(&mut self) -> usize {
        self.error = None;
        self.host_error = None;
        self.out_failed = false;
        match self.strategy {
            Strategy::Fixed => {
                self.ctx.stack_guard = self.stack_lo + self.reserve;
                self.stack_hi & !15
            }
            Strategy::Segmented => {
                self.seg_cur = 0;
                if self.seg_free {
                    self.seg_stats.freed += (self.segs.len() - 1) as u64;
                    self.ranges.remove_segments_from(1);
                    self.segs.truncate(1);
                    self.desc.truncate(1);
                }
                sync_desc(self);
                self.ctx.stack_guard = self.desc[0].guard;
                self.desc[0].hi & !15
            }
            Strategy::Copying => {
                let s = self.cstack.as_ref().expect("copying: a current stack");
                self.ctx.stack_guard = s.lo() + self.reserve;
                self.cstack_hi = s.hi();
                s.hi() & !15
            }
        }
    }

    /// Runs `entry` on this state's stack (see [`crate::GrowableStack::call`]).
    ///
    /// # Safety
    /// As [`crate::GrowableStack::call`]; `out` is valid until this returns.
    pub(crate) unsafe fn call(
        &mut self,
        entry: EntryFn,
        args: *const i64,
        results: *mut i64,
        out: &mut dyn Write,
    ) -> Result<(), RunError> {
        // Once per thread: a syscall per call would cost more than the call itself.
        thread_local! {
            static ALTSTACK_CHECKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
        }
        if !ALTSTACK_CHECKED.with(|c| c.replace(true)) {
            signal::ensure_altstack();
        }
        let top = self.prepare_call();
        // SAFETY: only the lifetime is erased; the pointer is used only during this call
        // and cleared before returning.
        self.out = unsafe {
            std::mem::transmute::<*mut (dyn Write + '_), *mut (dyn Write + 'static)>(out)
        };
        #[cfg(test)]
        test_hook::apply(self);
        let status = {
            let _running = RunningGuard::new(self);
            // SAFETY: `self` is a live RunState whose context describes the stack that
            // `top` belongs to (mapped read-write); `entry` follows the EntryFn contract
            // and args/results are valid for it (the caller's obligation). The enter
            // routine follows the stack ABI: it preserves all callee-saved registers and
            // returns a status.
            unsafe { arch::enter(self as *mut RunState, top, entry, args, results) }
        };
        // Goroutines still alive when main's returned (or the run ended) are abandoned.
        crate::sched::end_call(self);
        self.out = std::ptr::null_mut::<std::io::Sink>() as *mut (dyn Write + 'static);
        // Big locals of calls that never returned (a panic, an overflow).
        self.heap.clear();
        match status {
            STATUS_RETURNED => Ok(()),
            // The signal handler wrote the code through the pointer `enter` was given.
            STATUS_TRAP => Err(RunError::Trap {
                code: self.trap_code,
            }),
            _ => Err(self.error.take().unwrap_or_else(|| {
                RunError::Panic("morestack: run abandoned without a reason".to_string())
            })),
        }
    }

    /// What the runtime did so far on this state's stack.
    pub(crate) fn stats(&self, fixed: Option<&FixedStack>) -> RunStats {
        let mut stats = match fixed {
            _ if self.strategy == Strategy::Copying => {
                let c = self
                    .root_only
                    .as_ref()
                    .map(|r| r.copy_stats.clone())
                    .unwrap_or_default();
                RunStats {
                    strategy: self.strategy,
                    stack_reserved: c.peak_size,
                    peak_stack: c.peak_size,
                    copying: Some(c),
                    ..RunStats::default()
                }
            }
            Some(stack) => RunStats {
                strategy: self.strategy,
                stack_reserved: stack.reserved(),
                peak_stack: stack.touched_depth().max(self.stack_hi - self.min_sp),
                ..RunStats::default()
            },
            None => RunStats {
                strategy: self.strategy,
                stack_reserved: self.seg_mapped_peak,
                peak_stack: self.seg_peak,
                segments: Some(SegmentStats {
                    splits: self.seg_stats.splits + self.fast_splits,
                    reused: self.seg_stats.reused + self.fast_splits,
                    ..self.seg_stats.clone()
                }),
                ..RunStats::default()
            },
        };
        stats.morestack_calls = self.morestack_calls;
        stats.host_calls = self.host_calls;
        stats.reserve = self.reserve;
        if let Some(r) = self.root_only.as_deref().filter(|r| r.go_stats.created > 0) {
            stats.goroutines = Some(r.go_stats.clone());
        }
        if let Some(t) = &self.trace {
            stats.trace = t.1.clone();
        }
        stats
    }
}

impl Drop for RunState {
    fn drop(&mut self) {
        // Goroutines first (their stacks go back to the pool), then the stacks (the
        // ranges registry describes them), then everything else.
        crate::sched::end_call(self);
        self.gfixed = None;
        self.segs.clear();
        self.desc.clear();
        self.cstack = None;
        self.cspare.clear();
        if let Some(r) = &mut self.root_only {
            r.graveyard.clear();
        }
        self.heap.clear();
        self.pool = None;
    }
}

/// One run on a fresh stack (the free function [`crate::run_with_stats`]).
///
/// # Safety
/// As [`crate::run`].
pub(crate) unsafe fn run(
    cfg: &StackConfig,
    entry: EntryFn,
    args: &[i64],
    results: &mut [i64],
    out: &mut dyn Write,
) -> (RunStats, Result<(), RunError>) {
    let mut stack = match crate::GrowableStack::new(cfg) {
        Ok(s) => s,
        Err(e) => {
            let no_stats = RunStats {
                strategy: cfg.strategy,
                ..RunStats::default()
            };
            return (no_stats, Err(e));
        }
    };
    // SAFETY: forwarded (this function's contract, stated on `crate::run`).
    let r = unsafe { stack.call_with_output(entry, args.as_ptr(), results.as_mut_ptr(), out) };
    (stack.stats(), r)
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
