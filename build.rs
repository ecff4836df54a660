//! Records the Rust toolchain's sysroot for `morestack build`, which links built
//! programs with the musl C library that rustup's `*-unknown-linux-musl` targets carry
//! (`lib/rustlib/<triple>/lib/self-contained`): see src/aot.rs.
//!
//! Links the `morestack` executable as a non-PIE executable on Linux: a PIE of this size
//! carries about 95 000 relative relocations (Cranelift's and Capstone's tables) that the
//! dynamic loader applies at every start, touching their pages; `morestack run` of a
//! hello world took 6.0 ms, 4.1 ms without them (`perf stat -r 30`, docs/benchmark-notes.md).

fn main() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    if let Ok(out) = std::process::Command::new(rustc)
        .args(["--print", "sysroot"])
        .output()
    {
        if out.status.success() {
            let sysroot = String::from_utf8_lossy(&out.stdout).trim().to_string();
            println!("cargo:rustc-env=MORESTACK_RUST_SYSROOT={sysroot}");
        }
    }
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bin=morestack=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
