//! Goroutines, the M:1 scheduler and channels (see "Goroutines" in the crate docs; Go's
//! `runtime/proc.go`, `chan.go` and `select.go` are the reference).
//!
//! Everything here runs on the system stack, in host functions called through the
//! host-call thunk, or in [`rt_goexit`], called by the goroutine start routine. A host
//! function never switches stacks itself: it records the switch in the running state's
//! `sw_next` and returns; the thunk switches on its way back (arch `gswitch`). So the
//! scheduler is plain Rust over plain data, and an M:N scheduler would replace this file
//! (and the run queue's locking), not the stack code.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::state::{abandon, root_of, state, RunState};
use crate::{arch, Context, EntryFn, RunError};

/// What a goroutine is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    /// In the run queue.
    Runnable,
    /// The one running.
    Running,
    /// Parked on channels (or forever on a nil channel).
    Waiting,
}

/// The poisoned stack guard (Go's `stackPreempt`): above every stack pointer, so the
/// next prologue check of the running goroutine fails and morestack yields (see
/// [`preempt`]).
pub(crate) const PREEMPT: usize = 0xFFFF_FFFF_FFFF_FADE;

/// The preemption period (Go's `forcePreemptNS` is 10 ms).
pub(crate) const PREEMPT_PERIOD: std::time::Duration = std::time::Duration::from_millis(10);

/// What the preemption timer thread shares with the run's thread.
struct PreemptShared {
    stop: AtomicBool,
    /// The address of the running goroutine's `Context::stack_guard` (0: none). The
    /// scheduler changes it under the lock before any state it named may be freed, so
    /// the timer never writes into freed memory.
    target: Mutex<usize>,
}

/// The preemption timer of a run with goroutines: a thread that every
/// [`PREEMPT_PERIOD`] poisons the running goroutine's guard (one store; no signal).
struct Preempter {
    shared: Arc<PreemptShared>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Preempter {
    fn start(target: usize) -> Preempter {
        let shared = Arc::new(PreemptShared {
            stop: AtomicBool::new(false),
            target: Mutex::new(target),
        });
        let sh = shared.clone();
        let thread = std::thread::Builder::new()
            .name("morestack-preempt".into())
            .spawn(move || loop {
                std::thread::park_timeout(PREEMPT_PERIOD);
                if sh.stop.load(Ordering::Acquire) {
                    return;
                }
                let t = sh.target.lock().unwrap_or_else(|e| e.into_inner());
                if *t != 0 {
                    // SAFETY: the guard of a live goroutine state (see `target`); the
                    // run's thread reads and writes it with single aligned word accesses,
                    // as Go's stackguard0 is shared with sysmon.
                    unsafe {
                        AtomicUsize::from_ptr(*t as *mut usize).store(PREEMPT, Ordering::Relaxed)
                    };
                }
            })
            .ok();
        Preempter { shared, thread }
    }

    fn retarget(&self, st: *mut RunState) {
        // SAFETY: a field address of a live state (no access).
        let a = unsafe { std::ptr::addr_of_mut!((*st).ctx.stack_guard) } as usize;
        *self.shared.target.lock().unwrap_or_else(|e| e.into_inner()) = a;
    }
}

impl Drop for Preempter {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Release);
        *self.shared.target.lock().unwrap_or_else(|e| e.into_inner()) = 0;
        if let Some(t) = self.thread.take() {
            t.thread().unpark();
            let _ = t.join();
        }
    }
}

/// Words of the result buffer a goroutine's entry trampoline writes (and nobody reads).
pub const GO_RESULT_WORDS: usize = 32;

/// A goroutine: a stack object (its own [`RunState`], whose context the pinned register
/// holds while it runs) plus its scheduler entry.
pub(crate) struct G {
    /// Its state: the root's for main's goroutine; owned (from `Box::into_raw`) for the
    /// others.
    st: *mut RunState,
    /// Go's goroutine id (main's is 1).
    id: u64,
    /// Its index in `Sched::gs`.
    slot: usize,
    status: Status,
    /// Set when a channel it waits to send on was closed: it panics when it would run.
    panic_pending: bool,
    /// The channels a blocking select queued it on (empty for a plain send or receive,
    /// which waits in one queue only: no allocation for a parked goroutine).
    waiting_on: Vec<*mut Chan>,
    /// Its arguments, copied off the spawner's stack (the entry trampoline reads them).
    args: Box<[i64]>,
}

/// A waiting goroutine in a channel's queue (Go's `sudog`).
#[derive(Clone, Copy)]
struct Waiter {
    g: *mut G,
    /// The select case it waits for, or -1 for a plain send or receive.
    case: i64,
    /// A sender's value.
    elem: i64,
}

/// A channel of 8-byte words (Go's `hchan`). Lives on the heap, owned by the scheduler,
/// until the call ends; its address is the handle generated code holds.
pub(crate) struct Chan {
    cap: usize,
    buf: VecDeque<i64>,
    closed: bool,
    recvq: VecDeque<Waiter>,
    sendq: VecDeque<Waiter>,
}

/// The scheduler of one call of a root state: every goroutine, the run queue (FIFO),
/// every channel.
pub(crate) struct Sched {
    root: *mut RunState,
    gs: Vec<Option<Box<G>>>,
    free_slots: Vec<usize>,
    runq: VecDeque<*mut G>,
    cur: *mut G,
    /// Boxed: a channel's address is its handle and must not move.
    #[allow(clippy::vec_box)]
    chans: Vec<Box<Chan>>,
    next_id: u64,
    alive: usize,
    rng: u64,
    /// Where every goroutine's entry trampoline writes its results (discarded, so they
    /// may share it).
    results: Box<[i64; GO_RESULT_WORDS]>,
    /// The preemption timer, started with the first goroutine.
    preempter: Option<Preempter>,
    /// The run states of dead goroutines, their stacks given back, whose allocations the
    /// next `go` statements overwrite (Go's `gfree` list): spawn + exit costs no
    /// allocation of a state. At most [`GFREE_MAX`].
    #[allow(clippy::vec_box)] // The allocations themselves are what is kept.
    gfree: Vec<Box<RunState>>,
}

/// The most dead goroutine states [`Sched::gfree`] keeps.
const GFREE_MAX: usize = 1024;

/// The scheduler of `st`'s run, made on first use (then `st` is the root: no other
/// goroutine can exist yet). Main's goroutine gets id 1.
fn sched(st: &mut RunState) -> &'static mut Sched {
    let root = root_of(st);
    if root.sched.is_null() {
        let rp = root as *mut RunState;
        let mut s = Box::new(Sched {
            root: rp,
            gs: Vec::new(),
            free_slots: Vec::new(),
            runq: VecDeque::new(),
            cur: std::ptr::null_mut(),
            chans: Vec::new(),
            next_id: 2,
            alive: 1,
            rng: 0x9E37_79B9_7F4A_7C15 ^ (rp as u64),
            results: Box::new([0; GO_RESULT_WORDS]),
            preempter: None,
            gfree: Vec::new(),
        });
        let mut main = Box::new(G {
            st: rp,
            id: 1,
            slot: 0,
            status: Status::Running,
            panic_pending: false,
            waiting_on: Vec::new(),
            args: Box::new([]),
        });
        root.g = &mut *main;
        s.cur = &mut *main;
        s.gs.push(Some(main));
        root.cur = rp;
        root.sched = Box::into_raw(s);
        root.ro().go_stats.peak_alive = root.ro().go_stats.peak_alive.max(1);
        if root.pool.is_none() {
            root.pool = Some(Box::new(crate::pool::StackPool::new()));
        }
        // Goroutines share the stress mode's arenas: retire in any order.
        root.ro().arenas.shared = true;
        root.ro().garenas.shared = true;
    }
    // SAFETY: the scheduler lives until the root's call ends (`end_call`); it is used on
    // this thread only, by one host function at a time.
    unsafe { &mut *root.sched }
}

/// The goroutine to run next (FIFO), or the end of the run: a deadlock when nothing can
/// run, or the panic of a sender whose channel was closed while it waited.
fn pick_next(s: &mut Sched) -> *mut G {
    // SAFETY: the root outlives its scheduler.
    let root = unsafe { &mut *s.root };
    while let Some(g) = s.runq.pop_front() {
        // SAFETY: queued goroutines are live (a goroutine leaves the queue before it dies).
        let gr = unsafe { &mut *g };
        if gr.status != Status::Runnable {
            continue;
        }
        if gr.panic_pending {
            abandon(root, RunError::Panic("send on closed channel".into()));
        }
        return g;
    }
    abandon(
        root,
        RunError::Fatal("all goroutines are asleep - deadlock!".into()),
    )
}

/// Makes `next` the running goroutine; when it is not `st`'s, asks the thunk to switch
/// to it on its way back (`st` must be the running goroutine's state).
fn switch_to(s: &mut Sched, st: &mut RunState, next: *mut G) {
    // SAFETY: `next` is live (from the run queue).
    let n = unsafe { &mut *next };
    n.status = Status::Running;
    s.cur = next;
    if !std::ptr::eq(n.st, st) {
        if let Some(p) = &s.preempter {
            p.retarget(n.st);
        }
        st.sw_next = n.st;
        // SAFETY: the root outlives its scheduler.
        let root = unsafe { &mut *s.root };
        root.ro().go_stats.switches += 1;
        // For the signal handler (a plain store: it runs on this thread).
        // SAFETY: a field of the live root.
        unsafe { std::ptr::write_volatile(&mut root.cur, n.st) };
    }
}

/// Parks the running goroutine (`st`'s) and switches to the next runnable one.
fn park(s: &mut Sched, st: &mut RunState) {
    // SAFETY: `st.g` is the running goroutine's record.
    unsafe { (*st.g).status = Status::Waiting };
    let next = pick_next(s);
    switch_to(s, st, next);
}

/// Makes `g` runnable; its pending host call returns `(r0, r1)`. It leaves every channel
/// queue it was in (a select's other cases).
fn ready(s: &mut Sched, g: *mut G, r0: i64, r1: i64) {
    // SAFETY: `g` is live (it was in a channel's queue or is being woken by its record).
    let gr = unsafe { &mut *g };
    // Every caller has taken the waiter out of the queue it was woken from: a goroutine
    // that waited in one queue only (a plain send or receive) is in no queue any more,
    // and is not looked for (a close that wakes a million receivers would take
    // quadratic time). A select's goroutine is still in its other cases' queues.
    if gr.waiting_on.len() == 1 {
        gr.waiting_on.clear();
    }
    // (A plain send or receive recorded no channel: nothing to do.)
    for &c in &gr.waiting_on {
        // SAFETY: channels live until the call ends.
        let c = unsafe { &mut *c };
        c.recvq.retain(|w| w.g != g);
        c.sendq.retain(|w| w.g != g);
    }
    gr.waiting_on.clear();
    // SAFETY: its state is live.
    unsafe { (*gr.st).sw_ret = [r0 as u64, r1 as u64] };
    gr.status = Status::Runnable;
    s.runq.push_back(g);
}

/// Results for a woken waiter: a plain receive gets `(v, ok)`, a plain send `(0, 0)`, a
/// select case `(2 * case + ok, v)`.
fn results_for(w: &Waiter, v: i64, ok: bool) -> (i64, i64) {
    if w.case < 0 {
        (v, ok as i64)
    } else {
        (2 * w.case + ok as i64, v)
    }
}

/// A channel handle from generated code (null: a nil channel).
fn chan<'a>(ch: i64) -> Option<&'a mut Chan> {
    // SAFETY: handles are addresses of live channels made by `chan_make` in this call
    // (the ABI's contract), or 0.
    unsafe { (ch as usize as *mut Chan).as_mut() }
}

fn go_panic(st: &mut RunState, text: &str) -> ! {
    abandon(st, RunError::Panic(text.to_string()))
}

/// Tries a send without blocking: `true` if done (a receiver took it or the buffer had
/// room). Panics on a closed channel.
fn try_send(s: &mut Sched, st: &mut RunState, c: &mut Chan, v: i64) -> bool {
    if c.closed {
        go_panic(st, "send on closed channel");
    }
    if let Some(w) = c.recvq.pop_front() {
        let (r0, r1) = results_for(&w, v, true);
        ready(s, w.g, r0, r1);
        return true;
    }
    if c.buf.len() < c.cap {
        c.buf.push_back(v);
        return true;
    }
    false
}

/// Tries a receive without blocking: `Some((v, ok))` if done.
fn try_recv(s: &mut Sched, c: &mut Chan) -> Option<(i64, bool)> {
    if let Some(w) = c.sendq.pop_front() {
        let v = if c.cap == 0 {
            w.elem
        } else {
            // A full buffer: take its head, the sender's value goes to its tail.
            let v = c.buf.pop_front().unwrap_or(w.elem);
            c.buf.push_back(w.elem);
            v
        };
        // The sender's pending call returns (0, 0), or its select case (ok = 1).
        let (r0, r1) = if w.case < 0 {
            (0, 0)
        } else {
            (2 * w.case + 1, 0)
        };
        ready(s, w.g, r0, r1);
        return Some((v, true));
    }
    if let Some(v) = c.buf.pop_front() {
        return Some((v, true));
    }
    if c.closed {
        return Some((0, false));
    }
    None
}

/// Two results, returned in rax:rdx (x86-64) or x0:x1 (AArch64).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair(pub i64, pub i64);

/// `make(chan T, cap)`: a new channel handle (never 0). Panics
/// `makechan: size out of range` when `cap < 0` or absurdly large.
///
/// # Safety
/// `ctx` is the context of a running program (called through a host-call thunk).
pub unsafe extern "C" fn chan_make(ctx: *mut Context, cap: i64) -> i64 {
    // SAFETY: the caller's contract.
    let st = unsafe { state(ctx) };
    if !(0..=1 << 45).contains(&cap) {
        go_panic(st, "makechan: size out of range");
    }
    let s = sched(st);
    let mut c = Box::new(Chan {
        cap: cap as usize,
        buf: VecDeque::new(),
        closed: false,
        recvq: VecDeque::new(),
        sendq: VecDeque::new(),
    });
    let h = &mut *c as *mut Chan as i64;
    s.chans.push(c);
    root_of(st).ro().go_stats.channels += 1;
    h
}

/// `ch <- v`. May switch goroutines (blocks until a receiver takes `v` or the buffer has
/// room; a nil channel blocks forever). Panics `send on closed channel`.
///
/// # Safety
/// As [`chan_make`]; `ch` is 0 or a handle from [`chan_make`] of this call.
pub unsafe extern "C" fn chan_send(ctx: *mut Context, ch: i64, v: i64) -> i64 {
    // SAFETY: the caller's contract.
    let st = unsafe { state(ctx) };
    let s = sched(st);
    let Some(c) = chan(ch) else {
        park(s, st);
        return 0;
    };
    if !try_send(s, st, c, v) {
        c.sendq.push_back(Waiter {
            g: st.g,
            case: -1,
            elem: v,
        });
        // (Not recorded in `waiting_on`: a plain send or receive waits in one queue,
        // which its waker takes it out of; see `ready`.)
        park(s, st);
    }
    0
}

/// `v, ok := <-ch`: returns `Pair(v, ok)` (ok 0 and v 0 once the channel is closed and
/// drained). May switch goroutines (blocks until a value comes or the channel is
/// closed; a nil channel blocks forever).
///
/// # Safety
/// As [`chan_send`].
pub unsafe extern "C" fn chan_recv(ctx: *mut Context, ch: i64) -> Pair {
    // SAFETY: the caller's contract.
    let st = unsafe { state(ctx) };
    let s = sched(st);
    let Some(c) = chan(ch) else {
        park(s, st);
        return Pair(0, 0);
    };
    if let Some((v, ok)) = try_recv(s, c) {
        return Pair(v, ok as i64);
    }
    c.recvq.push_back(Waiter {
        g: st.g,
        case: -1,
        elem: 0,
    });
    // (Not recorded in `waiting_on`: see `ready`.)
    park(s, st);
    Pair(0, 0)
}

/// `close(ch)`: wakes every receiver (with `0, false`); every waiting sender panics
/// `send on closed channel` when it would run. Panics `close of nil channel`,
/// `close of closed channel`. Never switches.
///
/// # Safety
/// As [`chan_send`].
pub unsafe extern "C" fn chan_close(ctx: *mut Context, ch: i64) -> i64 {
    // SAFETY: the caller's contract.
    let st = unsafe { state(ctx) };
    let s = sched(st);
    let Some(c) = chan(ch) else {
        go_panic(st, "close of nil channel")
    };
    if c.closed {
        go_panic(st, "close of closed channel");
    }
    c.closed = true;
    while let Some(w) = c.recvq.pop_front() {
        let (r0, r1) = results_for(&w, 0, false);
        ready(s, w.g, r0, r1);
    }
    while let Some(w) = c.sendq.pop_front() {
        // SAFETY: a queued waiter is live.
        unsafe { (*w.g).panic_pending = true };
        ready(s, w.g, 0, 0);
    }
    0
}

/// `len(ch)`: values in the buffer (0 for nil). Never switches.
///
/// # Safety
/// As [`chan_send`].
pub unsafe extern "C" fn chan_len(_ctx: *mut Context, ch: i64) -> i64 {
    chan(ch).map_or(0, |c| c.buf.len() as i64)
}

/// `cap(ch)`: the buffer's capacity (0 for nil). Never switches.
///
/// # Safety
/// As [`chan_send`].
pub unsafe extern "C" fn chan_cap(_ctx: *mut Context, ch: i64) -> i64 {
    chan(ch).map_or(0, |c| c.cap as i64)
}

/// One case of [`select`]: `kind` [`SELECT_RECV`] or [`SELECT_SEND`], the channel
/// handle (0: a nil channel, never ready), and the value to send.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct SelectCase {
    /// [`SELECT_RECV`] or [`SELECT_SEND`].
    pub kind: i64,
    /// The channel (0: nil).
    pub ch: i64,
    /// The value a send case sends (ignored for a receive).
    pub value: i64,
}

/// [`SelectCase::kind`] of a receive case.
pub const SELECT_RECV: i64 = 0;
/// [`SelectCase::kind`] of a send case.
pub const SELECT_SEND: i64 = 1;

/// `select` over `n` cases at `cases` (see [`SelectCase`]), with a `default` case when
/// `has_default` is nonzero. Returns `Pair(2 * i + ok, v)` for case `i` (a receive
/// case's value and ok; ok is 1 for a send case), or `Pair(-2, 0)` for the default case
/// (i = -1). Among ready cases it picks uniformly at random, as Go does. Without a
/// ready case and without default it blocks on every channel at once (no case at all:
/// forever) and may switch goroutines. Panics `send on closed channel` when it picks a
/// send case whose channel is closed.
///
/// # Safety
/// As [`chan_send`]; `cases..cases + n` is readable until it returns: when the cases lie
/// in the caller's frame, call it through [`crate::hostcall_thunk_in_place`] (the
/// ordinary thunk may move the stack before the call).
pub unsafe extern "C" fn select(
    ctx: *mut Context,
    cases: *const SelectCase,
    n: i64,
    has_default: i64,
) -> Pair {
    // SAFETY: the caller's contract.
    let st = unsafe { state(ctx) };
    let s = sched(st);
    let n = n.max(0) as usize;
    let cs: &[SelectCase] = match n {
        0 => &[],
        // SAFETY: the caller's contract: n readable cases.
        _ => unsafe { std::slice::from_raw_parts(cases, n) },
    };
    // Poll in a random order (Go's pollorder): the first ready case in it is uniform
    // among the ready ones.
    let start = if n > 0 { s.random(n) } else { 0 };
    let stride = if n > 1 { s.coprime_stride(n) } else { 1 };
    for k in 0..n {
        let i = (start + k * stride) % n;
        let c = cs[i];
        let Some(ch) = chan(c.ch) else { continue };
        if c.kind == SELECT_SEND {
            if try_send(s, st, ch, c.value) {
                return Pair(2 * i as i64 + 1, 0);
            }
        } else if let Some((v, ok)) = try_recv(s, ch) {
            return Pair(2 * i as i64 + ok as i64, v);
        }
    }
    if has_default != 0 {
        return Pair(-2, 0);
    }
    for (i, c) in cs.iter().enumerate() {
        let Some(ch) = chan(c.ch) else { continue };
        let w = Waiter {
            g: st.g,
            case: i as i64,
            elem: c.value,
        };
        if c.kind == SELECT_SEND {
            ch.sendq.push_back(w);
        } else {
            ch.recvq.push_back(w);
        }
        // SAFETY: the running goroutine's record.
        unsafe { (*st.g).waiting_on.push(ch) };
    }
    park(s, st);
    Pair(-2, 0)
}

impl Sched {
    /// A pseudo-random number below `n` (xorshift64*; `n > 0`).
    fn random(&mut self, n: usize) -> usize {
        let mut x = self.rng;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.rng = x;
        (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 32) as usize % n
    }

    /// A random step coprime with `n` (so that `start + k * step` visits every case).
    fn coprime_stride(&mut self, n: usize) -> usize {
        loop {
            let d = 1 + self.random(n - 1);
            if gcd(d, n) == 1 {
                return d;
            }
        }
    }
}

fn gcd(mut a: usize, mut b: usize) -> usize {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// `runtime.Gosched()`: puts the running goroutine at the end of the run queue and
/// switches to the first one (no switch when it is alone).
///
/// # Safety
/// As [`chan_make`].
pub unsafe extern "C" fn gosched(ctx: *mut Context) -> i64 {
    // SAFETY: the caller's contract.
    let st = unsafe { state(ctx) };
    if st.sched.is_null() && st.root.is_null() {
        return 0;
    }
    let s = sched(st);
    yield_now(s, st);
    0
}

/// Requeues the running goroutine (`st`'s) and switches to the next one.
pub(crate) fn yield_now(s: &mut Sched, st: &mut RunState) {
    if s.runq.is_empty() {
        return;
    }
    st.sw_ret = [0, 0];
    // SAFETY: the running goroutine's record.
    unsafe { (*st.g).status = Status::Runnable };
    s.runq.push_back(st.g);
    let next = pick_next(s);
    switch_to(s, st, next);
}

/// Morestack found the guard poisoned by the preemption timer ([`PREEMPT`]): restores
/// the real guard and yields to the next runnable goroutine. Returns 0 when the stub
/// must park the goroutine and switch (`st.sw_next` set; it resumes in the arch
/// `gpreempt_resume`, which restarts the function), or the SP to restart the function
/// at at once (nobody else to run; its check then passes, or fails for real).
pub(crate) fn preempt(st: &mut RunState) -> usize {
    st.ctx.stack_guard = st.real_guard();
    st.preempts += 1;
    if !st.g.is_null() {
        let s = sched(st);
        yield_now(s, st);
        if !st.sw_next.is_null() {
            st.pre_pc = arch::gpreempt_resume as *const () as usize;
            return 0;
        }
    }
    st.ms_sp
}

/// `runtime.NumGoroutine()`: goroutines alive, main's included.
///
/// # Safety
/// As [`chan_make`].
pub unsafe extern "C" fn num_goroutine(ctx: *mut Context) -> i64 {
    // SAFETY: the caller's contract.
    let st = unsafe { state(ctx) };
    let root = root_of(st);
    match root.sched.is_null() {
        true => 1,
        // SAFETY: live while the call is.
        false => unsafe { (*root.sched).alive as i64 },
    }
}

/// `go f(args)`: starts a goroutine that calls `entry(ctx, args', results)` on a stack
/// of its own, `entry` being an entry trampoline ([`EntryFn`]) of `f`, `args'` a copy
/// of the `nwords` words at `args` made before this returns (so `args` may point into
/// the caller's frame: call it through [`crate::hostcall_thunk_in_place`] then) and
/// `results` a buffer of [`GO_RESULT_WORDS`] words (discarded). The new goroutine goes
/// to the end of the run queue; the caller goes on (no switch). Returns the new
/// goroutine's id.
///
/// # Safety
/// As [`chan_make`]; `entry` is an entry trampoline following the stack ABI (as for
/// [`crate::run`]) whose target writes at most [`GO_RESULT_WORDS`] words of results;
/// `args..args + nwords` is readable.
pub unsafe extern "C" fn go_spawn(
    ctx: *mut Context,
    entry: EntryFn,
    args: *const i64,
    nwords: i64,
) -> i64 {
    // SAFETY: the caller's contract.
    let st = unsafe { state(ctx) };
    let s = sched(st);
    let root = root_of(st);
    let rp = root as *mut RunState;
    let (gst, _) = match crate::state::RunState::new_in(&root.cfg.clone(), rp, s.gfree.pop()) {
        Ok(x) => x,
        Err(e) => abandon(root, e),
    };
    let gst = Box::into_raw(gst);
    // SAFETY: fresh.
    let gs = unsafe { &mut *gst };
    gs.sys_sp = root.sys_sp;
    gs.out = root.out;
    gs.user_data = root.user_data;
    gs.sched = root.sched;
    let n = nwords.max(0) as usize;
    let args: Box<[i64]> = match n {
        0 => Box::new([]),
        // SAFETY: the caller's contract.
        _ => unsafe { std::slice::from_raw_parts(args, n) }.into(),
    };
    let id = s.next_id;
    s.next_id += 1;
    let slot = s.free_slots.pop().unwrap_or(s.gs.len());
    let mut g = Box::new(G {
        st: gst,
        id,
        slot,
        status: Status::Runnable,
        panic_pending: false,
        waiting_on: Vec::new(),
        args,
    });
    gs.g = &mut *g;
    let top = gs.prepare_call();
    arch::init_goroutine(gs, top, entry, g.args.as_ptr(), s.results.as_mut_ptr());
    if s.preempter.is_none() {
        s.preempter = Some(Preempter::start(0));
        // SAFETY: `s.cur` is the running goroutine (the spawner).
        let cur = unsafe { (*s.cur).st };
        s.preempter.as_ref().unwrap().retarget(cur);
    }
    s.runq.push_back(&mut *g);
    if slot == s.gs.len() {
        s.gs.push(Some(g));
    } else {
        s.gs[slot] = Some(g);
    }
    s.alive += 1;
    let pool_peak = root.pool.as_ref().map_or(0, |p| p.peak);
    let gst = &mut root.ro().go_stats;
    gst.created += 1;
    gst.peak_alive = gst.peak_alive.max(s.alive as u64);
    gst.peak_stack_bytes = gst.peak_stack_bytes.max(pool_peak);
    id as i64
}

/// Called by the arch goroutine start routine on the system stack when a goroutine's
/// entry trampoline returned: the goroutine dies (its stacks go back to the pool) and
/// the next runnable one is returned, to be switched to (or the run ends in a deadlock).
///
/// # Safety
/// Called only by the start routine with the dead goroutine's state.
pub(crate) unsafe extern "C" fn rt_goexit(st: *mut RunState) -> *mut RunState {
    // SAFETY: the start routine passes the live state of the goroutine that returned.
    let st = unsafe { &mut *st };
    let s = sched(st);
    let g = st.g;
    // SAFETY: its record is live until freed below.
    let slot = unsafe { (*g).slot };
    s.alive -= 1;
    let next = pick_next(s);
    // SAFETY: `next` is live and is not `g` (a dead goroutine is never queued).
    let n = unsafe { &mut *next };
    n.status = Status::Running;
    s.cur = next;
    // SAFETY: the root outlives its goroutines.
    let root = unsafe { &mut *s.root };
    root.ro().go_stats.switches += 1;
    // SAFETY: a field of the live root (for the signal handler).
    unsafe { std::ptr::write_volatile(&mut root.cur, n.st) };
    // The timer must not poison the dead goroutine's state once it is freed.
    if let Some(p) = &s.preempter {
        p.retarget(n.st);
    }
    let gbox = s.gs[slot].take().expect("a live goroutine");
    s.free_slots.push(slot);
    free_goroutine(root, gbox, Some(&mut s.gfree));
    n.st
}

/// Frees a goroutine that is not running: adds its state's counters to the root's and
/// gives its stacks back; its state's allocation goes to `keep` when there is room.
#[allow(clippy::vec_box)] // `keep` is `Sched::gfree`.
fn free_goroutine(root: &mut RunState, g: Box<G>, keep: Option<&mut Vec<Box<RunState>>>) {
    if std::ptr::eq(g.st, root) {
        return;
    }
    // SAFETY: a goroutine other than main's owns its state (Box::into_raw in go_spawn).
    let mut st = unsafe { Box::from_raw(g.st) };
    root.host_calls += st.host_calls;
    root.morestack_calls += st.morestack_calls;
    root.seg_stats.splits += st.seg_stats.splits + st.fast_splits;
    root.ro().go_stats.preemptions += st.preempts;
    // The stress mode's stacks go back to the shared arenas, inaccessible.
    if let Some(s) = st.cstack.take() {
        if s.origin() == crate::stack::Origin::Arena {
            root.retire_to_arenas(s);
        }
    }
    match keep {
        Some(v) if v.len() < GFREE_MAX => {
            // Its stacks go back to the pool now (the next goroutine takes them again).
            st.cstack = None;
            st.cspare.clear();
            st.segs.clear();
            st.desc.clear();
            st.gfixed = None;
            st.heap.clear();
            v.push(st);
        }
        _ => drop(st),
    }
    drop(g);
}

/// Ends the goroutines of a root state's call (main's returned, or the run ended): every
/// other goroutine is abandoned and freed, every channel too.
pub(crate) fn end_call(root: &mut RunState) {
    // (A goroutine's state shares its root's scheduler and owns nothing of it.)
    if root.sched.is_null() || !root.root.is_null() {
        return;
    }
    // SAFETY: made by `sched` with Box::into_raw; nothing refers to it after this.
    let mut s = unsafe { Box::from_raw(root.sched) };
    // The timer first: it must not write into a state freed below.
    s.preempter = None;
    root.sched = std::ptr::null_mut();
    root.g = std::ptr::null_mut();
    root.cur = std::ptr::null_mut();
    root.sw_next = std::ptr::null_mut();
    let pool_peak = root.pool.as_ref().map_or(0, |p| p.peak);
    let gst = &mut root.ro().go_stats;
    gst.peak_stack_bytes = gst.peak_stack_bytes.max(pool_peak);
    for g in s.gs.drain(..).flatten() {
        free_goroutine(root, g, None);
    }
    root.ro().go_stats.preemptions += std::mem::take(&mut root.preempts);
    // Every goroutine stack carved from the arenas is retired: the root's own stacks are
    // taken (and retired) in address order again.
    root.ro().arenas.shared = false;
    root.ro().garenas.shared = false;
    drop(s);
}

/// The goroutine id of the running goroutine of `ctx`'s run (1 without goroutines).
///
/// # Safety
/// As [`chan_make`].
pub unsafe fn goroutine_id(ctx: *mut Context) -> u64 {
    // SAFETY: the caller's contract.
    let st = unsafe { state(ctx) };
    match st.g.is_null() {
        true => 1,
        // SAFETY: live while the call is.
        false => unsafe { (*st.g).id },
    }
}
