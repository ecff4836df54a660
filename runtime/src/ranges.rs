//! The run's stack mappings as the fault handler sees them: a small table of
//! `(kind, base, lo, hi, index)` ranges that the runtime keeps up to date whenever it maps,
//! unmaps or retires a program stack, and that the SIGSEGV/SIGBUS handler reads to say
//! what a faulting address is (see [`classify`]).
//!
//! **Why a table of its own.** The handler may run at any instruction of the thread it
//! interrupts, including in the middle of the runtime's own code (a fault there is a
//! runtime bug, but it must still be reported, not turned into a second fault). The
//! runtime's `Vec`s of segments and stacks can then be half-updated or reallocated, so
//! the handler never reads them. It reads only this table, which is async-signal-safe by
//! construction:
//!
//! - Only the thread that owns the run writes it, and the handler that reads it runs on
//!   that same thread (a fault is delivered to the thread that caused it; the handler
//!   finds the table through a thread-local). So a read never races with a write: it sees
//!   the table as it was at the interrupted instruction.
//! - Every field is an atomic written with `Release` and read with `Acquire`, so the
//!   compiler keeps the program order of the writes. A slot being filled in is `FREE`
//!   until its `kind`, written last, says otherwise; a slot is removed by writing `FREE`.
//! - Growing the table copies the slots into a bigger array, publishes its address and
//!   only then frees the old array; the length only grows after the new array is
//!   published. At every instruction boundary the published `(table, len)` pair is valid.
//!
//! The table holds a handful of entries (the fixed stack; a segment chain of at most about
//! 140 segments for 64 GiB from 2 KiB; a copying stack, its spare stacks, and the stress
//! mode's arenas), so it is searched linearly.

use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

/// An unused slot.
const FREE: usize = 0;
/// The fixed strategy's stack: guard page `[base, base + page)`, usable `[lo, hi)`.
pub(crate) const FIXED: usize = 1;
/// A segment; `index` is its place in the chain (0 = the first). Whether it is the
/// current one, an older one or a kept one follows from the run's current index.
pub(crate) const SEGMENT: usize = 2;
/// A copying stack: the current one, or a spare kept for a later move. The current one is
/// the one whose usable range holds the stack guard.
pub(crate) const COPY: usize = 3;
/// Stress mode: an old stack left `PROT_NONE` (`[base, hi)`), or the used part of a stack
/// arena (`[base, hi)`, every address of which belonged to an old stack, except the
/// current stack, which has a `COPY` entry of its own).
pub(crate) const OLD: usize = 4;

/// One range, as the handler reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Range {
    /// One of the kinds above.
    pub kind: usize,
    /// Start of the mapping: the guard page of a stack (the page below its usable part).
    pub base: usize,
    /// Lowest usable byte (stacks); equal to `base` for `OLD`.
    pub lo: usize,
    /// One past the highest byte.
    pub hi: usize,
    /// `SEGMENT`: its index in the chain.
    pub index: usize,
}

#[derive(Default)]
struct Slot {
    kind: AtomicUsize,
    base: AtomicUsize,
    lo: AtomicUsize,
    hi: AtomicUsize,
    index: AtomicUsize,
}

impl Slot {
    fn read(&self) -> Range {
        Range {
            kind: self.kind.load(Ordering::Acquire),
            base: self.base.load(Ordering::Acquire),
            lo: self.lo.load(Ordering::Acquire),
            hi: self.hi.load(Ordering::Acquire),
            index: self.index.load(Ordering::Acquire),
        }
    }

    fn write(&self, r: Range) {
        self.kind.store(FREE, Ordering::Release);
        self.base.store(r.base, Ordering::Release);
        self.lo.store(r.lo, Ordering::Release);
        self.hi.store(r.hi, Ordering::Release);
        self.index.store(r.index, Ordering::Release);
        self.kind.store(r.kind, Ordering::Release);
    }
}

/// The table (one per run, inside the run state). See the module docs.
pub(crate) struct Ranges {
    /// The slots; `table` points at them.
    slots: Box<[Slot]>,
    /// What the handler reads: the slots' address...
    table: AtomicPtr<Slot>,
    /// ...and how many of them have ever been used (`<= slots.len()`).
    len: AtomicUsize,
}

impl Ranges {
    pub(crate) fn new() -> Ranges {
        Ranges::with_slots(16)
    }

    /// A table of `n` (> 0) slots to start with (a goroutine's: it rarely needs many).
    pub(crate) fn with_slots(n: usize) -> Ranges {
        let slots: Box<[Slot]> = (0..n).map(|_| Slot::default()).collect();
        let table = AtomicPtr::new(slots.as_ptr() as *mut Slot);
        Ranges {
            slots,
            table,
            len: AtomicUsize::new(0),
        }
    }

    /// Adds a range.
    pub(crate) fn add(&mut self, kind: usize, base: usize, lo: usize, hi: usize, index: usize) {
        let r = Range {
            kind,
            base,
            lo,
            hi,
            index,
        };
        let len = self.len.load(Ordering::Relaxed);
        if let Some(s) = self.slots[..len]
            .iter()
            .find(|s| s.kind.load(Ordering::Relaxed) == FREE)
        {
            s.write(r);
            return;
        }
        if len == self.slots.len() {
            let bigger: Box<[Slot]> = (0..2 * len).map(|_| Slot::default()).collect();
            for (new, old) in bigger.iter().zip(self.slots.iter()) {
                new.write(old.read());
            }
            let old = std::mem::replace(&mut self.slots, bigger);
            self.table
                .store(self.slots.as_ptr() as *mut Slot, Ordering::Release);
            // The handler can no longer reach the old slots.
            drop(old);
        }
        self.slots[len].write(r);
        self.len.store(len + 1, Ordering::Release);
    }

    /// Removes every range of `kind` starting at `base`.
    pub(crate) fn remove(&mut self, kind: usize, base: usize) {
        for s in self.used() {
            if s.kind.load(Ordering::Relaxed) == kind && s.base.load(Ordering::Relaxed) == base {
                s.kind.store(FREE, Ordering::Release);
            }
        }
    }

    /// Removes every segment whose index is `from` or more.
    pub(crate) fn remove_segments_from(&mut self, from: usize) {
        for s in self.used() {
            if s.kind.load(Ordering::Relaxed) == SEGMENT && s.index.load(Ordering::Relaxed) >= from
            {
                s.kind.store(FREE, Ordering::Release);
            }
        }
    }

    /// Sets the end of the range of `kind` starting at `base`.
    pub(crate) fn set_hi(&mut self, kind: usize, base: usize, hi: usize) {
        for s in self.used() {
            if s.kind.load(Ordering::Relaxed) == kind && s.base.load(Ordering::Relaxed) == base {
                s.hi.store(hi, Ordering::Release);
            }
        }
    }

    fn used(&self) -> &[Slot] {
        &self.slots[..self.len.load(Ordering::Relaxed)]
    }

    /// Calls `f` with every range in use. Async-signal-safe (see the module docs).
    ///
    /// # Safety
    /// `this` points at a live table of the current thread's run.
    pub(crate) unsafe fn for_each(this: *const Ranges, mut f: impl FnMut(Range)) {
        // SAFETY: as documented for this function; the fields are atomics.
        let (table, len) = unsafe {
            (
                (*this).table.load(Ordering::Acquire),
                (*this).len.load(Ordering::Acquire),
            )
        };
        for i in 0..len {
            // SAFETY: `table` holds at least `len` slots (module docs).
            let r = unsafe { (*table.add(i)).read() };
            if r.kind != FREE {
                f(r)
            }
        }
    }

    /// The ranges in use (for tests).
    #[cfg(test)]
    pub(crate) fn snapshot(&self) -> Vec<Range> {
        let mut v = Vec::new();
        // SAFETY: `self` is live.
        unsafe { Ranges::for_each(self, |r| v.push(r)) };
        v
    }
}

/// Records the run's first stack (called once the run state exists).
pub(crate) fn register_first(st: &mut crate::state::RunState) {
    match st.strategy {
        crate::Strategy::Fixed => {
            let base = st.stack_lo - crate::stack::page_size();
            st.ranges.add(FIXED, base, st.stack_lo, st.stack_hi, 0);
        }
        crate::Strategy::Segmented => {
            let s = &st.segs[0];
            let r = (s.guard_page(), s.lo(), s.hi());
            st.ranges.add(SEGMENT, r.0, r.1, r.2, 0);
        }
        crate::Strategy::Copying => {
            let s = st.cstack.as_ref().expect("copying stack");
            let r = (s.guard_page(), s.lo(), s.hi());
            st.ranges.add(COPY, r.0, r.1, r.2, 0);
        }
    }
}

/// What a faulting address is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fault {
    /// The guard page of the stack the program runs on (the fixed stack, the current
    /// segment, the current copying stack).
    CurrentGuard,
    /// The guard page of an older segment of the chain (below the current one).
    OlderSegmentGuard,
    /// The guard page of a kept segment (after the current one in the chain).
    KeptSegmentGuard,
    /// The guard page of a copying stack kept for reuse.
    SpareGuard,
    /// An old stack of the stress mode (left `PROT_NONE`): a stale pointer.
    OldStack,
    /// None of the run's stack mappings.
    Other,
}

/// Classifies the faulting address `addr` against `ranges`, given the context's stack
/// guard and the current segment index (segmented strategy). Guard pages first (the
/// current stack's guard page may lie inside an arena's `OLD` range), then old stacks.
pub(crate) fn classify(
    addr: usize,
    guard: usize,
    seg_cur: usize,
    page: usize,
    ranges: impl Fn(&mut dyn FnMut(Range)),
) -> Fault {
    let mut found = Fault::Other;
    ranges(&mut |r: Range| {
        if found != Fault::Other || r.kind == OLD || addr < r.base || addr >= r.base + page {
            return;
        }
        found = match r.kind {
            SEGMENT if r.index < seg_cur => Fault::OlderSegmentGuard,
            SEGMENT if r.index > seg_cur => Fault::KeptSegmentGuard,
            COPY if guard < r.lo || guard > r.hi => Fault::SpareGuard,
            _ => Fault::CurrentGuard,
        };
    });
    if found == Fault::Other {
        ranges(&mut |r: Range| {
            if r.kind == OLD && addr >= r.base && addr < r.hi {
                found = Fault::OldStack;
            }
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: usize = 4096;

    fn classify_in(t: &Ranges, addr: usize, guard: usize, seg_cur: usize) -> Fault {
        classify(addr, guard, seg_cur, P, |f| unsafe {
            Ranges::for_each(t, &mut *f)
        })
    }

    #[test]
    fn segments_by_index() {
        let mut t = Ranges::new();
        // Three segments of one page each, in the chain order 0, 1, 2.
        for (i, base) in [0x10000, 0x20000, 0x30000].into_iter().enumerate() {
            t.add(SEGMENT, base, base + P + 2048, base + 2 * P, i);
        }
        let guard = 0x20000 + P + 2048 + 512;
        assert_eq!(classify_in(&t, 0x20008, guard, 1), Fault::CurrentGuard);
        assert_eq!(classify_in(&t, 0x10ff8, guard, 1), Fault::OlderSegmentGuard);
        assert_eq!(classify_in(&t, 0x30000, guard, 1), Fault::KeptSegmentGuard);
        // The unused rounding and the usable part are not guard pages.
        assert_eq!(classify_in(&t, 0x21000, guard, 1), Fault::Other);
        assert_eq!(classify_in(&t, 0x0fff8, guard, 1), Fault::Other);
        t.remove_segments_from(2);
        assert_eq!(classify_in(&t, 0x30000, guard, 1), Fault::Other);
        assert_eq!(t.snapshot().len(), 2);
    }

    #[test]
    fn copying_current_spare_and_old() {
        let mut t = Ranges::new();
        // An arena whose used part holds old stacks and the current stack at 0x48000.
        t.add(OLD, 0x40000, 0x40000, 0x50000, 0);
        t.add(COPY, 0x48000, 0x49000, 0x50000, 0);
        t.add(COPY, 0x80000, 0x81000, 0x83000, 0);
        t.add(OLD, 0x90000, 0x90000, 0x92000, 0);
        let guard = 0x49000 + 512;
        assert_eq!(classify_in(&t, 0x48010, guard, 0), Fault::CurrentGuard);
        assert_eq!(classify_in(&t, 0x80010, guard, 0), Fault::SpareGuard);
        assert_eq!(classify_in(&t, 0x44000, guard, 0), Fault::OldStack);
        assert_eq!(classify_in(&t, 0x91ff8, guard, 0), Fault::OldStack);
        assert_eq!(classify_in(&t, 0x50000, guard, 0), Fault::Other);
        t.set_hi(OLD, 0x40000, 0x60000);
        assert_eq!(classify_in(&t, 0x50000, guard, 0), Fault::OldStack);
        t.remove(COPY, 0x80000);
        assert_eq!(classify_in(&t, 0x80010, guard, 0), Fault::Other);
    }

    #[test]
    fn fixed_stack() {
        let mut t = Ranges::new();
        t.add(FIXED, 0x100000, 0x101000, 0x200000, 0);
        let guard = 0x101000 + 512;
        assert_eq!(classify_in(&t, 0x100ff8, guard, 0), Fault::CurrentGuard);
        assert_eq!(classify_in(&t, 0x101000, guard, 0), Fault::Other);
    }

    #[test]
    fn grows_and_reuses_slots() {
        let mut t = Ranges::new();
        for i in 0..100 {
            t.add(SEGMENT, 0x1000_0000 + i * 0x10000, 0, 0, i);
        }
        assert_eq!(t.snapshot().len(), 100);
        t.remove_segments_from(10);
        assert_eq!(t.snapshot().len(), 10);
        for i in 10..50 {
            t.add(SEGMENT, 0x2000_0000 + i * 0x10000, 0, 0, i);
        }
        assert_eq!(t.snapshot().len(), 50);
        // Freed slots were reused: the table did not grow past the first 100.
        assert_eq!(t.len.load(Ordering::Relaxed), 100);
        let v = t.snapshot();
        assert!(v.iter().all(|r| r.kind == SEGMENT));
        assert_eq!(v.iter().filter(|r| r.index < 10).count(), 10);
    }
}
