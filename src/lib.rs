//! morestack: compiles a strict subset of Go to native code with Cranelift and runs it on
//! small stacks that grow on demand.

pub mod check;
pub mod codegen;
pub mod diag;
pub mod jit;
pub mod syntax;
