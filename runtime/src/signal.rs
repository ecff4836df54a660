//! Reporting faults while generated code runs: a SIGSEGV/SIGBUS handler on a per-thread
//! alternate signal stack. A fault on a program stack's guard page means generated code
//! ran below the stack guard without going through morestack (a bug in the prologue or
//! the runtime); any other fault while a program runs is unexpected too (nil pointers and
//! indices are checked explicitly). Both are reported on stderr, and the process exits
//! with status 2. Faults on threads not running a program go to the previous handler (chained).

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
    state: *const RunState,
    active: bool,
}

thread_local! {
    static RUNNING: Cell<Running> = const {
        Cell::new(Running { state: std::ptr::null(), active: false })
    };
    static ALTSTACK: AltStack = const { AltStack { base: Cell::new(0), size: Cell::new(0) } };
}

/// Marks this thread as running the program of `state` (live until [`clear_running`]).
pub(crate) fn set_running(state: *const RunState) {
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

/// The previous actions for SIGSEGV and SIGBUS, written once before our handler is
/// installed and only read afterwards.
struct Prev(UnsafeCell<[MaybeUninit<libc::sigaction>; 2]>);
// SAFETY: written exactly once inside `INSTALL.call_once` before the handler that reads it
// is installed; read-only afterwards.
unsafe impl Sync for Prev {}
static PREV: Prev = Prev(UnsafeCell::new([MaybeUninit::uninit(); 2]));
static INSTALL: Once = Once::new();

const SIGNALS: [libc::c_int; 2] = [libc::SIGSEGV, libc::SIGBUS];

/// Installs the fault handler for SIGSEGV and SIGBUS (once per process; later calls do
/// nothing). [`crate::run`] calls it; embedders that install their own handlers
/// afterwards should chain to the previous one.
pub fn install_signal_handlers() {
    INSTALL.call_once(|| {
        for (i, &sig) in SIGNALS.iter().enumerate() {
            // SAFETY: sigaction with a zeroed, then filled, struct; PREV is written only
            // here, before the handler that reads it exists.
            unsafe {
                let mut sa: libc::sigaction = std::mem::zeroed();
                sa.sa_sigaction = handler as *const () as usize;
                sa.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
                libc::sigemptyset(&mut sa.sa_mask);
                let prev = (*PREV.0.get())[i].as_mut_ptr();
                libc::sigaction(sig, &sa, prev);
            }
        }
    });
}

/// An alternate signal stack this crate installed for the current thread (base 0: none).
struct AltStack {
    base: Cell<usize>,
    size: Cell<usize>,
}

impl Drop for AltStack {
    fn drop(&mut self) {
        let base = self.base.get();
        if base == 0 {
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
            libc::munmap(base as *mut libc::c_void, self.size.get());
        }
    }
}

/// Makes sure the current thread has an alternate signal stack (Rust's std gives its
/// threads one; other threads get one here, freed when the thread exits).
pub(crate) fn ensure_altstack() {
    // SAFETY: querying the current alternate stack.
    let mut old: libc::stack_t = unsafe { std::mem::zeroed() };
    if unsafe { libc::sigaltstack(std::ptr::null(), &mut old) } != 0 {
        return;
    }
    if old.ss_flags & libc::SS_DISABLE == 0 {
        return;
    }
    let size = (64 << 10).max(libc::SIGSTKSZ);
    // SAFETY: a fresh anonymous mapping.
    let base = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            size,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if base == libc::MAP_FAILED {
        return;
    }
    let ss = libc::stack_t {
        ss_sp: base,
        ss_flags: 0,
        ss_size: size,
    };
    // SAFETY: `base..base+size` is ours and stays mapped until the thread exits
    // (AltStack's destructor disables it first).
    if unsafe { libc::sigaltstack(&ss, std::ptr::null_mut()) } != 0 {
        // SAFETY: not installed; unmap our own mapping.
        unsafe { libc::munmap(base, size) };
        return;
    }
    ALTSTACK.with(|a| {
        a.base.set(base as usize);
        a.size.set(size);
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

/// The handler. Only async-signal-safe operations: TLS reads of plain data, `write`,
/// `_exit`, `sigaction`, calling the previous handler.
extern "C" fn handler(sig: libc::c_int, info: *mut libc::siginfo_t, uc: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid siginfo for SIGSEGV/SIGBUS.
    let addr = unsafe { (*info).si_addr() } as usize;
    let r = RUNNING.with(|r| r.get());
    if r.active {
        // SAFETY: `uc` comes from the kernel (SA_SIGINFO).
        let pc = unsafe { fault_pc(uc) };
        let (mut b1, mut b2) = ([0u8; 18], [0u8; 18]);
        // The current stack (segment) ends `reserve` bytes below the guard; its guard page
        // is the page below the page holding that end.
        // SAFETY: `r.state` is the live run state of this thread's run (set_running);
        // the fault interrupted generated code, which does not write the guard.
        let guard = unsafe { std::ptr::read_volatile(&(*r.state).ctx.stack_guard) };
        let page = crate::stack::page_size_cached();
        // SAFETY: as above.
        let reserve = unsafe { std::ptr::read_volatile(&(*r.state).reserve) };
        let lo = guard.saturating_sub(reserve);
        let guard_page = (lo & !(page - 1)).saturating_sub(page);
        if addr >= guard_page && addr < guard_page + page {
            write_stderr(b"fatal error: stack guard page hit at ");
            write_stderr(hex(addr, &mut b1));
            write_stderr(b" pc=");
            write_stderr(hex(pc, &mut b2));
            write_stderr(b" (morestack bug: code ran below the stack guard)\n");
        } else {
            write_stderr(if sig == libc::SIGBUS {
                b"fatal error: unexpected signal SIGBUS at "
            } else {
                b"fatal error: unexpected signal SIGSEGV at "
            });
            write_stderr(hex(addr, &mut b1));
            write_stderr(b" pc=");
            write_stderr(hex(pc, &mut b2));
            let mut b3 = [0u8; 18];
            write_stderr(b" (program stack guard ");
            write_stderr(hex(guard, &mut b3));
            write_stderr(b")\n");
        }
        // SAFETY: _exit is async-signal-safe.
        unsafe { libc::_exit(2) };
    }
    // Not a program's fault: hand it to the previous handler (Rust's stack-overflow
    // report, or the embedder's). For the default action (or an ignored SIGSEGV, which
    // would loop), restore the default and return, so the faulting instruction runs again
    // and takes it.
    let i = if sig == libc::SIGBUS { 1 } else { 0 };
    // SAFETY: PREV[i] was written before this handler was installed and is read-only.
    let prev = unsafe { &*(*PREV.0.get())[i].as_ptr() };
    let action = prev.sa_sigaction;
    if action == libc::SIG_DFL || action == libc::SIG_IGN {
        // SAFETY: a zeroed sigaction with SIG_DFL is a valid action.
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = libc::SIG_DFL;
            libc::sigaction(sig, &sa, std::ptr::null_mut());
        }
    } else if prev.sa_flags & libc::SA_SIGINFO != 0 {
        // SAFETY: the previous handler was installed with SA_SIGINFO, so it has this
        // signature; we pass on the kernel's arguments unchanged.
        unsafe {
            let f: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) =
                std::mem::transmute(action);
            f(sig, info, uc)
        }
    } else {
        // SAFETY: a handler installed without SA_SIGINFO takes just the signal number.
        unsafe {
            let f: extern "C" fn(libc::c_int) = std::mem::transmute(action);
            f(sig)
        }
    }
}
