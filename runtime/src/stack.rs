//! Program stacks: memory reservations with a `PROT_NONE` guard page below them.

use std::io;

/// The system page size, read once (async-signal-safe after the first call, which
/// [`page_size`] makes before any program runs).
pub(crate) fn page_size_cached() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static PAGE: AtomicUsize = AtomicUsize::new(0);
    match PAGE.load(Ordering::Relaxed) {
        0 => {
            let p = page_size_sys();
            PAGE.store(p, Ordering::Relaxed);
            p
        }
        p => p,
    }
}

/// The system page size.
pub(crate) fn page_size() -> usize {
    page_size_cached()
}

fn page_size_sys() -> usize {
    // SAFETY: sysconf has no preconditions.
    let p = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if p <= 0 {
        4096
    } else {
        p as usize
    }
}

/// Maps `size` bytes rounded up to whole pages, read-write and `MAP_NORESERVE`, with one
/// `PROT_NONE` guard page below them. Returns the mapping's base (the guard page) and its
/// total length; the caller owns it (and unmaps it).
fn map_guarded(size: usize) -> io::Result<(*mut u8, usize)> {
    let page = page_size();
    let total = size
        .checked_next_multiple_of(page)
        .and_then(|u| u.checked_add(page))
        .ok_or_else(|| io::Error::other("stack size overflows"))?;
    // SAFETY: an anonymous private mapping at an address the kernel chooses touches no
    // existing memory.
    let base = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            total,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE | libc::MAP_STACK,
            -1,
            0,
        )
    };
    if base == libc::MAP_FAILED {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: the first page lies inside the mapping just created and owned by us; on
    // failure we unmap what we mapped.
    unsafe {
        if libc::mprotect(base, page, libc::PROT_NONE) != 0 {
            let e = io::Error::last_os_error();
            libc::munmap(base, total);
            return Err(e);
        }
    }
    Ok((base as *mut u8, total))
}

/// A stack for the fixed strategy: one `MAP_NORESERVE` reservation of `stack_max` bytes
/// (rounded up to pages) with one `PROT_NONE` guard page below it. Unmapped on drop.
///
/// ```text
///   hi  +----------------------+  <- top (SP starts here, 16-byte aligned)
///       |  usable stack        |
///       |  ...                 |
///       +----------------------+  <- lo + reserve = Context::stack_guard
///       |  reserve             |
///   lo  +----------------------+
///       |  guard page PROT_NONE|
/// base  +----------------------+
/// ```
pub(crate) struct FixedStack {
    base: *mut u8,
    total: usize,
    page: usize,
}

impl FixedStack {
    /// Reserves `size` bytes (rounded up to whole pages) plus a guard page.
    pub fn new(size: usize) -> io::Result<FixedStack> {
        let (base, total) = map_guarded(size)?;
        Ok(FixedStack {
            base,
            total,
            page: page_size(),
        })
    }

    /// Lowest usable byte.
    pub fn lo(&self) -> usize {
        self.base as usize + self.page
    }

    /// One past the highest usable byte.
    pub fn hi(&self) -> usize {
        self.base as usize + self.total
    }

    /// Bytes of the usable stack.
    pub fn reserved(&self) -> usize {
        self.total - self.page
    }

    /// Distance from the top to the lowest page the program touched (page granularity),
    /// from `mincore`; 0 if it cannot tell.
    ///
    /// Scans down from the top in 1 MiB chunks and stops at the first chunk without any
    /// resident page: Go code initializes every local, so a used stack is dense, and
    /// the cost stays proportional to the depth used rather than to the reservation
    /// (a whole 1 GB scan costs about half a millisecond).
    pub fn touched_depth(&self) -> usize {
        const CHUNK_PAGES: usize = 256;
        let chunk = CHUNK_PAGES * self.page;
        let mut vec = [0u8; CHUNK_PAGES];
        let mut deepest = 0;
        let mut top = self.hi();
        while top > self.lo() {
            let start = top.saturating_sub(chunk).max(self.lo());
            let pages = (top - start) / self.page;
            // SAFETY: [start, top) lies in our mapping and is page-aligned; `vec` has a
            // byte for each of its pages.
            let r =
                unsafe { libc::mincore(start as *mut libc::c_void, top - start, vec.as_mut_ptr()) };
            if r != 0 {
                break;
            }
            match vec[..pages].iter().position(|&b| b & 1 != 0) {
                Some(i) => deepest = self.hi() - (start + i * self.page),
                None => break,
            }
            top = start;
        }
        deepest
    }
}

impl Drop for FixedStack {
    fn drop(&mut self) {
        // SAFETY: we own the whole mapping [base, base + total); nothing runs on it now.
        unsafe {
            libc::munmap(self.base as *mut libc::c_void, self.total);
        }
    }
}

/// One segment of a segmented stack: `size` usable bytes at the top of a private
/// mapping whose lowest page is a `PROT_NONE` guard page. The mapping is rounded up to
/// whole pages; when `size` is not a multiple of the page size (e.g. 2 KiB segments), the
/// bytes between the guard page and [`Segment::lo`] are mapped but never used, so the
/// split frequency is that of a `size`-byte segment. Unmapped on drop.
///
/// ```text
///   hi  +----------------------+  <- top: the stack-info record of a linked segment
///       |  usable (size bytes) |
///       +----------------------+  <- lo + reserve = guard while it is current
///       |  reserve             |
///   lo  +----------------------+
///       |  unused rounding     |
///       +----------------------+
///       |  guard page PROT_NONE|
/// base  +----------------------+
/// ```
pub(crate) struct Segment {
    base: *mut u8,
    total: usize,
    size: usize,
    /// Who owns the memory.
    origin: Origin,
}

/// Who owns a [`Segment`]'s memory.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Origin {
    /// Its own mapping, unmapped on drop.
    Own,
    /// Carved from a stack arena of the stress mode (see [`crate::arena`]), which owns the
    /// address space.
    Arena,
    /// Carved from a goroutine stack pool (see [`crate::pool`]), given back to it on drop.
    /// No guard page of its own: `base` is its lowest usable byte.
    Pool(*mut crate::pool::StackPool),
}

impl Segment {
    /// Maps a segment of `size` usable bytes (a multiple of 16) plus its guard page.
    pub fn new(size: usize) -> io::Result<Segment> {
        let (base, total) = map_guarded(size)?;
        Ok(Segment {
            base,
            total,
            size,
            origin: Origin::Own,
        })
    }

    /// A segment laid out as by [`Segment::new`] in `[base, base + total)`, whose pages an
    /// arena has made accessible (all but the lowest); not unmapped on drop.
    pub(crate) fn carved(base: usize, total: usize, size: usize) -> Segment {
        Segment {
            base: base as *mut u8,
            total,
            size,
            origin: Origin::Arena,
        }
    }

    /// A segment of `size` usable bytes at `[lo, lo + size)` of a stack pool's memory,
    /// given back to `pool` on drop. It has no guard page: [`Segment::guard_page`] is
    /// `lo` (the key of its entry in the fault handler's table, never a protected page).
    pub(crate) fn pooled(lo: usize, size: usize, pool: *mut crate::pool::StackPool) -> Segment {
        Segment {
            base: lo as *mut u8,
            total: size,
            size,
            origin: Origin::Pool(pool),
        }
    }

    /// Who owns the memory.
    pub(crate) fn origin(&self) -> Origin {
        self.origin
    }

    /// The guard page's address (the lowest page of the mapping).
    pub fn guard_page(&self) -> usize {
        self.base as usize
    }

    /// Whether the segment is its own mapping (not carved from an arena).
    pub fn owned(&self) -> bool {
        self.origin == Origin::Own
    }

    /// Lowest usable byte.
    pub fn lo(&self) -> usize {
        self.hi() - self.size
    }

    /// One past the highest usable byte.
    pub fn hi(&self) -> usize {
        self.base as usize + self.total
    }

    /// Usable bytes.
    pub fn size(&self) -> usize {
        self.size
    }
}

impl Drop for Segment {
    fn drop(&mut self) {
        match self.origin {
            Origin::Arena => {}
            // SAFETY: the pool outlives every segment it hands out (it belongs to the
            // root run state, dropped after every goroutine's; see "Goroutines").
            Origin::Pool(p) => unsafe { (*p).give(self.lo(), self.size) },
            // SAFETY: we own the whole mapping; nothing runs on it any more (the runtime
            // drops a segment only after lessstack left it or after the run ended).
            Origin::Own => unsafe {
                libc::munmap(self.base as *mut libc::c_void, self.total);
            },
        }
    }
}

impl Segment {
    /// Makes the whole mapping inaccessible and gives its memory back (the stress mode's
    /// old stacks: any access through a pointer the relocation missed faults, and keeping
    /// them costs address space only).
    pub fn protect_none(&self) {
        // SAFETY: our own mapping; nothing may use it any more.
        unsafe {
            libc::mprotect(self.base as *mut libc::c_void, self.total, libc::PROT_NONE);
            libc::madvise(
                self.base as *mut libc::c_void,
                self.total,
                libc::MADV_DONTNEED,
            );
        }
    }
}
