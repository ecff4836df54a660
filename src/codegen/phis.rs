//! Removal of redundant block parameters (phis) from a lowered function, before Cranelift
//! sees it.
//!
//! The lowering builds SSA with cranelift-frontend and seals every block at the end
//! ([`cranelift_frontend::FunctionBuilder::seal_all_blocks`]). Sealing removes a block
//! parameter whose incoming values are all one value or the parameter itself, but not
//! one that only becomes so when a parameter it depends on is removed later: a variable
//! that two nested loops leave unchanged keeps a parameter in each loop header and each
//! loop exit, all passing the same value around (`j` through the inner loops of a
//! quicksort partition). Cranelift's own `remove_constant_phis` only removes a parameter
//! whose incoming values reduce to one value defined outside every parameter; it keeps
//! `p(x, p)` when `x` is itself a parameter that varies. Each kept parameter is a value the
//! register allocator must carry through the loop, and on the back edges of rotated loops
//! it cost moves (`mov rdx, r10 ... mov r10, rdx; jmp`) in the hottest loops.
//!
//! This pass is Braun et al.'s removal of redundant phi SCCs ("Simple and Efficient
//! Construction of Static Single Assignment Form", CC 2013, algorithm 5): in the graph of
//! parameters (an edge from a parameter to each parameter passed to it), a strongly
//! connected set of parameters whose incoming values from outside the set are all one
//! value `v` is `v` everywhere; a set with several outside values may still contain such a
//! set among its members that only take values from inside it, found recursively. The
//! components are visited operands first (Tarjan's order), so a replacement is known
//! before anything that depends on it. Linear in the size of the function but for the
//! recursion into components that keep several outside values.

use cranelift_codegen::flowgraph::ControlFlowGraph;
use cranelift_codegen::ir::{Block, BlockArg, Function, Inst, Value};
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

/// An incoming value of a parameter: a value, or something that is not one (an exception
/// payload), which is never redundant.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Incoming {
    Value(Value),
    Opaque,
}

/// The parameter graph of a function.
struct Graph {
    /// Every parameter of every block but the entry: (block, index, value).
    params: Vec<(Block, usize, Value)>,
    /// Node of a parameter value.
    node: HashMap<Value, usize>,
    /// Incoming values per node (aliases resolved).
    incoming: Vec<Vec<Incoming>>,
}

impl Graph {
    fn new(func: &Function, cfg: &ControlFlowGraph) -> Graph {
        let entry = func.layout.entry_block();
        let mut params = Vec::new();
        let mut node = HashMap::new();
        for b in func.layout.blocks() {
            if Some(b) == entry {
                continue;
            }
            for (k, &p) in func.dfg.block_params(b).iter().enumerate() {
                node.insert(p, params.len());
                params.push((b, k, p));
            }
        }
        // Values passed from unreachable code (which continues after a `return` and jumps
        // on with zeros for its variables) never arrive: they do not count.
        let mut reachable = HashSet::new();
        let mut work: Vec<Block> = entry.into_iter().collect();
        while let Some(b) = work.pop() {
            if reachable.insert(b) {
                work.extend(cfg.succ_iter(b));
            }
        }
        let mut incoming = vec![Vec::new(); params.len()];
        let mut first = 0;
        while first < params.len() {
            let b = params[first].0;
            let n = func.dfg.block_params(b).len();
            for inst in pred_insts(cfg, b) {
                if !func
                    .layout
                    .inst_block(inst)
                    .is_some_and(|p| reachable.contains(&p))
                {
                    continue;
                }
                for call in branch_calls(func, inst) {
                    if call.block(&func.dfg.value_lists) != b {
                        continue;
                    }
                    for (k, a) in call.args(&func.dfg.value_lists).enumerate() {
                        incoming[first + k].push(match a {
                            BlockArg::Value(v) => Incoming::Value(func.dfg.resolve_aliases(v)),
                            _ => Incoming::Opaque,
                        });
                    }
                }
            }
            first += n;
        }
        Graph {
            params,
            node,
            incoming,
        }
    }

    /// The node of incoming value `x`, if it is a parameter.
    fn node_of(&self, x: Incoming) -> Option<usize> {
        match x {
            Incoming::Value(v) => self.node.get(&v).copied(),
            Incoming::Opaque => None,
        }
    }
}

/// The distinct branch instructions that reach `b`.
fn pred_insts(cfg: &ControlFlowGraph, b: Block) -> Vec<Inst> {
    let mut v: Vec<Inst> = cfg.pred_iter(b).map(|p| p.inst).collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn branch_calls(func: &Function, inst: Inst) -> &[cranelift_codegen::ir::BlockCall] {
    func.dfg.insts[inst].branch_destination(&func.dfg.jump_tables, &func.dfg.exception_tables)
}

/// Tarjan's strongly connected components of the nodes in `set` (edges to incoming
/// parameters in `set`), operands first. Iterative: a long chain of parameters must not
/// exhaust the compiler's stack.
fn sccs(g: &Graph, set: &[usize]) -> Vec<Vec<usize>> {
    let inset: HashSet<usize> = set.iter().copied().collect();
    let mut index: HashMap<usize, usize> = HashMap::new();
    let mut low: HashMap<usize, usize> = HashMap::new();
    let mut on_stack: HashSet<usize> = HashSet::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    let mut next = 0;
    for &root in set {
        if index.contains_key(&root) {
            continue;
        }
        // (node, next incoming to look at)
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        index.insert(root, next);
        low.insert(root, next);
        next += 1;
        stack.push(root);
        on_stack.insert(root);
        while let Some(&mut (n, ref mut i)) = work.last_mut() {
            if let Some(&x) = g.incoming[n].get(*i) {
                *i += 1;
                let Some(m) = g.node_of(x).filter(|m| inset.contains(m)) else {
                    continue;
                };
                if let Entry::Vacant(e) = index.entry(m) {
                    e.insert(next);
                    low.insert(m, next);
                    next += 1;
                    stack.push(m);
                    on_stack.insert(m);
                    work.push((m, 0));
                } else if on_stack.contains(&m) {
                    let lm = index[&m];
                    let ln = low.get_mut(&n).expect("visited");
                    *ln = (*ln).min(lm);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                let ln = low[&n];
                let lp = low.get_mut(&parent).expect("visited");
                *lp = (*lp).min(ln);
            }
            if low[&n] == index[&n] {
                let mut comp = Vec::new();
                loop {
                    let m = stack.pop().expect("on the stack");
                    on_stack.remove(&m);
                    comp.push(m);
                    if m == n {
                        break;
                    }
                }
                out.push(comp);
            }
        }
    }
    out
}

/// Decides the replacements of the nodes in `set` (Braun et al.'s `removeRedundantPhis`).
fn solve(g: &Graph, set: &[usize], repl: &mut HashMap<usize, Value>) {
    for comp in sccs(g, set) {
        let members: HashSet<usize> = comp.iter().copied().collect();
        let mut outer: HashSet<Incoming> = HashSet::new();
        let mut inner = Vec::new();
        for &n in &comp {
            let mut is_inner = true;
            for &x in &g.incoming[n] {
                // An incoming parameter already replaced stands for its replacement.
                let x = match g.node_of(x) {
                    Some(m) if members.contains(&m) => continue,
                    Some(m) => repl.get(&m).map_or(x, |&v| Incoming::Value(v)),
                    None => x,
                };
                outer.insert(x);
                is_inner = false;
            }
            if is_inner {
                inner.push(n);
            }
        }
        match outer.len() {
            1 => {
                if let Some(Incoming::Value(v)) = outer.into_iter().next() {
                    for &n in &comp {
                        repl.insert(n, v);
                    }
                }
            }
            0 => {}
            _ if !inner.is_empty() && inner.len() < comp.len() => solve(g, &inner, repl),
            _ => {}
        }
    }
}

/// Removes every redundant block parameter of `func` (see the module docs); returns how
/// many. Uses of a removed parameter become uses of the value it always had (in
/// unreachable code too, where that value need not dominate them: Cranelift's verifier
/// checks only reachable code, and its optimizer removes the rest first).
pub fn remove_redundant_params(func: &mut Function) -> usize {
    let cfg = ControlFlowGraph::with_function(func);
    let g = Graph::new(func, &cfg);
    let all: Vec<usize> = (0..g.params.len()).collect();
    let mut repl = HashMap::new();
    solve(&g, &all, &mut repl);
    if repl.is_empty() {
        return 0;
    }
    // Highest index first in each block, so that lower indices stay valid.
    let mut gone: Vec<usize> = repl.keys().copied().collect();
    gone.sort_unstable_by(|a, b| {
        let (ba, ka, _) = g.params[*a];
        let (bb, kb, _) = g.params[*b];
        ba.cmp(&bb).then(kb.cmp(&ka))
    });
    for &n in &gone {
        let (b, k, p) = g.params[n];
        for inst in pred_insts(&cfg, b) {
            let dfg = &mut func.dfg;
            for call in dfg.insts[inst]
                .branch_destination_mut(&mut dfg.jump_tables, &mut dfg.exception_tables)
            {
                if call.block(&dfg.value_lists) == b {
                    call.remove(k, &mut dfg.value_lists);
                }
            }
        }
        func.dfg.remove_block_param(p);
    }
    for &n in &gone {
        let p = g.params[n].2;
        func.dfg.change_to_alias(p, repl[&n]);
    }
    gone.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use cranelift_codegen::ir::{condcodes::IntCC, types::I64, AbiParam, InstBuilder, Signature};
    use cranelift_codegen::isa::CallConv;
    use cranelift_codegen::settings;
    use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Variable};

    /// Two nested loops that never change `x` (the entry's first parameter) and count
    /// `i` and `k`, built as the lowering builds functions (every block sealed at the
    /// end); with `dead`, unreachable code after a return in the inner loop jumps back
    /// with a zero for every variable, as code after a `return` does.
    ///
    /// ```text
    /// i := 0; s := 0
    /// for i < 10 { k := 0; for k < 5 { s += x; k++; if dead { return s; <dead> } }; i++ }
    /// return s + x + i
    /// ```
    fn nested(dead: bool) -> Function {
        let mut sig = Signature::new(CallConv::SystemV);
        sig.params.push(AbiParam::new(I64));
        sig.returns.push(AbiParam::new(I64));
        let mut func = Function::with_name_signature(Default::default(), sig);
        let mut fctx = FunctionBuilderContext::new();
        let mut b = FunctionBuilder::new(&mut func, &mut fctx);
        let [x, i, k, s]: [Variable; 4] = std::array::from_fn(|_| b.declare_var(I64));
        let entry = b.create_block();
        let [h1, b1, h2, b2, e2, exit] = std::array::from_fn(|_| b.create_block());
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let p = b.block_params(entry)[0];
        b.def_var(x, p);
        let z = b.ins().iconst(I64, 0);
        b.def_var(i, z);
        b.def_var(s, z);
        b.ins().jump(h1, &[]);
        b.switch_to_block(h1);
        let iv = b.use_var(i);
        let c = b.ins().icmp_imm_s(IntCC::SignedLessThan, iv, 10);
        b.ins().brif(c, b1, &[], exit, &[]);
        b.switch_to_block(b1);
        let z = b.ins().iconst(I64, 0);
        b.def_var(k, z);
        b.ins().jump(h2, &[]);
        b.switch_to_block(h2);
        let kv = b.use_var(k);
        let c = b.ins().icmp_imm_s(IntCC::SignedLessThan, kv, 5);
        b.ins().brif(c, b2, &[], e2, &[]);
        b.switch_to_block(b2);
        let (sv, xv, kv) = (b.use_var(s), b.use_var(x), b.use_var(k));
        let sum = b.ins().iadd(sv, xv);
        b.def_var(s, sum);
        let k1 = b.ins().iadd_imm_s(kv, 1);
        b.def_var(k, k1);
        if dead {
            let (ret, more) = (b.create_block(), b.create_block());
            b.ins().brif(k1, more, &[], ret, &[]);
            b.switch_to_block(ret);
            let sv = b.use_var(s);
            b.ins().return_(&[sv]);
            let dead_b = b.create_block();
            b.switch_to_block(dead_b);
            b.ins().jump(h2, &[]);
            b.switch_to_block(more);
        }
        b.ins().jump(h2, &[]);
        b.switch_to_block(e2);
        let iv = b.use_var(i);
        let i1 = b.ins().iadd_imm_s(iv, 1);
        b.def_var(i, i1);
        b.ins().jump(h1, &[]);
        b.switch_to_block(exit);
        let (sv, xv, iv) = (b.use_var(s), b.use_var(x), b.use_var(i));
        let t = b.ins().iadd(sv, xv);
        let t = b.ins().iadd(t, iv);
        b.ins().return_(&[t]);
        b.seal_all_blocks();
        b.finalize(cranelift_codegen::isa::TargetFrontendConfig {
            default_call_conv: CallConv::SystemV,
            pointer_width: target_lexicon::PointerWidth::U64,
            page_size_align_log2: 12,
        });
        func
    }

    fn params(func: &Function) -> usize {
        func.layout
            .blocks()
            .skip(1)
            .map(|b| func.dfg.block_params(b).len())
            .sum()
    }

    fn verify(func: &Function) {
        let flags = settings::Flags::new(settings::builder());
        cranelift_codegen::verify_function(func, &flags)
            .unwrap_or_else(|e| panic!("{e}\n{}", func.display()));
    }

    #[test]
    fn a_value_two_nested_loops_leave_alone_loses_its_parameters() {
        for dead in [false, true] {
            let mut f = nested(dead);
            verify(&f);
            // Sealing at the end leaves x in the outer loop's blocks at least.
            let before = params(&f);
            let removed = remove_redundant_params(&mut f);
            verify(&f);
            assert_eq!(params(&f), before - removed);
            assert!(removed > 0, "{}", f.display());
            // What varies keeps its parameter: i in h1, s and k in h2, s in h1 (the
            // outer header), nothing for x.
            assert_eq!(params(&f), 4, "dead: {dead}\n{}", f.display());
            // Every use of x is the entry's parameter.
            let p = f.dfg.block_params(f.layout.entry_block().unwrap())[0];
            let uses = f
                .layout
                .blocks()
                .flat_map(|b| f.layout.block_insts(b))
                .filter(|&inst| {
                    f.dfg
                        .inst_values(inst)
                        .any(|v| f.dfg.resolve_aliases(v) == p)
                })
                .count();
            assert_eq!(uses, 2, "{}", f.display());
            // A second run finds nothing.
            assert_eq!(remove_redundant_params(&mut f), 0);
        }
    }
}
