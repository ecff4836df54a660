//! AArch64 trampolines: placeholder until the AArch64 port lands.

use crate::state::RunState;
use crate::{EntryFn, HostFn};

pub(crate) unsafe extern "C" fn enter(
    _state: *mut RunState,
    _stack_top: usize,
    _entry: EntryFn,
    _args: *const i64,
    _results: *mut i64,
) -> u64 {
    unimplemented!("aarch64 runtime")
}

pub(crate) unsafe extern "C" fn abort_run(_state: *mut RunState, _status: u64) -> ! {
    unimplemented!("aarch64 runtime")
}

pub(crate) unsafe extern "C" fn hostcall_thunk(_f: HostFn, _a: i64, _b: i64, _c: i64) -> i64 {
    unimplemented!("aarch64 runtime")
}

pub(crate) unsafe extern "C" fn morestack_stub() {
    unimplemented!("aarch64 runtime")
}
