//! The architecture-specific trampolines (all of the crate's assembly). Each
//! architecture module provides the same seven items:
//!
//! - `enter(state, stack_top, entry, args, results) -> status`: runs `entry` on the
//!   program stack (see the stack ABI in the crate docs).
//! - `abort_run(state, status) -> !`: abandons the program stack and makes `enter` return
//!   `status`.
//! - `hostcall_thunk(f, a, b, c) -> i64`: the host-call thunk.
//! - `hostcall_thunk_in_place(f, a, b, c) -> i64`: the same without a stack move.
//! - `morestack_stub`: the morestack stub (not callable from Rust; its address only).
//! - `lessstack_stub`: the return address of a function restarted on a new segment (not
//!   callable from Rust; its address only).
//! - `prefetch(addr)`: a cache prefetch hint (never faults).

#[cfg(target_arch = "x86_64")]
mod x86_64;
#[cfg(target_arch = "x86_64")]
pub(crate) use x86_64::*;

#[cfg(target_arch = "aarch64")]
mod aarch64;
#[cfg(target_arch = "aarch64")]
pub(crate) use aarch64::*;

#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
compile_error!("morestack-runtime supports only x86-64 and AArch64");
