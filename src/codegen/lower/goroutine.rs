//! Lowering of the goroutine stage: channel operations, `select`, `go`, `Gosched` and
//! `NumGoroutine`, all host calls of the runtime's goroutine functions
//! (`morestack_runtime::host`, "Goroutines" in the runtime's crate docs).
//!
//! - A channel is an `i64` handle (0: nil) held like an `int`: never a stack address, so
//!   never relocated. `==`/`!=` compare handles.
//! - `make`, send, receive, `close`, `Gosched` and `NumGoroutine` go through the ordinary
//!   host-call thunk; a receive gets `(v, ok)` back in the two SysV return registers.
//!   Receives and `NumGoroutine` are hoisted with the calls of their statement (gc's
//!   `order`), as they may switch goroutines or see what calls did.
//! - `select` stores its cases (`host::SelectCase`: kind, channel, value; 24 bytes each)
//!   in a temporary of the frame and calls `host::select` through the in-place thunk
//!   (which never moves the stack before the call); the result `(2 * i + ok, v)` selects
//!   the case body (a `cranelift_frontend::Switch` on `i`; -1 is `default`) after the
//!   case's targets get `v` and `ok`. `break` in a case leaves the select.
//! - `go f(args)` evaluates the arguments into a temporary laid out as
//!   [`crate::codegen::trampoline::go_args`] says and calls `host::go_spawn(entry, block,
//!   words)` through the in-place thunk; `entry` is `f`'s goroutine entry trampoline
//!   ([`crate::codegen::trampoline::go_trampoline`]), named in namespace
//!   [`crate::codegen::trampoline::GO_ENTRY_NAMESPACE`] until the JIT links it.

use super::{mf, Lower, I64};
use crate::check::hir::*;
use crate::codegen::trampoline::{go_args, GO_ENTRY_NAMESPACE};
use crate::codegen::CodegenError;
use cranelift_codegen::ir::{
    AbiParam, Block, ExtFuncData, ExternalName, InstBuilder, Signature, TrapCode, UserExternalName,
    Value,
};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::Switch;
use morestack_runtime::host::{SELECT_RECV, SELECT_SEND};

/// Bytes of one `host::SelectCase`.
const SELECT_CASE: u64 = 24;

impl<'a, 'b> Lower<'a, 'b> {
    /// Calls host function `f` with `args` through `thunk` (the ordinary or the in-place
    /// one), in a block of its own (as [`Lower::host_call`]); returns its `nret` results.
    fn go_host_call(&mut self, thunk: i64, f: i64, args: &[Value], nret: usize) -> Vec<Value> {
        let mut sig = Signature::new(CallConv::SystemV);
        for _ in 0..=args.len() {
            sig.params.push(AbiParam::new(I64));
        }
        for _ in 0..nret {
            sig.returns.push(AbiParam::new(I64));
        }
        let sig = self.b.import_signature(sig);
        let blk = self.b.create_block();
        self.b.ins().jump(blk, &[]);
        self.b.switch_to_block(blk);
        let t = self.host_addr(thunk);
        let fv = self.host_addr(f);
        let mut argv = vec![fv];
        argv.extend_from_slice(args);
        let call = self.b.ins().call_indirect(sig, t, &argv);
        self.b.inst_results(call).to_vec()
    }

    fn chan_call(&mut self, f: i64, args: &[Value], nret: usize) -> Vec<Value> {
        self.go_host_call(self.host.thunk, f, args, nret)
    }

    /// `make(chan T, cap)`.
    pub(super) fn make_chan(&mut self, cap: Option<&Expr>) -> Result<Value, CodegenError> {
        let c = match cap {
            Some(c) => self.eval(c)?,
            None => self.b.ins().iconst(I64, 0),
        };
        Ok(self.chan_call(self.host.go.chan_make, &[c], 1)[0])
    }

    /// `<-ch`: (value, ok).
    pub(super) fn recv(&mut self, ch: &Expr) -> Result<(Value, Value), CodegenError> {
        let c = self.eval(ch)?;
        let r = self.chan_call(self.host.go.chan_recv, &[c], 2);
        Ok((r[0], r[1]))
    }

    /// `runtime.NumGoroutine()`.
    pub(super) fn num_goroutine(&mut self) -> Value {
        self.chan_call(self.host.go.num_goroutine, &[], 1)[0]
    }

    /// The goroutine statements.
    pub(super) fn go_stmt(&mut self, s: &'a Stmt) -> Result<(), CodegenError> {
        match s {
            Stmt::Send { chan, value } => {
                self.hoist(chan)?;
                self.hoist(value)?;
                let c = self.eval(chan)?;
                let v = self.eval(value)?;
                self.chan_call(self.host.go.chan_send, &[c, v], 1);
            }
            Stmt::RecvOk { value, ok, chan } => {
                self.hoist_all(value.iter().chain(ok))?;
                self.hoist(chan)?;
                let pv = match value {
                    Some(l) => Some(self.pending_place(l)?),
                    None => None,
                };
                let po = match ok {
                    Some(l) => Some(self.pending_place(l)?),
                    None => None,
                };
                let (v, k) = self.recv(chan)?;
                if let (Some(p), Some(l)) = (pv, value) {
                    let p = self.finish_place(p, &[]);
                    self.store_val(p, v, &l.ty);
                }
                if let (Some(p), Some(l)) = (po, ok) {
                    // Stored after the value, which may be a local it mentions.
                    let stored: Vec<LocalId> = match value.as_ref().map(|e| &e.kind) {
                        Some(ExprKind::Local(id)) => vec![*id],
                        _ => Vec::new(),
                    };
                    let p = self.finish_place(p, &stored);
                    self.store_val(p, k, &l.ty);
                }
            }
            Stmt::Close(e) => {
                self.hoist(e)?;
                let c = self.eval(e)?;
                self.chan_call(self.host.go.chan_close, &[c], 1);
            }
            Stmt::Gosched(_) => {
                self.chan_call(self.host.go.gosched, &[], 1);
            }
            Stmt::Go { func, args, pos } => self.go(*func, args, *pos)?,
            Stmt::Select {
                cases,
                default,
                pos,
            } => self.select(cases, default.as_deref(), *pos)?,
            _ => {
                return Err(CodegenError::new(
                    self.func.pos,
                    "internal error: not a goroutine statement",
                ))
            }
        }
        Ok(())
    }

    /// `go f(args)`.
    fn go(&mut self, f: FuncId, args: &[Expr], pos: Pos) -> Result<(), CodegenError> {
        self.hoist_all(args)?;
        let ga = go_args(self.prog, self.layout, f);
        let blk = self.temp(ga.size, pos)?;
        for (a, &off) in args.iter().zip(&ga.offsets) {
            let v = self.eval(a)?;
            let dst = self.b.ins().iadd_imm_s(blk, off as i64);
            if a.ty.is_array() {
                self.copy_block(dst, v, &a.ty);
            } else {
                // A whole word (a `bool` too): the trampoline loads words.
                self.b.ins().store(mf(), v, dst, 0);
            }
        }
        let mut esig = Signature::new(CallConv::SystemV);
        for _ in 0..3 {
            esig.params.push(AbiParam::new(I64));
        }
        let sigref = self.b.func.import_signature(esig);
        let name = self
            .b
            .func
            .declare_imported_user_function(UserExternalName::new(GO_ENTRY_NAMESPACE, f.0));
        let fr = self.b.func.import_function(ExtFuncData {
            name: ExternalName::user(name),
            signature: sigref,
            // An absolute address: the JIT places functions anywhere.
            colocated: false,
            patchable: false,
        });
        let entry = self.b.ins().func_addr(I64, fr);
        let n = self.b.ins().iconst(I64, (ga.size / 8) as i64);
        self.go_host_call(
            self.host.go.thunk_in_place,
            self.host.go.go_spawn,
            &[entry, blk, n],
            1,
        );
        Ok(())
    }

    /// `select`.
    fn select(
        &mut self,
        cases: &'a [SelectCase],
        default: Option<&'a [Stmt]>,
        pos: Pos,
    ) -> Result<(), CodegenError> {
        let end = self.b.create_block();
        let mark = self.known.len();
        self.targets.push((end, None));
        if cases.is_empty() {
            match default {
                // Only a default: it runs.
                Some(d) => self.stmts(d)?,
                None => {
                    // `select {}`: blocks for ever (the run ends without it).
                    let z = self.b.ins().iconst(I64, 0);
                    self.go_host_call(
                        self.host.go.thunk_in_place,
                        self.host.go.select,
                        &[z, z, z],
                        2,
                    );
                    self.b.ins().trap(TrapCode::unwrap_user(1));
                    self.dead_block();
                }
            }
            self.known.truncate(mark);
            self.targets.pop();
            if !self.filled() {
                self.b.ins().jump(end, &[]);
            }
            self.b.switch_to_block(end);
            return Ok(());
        }
        let n = cases.len() as u64;
        let blk = self.temp(SELECT_CASE * n, pos)?;
        for (i, c) in cases.iter().enumerate() {
            let base = (SELECT_CASE * i as u64) as i32;
            let (kind, ch, v) = match &c.comm {
                Comm::Send { chan, value } => (SELECT_SEND, chan, Some(value)),
                Comm::Recv { chan, .. } => (SELECT_RECV, chan, None),
            };
            let k = self.b.ins().iconst(I64, kind);
            self.b.ins().store(mf(), k, blk, base);
            let cv = self.eval(ch)?;
            self.b.ins().store(mf(), cv, blk, base + 8);
            let vv = match v {
                Some(v) => self.eval(v)?,
                None => self.b.ins().iconst(I64, 0),
            };
            self.b.ins().store(mf(), vv, blk, base + 16);
        }
        let nv = self.b.ins().iconst(I64, n as i64);
        let d = self.b.ins().iconst(I64, default.is_some() as i64);
        let r = self.go_host_call(
            self.host.go.thunk_in_place,
            self.host.go.select,
            &[blk, nv, d],
            2,
        );
        let idx = self.b.ins().sshr_imm_s(r[0], 1);
        let ok = self.b.ins().band_imm_s(r[0], 1);
        let val = r[1];
        let bodies: Vec<Block> = cases.iter().map(|_| self.b.create_block()).collect();
        let other = self.b.create_block();
        let mut sw = Switch::new();
        for (i, &bb) in bodies.iter().enumerate() {
            sw.set_entry(i as u128, bb);
        }
        sw.emit(&mut self.b, idx, other);
        self.b.switch_to_block(other);
        match default {
            Some(d) => self.stmts(d)?,
            // Unreachable: the runtime returns a case.
            None => {
                self.b.ins().trap(TrapCode::unwrap_user(1));
                self.dead_block();
            }
        }
        self.known.truncate(mark);
        if !self.filled() {
            self.b.ins().jump(end, &[]);
        }
        for (c, &bb) in cases.iter().zip(&bodies) {
            self.b.switch_to_block(bb);
            if let Comm::Recv { value, ok: okt, .. } = &c.comm {
                if let Some(l) = value {
                    let p = self.place(l)?;
                    self.store_val(p, val, &l.ty);
                }
                if let Some(l) = okt {
                    let p = self.place(l)?;
                    self.store_val(p, ok, &l.ty);
                }
            }
            self.stmts(&c.body)?;
            self.known.truncate(mark);
            if !self.filled() {
                self.b.ins().jump(end, &[]);
            }
        }
        self.targets.pop();
        self.b.switch_to_block(end);
        Ok(())
    }
}
