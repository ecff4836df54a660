//! Ahead-of-time compilation (`morestack build`): the program's code in an ELF object
//! file, linked by the system's C compiler with the start-up library
//! (`libmorestack_start.a`, the `morestack-start` crate: the runtime and a C `main`) into
//! a static executable that runs the program as `morestack run` would, without the
//! compiler in the process.
//!
//! The code is the JIT's (`jit::build`) compiled with [`Options::aot`]: it
//! embeds no address of this process (host functions through the table
//! `morestack_host_table`, string literals in `morestack_strings`). What the JIT
//! registers with the runtime after finalizing (stack maps, pointer parameters, the
//! entry point, the stack reserve) goes into `morestack_meta` and `morestack_funcs`,
//! which the start-up reads; their format is written once, in the runtime's `aot`
//! module docs.

use crate::check::hir::{Pos, Program};
use crate::codegen::lower::{DATA_GLOBALS, DATA_HOST_TABLE, DATA_STRINGS};
use crate::codegen::{self, CodegenError, HostAddrs, Options, Strings, Target};
use crate::jit::{build, define_all, symbol_name};
use cranelift_module::{DataDescription, Linkage, Module, ModuleRelocTarget};
use cranelift_object::{ObjectBuilder, ObjectModule};
use morestack_runtime::aot as format;
use morestack_runtime::{SegmentCache, StackConfig, Strategy};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

fn internal(msg: impl std::fmt::Display) -> CodegenError {
    CodegenError::new(
        Pos::default(),
        format!("internal code generation error: {msg}"),
    )
}

/// How a built program runs: what `morestack run` would take as options.
#[derive(Clone, Debug)]
pub struct RunConfig {
    /// The stack configuration (its `reserve` and `trace` are ignored: the reserve is the
    /// program's, and a built program does not trace).
    pub stack: StackConfig,
    /// Print the run's statistics to stderr when it ends.
    pub stats: bool,
}

/// Compiles `prog` for `target` into an ELF object file for [`link`]. `opts.aot` must
/// be set, and `opts.relocatable` must match the strategy (copying needs relocatable
/// code).
pub fn object(
    prog: &Program,
    opts: &Options,
    target: Target,
    run: &RunConfig,
) -> Result<Vec<u8>, CodegenError> {
    assert!(
        opts.aot,
        "aot::object needs code compiled for an object file"
    );
    let isa = codegen::make_isa_for(Some(target), opts).map_err(internal)?;
    let mut strings = Strings::default();
    let built = build(prog, opts, &HostAddrs::table_indices(), &*isa, &mut strings)?;
    let main = built
        .tramps
        .iter()
        .find(|(_, _, f)| *f == prog.main)
        .map(|(_, m, _)| m.index)
        .ok_or_else(|| internal("main has no entry trampoline"))?;
    let builder = ObjectBuilder::new(isa, "morestack", cranelift_module::default_libcall_names())
        .map_err(internal)?;
    let mut module = ObjectModule::new(builder);

    // Data objects, in the order of their indices in the code's external names.
    let globals = module
        .declare_data("morestack_globals", Linkage::Local, true, false)
        .map_err(internal)?;
    let strs = module
        .declare_data("morestack_strings", Linkage::Local, false, false)
        .map_err(internal)?;
    let table = module
        .declare_data("morestack_host_table", Linkage::Import, false, false)
        .map_err(internal)?;
    assert_eq!(
        [globals.as_u32(), strs.as_u32(), table.as_u32()],
        [DATA_GLOBALS, DATA_STRINGS, DATA_HOST_TABLE]
    );
    let meta_id = module
        .declare_data("morestack_meta", Linkage::Export, false, false)
        .map_err(internal)?;
    let funcs_id = module
        .declare_data("morestack_funcs", Linkage::Export, false, false)
        .map_err(internal)?;

    for m in built.all() {
        let id = module
            .declare_function(&symbol_name(m), Linkage::Local, &m.ir.signature)
            .map_err(internal)?;
        assert_eq!(id.as_u32(), m.index);
    }
    define_all(&mut module, &built)?;
    let nfuncs = built.all().count();

    let mut d = DataDescription::new();
    // At least one byte: an object of size 0 may share its address with the next one.
    d.define_zeroinit((built.mp.layout.globals_size as usize).max(8));
    d.set_align(16);
    module.define_data(globals, &d).map_err(internal)?;

    let mut d = DataDescription::new();
    let mut blob = strings.blob().to_vec();
    blob.push(0);
    d.define(blob.into_boxed_slice());
    module.define_data(strs, &d).map_err(internal)?;

    let mut d = DataDescription::new();
    // Not `define_zeroinit`: a zero-initialized object goes to .bss, which takes no
    // relocations.
    d.define(vec![0u8; 8 * nfuncs].into_boxed_slice());
    d.set_align(8);
    for i in 0..nfuncs {
        let f = d.import_function(ModuleRelocTarget::User {
            namespace: 0,
            index: i as u32,
        });
        d.write_function_addr(8 * i as u32, f);
    }
    module.define_data(funcs_id, &d).map_err(internal)?;

    let mut d = DataDescription::new();
    d.define(meta_words(&built, main, run).into_boxed_slice());
    d.set_align(8);
    module.define_data(meta_id, &d).map_err(internal)?;

    module
        .finish()
        .emit()
        .map_err(|e| internal(format!("writing the object file: {e}")))
}

/// `morestack_meta` (the runtime's `aot` module docs give its format).
fn meta_words(built: &crate::jit::Built, main: u32, run: &RunConfig) -> Vec<u8> {
    let s = &run.stack;
    let mut w: Vec<u64> = vec![
        format::MAGIC,
        (built.mp.reserve as u64).max(morestack_runtime::MIN_RESERVE as u64),
        match s.strategy {
            Strategy::Fixed => 0,
            Strategy::Segmented => 1,
            Strategy::Copying => 2,
        },
        s.stack_max as u64,
        s.stack_min as u64,
        match s.segment_cache {
            SegmentCache::None => 0,
            SegmentCache::Keep => 1,
        },
        (if s.force_move {
            format::FLAG_FORCE_MOVE
        } else {
            0
        }) | (if run.stats { format::FLAG_STATS } else { 0 }),
        main as u64,
    ];
    let sites: usize = built.mp.funcs.iter().map(|m| m.stack_maps.len()).sum();
    let wide: Vec<(usize, &Vec<u32>)> = built
        .mp
        .layout
        .funcs
        .iter()
        .enumerate()
        .filter(|(_, abi)| abi.sig.params.len() > 64)
        .map(|(i, abi)| (i, &abi.ptr_params))
        .collect();
    w.push(sites as u64);
    w.push(wide.len() as u64);
    debug_assert_eq!(w.len(), format::HEADER_WORDS);
    for m in &built.mp.funcs {
        for (ret, offs) in &m.stack_maps {
            w.push(m.index as u64);
            w.push(*ret as u64);
            w.push(offs.len() as u64);
            w.extend(offs.iter().map(|&o| o as u64));
        }
    }
    for (i, params) in wide {
        // Program function i has module index i.
        w.push(i as u64);
        w.push(params.len() as u64);
        w.extend(params.iter().map(|&p| p as u64));
    }
    w.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// The Rust target whose start-up library and C library a built program for `target`
/// links: musl, static (see the module docs).
pub fn musl_triple(target: Target) -> &'static str {
    match target {
        Target::X86_64 => "x86_64-unknown-linux-musl",
        Target::Aarch64 => "aarch64-unknown-linux-musl",
    }
}

/// The command that builds the start-up library for `target`.
pub fn start_lib_command(target: Target) -> String {
    format!(
        "rustup target add {t} && cargo build --profile start -p morestack-start --target {t}",
        t = musl_triple(target)
    )
}

/// The start-up library for `target`: `$MORESTACK_START_LIB` if set, else
/// `<target dir>/<musl triple>/start/libmorestack_start.a`, the target directory being
/// the one this executable was built in (`target/release`, or a test's
/// `target/release/deps`, or a cross build's `target/<triple>/release`).
pub fn start_lib(target: Target) -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("MORESTACK_START_LIB") {
        let p = PathBuf::from(p);
        return if p.is_file() {
            Ok(p)
        } else {
            Err(format!("MORESTACK_START_LIB={}: no such file", p.display()))
        };
    }
    let exe = std::env::current_exe().map_err(|e| format!("cannot locate morestack: {e}"))?;
    let rel = Path::new(musl_triple(target))
        .join("start")
        .join("libmorestack_start.a");
    let candidates: Vec<PathBuf> = exe
        .ancestors()
        .skip(1)
        .take(4)
        .map(|d| d.join(&rel))
        .collect();
    if let Some(c) = candidates.iter().find(|c| c.is_file()) {
        return Ok(c.clone());
    }
    Err(format!(
        "cannot find the start-up library of built programs, {} (looked in {}); build it \
         with `{}`, or point MORESTACK_START_LIB at it",
        rel.display(),
        candidates
            .iter()
            .filter_map(|c| c.parent())
            .map(|c| c.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        start_lib_command(target)
    ))
}

/// The directory of musl's start files and C library for `target`:
/// `$MORESTACK_MUSL_DIR` if set, else the `self-contained` directory of rustup's musl
/// target in the sysroot of the toolchain that built morestack.
pub fn musl_dir(target: Target) -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("MORESTACK_MUSL_DIR") {
        return Ok(PathBuf::from(p));
    }
    let sysroot = option_env!("MORESTACK_RUST_SYSROOT")
        .ok_or("the Rust sysroot was not recorded at build time; set MORESTACK_MUSL_DIR")?;
    let dir = Path::new(sysroot)
        .join("lib/rustlib")
        .join(musl_triple(target))
        .join("lib/self-contained");
    if dir.join("libc.a").is_file() {
        Ok(dir)
    } else {
        Err(format!(
            "cannot find musl's C library in {}: run `rustup target add {}`, or set \
             MORESTACK_MUSL_DIR",
            dir.display(),
            musl_triple(target)
        ))
    }
}

/// The C compiler that drives the link for `target`: `$MORESTACK_CC` if set, else `cc`
/// for the host's architecture and `aarch64-linux-gnu-gcc` (or `x86_64-linux-gnu-gcc`)
/// for the other. Only its linker is used (no C library or start file of its own).
pub fn linker(target: Target) -> String {
    if let Some(cc) = std::env::var_os("MORESTACK_CC") {
        return cc.to_string_lossy().into_owned();
    }
    match (Target::host() == Some(target), target) {
        (true, _) => "cc".to_string(),
        (false, Target::Aarch64) => "aarch64-linux-gnu-gcc".to_string(),
        (false, Target::X86_64) => "x86_64-linux-gnu-gcc".to_string(),
    }
}

/// Links `object` with the start-up library and musl into the static executable `out`.
pub fn link(object: &[u8], target: Target, out: &Path) -> Result<(), String> {
    let lib = start_lib(target)?;
    let musl = musl_dir(target)?;
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "morestack-build-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let obj = dir.join("program.o");
    let r = (|| {
        std::fs::write(&obj, object).map_err(|e| format!("cannot write {}: {e}", obj.display()))?;
        let cc = linker(target);
        let m = |f: &str| musl.join(f);
        let output = std::process::Command::new(&cc)
            .args([
                "-static",
                "-no-pie",
                "-nostdlib",
                "-nostartfiles",
                "-Wl,--gc-sections",
                "-o",
            ])
            .arg(out)
            .args([m("crt1.o"), m("crti.o"), m("crtbegin.o")])
            .arg(&obj)
            .arg(&lib)
            .args([m("libunwind.a"), m("libc.a")])
            // The C compiler's own helpers (AArch64's musl needs its 128-bit float
            // routines).
            .arg("-lgcc")
            .args([m("crtend.o"), m("crtn.o")])
            .output()
            .map_err(|e| {
                format!(
                    "cannot run the linker `{cc}`: {e} (install a C compiler, or set MORESTACK_CC)"
                )
            })?;
        if !output.status.success() {
            return Err(format!(
                "linking with `{cc}` failed ({}):\n{}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim_end()
            ));
        }
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&dir);
    r
}
