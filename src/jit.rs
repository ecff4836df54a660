//! The JIT: compiles a checked program into executable memory with Cranelift's
//! `JITModule` and keeps it alive as long as the compiled program.
//!
//! Functions are declared in order, so `FuncId(i)` of the module is function `i` of the
//! checked program (namespace 0 names in the IR); the entry trampolines follow. The
//! globals are one zero-initialized writable region (`DataId` 0, an imported symbol): an
//! anonymous mapping of our own ([`ZeroMap`]), so that pages no run touches cost no memory
//! (a `[1 << 27]int` global reserves 1 GiB of address space, not of RAM).

use crate::check::hir::{FuncId, Pos, Program};
use crate::codegen::machine::{self, Role};
use crate::codegen::{self, trampoline, CodegenError, HostAddrs, Options, Strings};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{Linkage, Module};
use morestack_runtime::{EntryFn, ZeroMap};
use std::collections::HashMap;

/// An entry point callable from Rust.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// The trampoline (runs `init`, then the function).
    pub entry: EntryFn,
    /// Number of `int`/`bool` parameters.
    pub params: usize,
    /// Number of `int`/`bool` results.
    pub results: usize,
}

/// A compiled program in executable memory.
pub struct JitProgram {
    module: Option<JITModule>,
    /// Entry points by function name (every function whose parameters and results are
    /// all `int`/`bool`, `main` included).
    pub entries: HashMap<String, Entry>,
    /// Address and size of the globals region.
    pub globals: (*mut u8, usize),
    globals_map: ZeroMap,
    /// Bytes of machine code generated.
    pub code_size: usize,
    /// Return addresses of the call sites registered with the runtime's stack-map
    /// registry (unregistered on drop).
    pub stack_map_sites: Vec<usize>,
    /// Addresses of the functions registered with the runtime's registry of pointer
    /// parameters (more than 64 parameters; unregistered on drop).
    pub wide_funcs: Vec<usize>,
    /// The stack reserve the program needs (see [`machine`]).
    pub reserve: u32,
    /// The function with the largest pre-check depth, and that depth.
    pub deepest: Option<(String, u32)>,
    /// Every compiled function's frame (program functions, then bodies).
    pub frames: Vec<FrameInfo>,
    _strings: Strings,
}

/// The frame of one compiled function.
#[derive(Clone, Debug)]
pub struct FrameInfo {
    /// Its name (`NAME$body` for the body behind a checking entry).
    pub name: String,
    /// What it is.
    pub role: Role,
    /// Its frame's size in bytes below the caller's SP (frame record included).
    pub frame: u32,
}

// SAFETY: after finalization the module is never mutated; code and string memory are
// immutable and the globals are only touched by runs, which the owner serializes.
unsafe impl Send for JitProgram {}
unsafe impl Sync for JitProgram {}

impl Drop for JitProgram {
    fn drop(&mut self) {
        morestack_runtime::unregister_stack_maps(&self.stack_map_sites);
        morestack_runtime::unregister_pointer_params(&self.wide_funcs);
        if let Some(m) = self.module.take() {
            // SAFETY: no code of this module runs any more (we own it, nobody else
            // holds its function pointers past our lifetime).
            unsafe { m.free_memory() };
        }
    }
}

/// The name the globals region is imported under.
const GLOBALS_SYMBOL: &str = "morestack$globals";

fn internal(msg: impl std::fmt::Display) -> CodegenError {
    CodegenError::new(
        Default::default(),
        format!("internal code generation error: {msg}"),
    )
}

/// Compiles `prog` for the host, calling the runtime's host functions.
pub fn compile(prog: &Program, opts: &Options) -> Result<JitProgram, CodegenError> {
    compile_with_host(prog, opts, &HostAddrs::runtime())
}

/// Every function of a compiled program, ready to be defined in a `cranelift_module`
/// module in the order of their module indices: the program's functions (or their
/// checking entries) `0..n`, the bodies behind checking entries, the entry trampolines,
/// then the goroutine trampolines.
pub(crate) struct Built {
    /// The program's functions and bodies.
    pub mp: machine::MachProgram,
    /// The entry trampolines: (function name, code, function).
    pub tramps: Vec<(String, machine::MachFunc, FuncId)>,
    /// The goroutine entry trampolines (`go` statements' relocations point at them).
    pub go_tramps: Vec<machine::MachFunc>,
}

impl Built {
    /// Every function in module-index order.
    pub fn all(&self) -> impl Iterator<Item = &machine::MachFunc> {
        self.mp
            .funcs
            .iter()
            .chain(self.tramps.iter().map(|(_, m, _)| m))
            .chain(&self.go_tramps)
    }
}

/// Compiles every function of `prog` and its trampolines with `isa` (shared by the JIT
/// and [`crate::aot`]).
pub(crate) fn build(
    prog: &Program,
    opts: &Options,
    host: &HostAddrs,
    isa: &dyn cranelift_codegen::isa::TargetIsa,
    strings: &mut Strings,
) -> Result<Built, CodegenError> {
    let n = prog.funcs.len();
    let mut mp = machine::compile_program(
        prog,
        opts,
        host,
        isa,
        n as u32,
        strings,
        machine::Disassemble::No,
    )?;
    let mut fctx = cranelift_frontend::FunctionBuilderContext::new();
    let mut tramps = Vec::new();
    for (i, f) in prog.funcs.iter().enumerate() {
        let fid = FuncId(i as u32);
        if fid == prog.init || !codegen::is_callable_from_rust(prog, fid) {
            continue;
        }
        let index = (mp.funcs.len() + tramps.len()) as u32;
        let tf =
            trampoline::entry_trampoline(prog, &mp.layout, fid, Some(prog.init), index, &mut fctx);
        let m = machine::compile_ir(
            isa,
            tf,
            index,
            format!("entry${}#{i}", f.name),
            machine::Role::Unchecked,
            f.pos,
            machine::Disassemble::No,
            machine::Reloc::No,
        )?;
        tramps.push((f.name.clone(), m, fid));
    }

    // The entry trampolines of the functions started with `go` (no `init`, results
    // discarded), and the references to them in the program's code pointed at them.
    let mut go_tramps = Vec::new();
    let mut go_index = HashMap::new();
    for (fid, f) in go_targets(prog) {
        let index = (mp.funcs.len() + tramps.len() + go_tramps.len()) as u32;
        let tf = trampoline::go_trampoline(prog, &mp.layout, fid, index, &mut fctx);
        let m = machine::compile_ir(
            isa,
            tf,
            index,
            format!("go${}#{}", f.name, fid.0),
            machine::Role::Unchecked,
            f.pos,
            machine::Disassemble::No,
            machine::Reloc::No,
        )?;
        go_index.insert(fid.0, index);
        go_tramps.push(m);
    }
    for m in &mut mp.funcs {
        for r in &mut m.relocs {
            if let cranelift_module::ModuleRelocTarget::User { namespace, index } = &mut r.name {
                if *namespace == trampoline::GO_ENTRY_NAMESPACE {
                    *index = *go_index
                        .get(index)
                        .ok_or_else(|| internal("a go statement without its trampoline"))?;
                    *namespace = 0;
                }
            }
        }
    }
    Ok(Built {
        mp,
        tramps,
        go_tramps,
    })
}

/// Every function starts on a 64-byte line (a cache line; the fetch block of the
/// x86-64 and AArch64 cores we run on), in the JIT and in an object file alike. Where a
/// loop falls within the lines is then a property of the function's code alone: with
/// each module's own placement, `sieve`'s inner loop (29 bytes) straddled two lines in
/// the built executable and not in the JIT, and the executable ran 22% slower.
pub const FUNCTION_ALIGN: u64 = 64;

/// Defines every function of `built` in `module` (declared in module-index order), each
/// aligned to [`FUNCTION_ALIGN`]; returns the bytes of machine code.
pub(crate) fn define_all(module: &mut impl Module, built: &Built) -> Result<usize, CodegenError> {
    let mut code_size = 0;
    for m in built.all() {
        code_size += m.code.len();
        module
            .define_function_bytes(
                cranelift_module::FuncId::from_u32(m.index),
                m.alignment.max(FUNCTION_ALIGN),
                &m.code,
                &m.relocs,
            )
            .map_err(|e| internal(format!("{e:?}")))?;
    }
    Ok(code_size)
}

/// The name a module function is declared under (unique: the index is in it).
pub(crate) fn symbol_name(m: &machine::MachFunc) -> String {
    format!("{}#{}", m.name, m.index)
}

/// Compiles `prog` for the host with the given host-call addresses.
pub fn compile_with_host(
    prog: &Program,
    opts: &Options,
    host: &HostAddrs,
) -> Result<JitProgram, CodegenError> {
    let isa = codegen::make_isa_for(None, opts).map_err(internal)?;
    let mut strings = Strings::default();
    let built = build(prog, opts, host, &*isa, &mut strings)?;
    let globals = ZeroMap::new(built.mp.layout.globals_size as usize).map_err(|e| {
        CodegenError::new(
            Pos::default(),
            format!(
                "cannot reserve {} bytes for the global variables: {e}",
                built.mp.layout.globals_size
            ),
        )
    })?;
    let mut builder = JITBuilder::with_isa(isa, cranelift_module::default_libcall_names());
    builder.symbol(GLOBALS_SYMBOL, globals.ptr() as *const u8);
    let mut module = JITModule::new(builder);

    let data = module
        .declare_data(GLOBALS_SYMBOL, Linkage::Import, true, false)
        .map_err(internal)?;
    assert_eq!(data.as_u32(), codegen::lower::DATA_GLOBALS);

    let mut ids = Vec::new();
    for m in built.all() {
        let id = module
            .declare_function(&symbol_name(m), Linkage::Local, &m.ir.signature)
            .map_err(internal)?;
        assert_eq!(id.as_u32(), m.index);
        ids.push(id);
    }
    let code_size = define_all(&mut module, &built)?;
    module.finalize_definitions().map_err(internal)?;
    let Built { mp, tramps, .. } = built;

    let mut entries = HashMap::new();
    for (name, m, fid) in &tramps {
        let ptr = module.get_finalized_function(cranelift_module::FuncId::from_u32(m.index));
        // SAFETY: the trampoline was generated with exactly the `EntryFn` signature.
        let entry: EntryFn = unsafe { std::mem::transmute::<*const u8, EntryFn>(ptr) };
        let func = &prog.funcs[fid.0 as usize];
        entries.entry(name.clone()).or_insert(Entry {
            entry,
            params: func.params,
            results: func.results.len(),
        });
    }
    // Register the stack maps by absolute return address.
    let mut sites: Vec<(usize, Vec<u32>)> = Vec::new();
    for m in &mp.funcs {
        let base = module.get_finalized_function(ids[m.index as usize]) as usize;
        for (ret, offs) in &m.stack_maps {
            sites.push((base + *ret as usize, offs.clone()));
        }
    }
    let stack_map_sites = sites.iter().map(|(a, _)| *a).collect();
    // SAFETY: the return addresses are those of the code just finalized (kept mapped with
    // this program and unregistered on drop); the offsets are Cranelift's user stack
    // maps of those call sites, which hold exactly the declared stack addresses.
    unsafe { morestack_runtime::register_stack_maps(sites) };
    // Functions with more than 64 parameters: their pointer parameters, by the address
    // their cold path names (program function i has module index i).
    let mut wide: Vec<(usize, Vec<u32>)> = Vec::new();
    for (i, abi) in mp.layout.funcs.iter().enumerate() {
        if abi.sig.params.len() > 64 {
            let addr = module.get_finalized_function(ids[i]) as usize;
            wide.push((addr, abi.ptr_params.clone()));
        }
    }
    let wide_funcs = wide.iter().map(|(a, _)| *a).collect();
    // SAFETY: these functions' cold paths pass PTRMASK_WIDE, and `ptr_params` lists their
    // parameters that are addresses (Layout); all of them are integer parameters, so
    // the index is the argument position.
    unsafe { morestack_runtime::register_pointer_params(wide) };
    let frames = mp
        .funcs
        .iter()
        .map(|m| FrameInfo {
            name: m.name.clone(),
            role: m.role,
            frame: m.frame,
        })
        .collect();
    Ok(JitProgram {
        module: Some(module),
        entries,
        globals: (globals.ptr(), mp.layout.globals_size as usize),
        globals_map: globals,
        code_size,
        stack_map_sites,
        wide_funcs,
        reserve: mp.reserve,
        deepest: mp.deepest,
        frames,
        _strings: strings,
    })
}

/// The functions that `go` statements of `prog` start, each once, in order.
fn go_targets(prog: &Program) -> Vec<(FuncId, &crate::check::hir::Func)> {
    let mut used = vec![false; prog.funcs.len()];
    for f in &prog.funcs {
        codegen::analysis::visit_stmts(&f.body, &mut |s| {
            if let crate::check::hir::Stmt::Go { func, .. } = s {
                used[func.0 as usize] = true;
            }
        });
    }
    prog.funcs
        .iter()
        .enumerate()
        .filter(|&(i, _)| used[i])
        .map(|(i, f)| (FuncId(i as u32), f))
        .collect()
}

impl JitProgram {
    /// Zeroes the globals (before a run: every run starts from a fresh package state).
    ///
    /// # Safety
    /// No run of this program may be in progress.
    pub unsafe fn reset_globals(&self) {
        self.globals_map.zero();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codegen::tests::sample;
    use morestack_runtime::{Context, HostFn};
    use std::cell::RefCell;

    thread_local! {
        static OUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }

    extern "C" fn thunk(f: HostFn, a: i64, b: i64, c: i64) -> i64 {
        unsafe { f(std::ptr::null_mut(), a, b, c) }
    }
    unsafe extern "C" fn p_int(_: *mut Context, v: i64, _: i64, _: i64) -> i64 {
        OUT.with(|o| o.borrow_mut().extend_from_slice(v.to_string().as_bytes()));
        0
    }
    unsafe extern "C" fn p_bool(_: *mut Context, v: i64, _: i64, _: i64) -> i64 {
        OUT.with(|o| {
            o.borrow_mut()
                .extend_from_slice(if v != 0 { b"true" } else { b"false" })
        });
        0
    }
    unsafe extern "C" fn p_str(_: *mut Context, p: i64, n: i64, _: i64) -> i64 {
        let s = std::slice::from_raw_parts(p as *const u8, n as usize);
        OUT.with(|o| o.borrow_mut().extend_from_slice(s));
        0
    }
    unsafe extern "C" fn p_panic(_: *mut Context, code: i64, b: i64, c: i64) -> i64 {
        eprintln!("test host: panic {code} {b} {c}");
        std::process::abort()
    }

    /// Runs `func` directly on the test thread's stack (guard 0: never grows).
    pub(crate) fn run_direct(prog: &Program, func: &str, args: &[i64]) -> (Vec<i64>, String) {
        let host = HostAddrs {
            thunk: thunk as *const () as usize as i64,
            print_int: p_int as *const () as usize as i64,
            print_bool: p_bool as *const () as usize as i64,
            print_str: p_str as *const () as usize as i64,
            panic: p_panic as *const () as usize as i64,
            // No big locals in these tests' programs.
            heap_local: p_panic as *const () as usize as i64,
            heap_free: p_panic as *const () as usize as i64,
            // No goroutines in these tests' programs.
            go: HostAddrs::placeholder().go,
        };
        let jp = compile_with_host(prog, &Options::DEFAULT, &host).unwrap();
        let e = jp.entries[func];
        let mut ctx = Context {
            stack_guard: 0,
            morestack: 0,
            ms_func: 0,
            ms_frame: 0,
            ms_argbytes: 0,
            ms_ptrmask: 0,
            panic_ops: [0; 2],
        };
        let mut res = vec![0; e.results];
        OUT.with(|o| o.borrow_mut().clear());
        unsafe { (e.entry)(&mut ctx, args.as_ptr(), res.as_mut_ptr()) };
        (
            res,
            OUT.with(|o| String::from_utf8_lossy(&o.borrow()).into_owned()),
        )
    }

    #[test]
    fn sample_runs() {
        let p = sample();
        let (r, out) = run_direct(&p, "fib", &[20]);
        assert_eq!(r, vec![6765]);
        assert_eq!(out, "");
        let (_, out) = run_direct(&p, "main", &[]);
        // k: a[1] = 1/2 = 0; t = 1<<2 = 4; t %= 10 -> 4; s = 4 >> 9 = 0; prints "eq 0".
        assert_eq!(out, "eq 0\n6765\n");
    }
}
