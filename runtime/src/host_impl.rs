//! The host functions (re-exported as `crate::host`). They run on the system stack,
//! called through the host-call thunk.

use crate::state::{abandon, state};
use crate::{panic_code, Context, RunError};

/// Writes `bytes` to the run's output sink; after the first failed write the rest of
/// the run's output is dropped (the program keeps running, as Go's does on a closed
/// stdout that ignores SIGPIPE).
fn emit(ctx: *mut Context, bytes: &[u8]) {
    // SAFETY: host functions are called through the thunk with the context of a run in
    // progress (their documented precondition).
    let st = unsafe { state(ctx) };
    if st.out_failed {
        return;
    }
    // SAFETY: `out` is valid for the duration of `run`, which is in progress.
    let out = unsafe { &mut *st.out };
    if out.write_all(bytes).is_err() {
        st.out_failed = true;
    }
}

/// `print` of one int, in decimal.
///
/// # Safety
/// `ctx` is the context of a running program (called through the thunk).
pub unsafe extern "C" fn print_int(ctx: *mut Context, v: i64, _b: i64, _c: i64) -> i64 {
    let mut buf = [0u8; 24];
    let s = fmt_i64(v, &mut buf);
    emit(ctx, s);
    0
}

/// `print` of one bool (`v` is 0 or 1; any non-zero value prints `true`).
///
/// # Safety
/// As [`print_int`].
pub unsafe extern "C" fn print_bool(ctx: *mut Context, v: i64, _b: i64, _c: i64) -> i64 {
    emit(ctx, if v != 0 { b"true" } else { b"false" });
    0
}

/// `print` of `len` bytes at `ptr` (a string literal, or `" "`/`"\n"`).
///
/// # Safety
/// As [`print_int`]; `ptr..ptr+len` is readable.
pub unsafe extern "C" fn print_str(ctx: *mut Context, ptr: i64, len: i64, _c: i64) -> i64 {
    if len > 0 {
        // SAFETY: the caller guarantees ptr..ptr+len is readable.
        let s = unsafe { std::slice::from_raw_parts(ptr as usize as *const u8, len as usize) };
        emit(ctx, s);
    }
    0
}

/// A panic ([`crate::panic_code`] says which, `b` and `c` its operands, or
/// [`Context::panic_ops`] with [`panic_code::OPERANDS_IN_CONTEXT`]): ends the run with
/// [`crate::RunError::Panic`] holding Go's text. Never returns: the program stack is
/// abandoned (see the stack ABI).
///
/// # Safety
/// As [`print_int`]; for [`panic_code::STR`], `b..b+c` is readable.
pub unsafe extern "C" fn panic(ctx: *mut Context, code: i64, b: i64, c: i64) -> i64 {
    let (code, [b, c]) = if code & panic_code::OPERANDS_IN_CONTEXT != 0 {
        // SAFETY: the caller passes the context of a run in progress (as `state` needs).
        (code & !panic_code::OPERANDS_IN_CONTEXT, unsafe {
            (*ctx).panic_ops
        })
    } else {
        (code, [b, c])
    };
    // SAFETY: the caller guarantees the operands (see `panic_text`).
    let text = unsafe { panic_text(code, b, c) };
    // SAFETY: as in `emit`.
    let st = unsafe { state(ctx) };
    // Nothing in this frame needs Drop any more: `text` moves into the error.
    abandon(st, RunError::Panic(text))
}

/// Go's text for a panic with code `code` and operands `b`, `c` (see [`panic()`]).
///
/// # Safety
/// For [`panic_code::STR`], `b..b+c` is readable.
pub(crate) unsafe fn panic_text(code: i64, b: i64, c: i64) -> String {
    match code {
        panic_code::DIVIDE => "runtime error: integer divide by zero".to_string(),
        panic_code::INDEX if b < 0 => format!("runtime error: index out of range [{b}]"),
        panic_code::INDEX => format!("runtime error: index out of range [{b}] with length {c}"),
        panic_code::NEGATIVE_SHIFT => "runtime error: negative shift amount".to_string(),
        panic_code::NIL => {
            "runtime error: invalid memory address or nil pointer dereference".to_string()
        }
        panic_code::INT => b.to_string(),
        panic_code::BOOL => (if b != 0 { "true" } else { "false" }).to_string(),
        panic_code::STR if c > 0 => {
            // SAFETY: the caller guarantees b..b+c is readable.
            let s = unsafe { std::slice::from_raw_parts(b as usize as *const u8, c as usize) };
            String::from_utf8_lossy(s).into_owned()
        }
        panic_code::STR => String::new(),
        other => format!("morestack: unknown panic code {other}"),
    }
}

/// Formats `v` in decimal into `buf` without allocating; returns the digits.
fn fmt_i64(v: i64, buf: &mut [u8; 24]) -> &[u8] {
    let mut i = buf.len();
    let neg = v < 0;
    let mut u = v.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (u % 10) as u8;
        u /= 10;
        if u == 0 {
            break;
        }
    }
    if neg {
        i -= 1;
        buf[i] = b'-';
    }
    &buf[i..]
}

/// Memory for a local variable too large for the stack (over Go's `maxStackVarSize`,
/// 10 MiB; see "Big locals" in the crate docs): `p` is 0 at the entry of the function
/// that declares it, or the memory this returned then (when its declaration runs),
/// `size` its bytes. Returns zeroed memory for it: `p` zeroed again, or a fresh
/// [`crate::ZeroMap`] that the run keeps until [`heap_free`] or the end of the run. A
/// mapping that cannot be made ends the run (Go: `fatal error: runtime: out of memory`).
///
/// # Safety
/// As [`print_int`]; a non-zero `p` was returned by this function and not freed.
pub unsafe extern "C" fn heap_local(ctx: *mut Context, p: i64, size: i64, _c: i64) -> i64 {
    // SAFETY: as in `emit`.
    let st = unsafe { state(ctx) };
    if let Some(m) = st.heap.iter().rev().find(|m| m.ptr() as i64 == p) {
        // SAFETY: the program's code uses the local only after this returns.
        unsafe { m.zero() };
        return p;
    }
    match crate::ZeroMap::new(size as usize) {
        Ok(m) => {
            let p = m.ptr() as i64;
            st.heap.push(m);
            p
        }
        Err(e) => abandon(
            st,
            RunError::Setup(format!(
                "cannot map {size} bytes for a local variable: {e} (Go: fatal error: runtime: out of memory)"
            )),
        ),
    }
}

/// Unmaps the memory [`heap_local`] made for a local when the function that declared it
/// returns.
///
/// # Safety
/// As [`heap_local`]; nothing uses that memory afterwards.
pub unsafe extern "C" fn heap_free(ctx: *mut Context, p: i64, _b: i64, _c: i64) -> i64 {
    // SAFETY: as in `emit`.
    let st = unsafe { state(ctx) };
    if let Some(i) = st.heap.iter().rposition(|m| m.ptr() as i64 == p) {
        st.heap.swap_remove(i); // unmapped by its drop
    }
    0
}

#[cfg(test)]
mod tests {
    use super::fmt_i64;

    #[test]
    fn formats_ints() {
        for v in [0, 1, -1, 42, i64::MAX, i64::MIN, 1234567890] {
            let mut b = [0; 24];
            assert_eq!(fmt_i64(v, &mut b), v.to_string().as_bytes());
        }
    }
}
