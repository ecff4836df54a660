//! Goroutine stacks carved from large pooled reservations (see "Goroutines" in the crate
//! docs, point *Stacks cost what Go's cost*; compare Go's `stackpool` and `stackLarge`).
//!
//! A goroutine's stack is not a kernel mapping of its own and has no guard page: Linux
//! allows a process 65 530 mappings and a run may have a million goroutines. Stacks are
//! carved from *chunks*: read-write `MAP_NORESERVE` reservations of at least
//! [`CHUNK`] bytes (address space; a page costs memory once touched). Adjacent chunks
//! with the same protection merge into one kernel mapping. A stack given back goes on
//! the free list of its exact size and is handed out again (most goroutine stacks are
//! `stack_min` bytes, so a few sizes cover nearly everything); a given-back stack of at
//! least [`RELEASE_MIN`] bytes keeps its memory while the free stacks that do hold at most
//! [`KEEP_RESIDENT`] bytes, and otherwise first returns it to the system
//! (`MADV_DONTNEED`).
//!
//! Without guard pages the prologue check and its reserve alone keep code inside its
//! stack: stack ABI invariants 1-3 hold on every stack, so nothing is written below
//! `lo` (the guard page only ever caught runtime bugs).

use std::io;

use crate::stack::{page_size, Segment};

/// Smallest chunk reserved at once (address space only).
pub(crate) const CHUNK: usize = 64 << 20;

/// Stacks at least this large may give their memory back when they return to the pool
/// (smaller ones always keep it: a few pages, reused soon).
pub(crate) const RELEASE_MIN: usize = 64 << 10;

/// Bytes of free stacks of at least [`RELEASE_MIN`] bytes the pool keeps resident (their
/// memory not given back), so that goroutines that grow one after another reuse the
/// pages the previous ones touched instead of faulting in fresh ones (`go_grow_many`:
/// 10 000 goroutines each grown to 128 KiB and shrunk when parked ran 2.4x Go's time in
/// page faults). Beyond it, a given-back large stack returns its memory to the system
/// (`MADV_DONTNEED`), as Go's scavenger returns free stack memory.
pub(crate) const KEEP_RESIDENT: usize = 32 << 20;

/// The free stacks of one size: their lowest bytes.
struct FreeList {
    size: usize,
    /// Stacks of at least [`RELEASE_MIN`] bytes whose memory is still resident (at most
    /// [`KEEP_RESIDENT`] bytes over all sizes).
    warm: Vec<usize>,
    /// The others: stacks under [`RELEASE_MIN`] bytes (resident or not) and large ones
    /// whose memory went back to the system.
    cold: Vec<usize>,
}

/// Alignment of a carved stack's lowest byte (a cache line; stack sizes are multiples
/// of 16, so every top is 16-byte aligned too).
const ALIGN: usize = 64;

/// The pool of one root run state (shared by all its goroutines). Unmapped on drop; every
/// segment it handed out must have been dropped by then.
pub(crate) struct StackPool {
    /// `(base, len)` of every chunk.
    chunks: Vec<(usize, usize)>,
    /// Bump pointer and end in the last chunk.
    next: usize,
    end: usize,
    /// Free stacks by size, searched linearly (a run uses a few sizes: `stack_min` and its
    /// doublings; hashing cost more than the search).
    free: Vec<FreeList>,
    /// Bytes handed out and not given back.
    pub in_use: usize,
    /// The largest `in_use` seen.
    pub peak: usize,
    /// Bytes of free stacks of at least [`RELEASE_MIN`] bytes whose memory is resident
    /// (at most [`KEEP_RESIDENT`]).
    resident_free: usize,
}

impl StackPool {
    pub(crate) fn new() -> StackPool {
        StackPool {
            chunks: Vec::new(),
            next: 0,
            end: 0,
            free: Vec::new(),
            in_use: 0,
            peak: 0,
            resident_free: 0,
        }
    }

    /// A stack of `size` usable bytes (a multiple of 16), given back to this pool when
    /// the segment is dropped. The pool must not move while the segment lives (it is
    /// boxed in the root run state).
    pub(crate) fn take(&mut self, size: usize) -> io::Result<Segment> {
        self.take_as(size, false)
    }

    /// As [`StackPool::take`]; with `cold`, never a stack whose pages are resident (a
    /// shrinking goroutine's new stack: it parks, and should cost only what it uses; the
    /// warm stacks are left for goroutines that grow).
    pub(crate) fn take_as(&mut self, size: usize, cold: bool) -> io::Result<Segment> {
        let size = size.next_multiple_of(16);
        let f = self.free_list(size);
        let warm = if cold { None } else { f.warm.pop() };
        let found = match warm {
            Some(lo) => {
                self.resident_free -= size;
                Some(lo)
            }
            None => f.cold.pop(),
        };
        let lo = match found {
            Some(lo) => lo,
            None => {
                let mut lo = self.next.next_multiple_of(ALIGN);
                if self.end < lo || self.end - lo < size {
                    let len = size
                        .checked_next_multiple_of(page_size())
                        .ok_or_else(|| io::Error::other("stack size overflows"))?
                        .max(CHUNK);
                    // SAFETY: a fresh anonymous mapping at an address the kernel chooses.
                    let base = unsafe {
                        libc::mmap(
                            std::ptr::null_mut(),
                            len,
                            libc::PROT_READ | libc::PROT_WRITE,
                            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                            -1,
                            0,
                        )
                    };
                    if base == libc::MAP_FAILED {
                        return Err(io::Error::last_os_error());
                    }
                    let base = base as usize;
                    self.chunks.push((base, len));
                    (self.next, self.end) = (base, base + len);
                    lo = base;
                }
                self.next = lo + size;
                lo
            }
        };
        self.in_use += size;
        self.peak = self.peak.max(self.in_use);
        Ok(Segment::pooled(lo, size, self))
    }

    /// Takes back the stack `[lo, lo + size)` (called by the segment's drop).
    pub(crate) fn give(&mut self, lo: usize, size: usize) {
        self.in_use -= size;
        if size < RELEASE_MIN {
            self.free_list(size).cold.push(lo);
            return;
        }
        if self.resident_free + size <= KEEP_RESIDENT {
            self.resident_free += size;
            self.free_list(size).warm.push(lo);
            return;
        }
        let page = page_size();
        let (a, b) = (lo.next_multiple_of(page), (lo + size) & !(page - 1));
        if b > a {
            // SAFETY: whole pages inside a stack that nothing uses any more.
            unsafe { libc::madvise(a as *mut libc::c_void, b - a, libc::MADV_DONTNEED) };
        }
        self.free_list(size).cold.push(lo);
    }

    /// The free list of stacks of `size` bytes.
    fn free_list(&mut self, size: usize) -> &mut FreeList {
        let i = match self.free.iter().position(|f| f.size == size) {
            Some(i) => i,
            None => {
                self.free.push(FreeList {
                    size,
                    warm: Vec::new(),
                    cold: Vec::new(),
                });
                self.free.len() - 1
            }
        };
        &mut self.free[i]
    }
}

impl Drop for StackPool {
    fn drop(&mut self) {
        for &(base, len) in &self.chunks {
            // SAFETY: our own reservations; every stack carved from them is gone.
            unsafe { libc::munmap(base as *mut libc::c_void, len) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mappings() -> usize {
        std::fs::read_to_string("/proc/self/maps")
            .unwrap()
            .lines()
            .count()
    }

    /// 100 000 stacks of 2 KiB at once cost a few kernel mappings (not two each, as
    /// guarded mappings would), stay disjoint and 16-byte aligned, and are reused once
    /// given back.
    #[test]
    fn many_stacks_few_mappings_and_reuse() {
        let mut pool = Box::new(StackPool::new());
        let before = mappings();
        let mut v: Vec<Segment> = (0..100_000).map(|_| pool.take(2048).unwrap()).collect();
        for s in &v {
            assert_eq!(s.hi() % 16, 0);
            assert_eq!(s.size(), 2048);
            // SAFETY: the top word of a stack just taken.
            unsafe { ((s.hi() - 8) as *mut usize).write(s.lo()) };
        }
        assert!(mappings() <= before + 100, "{before} -> {}", mappings());
        let mut los: Vec<usize> = v.iter().map(|s| s.lo()).collect();
        los.sort();
        assert!(los.windows(2).all(|w| w[1] - w[0] >= 2048), "disjoint");
        assert_eq!(pool.in_use, 100_000 * 2048);
        let last = v.pop().unwrap().lo();
        assert_eq!(pool.take(2048).unwrap().lo(), last, "reused");
        drop(v);
        assert_eq!(pool.in_use, 0);
        assert_eq!(pool.peak, 100_000 * 2048);
        let chunks = pool.chunks.len();
        let _again: Vec<Segment> = (0..100_000).map(|_| pool.take(2048).unwrap()).collect();
        assert_eq!(pool.chunks.len(), chunks, "the second round maps nothing");
        drop(_again);
        drop(pool);
    }
}
