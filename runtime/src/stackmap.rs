//! The stack-map registry: for every call site of generated code that has pointers into
//! the stack live across it, the offsets (from SP at the call) of the stack slots that
//! hold them, keyed by the call's absolute return address. The copying strategy reads it
//! while it relocates a moved stack (see "Stack copying" in the crate docs).

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
pub fn register_stack_maps(sites: impl IntoIterator<Item = (usize, Vec<u32>)>) {
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

/// Runs `f` with read access to the registry.
pub(crate) fn with_registry<T>(f: impl FnOnce(&BTreeMap<usize, CallSiteMap>) -> T) -> T {
    let r = REGISTRY.read().unwrap_or_else(|p| p.into_inner());
    f(&r)
}
