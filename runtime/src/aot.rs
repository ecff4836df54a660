//! Start-up of an ahead-of-time program (`morestack build`).
//!
//! `morestack build` writes an object file with the program's code and links it with the
//! static library of the `morestack-start` crate (this runtime plus a C `main` that calls
//! [`start`]). The object file and the start-up agree on five symbols:
//!
//! - `morestack_host_table` (defined by the start library, filled by [`start`] before
//!   anything runs): the addresses generated code calls, in the order of
//!   [`host::table`](crate::host::table); generated code loads them from it.
//! - `morestack_funcs` (object file): the address of every generated function, by module
//!   index (8 bytes each, filled in by the linker).
//! - `morestack_meta` (object file): 8-byte little-endian words, in this order:
//!   [`MAGIC`]; the stack reserve; the strategy (0 fixed, 1 segmented, 2 copying);
//!   `stack_max`; `stack_min`; the segment cache (0 none, 1 keep); flags ([`FLAG_FORCE_MOVE`],
//!   [`FLAG_STATS`]); the module index of `main`'s entry trampoline; the number of stack-map
//!   sites; the number of functions with pointer parameters beyond the 64th. Then each
//!   site: module index of its function, return-address offset in it, number of slots,
//!   the slots' SP offsets. Then each such function: module index, number of pointer
//!   parameters, their indices.
//! - `morestack_globals` and `morestack_strings` (object file): the package's variables
//!   (zero-initialized) and the string literals, which only generated code uses.
//!
//! The run's configuration is the one given to `morestack build`: a built program takes
//! no options (Go's programs neither).

use crate::{EntryFn, RunError, SegmentCache, StackConfig, Strategy};
use std::io::Write;

/// The first word of `morestack_meta` ("MSTKAOT1" in little-endian bytes): a program
/// built by another version of the format fails at start-up instead of misreading it.
pub const MAGIC: u64 = u64::from_le_bytes(*b"MSTKAOT1");

/// Flag: `--force-move` (the copying strategy's stress mode).
pub const FLAG_FORCE_MOVE: u64 = 1;

/// Flag: print the run's statistics to stderr when it ends (`--stats`).
pub const FLAG_STATS: u64 = 2;

/// Number of words of `morestack_meta` before the stack-map sites.
pub const HEADER_WORDS: usize = 10;

/// Reads words from `morestack_meta`.
struct Words {
    p: *const u64,
}

impl Words {
    /// # Safety
    /// The next word must be inside `morestack_meta`.
    unsafe fn next(&mut self) -> u64 {
        // SAFETY: the caller's contract; the linker aligns the object to 8.
        let w = unsafe { self.p.read() };
        // SAFETY: at most one past the end of the object.
        self.p = unsafe { self.p.add(1) };
        w
    }
}

/// Runs an ahead-of-time program and returns its exit status (0; 2 for a Go panic, a
/// stack overflow or a deadlock, with Go's message on stderr; 1 for a run that could not
/// be set up).
///
/// # Safety
/// `meta` and `funcs` must be the `morestack_meta` and `morestack_funcs` objects of one
/// object file written by `morestack build` (see the module docs) and linked into this
/// process, and `host_table` the `morestack_host_table` its code loads from. Call it once,
/// from `main`.
pub unsafe fn start(
    meta: *const u64,
    funcs: *const usize,
    host_table: *mut [usize; crate::host::TABLE_LEN],
) -> i32 {
    // SAFETY: the table is only read by generated code, none of which runs yet.
    unsafe { host_table.write(crate::host::table()) };
    let mut w = Words { p: meta };
    // SAFETY (every `next` below): the words are read in the order the format has them,
    // and `morestack build` wrote all of them.
    if unsafe { w.next() } != MAGIC {
        eprintln!("morestack: this program was built with another version of morestack");
        return 1;
    }
    let reserve = unsafe { w.next() } as usize;
    let strategy = match unsafe { w.next() } {
        0 => Strategy::Fixed,
        1 => Strategy::Segmented,
        _ => Strategy::Copying,
    };
    let stack_max = unsafe { w.next() } as usize;
    let stack_min = unsafe { w.next() } as usize;
    let segment_cache = match unsafe { w.next() } {
        0 => SegmentCache::None,
        _ => SegmentCache::Keep,
    };
    let flags = unsafe { w.next() };
    let main = unsafe { w.next() } as usize;
    let n_sites = unsafe { w.next() } as usize;
    let n_wide = unsafe { w.next() } as usize;
    // SAFETY: module indices written by `morestack build` are inside `morestack_funcs`.
    let func = |i: u64| unsafe { funcs.add(i as usize).read() };
    let mut sites = Vec::with_capacity(n_sites);
    for _ in 0..n_sites {
        let base = func(unsafe { w.next() });
        let ret = unsafe { w.next() } as usize;
        let n = unsafe { w.next() } as usize;
        let offs = (0..n).map(|_| unsafe { w.next() } as u32).collect();
        sites.push((base + ret, offs));
    }
    let mut wide = Vec::with_capacity(n_wide);
    for _ in 0..n_wide {
        let addr = func(unsafe { w.next() });
        let n = unsafe { w.next() } as usize;
        let params = (0..n).map(|_| unsafe { w.next() } as u32).collect();
        wide.push((addr, params));
    }
    // SAFETY: the sites are return addresses of this program's code (mapped for the
    // process's lifetime) with the stack maps Cranelift gave them, as for the JIT.
    unsafe { crate::register_stack_maps(sites) };
    // SAFETY: as for the JIT: these functions' cold paths pass PTRMASK_WIDE and the
    // indices are their address parameters.
    unsafe { crate::register_pointer_params(wide) };
    let cfg = StackConfig {
        strategy,
        stack_max,
        stack_min,
        segment_cache,
        force_move: flags & FLAG_FORCE_MOVE != 0,
        trace: false,
        reserve,
    };
    // SAFETY: the trampoline was generated with exactly the `EntryFn` signature.
    let entry: EntryFn = unsafe { std::mem::transmute::<usize, EntryFn>(func(main as u64)) };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    // SAFETY: `entry` is `main`'s entry trampoline (no arguments, no results), compiled
    // for this strategy's code kind, with its stack maps registered above.
    let (stats, r) = unsafe { crate::run_with_stats(&cfg, entry, &[], &mut [], &mut out) };
    let _ = out.flush();
    drop(out);
    if flags & FLAG_STATS != 0 {
        eprint!("{stats}");
    }
    match r {
        Ok(()) => 0,
        Err(e @ RunError::Setup(_)) => {
            eprint!("{}", e.go_message());
            1
        }
        Err(e) => {
            eprint!("{}", e.go_message());
            2
        }
    }
}
