//! The trap registry: the absolute addresses of the trap instructions of generated code
//! (Cranelift's `ud2` / `udf`, and on x86-64 the `div`/`idiv` that fault with SIGFPE),
//! each with Cranelift's raw trap code, so that the SIGILL/SIGFPE/SIGTRAP handler can end
//! the run with [`crate::RunError::Trap`] instead of letting the process die (see
//! "Signals" in the crate docs).
//!
//! **Reading it from a signal handler.** The handler may interrupt any thread at any
//! instruction, including one that is registering or unregistering traps, so it takes no
//! lock and allocates nothing. The registry it reads is an immutable table (sorted by
//! address, searched by bisection) behind one atomic pointer; a change builds a new table
//! under a mutex (writers only), publishes it with one atomic swap, and frees the old one
//! only once no handler can still be reading it. For that, the handler counts itself in
//! [`READERS`] *before* it loads the pointer and out again after its last read of the
//! table; the writer, after the swap, waits until the count is zero. With sequentially
//! consistent operations, a handler that loaded the old pointer incremented the count
//! before the swap, so the writer sees it and waits; a handler that increments later can
//! only load the new pointer. (A minimal RCU: the wait is as long as one bisection, and
//! traps are rare, since each ends a run.) A simpler "free old tables only when no run is
//! active" would keep garbage for ever in a process whose threads always run something.
//!
//! Addresses are those of the trap instructions as the compiler laid them out (a
//! Cranelift `MachTrap`'s `code_offset` plus the function's address); the faulting PC the
//! kernel reports for `ud2`, `udf` and a faulting `div` is that address. Traps must be
//! unregistered before their code is freed (like stack maps): a stale entry whose address
//! is reused by other code would turn that code's SIGILL into a trap error.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};
use std::sync::Mutex;

/// One published table: trap addresses in increasing order, and their codes.
struct Table {
    pcs: Box<[usize]>,
    codes: Box<[u8]>,
}

/// The published table (null: no trap registered).
static CURRENT: AtomicPtr<Table> = AtomicPtr::new(std::ptr::null_mut());
/// Signal handlers inside [`lookup`] right now (see the module docs).
static READERS: AtomicUsize = AtomicUsize::new(0);
/// The writers' copy of the registry.
static WRITER: Mutex<BTreeMap<usize, u8>> = Mutex::new(BTreeMap::new());

/// Registers the trap instructions of code just made executable: for each, its absolute
/// address and Cranelift's raw trap code (`TrapCode::as_raw().get()`). Replaces earlier
/// entries at the same addresses. A SIGILL, SIGFPE or SIGTRAP at one of these addresses
/// on a thread that runs a program ends the run with [`crate::RunError::Trap`]; anywhere
/// else it goes to the handler installed before the runtime's.
///
/// Unregister them ([`unregister_traps`]) before the code is freed.
pub fn register_traps(traps: &[(usize, u8)]) {
    let mut w = WRITER.lock().unwrap_or_else(|p| p.into_inner());
    for &(pc, code) in traps {
        w.insert(pc, code);
    }
    publish(&w);
}

/// Removes the traps registered at these addresses (before the code there is freed).
pub fn unregister_traps(pcs: &[usize]) {
    let mut w = WRITER.lock().unwrap_or_else(|p| p.into_inner());
    for pc in pcs {
        w.remove(pc);
    }
    publish(&w);
}

/// Publishes a table made from `w` and frees the previous one once no handler reads it.
/// Called with the writers' mutex held.
fn publish(w: &BTreeMap<usize, u8>) {
    let new = if w.is_empty() {
        std::ptr::null_mut()
    } else {
        Box::into_raw(Box::new(Table {
            pcs: w.keys().copied().collect(),
            codes: w.values().copied().collect(),
        }))
    };
    let old = CURRENT.swap(new, Ordering::SeqCst);
    if old.is_null() {
        return;
    }
    // A handler that may have loaded `old` is still counted (module docs).
    while READERS.load(Ordering::SeqCst) != 0 {
        std::thread::yield_now();
    }
    // SAFETY: `old` came from Box::into_raw in an earlier publish, is no longer
    // published, and no handler is reading it (the count was zero after the swap).
    drop(unsafe { Box::from_raw(old) });
}

/// The trap code registered at `pc`, if any. Async-signal-safe: no lock, no allocation
/// (see the module docs).
pub(crate) fn lookup(pc: usize) -> Option<u8> {
    READERS.fetch_add(1, Ordering::SeqCst);
    let t = CURRENT.load(Ordering::SeqCst);
    let found = if t.is_null() {
        None
    } else {
        // SAFETY: a published table is freed only after READERS drops to zero, and we
        // are counted in it from before the load until after our last read.
        let t = unsafe { &*t };
        t.pcs.binary_search(&pc).ok().map(|i| t.codes[i])
    };
    READERS.fetch_sub(1, Ordering::SeqCst);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_lookup_unregister() {
        // Addresses no other test registers (the registry is process-wide).
        let base = 0x7fff_0000_0000usize;
        register_traps(&[(base + 8, 42), (base, 1), (base + 100, 250)]);
        assert_eq!(lookup(base), Some(1));
        assert_eq!(lookup(base + 8), Some(42));
        assert_eq!(lookup(base + 100), Some(250));
        assert_eq!(lookup(base + 4), None);
        register_traps(&[(base + 8, 43)]);
        assert_eq!(lookup(base + 8), Some(43));
        unregister_traps(&[base, base + 8, base + 100]);
        assert_eq!(lookup(base + 8), None);
        assert_eq!(lookup(base + 100), None);
    }

    /// Lookups on several threads while another thread keeps replacing the table never
    /// see a freed one (run under a sanitizer or valgrind to make a bug loud).
    #[test]
    fn lookups_race_with_updates() {
        let base = 0x7ffe_0000_0000usize;
        register_traps(&[(base, 7)]);
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let seen = std::sync::Arc::new(AtomicUsize::new(0));
        let readers: Vec<_> = (0..2)
            .map(|_| {
                let (stop, seen) = (stop.clone(), seen.clone());
                std::thread::spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        assert_eq!(lookup(base), Some(7));
                        seen.fetch_add(1, Ordering::Relaxed);
                    }
                })
            })
            .collect();
        let mut i = 0;
        while i < 2000 || seen.load(Ordering::Relaxed) < 100_000 {
            register_traps(&[(base + 16 + i, 9)]);
            unregister_traps(&[base + 16 + i]);
            i += 1;
        }
        stop.store(true, Ordering::Relaxed);
        for r in readers {
            r.join().unwrap();
        }
        unregister_traps(&[base]);
    }
}
