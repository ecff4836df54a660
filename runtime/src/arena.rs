//! Stacks of the copying strategy's stress mode ([`crate::StackConfig::force_move`]),
//! carved from large reservations of address space (*arenas*) so that a run can move its
//! stack for ever without running out of kernel mappings, while every old stack stays
//! inaccessible (see relocation invariant (5) in the crate docs).
//!
//! An arena is one `PROT_NONE`, `MAP_NORESERVE` mapping: address space, no memory. Stacks
//! are carved from it bottom-up at increasing addresses and **no address is ever handed
//! out twice** while the run lasts:
//!
//! ```text
//!   arena base                                             next          arena end
//!   +-----------------------------------+-----+------------+---------------------+
//!   | old stacks (PROT_NONE, no memory) | gap | current RW | not yet used        |
//!   +-----------------------------------+-----+------------+---------------------+
//!                                        guard page of the current stack
//! ```
//!
//! - **take** makes the usable pages of the next stack read-write with one `mprotect`; the
//!   page below them stays `PROT_NONE` and is the stack's guard page.
//! - **retire** maps fresh `PROT_NONE` pages over the old stack (`mmap` with `MAP_FIXED`):
//!   its memory goes back to the system, and so do the page tables under it (whole
//!   page-table blocks that lie entirely in retired space are included, so empty page
//!   tables do not pile up), while its addresses stay reserved, so a pointer into it
//!   faults. Adjacent `PROT_NONE` ranges of one arena merge into a single kernel mapping:
//!   an arena costs at most three mappings (old stacks, the current stack, the rest),
//!   however many stacks it has held. (Linux allows a process 65 530 mappings; with one
//!   mapping per old stack the stress mode used to stop after about 65 000 moves.)
//! - When an arena has no room left for a stack, the next one is reserved, twice as large
//!   as the last (256 MiB first, at most 64 GiB), so a run has O(log) arenas. All of them
//!   are unmapped when the run ends; pointers into a stack never outlive its run.
//!
//! **Goroutines.** When a run has goroutines, its root holds two sets of arenas, shared
//! by all its goroutines (`shared`): one for the goroutines' first stacks, one for the
//! stacks moves take, and stacks are carved without guard pages. Goroutines are retired
//! in any order, so old stacks no longer form one block: each live stack is a read-write
//! island among retired ones, and an island is two kernel mappings. With a guard page
//! below every stack, and first stacks interleaved with the spawner's moves, every live
//! goroutine was an island and 30 000 parked goroutines exhausted Linux's mappings.
//! Without guard pages, stacks taken one after another that live together are one
//! mapping: goroutines started in a row are one block in the first set, and goroutines
//! that block in a row (each moved at its channel operation) are one block in the other.
//!
//! The fault handler sees the used part of each arena as an `OLD` range (see
//! [`crate::ranges`]), and the current stack as a `COPY` range whose guard page comes
//! first: a fault anywhere else in the used part is a stale pointer into an old stack.
//! The cost of a move is two system calls (it was four with one mapping per stack: `mmap`
//! and `mprotect` of the guard page, then `mprotect` and `madvise` of the old one).

use std::io;

use crate::ranges::{Ranges, OLD};
use crate::stack::{page_size, Segment};

/// The first arena's size (address space only).
const ARENA_MIN: usize = 256 << 20;
/// The largest arena (except one made for a single larger stack).
const ARENA_MAX: usize = 64 << 30;

/// The stress mode's arenas of one run. Unmapped on drop.
pub(crate) struct Arenas {
    /// `(base, end)` of each arena, oldest first; stacks are carved from the last one.
    list: Vec<(usize, usize)>,
    /// Where the next stack starts in the last arena.
    next: usize,
    /// Set when goroutines share the arenas: stacks are then retired in any order, so a
    /// retirement never extends below its own stack (see [`Arenas::retire`]), and stacks
    /// are taken without a guard page (see "Goroutines" below).
    pub shared: bool,
}

impl Arenas {
    pub(crate) fn new() -> Arenas {
        Arenas {
            list: Vec::new(),
            next: 0,
            shared: false,
        }
    }

    /// A stack of `size` usable bytes (laid out as by [`Segment::new`]: usable pages
    /// rounded up, a guard page below them), at addresses never used before in this run.
    /// Records the arena's used part in `ranges`.
    pub(crate) fn take(&mut self, size: usize, ranges: &mut Ranges) -> io::Result<Segment> {
        let page = page_size();
        let usable = size
            .checked_next_multiple_of(page)
            .ok_or_else(|| io::Error::other("stack size overflows"))?;
        // Shared by goroutines: no guard page, as for pool stacks (the prologue check and
        // its reserve keep code inside the stack), so that stacks taken one after another
        // and alive together are one read-write kernel mapping.
        let guard = if self.shared { 0 } else { page };
        let need = usable + guard;
        let room = self.list.last().map_or(0, |&(_, end)| end - self.next);
        if room < need {
            let grown = ARENA_MIN << self.list.len().min(8);
            let len = grown.min(ARENA_MAX).max(need);
            // SAFETY: a fresh anonymous mapping at an address the kernel chooses.
            let base = unsafe {
                libc::mmap(
                    std::ptr::null_mut(),
                    len,
                    libc::PROT_NONE,
                    libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                    -1,
                    0,
                )
            };
            if base == libc::MAP_FAILED {
                return Err(io::Error::last_os_error());
            }
            let base = base as usize;
            self.list.push((base, base + len));
            self.next = base;
            ranges.add(OLD, base, base, base, 0);
        }
        let gap = self.next;
        let lo = gap + guard;
        // SAFETY: [lo, lo + usable) lies in our arena, above every stack carved before.
        if unsafe {
            libc::mprotect(
                lo as *mut libc::c_void,
                usable,
                libc::PROT_READ | libc::PROT_WRITE,
            )
        } != 0
        {
            return Err(io::Error::last_os_error());
        }
        self.next = lo + usable;
        let arena = self.list.last().unwrap().0;
        ranges.set_hi(OLD, arena, self.next);
        Ok(Segment::carved(gap, need, size))
    }

    /// Whether `s` was carved from one of these arenas.
    pub(crate) fn holds(&self, s: &Segment) -> bool {
        let a = s.guard_page();
        self.list.iter().any(|&(b, e)| a >= b && a < e)
    }

    /// Gives an old stack's memory back and leaves its addresses inaccessible for the rest
    /// of the run. `s` was carved by [`Arenas::take`] and nothing runs on it any more.
    pub(crate) fn retire(&mut self, s: Segment) {
        debug_assert!(!s.owned());
        let page = page_size();
        let (start, end) = (s.guard_page(), s.hi());
        let Some(&(arena, _)) = self.list.iter().find(|&&(b, e)| start >= b && end <= e) else {
            debug_assert!(false, "not an arena stack");
            return;
        };
        // Everything below `start` in this arena is retired already (stacks are taken at
        // increasing addresses and retired in the same order), so the remapped range may
        // start at the page-table block that holds `start` when the block is now retired
        // entirely: the kernel then frees its page table too.
        let block = page * (page / std::mem::size_of::<usize>());
        let b0 = start & !(block - 1);
        let from = if !self.shared && b0 >= arena && b0 + block <= end {
            b0
        } else {
            start
        };
        // SAFETY: [from, end) lies in our arena and holds only retired stacks and `s`,
        // which nothing uses any more; MAP_FIXED replaces exactly that range.
        let r = unsafe {
            libc::mmap(
                from as *mut libc::c_void,
                end - from,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE | libc::MAP_FIXED,
                -1,
                0,
            )
        };
        if r == libc::MAP_FAILED {
            // Out of kernel memory: fall back to protecting the pages in place (the range
            // may also have become a hole, which a later mapping could reuse: plug it).
            // SAFETY: as above; each call only touches our own arena range.
            unsafe {
                let (p, len) = (start as *mut libc::c_void, end - start);
                if libc::mprotect(p, len, libc::PROT_NONE) == 0 {
                    libc::madvise(p, len, libc::MADV_DONTNEED);
                } else {
                    libc::mmap(
                        p,
                        len,
                        libc::PROT_NONE,
                        libc::MAP_PRIVATE
                            | libc::MAP_ANONYMOUS
                            | libc::MAP_NORESERVE
                            | libc::MAP_FIXED_NOREPLACE,
                        -1,
                        0,
                    );
                }
            }
        }
    }
}

impl Drop for Arenas {
    fn drop(&mut self) {
        for &(base, end) in &self.list {
            // SAFETY: our own reservation; the run that used it is over.
            unsafe { libc::munmap(base as *mut libc::c_void, end - base) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ranges::{classify, Fault, COPY};

    /// Lines of /proc/self/maps.
    fn mappings() -> usize {
        std::fs::read_to_string("/proc/self/maps")
            .unwrap()
            .lines()
            .count()
    }

    /// `VmPTE` of /proc/self/status (kB of page tables).
    fn vm_pte_kb() -> usize {
        let s = std::fs::read_to_string("/proc/self/status").unwrap();
        let l = s.lines().find(|l| l.starts_with("VmPTE:")).unwrap();
        l.split_whitespace().nth(1).unwrap().parse().unwrap()
    }

    /// Whether `addr` is readable, according to /proc/self/maps.
    fn readable(addr: usize) -> bool {
        let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
        maps.lines().any(|l| {
            let (range, rest) = l.split_once(' ').unwrap();
            let (a, b) = range.split_once('-').unwrap();
            let (a, b) = (
                usize::from_str_radix(a, 16).unwrap(),
                usize::from_str_radix(b, 16).unwrap(),
            );
            addr >= a && addr < b && rest.starts_with('r')
        })
    }

    /// 100 000 stacks taken, used and retired in turn (what 100 000 forced moves do): the
    /// number of kernel mappings and the page tables stay small, no address is handed out
    /// twice, and every old stack is inaccessible.
    #[test]
    fn hundred_thousand_stacks() {
        let n = if cfg!(target_arch = "aarch64") {
            20_000
        } else {
            100_000
        };
        let mut ranges = Ranges::new();
        let mut arenas = Arenas::new();
        let (maps0, pte0) = (mappings(), vm_pte_kb());
        let mut cur = arenas.take(2048, &mut ranges).unwrap();
        let first = cur.lo();
        let mut max_maps = 0;
        for i in 0..n {
            // Touch the stack, as a program does.
            // SAFETY: the usable part of a carved stack is read-write.
            unsafe { ((cur.hi() - 8) as *mut usize).write_volatile(i) };
            let count = arenas.list.len();
            let new = arenas.take(if i % 1000 == 999 { 200 << 10 } else { 2048 }, &mut ranges);
            let new = new.unwrap();
            // Above the last stack in the same arena, or in a new arena (disjoint from the
            // old ones, which are still reserved): no address is handed out twice.
            assert!(
                new.guard_page() >= cur.hi() || arenas.list.len() == count + 1,
                "addresses are never reused"
            );
            arenas.retire(std::mem::replace(&mut cur, new));
            if i % 10_000 == 0 {
                max_maps = max_maps.max(mappings());
            }
        }
        let (maps1, pte1) = (mappings(), vm_pte_kb());
        eprintln!("mappings {maps0} -> {max_maps} (max) -> {maps1}; VmPTE {pte0} -> {pte1} kB");
        // Alone, this test adds 3 mappings; other tests of this binary running at the same
        // time add their own, far fewer than one per stack would.
        assert!(max_maps <= maps0 + 1000, "{maps0} -> {max_maps}");
        assert!(maps1 <= maps0 + 1000, "{maps0} -> {maps1}");
        // 100 000 stacks of 8 KiB with a few of 200 KiB: about 1 GiB of address space,
        // whose page tables (2 MiB for 1 GiB: 4 kB per 2 MiB block touched) are freed as
        // the retired blocks fill up (alone: a few kB are left).
        assert!(pte1 <= pte0 + 1024, "VmPTE {pte0} kB -> {pte1} kB");
        assert!(!readable(first));
        assert!(readable(cur.lo()));
        let page = page_size();
        ranges.add(COPY, cur.guard_page(), cur.lo(), cur.hi(), 0);
        let guard = cur.lo() + 512;
        let what = |addr| {
            classify(addr, guard, 0, page, |f| unsafe {
                Ranges::for_each(&ranges, &mut *f)
            })
        };
        assert_eq!(what(first), Fault::OldStack);
        assert_eq!(what(cur.guard_page() + 8), Fault::CurrentGuard);
        assert_eq!(what(cur.guard_page() - 8), Fault::OldStack);
        assert_eq!(what(cur.hi() + 8), Fault::Other);
        drop(cur);
        drop(arenas);
        assert!(mappings() <= maps0 + 1000);
    }
}
