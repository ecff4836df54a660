//! The stack-map registry: for every call site of generated code that has pointers into
//! the stack live across it, the offsets (from SP at the call) of the stack slots that
//! hold them, keyed by the call's absolute return address. The copying strategy reads it
//! while it relocates a moved stack (see "Stack copying" in the crate docs).
//!
//! Beside it, the pointer parameters of functions with more than 64 parameters, keyed by
//! the function's address: the one-word mask a function's cold path passes to morestack
//! (`Context::ms_ptrmask`) has room for 64 (relocation invariant 1 in "Stack copying").

use std::collections::BTreeMap;
use std::sync::RwLock;

/// The pointer slots of one call site.
#[derive(Clone, Debug)]
pub(crate) struct CallSiteMap {
    /// Offsets from SP at the call of the 8-byte slots that hold pointers.
    pub offsets: Box<[u32]>,
}

static REGISTRY: RwLock<BTreeMap<usize, CallSiteMap>> = RwLock::new(BTreeMap::new());

/// Registers the stack maps of code just made executable: for each call site, its
/// absolute return address and the offsets from SP at the call of the slots that hold
/// pointers into the stack (the compiler takes them from Cranelift's user stack maps).
/// Call sites with no such slot need not be registered. Replaces earlier entries at the
/// same addresses.
///
/// # Safety
/// Each address is the return address of a call site of code that stays mapped while
/// the entry is registered, and its offsets name the slots that hold pointers into the
/// stack there: a stack move rewrites those slots in every frame returning to that
/// address (if they hold an address into the old stack), so wrong maps corrupt frames.
pub unsafe fn register_stack_maps(sites: impl IntoIterator<Item = (usize, Vec<u32>)>) {
    let mut r = REGISTRY.write().unwrap_or_else(|p| p.into_inner());
    for (ret, offsets) in sites {
        r.insert(
            ret,
            CallSiteMap {
                offsets: offsets.into_boxed_slice(),
            },
        );
    }
}

/// Removes the stack maps registered at these return addresses (before the code there is
/// freed).
pub fn unregister_stack_maps(return_addresses: &[usize]) {
    let mut r = REGISTRY.write().unwrap_or_else(|p| p.into_inner());
    for k in return_addresses {
        r.remove(k);
    }
}

/// Pointer parameters of functions whose mask does not fit in one word.
static WIDE: RwLock<BTreeMap<usize, Box<[u32]>>> = RwLock::new(BTreeMap::new());

/// The value of `Context::ms_ptrmask` that sends morestack to the registry of
/// [`register_pointer_params`] (keyed by `ms_func`). A function with more than 64
/// parameters passes it; if `ms_func` is not registered (a 64-parameter function whose
/// parameters are all pointers), every bit means what it says.
pub const PTRMASK_WIDE: u64 = u64::MAX;

/// Registers, for functions with more than 64 parameters (whose cold path passes
/// [`PTRMASK_WIDE`]), the function's absolute address (what it stores in `ms_func`) and
/// the indices of its parameters that may hold pointers into the stack. Replaces earlier
/// entries at the same addresses.
///
/// # Safety
/// Each address is that of a function whose cold path passes [`PTRMASK_WIDE`], and the
/// indices name argument positions (integer argument register `k < 6`, else the stack
/// slot at `8 * (k - 6)`) that hold pointers or non-stack values: a stack move rewrites
/// those that point into the old stack.
pub unsafe fn register_pointer_params(funcs: impl IntoIterator<Item = (usize, Vec<u32>)>) {
    let mut r = WIDE.write().unwrap_or_else(|p| p.into_inner());
    for (addr, params) in funcs {
        r.insert(addr, params.into_boxed_slice());
    }
}

/// Removes the entries of [`register_pointer_params`] at these function addresses.
pub fn unregister_pointer_params(addresses: &[usize]) {
    let mut r = WIDE.write().unwrap_or_else(|p| p.into_inner());
    for k in addresses {
        r.remove(k);
    }
}

/// Runs `f` on the pointer parameters registered for the function at `addr`; false if
/// there are none.
pub(crate) fn with_pointer_params(addr: usize, f: impl FnOnce(&[u32])) -> bool {
    let r = WIDE.read().unwrap_or_else(|p| p.into_inner());
    r.get(&addr).map(|ps| f(ps)).is_some()
}

/// Runs `f` with read access to the registry.
pub(crate) fn with_registry<T>(f: impl FnOnce(&BTreeMap<usize, CallSiteMap>) -> T) -> T {
    let r = REGISTRY.read().unwrap_or_else(|p| p.into_inner());
    f(&r)
}
