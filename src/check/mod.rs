//! The checker: names, types, constants, Go's compile-time rules and the pointer rules.
//! Produces the checked program of [`hir`].

pub mod hir;
