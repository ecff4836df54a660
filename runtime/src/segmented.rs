//! The segmented strategy (see "Segmented stacks" in the crate docs): the segment
//! descriptors the stubs read, the stack-info record at the top of every segment after
//! the first, morestack's split ([`split`]) and lessstack's slow path ([`rt_lessstack`]).
//! The stack object ([`crate::state::RunState`]) owns the chain; this file grows and
//! shrinks it.

use std::mem::offset_of;

use crate::ranges::SEGMENT;
use crate::stack::Segment;
use crate::state::{abandon, trace, RunState};
use crate::{arch, RunError};

/// One segment as the stubs see it (`#[repr(C)]`, 32 bytes: the fast paths index the
/// array by `i << 5`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub(crate) struct SegDesc {
    /// The stack guard while this segment is current (its lowest usable byte plus the
    /// run's reserve).
    pub guard: usize,
    /// One past the highest usable byte.
    pub hi: usize,
    /// `hi - lo`.
    pub size: usize,
    /// Total size of the chain up to and including this segment (valid for kept
    /// segments too: a segment is only replaced together with every one after it).
    pub total: usize,
}

pub(crate) const DESC_GUARD: usize = offset_of!(SegDesc, guard);
pub(crate) const DESC_HI: usize = offset_of!(SegDesc, hi);
pub(crate) const DESC_TOTAL: usize = offset_of!(SegDesc, total);
const _: () = assert!(std::mem::size_of::<SegDesc>() == 32);

/// Room a split or a grow needs besides the frame and the stack arguments: the stack-info
/// record, a return address, the run's `reserve` and slack for alignment. The morestack
/// stub's fast path needs `ms_frame + ms_argbytes + split_slack(reserve)` bytes in a kept
/// segment, the same room [`split`] asks for.
pub(crate) const fn split_slack(reserve: usize) -> usize {
    INFO_SIZE + 16 + reserve + 64
}

/// The stack-info record at the top of every segment after the first (see "Segmented
/// stacks" in the crate docs). `#[repr(C)]`: lessstack's fast path reads it at these
/// offsets from its SP.
#[repr(C)]
pub(crate) struct StackInfo {
    /// SP to continue at in the previous segment: the function's entry SP there with its
    /// return address (x86-64) and its stack arguments popped.
    pub old_sp: usize,
    /// The previous segment's stack guard.
    pub old_guard: usize,
    /// The real return address (into the caller, in the previous segment).
    pub ret: usize,
    /// Bytes of stack arguments copied (for debugging).
    pub argbytes: usize,
}

pub(crate) const INFO_OLD_SP: usize = offset_of!(StackInfo, old_sp);
pub(crate) const INFO_OLD_GUARD: usize = offset_of!(StackInfo, old_guard);
pub(crate) const INFO_RET: usize = offset_of!(StackInfo, ret);
pub(crate) const INFO_SIZE: usize = std::mem::size_of::<StackInfo>();
const _: () = assert!(INFO_SIZE.is_multiple_of(16));

/// What [`rt_lessstack`] returns to the stub: the SP to continue at and where to jump.
#[repr(C)]
pub(crate) struct Resume {
    pub sp: usize,
    pub pc: usize,
}

/// Where the function that called morestack was entered: (its return address, the
/// address of its stack arguments, the SP its caller continues at after it returned).
pub(crate) fn entry_frame(st: &RunState) -> (usize, usize, usize) {
    let argbytes = st.ctx.ms_argbytes;
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: ms_sp is the function's entry rsp, pointing at its return address.
        let ret = unsafe { *(st.ms_sp as *const usize) };
        (ret, st.ms_sp + 8, st.ms_sp + 8 + argbytes)
    }
    #[cfg(target_arch = "aarch64")]
    {
        (st.ms_lr, st.ms_sp, st.ms_sp + argbytes)
    }
}

/// The segmented strategy's morestack (see "Segmented stacks" in the crate docs): takes
/// the next segment (a kept one if big enough, else a new mapping), writes the
/// stack-info record at its top, copies the stack arguments below it, makes lessstack
/// the return address and returns the SP to restart the function at.
pub(crate) fn split(st: &mut RunState) -> usize {
    let argbytes = st.ctx.ms_argbytes;
    // Room for the restarted frame: the record, the arguments, the return address, the
    // frame itself, the reserve under the guard, and slack for alignment.
    let need = argbytes + st.ctx.ms_frame + split_slack(st.reserve);
    let cur = st.seg_cur;
    let below = st.desc[cur].total;
    // A segment is `stack_min` bytes, or bigger for a frame that needs it, and at least
    // 1/8 of the chain below it (see "Segment sizes" in the crate docs).
    let size = if need <= st.seg_size && below / 8 <= st.seg_size {
        st.seg_size
    } else {
        need.max(below / 8)
            .next_multiple_of(crate::stack::page_size())
    };
    if below.saturating_add(size) > st.limit {
        let limit = st.limit;
        abandon(st, RunError::StackOverflow { limit })
    }
    let next = cur + 1;
    if next < st.segs.len() && st.desc[next].size >= size {
        st.seg_stats.reused += 1;
        debug_assert_eq!(st.desc[next].total, below + st.desc[next].size);
    } else {
        // Kept segments too small for this frame (and everything after them) go.
        st.seg_stats.freed += (st.segs.len() - next) as u64;
        st.ranges.remove_segments_from(next);
        st.segs.truncate(next);
        st.desc.truncate(next);
        let seg = match st.gpool.is_null() {
            true => Segment::new(size),
            // SAFETY: a goroutine's pool is its root's, which outlives it.
            false => unsafe { (*st.gpool).take(size) },
        };
        match seg {
            Ok(seg) => {
                st.seg_stats.allocated += 1;
                st.ranges
                    .add(SEGMENT, seg.guard_page(), seg.lo(), seg.hi(), next);
                st.desc.push(SegDesc {
                    guard: seg.lo() + st.reserve,
                    hi: seg.hi(),
                    size: seg.size(),
                    total: below + seg.size(),
                });
                st.segs.push(seg);
                sync_desc(st);
            }
            Err(e) => abandon(
                st,
                RunError::Setup(format!("cannot map a stack segment: {e}")),
            ),
        }
        let mapped: usize = st.desc.iter().map(|d| d.size).sum();
        st.seg_mapped_peak = st.seg_mapped_peak.max(mapped);
    }
    st.seg_stats.splits += 1;
    st.seg_stats.stack_arg_splits += (argbytes > 0) as u64;
    st.seg_stats.oversized += (need > st.seg_size) as u64;
    st.seg_cur = next;
    st.seg_stats.max_chain = st.seg_stats.max_chain.max(next as u64 + 1);
    st.seg_peak = st.seg_peak.max(st.desc[next].total);
    let total = st.desc[next].total;
    trace(st, total);

    let (ret, args, old_sp) = entry_frame(st);
    let (guard, hi) = (st.desc[next].guard, st.desc[next].hi);
    let info = hi - INFO_SIZE;
    // SAFETY: [info, hi) and [info - argbytes, info) lie in the segment just taken (size
    // >= need); the arguments are read from the caller's stack, mapped and live (the
    // function has not run yet). Segments never overlap, so the copy is disjoint.
    unsafe {
        (info as *mut StackInfo).write(StackInfo {
            old_sp,
            old_guard: st.ctx.stack_guard,
            ret,
            argbytes,
        });
        std::ptr::copy_nonoverlapping(args as *const u8, (info - argbytes) as *mut u8, argbytes);
    }
    st.ctx.stack_guard = guard;
    let lessstack = arch::lessstack_stub as *const () as usize;
    #[cfg(target_arch = "x86_64")]
    {
        let sp = info - argbytes - 8;
        // SAFETY: inside the segment (see above).
        unsafe { *(sp as *mut usize) = lessstack };
        sp
    }
    #[cfg(target_arch = "aarch64")]
    {
        st.ms_lr = lessstack;
        info - argbytes
    }
}

/// Publishes `desc` to the stubs (after any change to the chain).
pub(crate) fn sync_desc(st: &mut RunState) {
    st.seg_desc = st.desc.as_ptr();
    st.seg_fast_count = match st.ls_slow {
        0 => st.desc.len(),
        _ => 0,
    };
}

/// The slow path of lessstack (taken when `ls_slow` is set: with [`SegmentCache::None`],
/// or while tracing): leaves the current segment for the previous one, restoring its
/// guard, frees the segment (`seg_free`), records the trace event, and returns where to
/// continue (the function's results
/// are in registers the stub saved).
///
/// # Safety
/// Called only by the lessstack stub, on the system stack, when the function restarted
/// on segment `seg_cur` has returned into lessstack.
pub(crate) unsafe extern "C" fn rt_lessstack(st: *mut RunState) -> Resume {
    // SAFETY: the stub passes the pinned register, the live run state.
    let st = unsafe { &mut *st };
    let cur = st.seg_cur;
    let info = st.desc[cur].hi - INFO_SIZE;
    // SAFETY: split() wrote the record at the top of this segment, still mapped.
    let rec = unsafe { (info as *const StackInfo).read() };
    st.ctx.stack_guard = rec.old_guard;
    st.seg_cur = cur - 1;
    if st.seg_free {
        st.seg_stats.freed += (st.segs.len() - cur) as u64;
        st.ranges.remove_segments_from(cur);
        st.segs.truncate(cur);
        st.desc.truncate(cur);
        sync_desc(st);
    }
    let total = st.desc[cur - 1].total;
    trace(st, total);
    Resume {
        sp: rec.old_sp,
        pc: rec.ret,
    }
}
