//! The start-up library of programs built ahead of time by `morestack build`: this
//! crate is built as a static library (`libmorestack_start.a`) that `morestack build`
//! links with the object file it writes. It defines the C `main` and the host table the
//! generated code loads host addresses from; everything else is
//! [`morestack_runtime::aot::start`] (see its module docs for the symbols the object file
//! and this library agree on).

use morestack_runtime::host::TABLE_LEN;

/// The host table generated code loads host addresses from (filled by `start`).
#[no_mangle]
pub static mut morestack_host_table: [usize; TABLE_LEN] = [0; TABLE_LEN];

extern "C" {
    /// The program's description (object file of `morestack build`).
    static morestack_meta: u64;
    /// The program's functions by module index (object file of `morestack build`).
    static morestack_funcs: usize;
}

/// The C entry point: runs the program built into this executable.
///
/// # Safety
/// Called once by the C start-up code, in an executable linked by `morestack build`.
#[no_mangle]
pub unsafe extern "C" fn main(_argc: i32, _argv: *const *const u8) -> i32 {
    // SAFETY: the symbols come from the object file `morestack build` linked with this
    // library (that is the only way this `main` is linked into an executable).
    unsafe {
        morestack_runtime::aot::start(
            std::ptr::addr_of!(morestack_meta),
            std::ptr::addr_of!(morestack_funcs),
            std::ptr::addr_of_mut!(morestack_host_table),
        )
    }
}
