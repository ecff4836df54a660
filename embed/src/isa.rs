//! The ISA settings generated code needs (see the crate docs, "ISA requirements").

use cranelift_codegen::isa::{self, OwnedTargetIsa, TargetIsa};
use cranelift_codegen::settings::{self, Configurable, OptLevel};
use target_lexicon::{Architecture, Triple};

use crate::Error;

/// How code will be compiled for a stack strategy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    /// For fixed and segmented stacks: `opt_level=speed`.
    Optimized,
    /// For the copying strategy: `opt_level=none`, because
    /// [`crate::reloc::optimize_relocatable`] runs Cranelift's optimizer itself before its
    /// relocation pass, and compiling must not optimize again (that would keep stack
    /// addresses in registers across calls: the optimizer hazard, see [`crate::reloc`]).
    /// The code is optimized code all the same.
    Relocatable,
}

impl CodeKind {
    /// The kind of code `strategy` needs.
    pub fn for_strategy(strategy: morestack_runtime::Strategy) -> CodeKind {
        match strategy {
            morestack_runtime::Strategy::Copying => CodeKind::Relocatable,
            _ => CodeKind::Optimized,
        }
    }
}

/// The settings, in order: pinned register on (it holds the [`crate::Context`]), frame
/// pointers kept (morestack and stack copying walk the frame records), no stack probes
/// (the prologue check is the probe), non-PIC with absolute libcalls (the JIT maps code
/// anywhere), and the optimization level of `kind`.
fn settings(kind: CodeKind) -> [(&'static str, &'static str); 6] {
    let opt = match kind {
        CodeKind::Optimized => "speed",
        CodeKind::Relocatable => "none",
    };
    [
        ("enable_pinned_reg", "true"),
        ("preserve_frame_pointers", "true"),
        ("enable_probestack", "false"),
        ("is_pic", "false"),
        ("use_colocated_libcalls", "false"),
        ("opt_level", opt),
    ]
}

/// Builds the ISA for `triple` (the host when `None`; x86-64 and AArch64 Linux are
/// supported) with the settings `kind` needs.
///
/// ```
/// use morestack_cranelift::{isa, check_isa, CodeKind};
/// let isa = isa(None, CodeKind::Optimized).unwrap();
/// assert!(check_isa(&*isa, CodeKind::Optimized).is_ok());
/// ```
pub fn isa(triple: Option<Triple>, kind: CodeKind) -> Result<OwnedTargetIsa, Error> {
    let mut fb = settings::builder();
    for (k, v) in settings(kind) {
        fb.set(k, v)
            .map_err(|e| Error::Isa(format!("cranelift setting {k}={v}: {e}")))?;
    }
    let flags = settings::Flags::new(fb);
    let builder = match triple {
        None => cranelift_native::builder().map_err(|e| Error::Isa(format!("host ISA: {e}")))?,
        Some(t) => isa::lookup(t.clone()).map_err(|e| Error::Isa(format!("ISA {t}: {e}")))?,
    };
    let isa = builder
        .finish(flags)
        .map_err(|e| Error::Isa(format!("building the ISA: {e}")))?;
    check_isa(&*isa, kind)?;
    Ok(isa)
}

/// Checks that an existing ISA has every setting `kind` needs; the error lists each one
/// that is wrong (and an unsupported architecture).
pub fn check_isa(isa: &dyn TargetIsa, kind: CodeKind) -> Result<(), Error> {
    let f = isa.flags();
    let mut wrong = Vec::new();
    match isa.triple().architecture {
        Architecture::X86_64 | Architecture::Aarch64(_) => {}
        a => wrong.push(format!(
            "architecture {a} (x86_64 and aarch64 are supported)"
        )),
    }
    let want_opt = match kind {
        CodeKind::Optimized => None,
        CodeKind::Relocatable => Some(OptLevel::None),
    };
    let checks = [
        ("enable_pinned_reg", f.enable_pinned_reg(), true),
        ("preserve_frame_pointers", f.preserve_frame_pointers(), true),
        ("enable_probestack", f.enable_probestack(), false),
        ("is_pic", f.is_pic(), false),
        ("use_colocated_libcalls", f.use_colocated_libcalls(), false),
    ];
    for (name, got, want) in checks {
        if got != want {
            wrong.push(format!("{name}={got} (needs {want})"));
        }
    }
    if let Some(o) = want_opt {
        if f.opt_level() != o {
            wrong.push(format!(
                "opt_level={} (relocatable code needs none: reloc::optimize_relocatable optimizes it)",
                f.opt_level()
            ));
        }
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(Error::Isa(format!(
            "the ISA does not fit morestack's stack ABI: {}",
            wrong.join(", ")
        )))
    }
}
