//! Lowering of calls: calls of generated functions ([`Lower::emit_call`]: arguments,
//! array copies, the result area, the parameter block), the inlining of small leaves
//! ([`Lower::inline_call`]), and host calls through the thunk (prints, panics, heap
//! locals), each in a block of its own.

use super::{analysis, is_fresh, mf, Lower, Store, I64};
use crate::check::hir::*;
use crate::codegen::{type_size, CodegenError, ParamLoc};
use analysis::Facts;
use cranelift_codegen::ir::{AbiParam, Block, InstBuilder, Signature, TrapCode, Value};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::Variable;
use std::collections::BTreeMap;

/// The per-function part of [`Lower`]'s state, set aside while an inlined callee's body
/// is lowered in its place.
struct Callee<'a> {
    func: &'a Func,
    fid: FuncId,
    locals: Vec<Store>,
    scalars: Vec<BTreeMap<u64, Variable>>,
    facts: Facts,
    targets: Vec<(Block, Option<Block>)>,
    ranges: Vec<(LocalId, i64, i64)>,
    result_area: Option<Value>,
    inline_ret: Option<Block>,
    deferred: Vec<Option<&'a Expr>>,
}

impl<'a, 'b> Lower<'a, 'b> {
    pub(super) fn host_call(&mut self, f: i64, a: Value, bv: Value, c: Value) -> Value {
        let sig = match self.host_sig {
            Some(s) => s,
            None => {
                let mut sig = Signature::new(CallConv::SystemV);
                for _ in 0..4 {
                    sig.params.push(AbiParam::new(I64));
                }
                sig.returns.push(AbiParam::new(I64));
                let s = self.b.import_signature(sig);
                self.host_sig = Some(s);
                s
            }
        };
        // Every host call starts a block of its own: the optimizer rematerializes
        // constants (the thunk's and the host function's addresses, zeros) in each block
        // that uses them, so they are not kept alive across the calls of a long run of
        // prints (where every register is caller-saved).
        let blk = self.b.create_block();
        self.b.ins().jump(blk, &[]);
        self.b.switch_to_block(blk);
        let thunk = self.host_addr(self.host.thunk);
        let fv = self.host_addr(f);
        let call = self.b.ins().call_indirect(sig, thunk, &[fv, a, bv, c]);
        self.b.inst_results(call)[0]
    }

    /// Calls `f`; returns register results, or the result area's address. The result
    /// area is `into` when given (memory nothing else reads or writes until the call
    /// returns), else a fresh temporary.
    pub(super) fn emit_call(
        &mut self,
        f: FuncId,
        args: &[Expr],
        pos: Pos,
        into: Option<Value>,
    ) -> Result<(Vec<Value>, Option<Value>), CodegenError> {
        let abi = self.layout.abi(f);
        let ret_in_regs = abi.ret_in_regs;
        let area_size = abi.result_area_size;
        if self.layout.inline[f.0 as usize] && into.is_none() {
            let mut argv = Vec::with_capacity(args.len());
            for a in args {
                argv.push(self.eval(a)?);
            }
            return Ok((self.inline_call(f, &argv)?, None));
        }
        let mut argv = Vec::with_capacity(args.len() + 1);
        let area = if ret_in_regs {
            None
        } else {
            let a = match into {
                Some(a) => a,
                None => self.temp(area_size, pos)?,
            };
            argv.push(a);
            Some(a)
        };
        // The parameter block (many parameters): each argument goes there as soon as it
        // is evaluated, so that the call does not keep them all live.
        let block = match abi.block {
            Some(_) => {
                let t = self.temp(abi.block_size(), pos)?;
                argv.push(t);
                Some(t)
            }
            None => None,
        };
        let locs = &self.layout.abi(f).params;
        for (a, loc) in args.iter().zip(locs) {
            let v = self.eval(a)?;
            if let (ParamLoc::Block(off), Some(t)) = (loc, block) {
                self.b.ins().store(mf(), v, t, *off as i32);
            } else if a.ty.is_array() && !is_fresh(a) {
                let t = self.temp(type_size(&a.ty), a.pos)?;
                self.copy_block(t, v, &a.ty);
                argv.push(t);
            } else {
                argv.push(v);
            }
        }
        let fr = self.func_ref(f);
        let call = self.b.ins().call(fr, &argv);
        Ok((self.b.inst_results(call).to_vec(), area))
    }

    /// Lowers the body of small leaf `f` ([`analysis::inlinable`]) here, its parameters
    /// bound to `argv`; returns its results. Its `return`s jump to a join block. Its
    /// locals are fresh variables (it has no arrays and takes no addresses), so it needs
    /// no frame of its own (and no stack check).
    fn inline_call(&mut self, f: FuncId, argv: &[Value]) -> Result<Vec<Value>, CodegenError> {
        let callee = &self.prog.funcs[f.0 as usize];
        let join = self.b.create_block();
        let rets: Vec<Value> = callee
            .results
            .iter()
            .map(|_| self.b.append_block_param(join, I64))
            .collect();
        let mut locals = Vec::with_capacity(callee.locals.len());
        for i in 0..callee.locals.len() {
            let v = self.b.declare_var(I64);
            if let Some(&a) = argv.get(i).filter(|_| i < callee.params) {
                self.b.def_var(v, a);
            }
            locals.push(Store::Var(v));
        }
        let written = &self.layout.globals_written[f.0 as usize];
        let facts = analysis::scan(callee, &|g| !written[g.0 as usize]);
        let saved = Callee {
            func: std::mem::replace(&mut self.func, callee),
            fid: std::mem::replace(&mut self.fid, f),
            scalars: std::mem::replace(&mut self.scalars, vec![BTreeMap::new(); locals.len()]),
            locals: std::mem::replace(&mut self.locals, locals),
            facts: std::mem::replace(&mut self.facts, facts),
            targets: std::mem::take(&mut self.targets),
            ranges: std::mem::take(&mut self.ranges),
            result_area: self.result_area.take(),
            inline_ret: self.inline_ret.replace(join),
            deferred: std::mem::replace(&mut self.deferred, vec![None; callee.locals.len()]),
        };
        let nil_mark = self.known.len();
        let mut body = || -> Result<(), CodegenError> {
            for r in callee.result_ids() {
                self.zero_local(r)?;
            }
            self.stmts(&callee.body)?;
            if !self.filled() {
                if callee.results.is_empty() {
                    self.b.ins().jump(join, &[]);
                } else {
                    // Unreachable: the body ends in a terminating statement.
                    self.b.ins().trap(TrapCode::unwrap_user(1));
                }
            }
            Ok(())
        };
        let r = body();
        self.known.truncate(nil_mark);
        self.func = saved.func;
        self.fid = saved.fid;
        self.locals = saved.locals;
        self.scalars = saved.scalars;
        self.facts = saved.facts;
        self.targets = saved.targets;
        self.ranges = saved.ranges;
        self.result_area = saved.result_area;
        self.inline_ret = saved.inline_ret;
        self.deferred = saved.deferred;
        r?;
        self.b.switch_to_block(join);
        Ok(rets)
    }

    /// The value of a single-result call (or 0 for none).
    pub(super) fn call_value(
        &mut self,
        f: FuncId,
        args: &[Expr],
        pos: Pos,
    ) -> Result<Value, CodegenError> {
        let (regs, area) = self.emit_call(f, args, pos, None)?;
        let results = &self.prog.funcs[f.0 as usize].results;
        Ok(match (area, results.first()) {
            (_, None) => self.b.ins().iconst(I64, 0),
            (None, Some(_)) => regs[0],
            (Some(a), Some(t)) => self.load_result(a, t),
        })
    }

    pub(super) fn print_bytes(&mut self, s: &[u8]) {
        let a = self.string_addr(s);
        let n = self.b.ins().iconst(I64, s.len() as i64);
        let z = self.b.ins().iconst(I64, 0);
        self.host_call(self.host.print_str, a, n, z);
    }
}
