//! Code generation: checked program to Cranelift IR, the stack-check prologue, stack maps.
