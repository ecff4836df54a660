//! Signals while generated code runs.
//!
//! **One handler, installed once.** [`install_signal_handlers`] installs one handler for
//! SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGTRAP, once per process, on a per-thread
//! alternate signal stack (`SA_ONSTACK`). It handles only what the runtime owns and
//! chains everything else to the action installed before it ([`chain`]):
//!
//! - **Faults the runtime owns** (SIGSEGV/SIGBUS on a thread running a program), decided
//!   from the faulting address and the run's table of stack mappings ([`crate::ranges`]):
//!   the guard page of the current stack (generated code ran below the stack guard
//!   without going through morestack), the guard page of another stack of the run (an
//!   older or a kept segment, a spare copying stack), an old stack of the stress mode (a
//!   stale pointer the relocation missed), or a signal frame the kernel could not push
//!   (a handler without `SA_ONSTACK` ran on a small program stack). Each is a runtime
//!   bug: it is reported on stderr and the process exits with status 2.
//! - **Traps** (SIGILL, SIGFPE, SIGTRAP, and SIGSEGV/SIGBUS not owned as above): when the
//!   faulting PC is registered in the trap registry ([`crate::traps`]) and the
//!   interrupted SP lies on one of the run's stacks, the run ends with
//!   [`crate::RunError::Trap`] ([`end_run_at_trap`]).
//! - **Everything else** (a fault in host code, in the runtime or on a thread that runs
//!   no program, a signal sent with `kill`, a `ud2` nobody registered) goes to the
//!   previous action, as if the runtime's handler were not there.
//!
//! **Other handlers.** A handler runs on the stack of the thread it interrupts unless it
//! was installed with `SA_ONSTACK`. A program stack has only its reserve free below the
//! stack pointer (a few hundred bytes), while a kernel signal frame alone takes about
//! 1 KB (3 KB with AVX-512), so such a handler would fault, or worse write below the
//! stack. As Go does for handlers it did not install (`setsigstack`), the runtime adds
//! `SA_ONSTACK` to every installed handler when the first program runs
//! ([`fix_signal_handlers`]), and gives every thread that runs a program an alternate
//! signal stack big enough for a frame and a handler ([`ensure_altstack`]).

use std::cell::{Cell, UnsafeCell};
use std::mem::MaybeUninit;
use std::sync::Once;

use crate::state::RunState;

/// What the handler knows about the current thread's run: its run state (from which it
/// reads the current stack guard) and whether one is active. Plain `Copy` data in a
/// const-initialized thread-local without a destructor, so reading it in the signal
/// handler is a plain TLS load.
#[derive(Clone, Copy)]
struct Running {
    state: *mut RunState,
    active: bool,
}

thread_local! {
    static RUNNING: Cell<Running> = const {
        Cell::new(Running { state: std::ptr::null_mut(), active: false })
    };
    static ALTSTACK: AltStack = const { AltStack { base: Cell::new(0), total: Cell::new(0) } };
}

/// Marks this thread as running the program of `state` (live until [`clear_running`]).
pub(crate) fn set_running(state: *mut RunState) {
    RUNNING.with(|r| {
        r.set(Running {
            state,
            active: true,
        })
    });
}

/// Clears the mark of [`set_running`].
pub(crate) fn clear_running() {
    RUNNING.with(|r| {
        let mut v = r.get();
        v.active = false;
        r.set(v)
    });
}

/// The signals the runtime's handler is installed for.
const SIGNALS: [libc::c_int; 5] = [
    libc::SIGSEGV,
    libc::SIGBUS,
    libc::SIGILL,
    libc::SIGFPE,
    libc::SIGTRAP,
];

/// The previous action of each of [`SIGNALS`] (same index), written once before our
/// handler is installed for that signal and only read afterwards.
struct Prev(UnsafeCell<[MaybeUninit<libc::sigaction>; SIGNALS.len()]>);
// SAFETY: each entry is written exactly once inside `INSTALL.call_once`, before the
// handler that reads it is installed; read-only afterwards.
unsafe impl Sync for Prev {}
static PREV: Prev = Prev(UnsafeCell::new([MaybeUninit::uninit(); SIGNALS.len()]));
static INSTALL: Once = Once::new();

/// Installs the runtime's handler for SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGTRAP, and
/// adds `SA_ONSTACK` to every signal handler installed so far ([`fix_signal_handlers`]).
/// Runs once per process (a [`Once`]); later calls do nothing. [`crate::run`] calls it.
///
/// For each signal, the previous action is read and stored first, and only then is the
/// handler installed (with a fence in between), so the handler, on whatever thread it
/// runs, always finds the action to chain to. The handler handles only what the runtime
/// owns (see "Signals" in the crate docs) and hands everything else to that action.
///
/// An embedder that installs its own handler for one of these signals *before* the
/// first run needs to do nothing more. One that installs it afterwards replaces ours: it
/// should chain to the previous one (ours) for signals it does not handle, and must
/// install it with `SA_ONSTACK`. Changing these signals' actions on another thread while
/// this runs is a race (as for any `sigaction` read-modify-write): the change may be lost
/// or not be chained to.
pub fn install_signal_handlers() {
    INSTALL.call_once(|| {
        crate::stack::page_size_cached();
        frame_bound();
        for (i, &sig) in SIGNALS.iter().enumerate() {
            // SAFETY: sigaction with a zeroed, then filled, struct. PREV[i] is written
            // (by the query) before our handler, which reads it, is installed for `sig`.
            unsafe {
                let prev = (*PREV.0.get())[i].as_mut_ptr();
                if libc::sigaction(sig, std::ptr::null(), prev) != 0 {
                    // Cannot happen for these signals; chain to the default action.
                    std::ptr::write_bytes(prev, 0, 1);
                    (*prev).sa_sigaction = libc::SIG_DFL;
                }
                std::sync::atomic::fence(std::sync::atomic::Ordering::SeqCst);
                let mut sa: libc::sigaction = std::mem::zeroed();
                sa.sa_sigaction = handler as *const () as usize;
                sa.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
                libc::sigemptyset(&mut sa.sa_mask);
                libc::sigaction(sig, &sa, std::ptr::null_mut());
            }
        }
        fix_signal_handlers();
    });
}

/// Adds `SA_ONSTACK` to every installed signal handler that lacks it (every signal whose
/// action is neither `SIG_DFL` nor `SIG_IGN`), keeping everything else about it (Go's
/// `setsigstack`). Returns how many handlers it changed.
///
/// A handler without `SA_ONSTACK` runs on the stack of the thread it interrupts, which
/// may be a small program stack that cannot hold even the kernel's signal frame: the run
/// would crash. The runtime calls this once, when the first program runs
/// ([`install_signal_handlers`]); **a handler installed after that must use
/// `SA_ONSTACK`, or the embedder must call this function after installing it.** (Each
/// thread that runs a program has an alternate signal stack of at least 64 KiB, see the
/// crate docs.)
///
/// Like any `sigaction` read-modify-write, this must not race with another thread
/// changing the same signal's action.
pub fn fix_signal_handlers() -> usize {
    let mut changed = 0;
    for sig in 1..=libc::SIGRTMAX() {
        if sig == libc::SIGKILL || sig == libc::SIGSTOP {
            continue;
        }
        // SAFETY: querying an action into a zeroed struct, then re-installing the same
        // action with one more flag.
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(sig, std::ptr::null(), &mut sa) != 0 {
                continue;
            }
            let h = sa.sa_sigaction;
            if h == libc::SIG_DFL || h == libc::SIG_IGN || sa.sa_flags & libc::SA_ONSTACK != 0 {
                continue;
            }
            sa.sa_flags |= libc::SA_ONSTACK;
            if libc::sigaction(sig, &sa, std::ptr::null_mut()) == 0 {
                changed += 1;
            }
        }
    }
    changed
}

/// The smallest alternate signal stack the runtime accepts on a thread that runs a
/// program: 64 KiB, or four times the kernel's signal frame (`AT_MINSIGSTKSZ`) if that is
/// more (room for the frame, a handler, and a fault inside the handler).
pub(crate) fn altstack_size() -> usize {
    // SAFETY: getauxval has no preconditions (0 when the kernel does not say).
    let frame = unsafe { libc::getauxval(libc::AT_MINSIGSTKSZ) } as usize;
    (64usize << 10)
        .max(4 * frame)
        .max(libc::SIGSTKSZ)
        .next_multiple_of(crate::stack::page_size())
}

/// An upper bound on the kernel's signal frame (`AT_MINSIGSTKSZ`, at least 4 KiB, plus
/// the x86-64 red zone and alignment), read once.
fn frame_bound() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static BOUND: AtomicUsize = AtomicUsize::new(0);
    match BOUND.load(Ordering::Relaxed) {
        0 => {
            // SAFETY: getauxval has no preconditions.
            let frame = unsafe { libc::getauxval(libc::AT_MINSIGSTKSZ) } as usize;
            let b = frame.max(4 << 10) + 1024;
            BOUND.store(b, Ordering::Relaxed);
            b
        }
        b => b,
    }
}

/// An alternate signal stack this crate installed for the current thread (base 0: none):
/// `[base, base + total)`, the lowest page a guard page.
struct AltStack {
    base: Cell<usize>,
    total: Cell<usize>,
}

impl AltStack {
    /// Unmaps our stack, if any (it must not be installed any more).
    fn free(&self) {
        let base = self.base.replace(0);
        if base != 0 {
            // SAFETY: our own mapping, no longer the thread's alternate stack.
            unsafe { libc::munmap(base as *mut libc::c_void, self.total.get()) };
        }
    }
}

impl Drop for AltStack {
    fn drop(&mut self) {
        if self.base.get() == 0 {
            return;
        }
        // SAFETY: disable the alternate stack before unmapping the memory we mapped for
        // it; this thread is exiting and handles no signal on it now.
        unsafe {
            let ss = libc::stack_t {
                ss_sp: std::ptr::null_mut(),
                ss_flags: libc::SS_DISABLE,
                ss_size: 0,
            };
            libc::sigaltstack(&ss, std::ptr::null_mut());
        }
        self.free();
    }
}

/// Makes sure the current thread has an alternate signal stack of at least
/// [`altstack_size`] bytes: a thread without one, or with a smaller one (Rust's std gives
/// its threads 8 KiB or so), gets one here, with a guard page below it, freed when the
/// thread exits. Called at the start of every run (one `sigaltstack` query when the stack
/// is already there).
pub(crate) fn ensure_altstack() {
    let size = altstack_size();
    // SAFETY: querying the current alternate stack.
    let mut old: libc::stack_t = unsafe { std::mem::zeroed() };
    if unsafe { libc::sigaltstack(std::ptr::null(), &mut old) } != 0 {
        return;
    }
    // Running on it (a run started from a signal handler): it cannot be changed.
    if old.ss_flags & libc::SS_ONSTACK != 0 {
        return;
    }
    if old.ss_flags & libc::SS_DISABLE == 0 && old.ss_size >= size {
        return;
    }
    let page = crate::stack::page_size();
    let total = size + page;
    // SAFETY: a fresh anonymous mapping.
    let base = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            total,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_STACK,
            -1,
            0,
        )
    };
    if base == libc::MAP_FAILED {
        return;
    }
    // SAFETY: the guard page lies in the mapping just made.
    unsafe { libc::mprotect(base, page, libc::PROT_NONE) };
    let ss = libc::stack_t {
        ss_sp: (base as usize + page) as *mut libc::c_void,
        ss_flags: 0,
        ss_size: size,
    };
    // SAFETY: `[base + page, base + total)` is ours and stays mapped until the thread
    // exits (AltStack's destructor disables it first) or we replace it.
    if unsafe { libc::sigaltstack(&ss, std::ptr::null_mut()) } != 0 {
        // SAFETY: not installed; unmap our own mapping.
        unsafe { libc::munmap(base, total) };
        return;
    }
    ALTSTACK.with(|a| {
        // A stack of ours that someone replaced by a smaller one is not in use any more.
        a.free();
        a.base.set(base as usize);
        a.total.set(total);
    });
}

/// Writes `s` to stderr with `write(2)` (async-signal-safe).
fn write_stderr(s: &[u8]) {
    let mut s = s;
    while !s.is_empty() {
        // SAFETY: writing from a valid buffer.
        let n = unsafe { libc::write(2, s.as_ptr() as *const libc::c_void, s.len()) };
        if n <= 0 {
            return;
        }
        s = &s[n as usize..];
    }
}

/// Formats `v` as `0x...` into `buf`; returns the text.
fn hex(v: usize, buf: &mut [u8; 18]) -> &[u8] {
    let mut i = buf.len();
    let mut v = v;
    loop {
        i -= 1;
        buf[i] = b"0123456789abcdef"[v & 15];
        v >>= 4;
        if v == 0 {
            break;
        }
    }
    i -= 2;
    buf[i] = b'0';
    buf[i + 1] = b'x';
    &buf[i..]
}

/// The faulting instruction's address, from the signal's user context.
///
/// # Safety
/// `uc` is the `ucontext_t` the kernel passed to an `SA_SIGINFO` handler.
unsafe fn fault_pc(uc: *mut libc::c_void) -> usize {
    let uc = uc as *mut libc::ucontext_t;
    if uc.is_null() {
        return 0;
    }
    #[cfg(target_arch = "x86_64")]
    // SAFETY: as documented for this function.
    unsafe {
        (*uc).uc_mcontext.gregs[libc::REG_RIP as usize] as usize
    }
    #[cfg(target_arch = "aarch64")]
    // SAFETY: as documented for this function.
    unsafe {
        (*uc).uc_mcontext.pc as usize
    }
}

/// The interrupted stack pointer, from the signal's user context.
///
/// # Safety
/// As for [`fault_pc`].
unsafe fn fault_sp(uc: *mut libc::c_void) -> usize {
    let uc = uc as *mut libc::ucontext_t;
    if uc.is_null() {
        return 0;
    }
    #[cfg(target_arch = "x86_64")]
    // SAFETY: as documented for this function.
    unsafe {
        (*uc).uc_mcontext.gregs[libc::REG_RSP as usize] as usize
    }
    #[cfg(target_arch = "aarch64")]
    // SAFETY: as documented for this function.
    unsafe {
        (*uc).uc_mcontext.sp as usize
    }
}

/// The handler (see the module docs). Only async-signal-safe operations: TLS reads of
/// plain data, reads of the run's range table (atomics, see [`crate::ranges`]) and of a
/// few words of its state, the trap registry's lock-free lookup, `write`, `_exit`,
/// `sigaction`, `pthread_sigmask`, `raise`, calling the previous handler.
extern "C" fn handler(sig: libc::c_int, info: *mut libc::siginfo_t, uc: *mut libc::c_void) {
    let r = RUNNING.with(|r| r.get());
    if r.active && !info.is_null() {
        if sig == libc::SIGSEGV || sig == libc::SIGBUS {
            // SAFETY: the kernel's arguments; `r.state` is the live run state of this
            // thread's run (set_running). Returns only if the fault is not ours.
            unsafe { report_if_owned(sig, info, uc, r.state, running_state(r.state)) };
        }
        // SAFETY: the kernel's arguments and this thread's live run state.
        if unsafe { end_run_if_trap(info, uc, r.state) } {
            // Returning resumes the thread in abort_run.
            return;
        }
    }
    // SAFETY: the kernel's arguments, passed on unchanged.
    unsafe { chain(sig, info, uc) }
}

/// Hands a signal the runtime does not own to the action installed before ours, as the
/// kernel would have delivered it:
///
/// - a handler: called with one argument or three (`SA_SIGINFO`), with its `sa_mask`
///   and (unless `SA_NODEFER`) the signal itself blocked while it runs; `SA_RESETHAND`
///   resets the action to `SIG_DFL` first. If it returns, so do we, and the interrupted
///   code continues with the context it left in `uc` (for a fault, the instruction runs
///   again, as it would have without us).
/// - `SIG_DFL`, or `SIG_IGN` for a fault (which cannot be ignored: the kernel would kill
///   the process): the action becomes `SIG_DFL` and we return, so the faulting
///   instruction runs again and the process dies of the right signal (as wasmtime does).
///   A signal that does not come back by itself (sent with `kill`, or a SIGTRAP, whose PC
///   may be past an `int3`) is raised again; it is delivered when we return.
/// - `SIG_IGN` for a signal sent with `kill`: ignored.
///
/// # Safety
/// `info` and `uc` are the kernel's arguments to our handler for `sig`.
unsafe fn chain(sig: libc::c_int, info: *mut libc::siginfo_t, uc: *mut libc::c_void) {
    let Some(i) = SIGNALS.iter().position(|&s| s == sig) else {
        return;
    };
    // SAFETY: PREV[i] was written before this handler was installed and is read-only.
    let prev = unsafe { &*(*PREV.0.get())[i].as_ptr() };
    let action = prev.sa_sigaction;
    // SAFETY: the kernel's siginfo.
    let sent = info.is_null() || unsafe { (*info).si_code } <= 0;
    if action == libc::SIG_IGN && sent {
        return;
    }
    if action == libc::SIG_DFL || action == libc::SIG_IGN {
        // SAFETY: a zeroed sigaction with SIG_DFL is a valid action; raise is
        // async-signal-safe (the signal stays pending while we run: it is blocked).
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = libc::SIG_DFL;
            libc::sigaction(sig, &sa, std::ptr::null_mut());
            if sent || sig == libc::SIGTRAP {
                libc::raise(sig);
            }
        }
        return;
    }
    let flags = prev.sa_flags;
    // SAFETY: signal-mask and action calls on valid local sets; the previous handler is
    // called with the signature its SA_SIGINFO flag promises and the kernel's arguments.
    unsafe {
        if flags & libc::SA_RESETHAND != 0 {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = libc::SIG_DFL;
            libc::sigaction(sig, &sa, std::ptr::null_mut());
        }
        // Block what the kernel would have blocked for it: its mask, and the signal
        // unless SA_NODEFER (which also unblocks it, though we run with it blocked).
        let mut old: libc::sigset_t = std::mem::zeroed();
        let mut block = prev.sa_mask;
        if flags & libc::SA_NODEFER == 0 {
            libc::sigaddset(&mut block, sig);
        }
        libc::pthread_sigmask(libc::SIG_BLOCK, &block, &mut old);
        if flags & libc::SA_NODEFER != 0 && libc::sigismember(&prev.sa_mask, sig) == 0 {
            let mut one: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut one);
            libc::sigaddset(&mut one, sig);
            libc::pthread_sigmask(libc::SIG_UNBLOCK, &one, std::ptr::null_mut());
        }
        if flags & libc::SA_SIGINFO != 0 {
            let f: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) =
                std::mem::transmute(action);
            f(sig, info, uc)
        } else {
            let f: extern "C" fn(libc::c_int) = std::mem::transmute(action);
            f(sig)
        }
        libc::pthread_sigmask(libc::SIG_SETMASK, &old, std::ptr::null_mut());
    }
}

/// The state of the goroutine running in the run of root state `root` (see
/// "Goroutines" in the crate docs): `root.cur`, or `root` itself without goroutines.
///
/// # Safety
/// `root` is the live root run state of the current thread's run.
unsafe fn running_state(root: *mut RunState) -> *mut RunState {
    // SAFETY: a word of the live root state, written with single stores on this thread.
    let cur = unsafe { std::ptr::read_volatile(std::ptr::addr_of!((*root).cur)) };
    if cur.is_null() {
        root
    } else {
        cur
    }
}

/// Whether `sp` lies on one of the stacks of the run (its guard page included): the
/// root's stacks or the running goroutine's.
///
/// # Safety
/// `st` is the live root run state of the current thread.
unsafe fn on_program_stack(st: *const RunState, sp: usize) -> bool {
    // SAFETY: the caller's contract.
    let cur = unsafe { running_state(st as *mut RunState) };
    // SAFETY: both are live.
    unsafe { on_stack_of(st, sp) || on_stack_of(cur, sp) }
}

/// Whether `sp` lies on one of the stacks in `st`'s table.
///
/// # Safety
/// `st` is a live run state of the current thread's run.
unsafe fn on_stack_of(st: *const RunState, sp: usize) -> bool {
    use crate::ranges::{Ranges, COPY, FIXED, SEGMENT};
    // SAFETY: a field of the live run state (no reference is made).
    let ranges = unsafe { std::ptr::addr_of!((*st).ranges) };
    let mut on = false;
    // SAFETY: the run's table, live while the run is (see `ranges`).
    unsafe {
        Ranges::for_each(ranges, |r| {
            on |= matches!(r.kind, FIXED | SEGMENT | COPY) && sp >= r.base && sp < r.hi
        })
    };
    on
}

/// If the signal is a fault (not sent) at a trap instruction registered with
/// [`crate::register_traps`], executed on a stack of the current run, ends the run with
/// [`crate::RunError::Trap`]: records the code in the run state and rewrites the
/// interrupted context so that, when the handler returns, the thread resumes in the arch
/// *abort* routine as if generated code had called `abort_run(state, STATUS_TRAP)`:
///
/// - PC = `abort_run`, first argument register (rdi / x0) = the run state, second (rsi /
///   x1) = [`crate::state::STATUS_TRAP`];
/// - SP = 64 bytes below the system-stack SP the enter routine recorded (16-byte aligned;
///   on x86-64 8 bytes less, as just after a `call`): `abort_run` reloads SP from the state
///   at once, but a signal that arrives before that must find a usable stack, and the
///   system stack below `sys_sp` is free (the frames there, if any, are abandoned).
///
/// `abort_run`'s contract holds: the state is that of the `enter` active on this thread,
/// and the frames it discards are generated code's (the PC is registered and SP is on a
/// program stack), which own nothing that needs `Drop`. The handler returns through the
/// kernel's `sigreturn`, which restores the signal mask of the interrupted code; the
/// alternate signal stack is left as usual. Returns whether it did all this.
///
/// # Safety
/// `info` and `uc` are the kernel's arguments to our handler; `st` is the live run state
/// of the current thread.
unsafe fn end_run_if_trap(
    info: *mut libc::siginfo_t,
    uc: *mut libc::c_void,
    st: *mut RunState,
) -> bool {
    // SAFETY: as documented for this function.
    let (code, pc, sp) = unsafe { ((*info).si_code, fault_pc(uc), fault_sp(uc)) };
    if code <= 0 || uc.is_null() {
        return false;
    }
    let Some(trap) = crate::traps::lookup(pc) else {
        return false;
    };
    // SAFETY: the live run state of this thread.
    if !unsafe { on_program_stack(st, sp) } {
        return false;
    }
    // SAFETY: the run state is live; generated code (interrupted) holds no Rust reference
    // to it, so single-word accesses through the raw pointer are fine. `uc` is the
    // kernel's ucontext_t for this signal; rewriting its registers is how a handler
    // changes where the thread resumes.
    unsafe {
        std::ptr::write_volatile(std::ptr::addr_of_mut!((*st).trap_code), trap);
        let sys_sp = std::ptr::read_volatile(std::ptr::addr_of!((*st).sys_sp));
        let new_sp = (sys_sp - 64) & !15;
        let abort = crate::arch::abort_run as *const () as usize;
        let uc = uc as *mut libc::ucontext_t;
        #[cfg(target_arch = "x86_64")]
        {
            let g = &mut (*uc).uc_mcontext.gregs;
            g[libc::REG_RIP as usize] = abort as i64;
            g[libc::REG_RDI as usize] = st as usize as i64;
            g[libc::REG_RSI as usize] = crate::state::STATUS_TRAP as i64;
            g[libc::REG_RSP as usize] = (new_sp - 8) as i64;
        }
        #[cfg(target_arch = "aarch64")]
        {
            let m = &mut (*uc).uc_mcontext;
            m.pc = abort as u64;
            m.regs[0] = st as usize as u64;
            m.regs[1] = crate::state::STATUS_TRAP;
            m.sp = new_sp as u64;
        }
    }
    true
}

/// Reports a SIGSEGV/SIGBUS that interrupted a run and exits with status 2, if the
/// runtime owns it (see the module docs); returns otherwise.
///
/// # Safety
/// `info` and `uc` are the kernel's handler arguments; `root` is the live run state of
/// the current thread and `st` the running goroutine's ([`running_state`]).
unsafe fn report_if_owned(
    sig: libc::c_int,
    info: *mut libc::siginfo_t,
    uc: *mut libc::c_void,
    root: *const RunState,
    st: *const RunState,
) {
    use crate::ranges::{classify, Fault, Ranges, COPY, FIXED, SEGMENT};
    // SAFETY: as documented for this function. The run state is read only through the
    // range table (atomics) and two words (the guard and the segment index) that the
    // runtime writes with single stores; see the module docs of `ranges`.
    let (code, addr, pc, sp, guard, seg_cur) = unsafe {
        (
            (*info).si_code,
            (*info).si_addr() as usize,
            fault_pc(uc),
            fault_sp(uc),
            std::ptr::read_volatile(std::ptr::addr_of!((*st).ctx.stack_guard)),
            std::ptr::read_volatile(std::ptr::addr_of!((*st).seg_cur)),
        )
    };
    // SAFETY: fields of the live run states (no reference is made).
    let ranges = unsafe { std::ptr::addr_of!((*st).ranges) };
    // SAFETY: as above. The root's table holds the stress mode's arenas, which the
    // goroutines share.
    let root_ranges = unsafe { std::ptr::addr_of!((*root).ranges) };
    // SAFETY: the run's tables, live while the run is.
    let each = |f: &mut dyn FnMut(crate::ranges::Range)| unsafe {
        Ranges::for_each(ranges, &mut *f);
        if root_ranges != ranges {
            Ranges::for_each(root_ranges, f);
        }
    };
    let page = crate::stack::page_size_cached();
    let (mut b1, mut b2, mut b3) = ([0u8; 18], [0u8; 18], [0u8; 18]);
    if code <= 0 {
        // SI_USER, SI_QUEUE, SI_TKILL...: sent, not a fault; not ours.
        return;
    }
    if sig == libc::SIGSEGV && code == libc::SI_KERNEL && addr == 0 {
        // The kernel could not write a signal frame for another signal and forces a
        // SIGSEGV (Linux's force_sigsegv: SI_KERNEL, no address; qemu-user does the
        // same). If the interrupted SP is near the bottom of one of the run's stacks,
        // that is what happened. (On x86-64 a general-protection fault looks the same:
        // anywhere else, it is not ours.)
        let mut near_bottom = false;
        each(&mut |r| {
            if matches!(r.kind, FIXED | SEGMENT | COPY)
                && sp >= r.base
                && sp <= r.hi
                && sp < r.base + page + frame_bound()
            {
                near_bottom = true;
            }
        });
        if !near_bottom {
            return;
        }
        write_stderr(b"fatal error: could not push a signal frame at sp=");
        write_stderr(hex(sp, &mut b1));
        write_stderr(b" pc=");
        write_stderr(hex(pc, &mut b2));
        write_stderr(b" (a signal handler without SA_ONSTACK ran on a small program stack)\n");
        // SAFETY: _exit is async-signal-safe.
        unsafe { libc::_exit(2) };
    }
    // The current stack is the one whose usable part holds the guard.
    let mut cur_lo = 0;
    each(&mut |r| {
        if matches!(r.kind, FIXED | SEGMENT | COPY) && guard >= r.lo && guard <= r.hi {
            cur_lo = r.lo;
        }
    });
    let fault = classify(addr, guard, seg_cur, page, each);
    match fault {
        // Not one of the run's stack mappings: not ours.
        Fault::Other => return,
        Fault::OldStack => {
            write_stderr(b"fatal error: stale pointer into an old stack at ");
            write_stderr(hex(addr, &mut b1));
            write_stderr(b" pc=");
            write_stderr(hex(pc, &mut b2));
            write_stderr(b" (morestack bug: a pointer was not relocated)\n");
        }
        _ => {
            write_stderr(b"fatal error: stack guard page hit at ");
            write_stderr(hex(addr, &mut b1));
            write_stderr(b" pc=");
            write_stderr(hex(pc, &mut b2));
            let why: &[u8] = match fault {
                Fault::CurrentGuard if sp < cur_lo => {
                    write_stderr(b" sp=");
                    write_stderr(hex(sp, &mut b3));
                    b" (the stack pointer is below the program stack: a signal handler without SA_ONSTACK ran on it, or a morestack bug)\n"
                }
                Fault::OlderSegmentGuard => {
                    b" (the guard page of an older segment of the chain; morestack bug)\n"
                }
                Fault::KeptSegmentGuard => b" (the guard page of a kept segment; morestack bug)\n",
                Fault::SpareGuard => {
                    b" (the guard page of a spare stack kept for reuse; morestack bug)\n"
                }
                _ => b" (morestack bug: code ran below the stack guard)\n",
            };
            write_stderr(why);
        }
    }
    // SAFETY: _exit is async-signal-safe.
    unsafe { libc::_exit(2) }
}
