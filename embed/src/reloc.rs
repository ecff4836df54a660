//! Relocatable code for the copying strategy: finds every SSA value that is an address
//! into the stack and declares it to cranelift-frontend as needing a stack map, so that
//! wherever such a value is live across a call it is spilled to a stack-map slot before
//! the call and reloaded after it (the runtime rewrites the slot when it moves the stack).
//! Independent of the Go front end: it works on any function whose stack addresses come
//! from `stack_addr` and from parameters the caller marks.
//!
//! Where stack addresses come from, and how they flow:
//! - `stack_addr` results, and the function's parameters marked as pointers (`ptrmask`);
//! - `iadd` with one such operand (an element address), `isub` of an integer from one,
//!   `select` of one, and block parameters that receive one on some edge (SSA phis of
//!   pointer variables).
//!
//! Nothing else produces one: in the language a pointer is never stored in memory (not in
//! arrays, globals or through another pointer) and never returned, so no load yields a
//! stack address. A value derived from a stack address by anything but the operations
//! above (a comparison, a difference of two addresses) is not an address and is never
//! declared, so the runtime never touches it.
//!
//! Code compiled this way must also not keep a stack address in a register across a call
//! by other means: at `opt_level=speed` Cranelift's GVN merges a `stack_addr` after a call
//! with one before it (see docs/DESIGN.md), so relocatable code is compiled at `opt_level=none`.

use cranelift_codegen::ir::{BlockArg, Function, InstructionData, Opcode, Value};
use cranelift_frontend::FunctionBuilder;
use std::collections::HashSet;

/// The stack addresses of `func`: values computed from `stack_addr` or from `params`
/// (values known to be stack addresses, e.g. pointer parameters) as described in the
/// module docs.
pub fn stack_addresses(func: &Function, params: &[Value]) -> HashSet<Value> {
    let mut set: HashSet<Value> = params.iter().copied().collect();
    let dfg = &func.dfg;
    loop {
        let before = set.len();
        for block in func.layout.blocks() {
            for inst in func.layout.block_insts(block) {
                let data = &dfg.insts[inst];
                // Values may be aliases (the SSA builder makes them); look through them.
                let args: Vec<Value> = dfg
                    .inst_args(inst)
                    .iter()
                    .map(|&v| dfg.resolve_aliases(v))
                    .collect();
                let result = dfg.inst_results(inst).first().copied();
                let derived = match data.opcode() {
                    Opcode::StackAddr => true,
                    Opcode::Iadd => set.contains(&args[0]) != set.contains(&args[1]),
                    Opcode::Isub => set.contains(&args[0]) && !set.contains(&args[1]),
                    Opcode::Select | Opcode::SelectSpectreGuard => {
                        set.contains(&args[1]) || set.contains(&args[2])
                    }
                    _ => false,
                };
                if derived {
                    if let Some(r) = result {
                        set.insert(r);
                    }
                }
                if let InstructionData::Jump { .. }
                | InstructionData::Brif { .. }
                | InstructionData::BranchTable { .. } = data
                {
                    for call in data.branch_destination(&dfg.jump_tables, &dfg.exception_tables) {
                        let dest = call.block(&dfg.value_lists);
                        let dest_params = dfg.block_params(dest);
                        for (i, a) in call.args(&dfg.value_lists).enumerate() {
                            if let BlockArg::Value(v) = a {
                                if set.contains(&dfg.resolve_aliases(v)) {
                                    set.insert(dest_params[i]);
                                }
                            }
                        }
                    }
                }
            }
        }
        if set.len() == before {
            return set;
        }
    }
}

/// Declares every stack address of the function being built (see [`stack_addresses`]) as
/// needing a stack map. Call it once the body is complete, before `finalize`.
pub fn declare_stack_addresses(b: &mut FunctionBuilder, params: &[Value]) {
    let set = stack_addresses(b.func, params);
    let mut vals: Vec<Value> = set.into_iter().collect();
    vals.sort();
    for v in vals {
        b.declare_value_needs_stack_map(v);
    }
}
