//! Memory that reads as zero and costs nothing until written: a private anonymous
//! read-write mapping with `MAP_NORESERVE`. It holds a program's globals (made by the
//! compiler's JIT) and the locals over 10 MiB that live outside the stack ("Big locals" in
//! the crate docs).

use std::io;

/// Below this size [`ZeroMap::zero`] writes zeros; above it, it maps fresh zero pages
/// over the region (which also frees whatever was touched).
const ZERO_BY_WRITE: usize = 64 << 10;

/// A private anonymous mapping of whole pages, zero until written; unmapped on drop.
#[derive(Debug)]
pub struct ZeroMap {
    ptr: *mut u8,
    len: usize,
}

// SAFETY: the mapping is plain memory owned by this value; users synchronize access to
// its contents themselves (the run lock, one run per thread).
unsafe impl Send for ZeroMap {}
// SAFETY: as above; `&ZeroMap` only hands out the address.
unsafe impl Sync for ZeroMap {}

impl ZeroMap {
    /// Maps at least `size` bytes (one page if `size` is 0).
    pub fn new(size: usize) -> io::Result<ZeroMap> {
        let len = size
            .max(1)
            .checked_next_multiple_of(crate::stack::page_size())
            .ok_or_else(|| io::Error::from(io::ErrorKind::OutOfMemory))?;
        // SAFETY: a fresh mapping; no existing memory is affected.
        let p = unsafe { map(std::ptr::null_mut(), len, 0) };
        if p == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        Ok(ZeroMap {
            ptr: p as *mut u8,
            len,
        })
    }

    /// The first byte.
    pub fn ptr(&self) -> *mut u8 {
        self.ptr
    }

    /// Bytes mapped (whole pages).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Always false: a mapping has at least one page.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Makes every byte zero again.
    ///
    /// # Safety
    /// Nothing reads or writes the region meanwhile.
    pub unsafe fn zero(&self) {
        // SAFETY: the region is our mapping (MAP_FIXED replaces only it); the caller
        // guarantees nobody uses it meanwhile.
        unsafe {
            if self.len <= ZERO_BY_WRITE
                || map(self.ptr, self.len, libc::MAP_FIXED) == libc::MAP_FAILED
            {
                std::ptr::write_bytes(self.ptr, 0, self.len);
            }
        }
    }
}

impl Drop for ZeroMap {
    fn drop(&mut self) {
        // SAFETY: our mapping; its owner uses it no more.
        unsafe { libc::munmap(self.ptr as *mut libc::c_void, self.len) };
    }
}

/// # Safety
/// With `MAP_FIXED` in `extra`, `addr..addr + len` must be a mapping of the caller's.
unsafe fn map(addr: *mut u8, len: usize, extra: i32) -> *mut libc::c_void {
    // SAFETY: forwarded to the caller.
    unsafe {
        libc::mmap(
            addr as *mut libc::c_void,
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE | extra,
            -1,
            0,
        )
    }
}
