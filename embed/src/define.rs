//! Defining a function in a `cranelift_module::Module`, with a checking entry when its
//! frame is too deep for an inline check.

use cranelift_codegen::binemit::Reloc;
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::ir::{UserExternalName, UserFuncName};
use cranelift_codegen::settings::OptLevel;
use cranelift_codegen::Context;
use cranelift_frontend::FunctionBuilderContext;
use cranelift_module::{FuncId, Module, ModuleReloc, ModuleRelocTarget};

use crate::prologue::{
    checking_entry, direct_entry, BodyFrame, CheckingEntry, ContextOffsets, MAX_ENTRY_FRAME,
};
use crate::{arg_layout, Error, FunctionInfo, Registration};

/// The deepest frame a function keeps its inline check for: [`define_function`] puts any
/// function with a deeper frame behind a checking entry, so every function it defines
/// runs with a reserve of at most this ([`morestack_runtime::MAX_RESERVE`]).
pub const MAX_INLINE_FRAME: u32 = morestack_runtime::MAX_RESERVE as u32;

/// A function defined by [`define_function`].
#[derive(Clone, Debug)]
pub struct Defined {
    /// The function's id: what callers call.
    pub id: FuncId,
    /// The code under `id`: the whole function, or its checking entry.
    pub info: FunctionInfo,
    /// For a frame deeper than [`MAX_INLINE_FRAME`]: the function's compiled code as a
    /// body of its own (an anonymous function of the module), entered only through the
    /// checking entry under `id`.
    pub body: Option<(FuncId, FunctionInfo)>,
}

impl Defined {
    /// The smallest reserve this function can run with (see [`FunctionInfo::reserve`]):
    /// its whole frame, or its checking entry's small one. A stack's reserve must be at
    /// least the largest of the functions it runs.
    pub fn reserve(&self) -> usize {
        self.info.reserve()
    }

    /// Registers the stack maps and traps of the function's code (see
    /// [`FunctionInfo::register`]); `addr` gives the finalized address of a function id
    /// of the module (e.g. `|id| jit.get_finalized_function(id)`).
    ///
    /// # Safety
    /// As [`FunctionInfo::register`]: `addr(id)` is the start of that id's code, mapped
    /// while the guard lives.
    pub unsafe fn register(&self, addr: impl Fn(FuncId) -> *const u8) -> Registration {
        // SAFETY: forwarded (this function's contract).
        let mut reg = unsafe { self.info.register(addr(self.id)) };
        if let Some((id, info)) = &self.body {
            // SAFETY: forwarded.
            reg.merge(unsafe { info.register(addr(*id)) });
        }
        reg
    }
}

/// Compiles `ctx.func` (built with [`crate::begin_function`]; its name must be
/// `UserFuncName::user(0, id.as_u32())`, as cranelift-module names its functions) and
/// defines it in `module` under `id`, as `Module::define_function` would. `pointers`
/// are its parameters that are stack addresses (as given to the stack check). With the
/// ISA of relocatable code ([`crate::CodeKind::Relocatable`], `opt_level=none`), the
/// function is first optimized and made relocatable
/// ([`crate::reloc::optimize_relocatable`]): the copying strategy runs optimized code.
///
/// A function whose frame is deeper than [`MAX_INLINE_FRAME`] (a big stack slot, many
/// values live across calls) would write that deep below its caller's SP before its own
/// check runs, more than any reserve allows. Such a function becomes a **body** (an
/// anonymous function of the module) behind a **checking entry** defined under `id`
/// ([`crate::prologue::checking_entry`]): a tiny function that checks the stack for the
/// body's whole frame before anything of it is written and tail-calls the body. The
/// body's own check then always passes. Callers and morestack see only the entry.
pub fn define_function<M: Module>(
    module: &mut M,
    id: FuncId,
    ctx: &mut Context,
    pointers: &[usize],
    fctx: &mut FunctionBuilderContext,
) -> Result<Defined, Error> {
    let want = UserFuncName::user(0, id.as_u32());
    if ctx.func.name != want {
        return Err(Error::Function(format!(
            "the function is named {}, not {want} (its id in the module)",
            ctx.func.name
        )));
    }
    let layout = arg_layout(&ctx.func.signature, pointers)?;
    if module.isa().flags().opt_level() == OptLevel::None {
        // An ISA for relocatable code (CodeKind::Relocatable): optimize first, then keep
        // stack addresses out of registers across calls; compiling will not optimize
        // again.
        crate::reloc::optimize_relocatable(ctx, module.isa(), pointers)?;
    }
    let (info, bytes, align, relocs) = compile(module, ctx, id)?;
    if info.frame <= MAX_INLINE_FRAME {
        module
            .define_function_bytes(id, align, &bytes, &relocs)
            .map_err(|e| Error::Function(format!("defining the function: {e}")))?;
        return Ok(Defined {
            id,
            info,
            body: None,
        });
    }
    let sig = ctx.func.signature.clone();
    let body_id = module
        .declare_anonymous_function(&sig)
        .map_err(|e| Error::Function(format!("declaring the body: {e}")))?;
    // The body's relocations still name `id` where it calls itself or restarts through
    // morestack: that is the entry, as it should be.
    module
        .define_function_bytes(body_id, align, &bytes, &relocs)
        .map_err(|e| Error::Function(format!("defining the body: {e}")))?;
    let below_fp = info.frame - 16;
    let spec = CheckingEntry {
        name: want,
        sig,
        self_name: UserExternalName::new(0, id.as_u32()),
        body_name: UserExternalName::new(0, body_id.as_u32()),
        argbytes: layout.argbytes,
        ptrmask: layout.ptrmask,
        body: BodyFrame {
            below_fp,
            frame: info.frame,
        },
    };
    let mut ectx = Context::for_function(checking_entry(&spec, &ContextOffsets::runtime(), fctx));
    let (mut einfo, ebytes, ealign, erelocs) = compile(module, &mut ectx, id)?;
    if einfo.frame <= MAX_ENTRY_FRAME {
        module
            .define_function_bytes(id, ealign, &ebytes, &erelocs)
            .map_err(|e| Error::Function(format!("defining the checking entry: {e}")))?;
    } else {
        // Many stack-passed arguments: an entry written directly, which need not carry
        // them across its check.
        let arch = module.isa().triple().architecture;
        let (code, kind, offset) = direct_entry(arch, &spec, &ContextOffsets::runtime())
            .ok_or_else(|| Error::Function("no checking entry for this architecture".into()))?;
        let reloc = ModuleReloc {
            offset,
            kind,
            name: ModuleRelocTarget::user(0, body_id.as_u32()),
            addend: if kind == Reloc::Arm64Call { 0 } else { -4 },
        };
        module
            .define_function_bytes(id, 16, &code, &[reloc])
            .map_err(|e| Error::Function(format!("defining the checking entry: {e}")))?;
        einfo = FunctionInfo {
            frame: 16,
            stack_maps: Vec::new(),
            traps: Vec::new(),
        };
    }
    Ok(Defined {
        id,
        info: einfo,
        body: Some((body_id, info)),
    })
}

/// Compiles `ctx` for the module's ISA: the facts, the code, its alignment and its
/// relocations for `define_function_bytes`.
fn compile<M: Module>(
    module: &M,
    ctx: &mut Context,
    id: FuncId,
) -> Result<(FunctionInfo, Vec<u8>, u64, Vec<ModuleReloc>), Error> {
    let isa = module.isa();
    ctx.compile(isa, &mut ControlPlane::default())
        .map_err(|e| Error::Function(format!("Cranelift could not compile it: {:?}", e.inner)))?;
    let code = ctx.compiled_code().expect("just compiled");
    let info = FunctionInfo::of(code)?;
    let align = u64::from(code.buffer.alignment)
        .max(u64::from(isa.function_alignment().minimum))
        .max(isa.symbol_alignment());
    let bytes = code.code_buffer().to_vec();
    let relocs = code
        .buffer
        .relocs()
        .iter()
        .map(|r| ModuleReloc::from_mach_reloc(r, &ctx.func, id))
        .collect();
    Ok((info, bytes, align, relocs))
}
