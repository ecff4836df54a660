//! The copying strategy (see "Stack copying" in the crate docs): growing, shrinking and
//! forced moves of the one contiguous stack, and the relocation of every pointer into it.

use crate::ranges::{COPY, OLD};
use crate::stack::Segment;
use crate::state::{abandon, copy_stats, split_slack, RunState};
use crate::{stackmap, RunError};

/// Where the walk of the frame chain starts: the innermost frame that is stopped at a call
/// site with a stack map (the caller of the restarted function, or the caller of the
/// host-call thunk).
#[derive(Clone, Copy)]
struct Innermost {
    /// Its frame pointer.
    fp: usize,
    /// SP at its call.
    sp_at_call: usize,
    /// The return address of its call.
    ret: usize,
}

/// The live part `[sp, old_hi)` of the old stack `[old_lo, old_hi)`, which moves by
/// `delta` (its copy is already in place).
#[derive(Clone, Copy)]
struct Live {
    sp: usize,
    old_lo: usize,
    old_hi: usize,
    delta: usize,
}

impl Live {
    /// Whether `v` points into the old stack.
    #[inline(always)]
    fn holds(&self, v: usize) -> bool {
        v >= self.old_lo && v < self.old_hi
    }

    /// Rewrites the 8-byte slot at old address `slot` in the copy if it points into the
    /// old stack; returns how many pointers it rewrote (0 or 1).
    #[inline(always)]
    fn fix(&self, slot: usize) -> u64 {
        let p = slot.wrapping_add(self.delta) as *mut usize;
        // SAFETY: `slot` lies in [sp, old_hi) (a frame or argument slot of the live
        // stack), so `p` lies in the copy.
        unsafe {
            let v = p.read();
            if !self.holds(v) {
                return 0;
            }
            p.write(v.wrapping_add(self.delta));
        }
        1
    }
}

/// The walk of "Stack copying" in the crate docs: from `from` up the frame chain of the
/// old stack, rewrites in the copy each saved frame pointer and each stack-map slot that
/// points into the old stack. Returns (frames walked, pointers rewritten).
fn walk(
    reg: &std::collections::BTreeMap<usize, stackmap::CallSiteMap>,
    from: Innermost,
    live: Live,
) -> (u64, u64) {
    let Live {
        sp, old_hi, delta, ..
    } = live;
    let (mut frames, mut adjusted) = (0u64, 0u64);
    let (mut fp, mut s, mut ret) = (from.fp, from.sp_at_call, from.ret);
    loop {
        frames += 1;
        if let Some(m) = reg.get(&ret) {
            for &o in m.offsets.iter() {
                let slot = s + o as usize;
                if slot >= sp && slot < old_hi {
                    adjusted += live.fix(slot);
                }
            }
        }
        if fp < sp || fp >= old_hi {
            break;
        }
        // The walk is a chain of dependent loads up a stack that has just been remapped
        // or copied: ask for the frames a little above before they are needed (a hint:
        // it never faults).
        crate::arch::prefetch(fp.wrapping_add(delta).wrapping_add(PREFETCH_AHEAD));
        // The frame record at fp: [fp] = the caller's fp, [fp + 8] = the return address
        // into the caller; SP at the caller's call is fp + 16.
        // SAFETY: fp lies in the live part of the old stack; read the copy.
        let (next_fp, next_ret) = unsafe {
            let rec = fp.wrapping_add(delta) as *const usize;
            (*rec, *rec.add(1))
        };
        adjusted += live.fix(fp);
        s = fp + 16;
        ret = next_ret;
        fp = next_fp;
    }
    (frames, adjusted)
}

/// Pointers into the stack held in the restarted function's arguments.
struct PtrArgs {
    /// Bit i: parameter i is a pointer ([`stackmap::PTRMASK_WIDE`]: see the registry).
    mask: u64,
    /// The restarted function's address (`ms_func`).
    func: usize,
    /// Where its stack arguments start (old address).
    stack_args: usize,
}

/// Index in `ms_regs` of parameter `i` (< 6) of a Tail-convention function.
fn arg_reg(i: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        i // rdi, rsi, rdx, rcx, r8, r9 are ms_regs[0..6]
    }
    #[cfg(target_arch = "aarch64")]
    {
        i + 2 // x2..x7 are ms_regs[2..8]
    }
}

/// The grow decision of morestack for the copying strategy: moves the stack into one
/// twice as large (or larger, until the need fits; at most `stack_max`) and returns the SP
/// to restart the function at.
pub(crate) fn grow(st: &mut RunState) -> usize {
    let cur = st.cstack.as_ref().expect("copying stack").size();
    let hi = st.cstack.as_ref().unwrap().hi();
    let used = hi - st.ms_sp;
    let need = used + st.ctx.ms_frame + st.ctx.ms_argbytes + split_slack(st.reserve);
    // Sizes are powers of two; a stack that would have to grow past `stack_max` is the
    // overflow (as in Go, whose largest stack under its 1 GB limit is 512 MiB).
    let mut size = cur.saturating_mul(2);
    while size < need {
        size = size.saturating_mul(2);
    }
    if size > st.limit {
        let limit = st.limit;
        abandon(st, RunError::StackOverflow { limit })
    }
    let new = take_stack(st, size, false);
    copy_stats(st).grows += 1;
    let (ret, sp_at_call) = entry_return(st);
    let from = Innermost {
        fp: st.ms_fp,
        sp_at_call,
        ret,
    };
    let args = PtrArgs {
        mask: st.ctx.ms_ptrmask as u64,
        func: st.ctx.ms_func,
        stack_args: sp_at_call,
    };
    let delta = move_to(st, new, st.ms_sp, from, Some(args));
    st.ms_sp.wrapping_add(delta)
}

/// (return address, SP at the call) of the function that entered morestack.
fn entry_return(st: &RunState) -> (usize, usize) {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: ms_sp is the function's entry rsp, pointing at its return address.
        (unsafe { *(st.ms_sp as *const usize) }, st.ms_sp + 8)
    }
    #[cfg(target_arch = "aarch64")]
    {
        (st.ms_lr, st.ms_sp)
    }
}

/// The host-call thunk's move (a safe point: every frame is stopped at a call): shrinks the
/// stack to half when under a quarter of it is in use (never below `stack_min`), or, in
/// the stress mode, moves it to a fresh stack of the same size. `st.ms_sp` is the program
/// SP at the thunk's entry, `st.ms_fp` the caller's frame pointer, `st.ms_lr` (AArch64)
/// the return address. Returns the program SP to continue at (relocated) and updates
/// `st.ms_fp`.
///
/// # Safety
/// Called only by the host-call thunk, on the system stack, with the fields above set.
pub(crate) unsafe extern "C" fn rt_hostcall_move(st: *mut RunState) -> usize {
    // SAFETY: the thunk passes the pinned register, the live run state.
    let st = unsafe { &mut *st };
    let cur = st.cstack.as_ref().expect("copying stack").size();
    let hi = st.cstack.as_ref().unwrap().hi();
    let used = hi - st.ms_sp;
    let half = (cur / 2).max(st.stack_min);
    let size = if used < cur / 4 && half < cur && used + split_slack(st.reserve) <= half {
        copy_stats(st).shrinks += 1;
        half
    } else if st.force_move {
        cur
    } else {
        return st.ms_sp;
    };
    // A shrinking goroutine (it parks or yields mostly unused) takes a cold stack, so
    // that it costs what it uses (see `pool::KEEP_RESIDENT`).
    let new = take_stack(st, size, size < cur);
    let (ret, sp_at_call) = entry_return(st);
    let from = Innermost {
        fp: st.ms_fp,
        sp_at_call,
        ret,
    };
    let delta = move_to(st, new, st.ms_sp, from, None);
    st.ms_sp.wrapping_add(delta)
}

/// A stack of `size` bytes: a kept one of that size if there is one, else a new mapping,
/// or in the stress mode a new stack from the arena (a failure ends the run); a
/// goroutine's comes from the pool (`cold`: one whose pages are not resident).
fn take_stack(st: &mut RunState, size: usize, cold: bool) -> Segment {
    if let Some(i) = st.cspare.iter().position(|s| s.size() == size) {
        copy_stats(st).reused += 1;
        return st.cspare.swap_remove(i);
    }
    let new = if st.force_move {
        let (arenas, ranges) = shared_arenas(st);
        arenas.take(size, ranges)
    } else if !st.gpool.is_null() {
        // SAFETY: a goroutine's pool is its root's, which outlives it.
        unsafe { (*st.gpool).take_as(size, cold) }
    } else {
        Segment::new(size)
    };
    match new {
        Ok(s) => {
            st.ranges.add(COPY, s.guard_page(), s.lo(), s.hi(), 0);
            s
        }
        Err(e) => abandon(st, RunError::Setup(format!("cannot map a stack: {e}"))),
    }
}

/// Moves of at least this many live bytes remap the old stack's pages instead of copying
/// them (see "Large moves remap" in the crate docs).
const REMAP_MIN: usize = 256 << 10;

/// How far above the frame it is at, in bytes, the relocation walk prefetches. Two pages
/// ahead, so that a page's translation and first lines are on their way before the walk
/// gets there: on `deep_churn` (1 000 000 frames of 32 bytes) the walk fell from 2.4% of
/// the run's samples to 1.1% (with the walk's values in registers); 512 bytes ahead
/// brought it only to 1.9%.
const PREFETCH_AHEAD: usize = 8192;

/// How [`remap`] moved the live part.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Remap {
    /// Not at all: the caller copies.
    No,
    /// The old stack keeps its range mapped (with empty pages): it may be kept for reuse.
    Kept,
    /// The old stack's range lost those pages (a kernel without `MREMAP_DONTUNMAP`).
    Unmapped,
}

/// Moves the pages holding `[sp, old_hi)` to the same offsets `delta` bytes away, into the
/// new stack, with `mremap`: no copy and no page faults for the new stack's live part.
/// Leaves nothing changed ([`Remap::No`]) when the kernel refuses, e.g. under an emulator
/// without `MREMAP_FIXED`; the caller then copies.
fn remap(sp: usize, old_hi: usize, delta: usize) -> Remap {
    let page = crate::stack::page_size();
    let start = sp & !(page - 1);
    let len = old_hi - start;
    let to = start.wrapping_add(delta);
    let go = |flags: libc::c_int| {
        // SAFETY: [start, old_hi) lies in the old stack's own mapping (the live part and
        // the dead bytes below it in the same page), nothing runs on it during the move,
        // and the destination lies inside the new stack's own mapping (checked by the
        // caller), which MREMAP_FIXED replaces.
        let r = unsafe {
            libc::mremap(
                start as *mut libc::c_void,
                len,
                len,
                libc::MREMAP_MAYMOVE | libc::MREMAP_FIXED | flags,
                to as *mut libc::c_void,
            )
        };
        r != libc::MAP_FAILED
    };
    if go(libc::MREMAP_DONTUNMAP) {
        Remap::Kept
    } else if go(0) {
        Remap::Unmapped
    } else {
        Remap::No
    }
}

/// Stress mode: leaves the old stack `old` inaccessible until the run ends (it goes back
/// to its arena, or, for the first stack, which is a mapping of its own, to the graveyard).
fn retire(st: &mut RunState, old: Segment) {
    st.ranges.remove(COPY, old.guard_page());
    if old.owned() {
        old.protect_none();
        st.ranges
            .add(OLD, old.guard_page(), old.guard_page(), old.hi(), 0);
        st.ro().graveyard.push(old);
    } else {
        crate::state::root_of(st).retire_to_arenas(old);
    }
}

/// The stress mode's arenas and the fault handler's table that records them: the run
/// state's own, or for a goroutine its root's (shared by every goroutine of the run).
fn shared_arenas(st: &mut RunState) -> (&mut crate::arena::Arenas, &mut crate::ranges::Ranges) {
    let r = crate::state::root_of(st);
    (
        &mut r.root_only.as_deref_mut().expect("a root state").arenas,
        &mut r.ranges,
    )
}

/// Copies the live part `[sp, hi)` of the current stack to the top of `new`, relocates
/// every pointer into the old stack (saved frame pointers, stack-map slots of every
/// frame from `from` outwards, pointer arguments of the restarted function, `ms_fp`),
/// makes `new` the current stack and returns `new.hi - old.hi` (wrapping).
fn move_to(
    st: &mut RunState,
    new: Segment,
    sp: usize,
    from: Innermost,
    args: Option<PtrArgs>,
) -> usize {
    let old = st.cstack.take().expect("copying stack");
    let (old_lo, old_hi) = (old.lo(), old.hi());
    let used = old_hi - sp;
    let delta = new.hi().wrapping_sub(old_hi);
    let moved = |a: usize| a.wrapping_add(delta);
    let page = crate::stack::page_size();
    let remapped = if !st.force_move
        && used >= REMAP_MIN
        && old.owned()
        && new.owned()
        && (sp & !(page - 1)).wrapping_add(delta) >= new.lo()
    {
        remap(sp, old_hi, delta)
    } else {
        Remap::No
    };
    if remapped == Remap::No {
        // SAFETY: [sp, old_hi) is the live part of the old stack (mapped); the new stack
        // has room for it (callers size it so); the two mappings are distinct.
        unsafe {
            std::ptr::copy_nonoverlapping(sp as *const u8, moved(sp) as *mut u8, used);
        }
    }
    let live = Live {
        sp,
        old_lo,
        old_hi,
        delta,
    };
    let mut adjusted = 0u64;
    if let Some(a) = &args {
        let regs = &mut st.ms_regs;
        let mut fix_arg = |i: usize| {
            if i < 6 {
                let r = &mut regs[arg_reg(i)];
                if live.holds(*r as usize) {
                    *r = moved(*r as usize) as u64;
                    adjusted += 1;
                }
            } else {
                adjusted += live.fix(a.stack_args + 8 * (i - 6));
            }
        };
        let wide = a.mask == stackmap::PTRMASK_WIDE
            && stackmap::with_pointer_params(a.func, |ps| {
                ps.iter().for_each(|&i| fix_arg(i as usize))
            });
        if !wide {
            (0..64).filter(|i| a.mask & (1 << i) != 0).for_each(fix_arg);
        }
    }
    let (frames, in_frames) = stackmap::with_registry(|reg| walk(reg, from, live));
    adjusted += in_frames;
    if live.holds(st.ms_fp) {
        st.ms_fp = moved(st.ms_fp);
        adjusted += 1;
    }
    let c = copy_stats(st);
    c.moves += 1;
    if remapped != Remap::No {
        c.bytes_remapped += used as u64;
    } else {
        c.bytes_copied += used as u64;
    }
    c.frames_walked += frames;
    c.pointers_adjusted += adjusted;
    c.peak_size = c.peak_size.max(new.size());
    crate::state::trace(st, new.size());
    st.ctx.stack_guard = new.lo() + st.reserve;
    st.cstack_hi = new.hi();
    st.cstack = Some(new);
    set_host_move_threshold(st);
    if st.force_move {
        retire(st, old);
    } else if remapped == Remap::Unmapped {
        // Its live pages are gone (now the new stack's): not kept for reuse.
        st.ranges.remove(COPY, old.guard_page());
    } else if st.gpool.is_null() && !st.cspare.iter().any(|s| s.size() == old.size()) {
        // Keep it: after a shrink the stack grows back into the bigger ones, after a grow
        // it shrinks back into the smaller ones, without mapping anything (no hot split;
        // at most one stack per size, so at most twice the peak in all). A goroutine's
        // goes back to the run's pool instead, which every goroutine reuses.
        st.cspare.push(old);
    } else {
        st.ranges.remove(COPY, old.guard_page());
    }
    delta
}

/// Sets when the host-call thunk calls [`rt_hostcall_move`]: when less than a quarter of
/// the stack is in use (and it can shrink), or always in the stress mode.
pub(crate) fn set_host_move_threshold(st: &mut RunState) {
    let size = st.cstack.as_ref().map_or(0, |s| s.size());
    st.hc_move_below = if st.force_move {
        usize::MAX
    } else if size / 2 >= st.stack_min {
        size / 4
    } else {
        0
    };
}
