//! Records the Rust toolchain's sysroot for `morestack build`, which links built
//! programs with the musl C library that rustup's `*-unknown-linux-musl` targets carry
//! (`lib/rustlib/<triple>/lib/self-contained`): see src/aot.rs.

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
    println!("cargo:rerun-if-changed=build.rs");
}
