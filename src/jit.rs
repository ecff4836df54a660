//! The JIT: compiles a checked program into executable memory and registers it with the runtime.
