//! Where Cranelift's `Tail` convention puts each parameter, as far as morestack needs it:
//! the bytes of stack-passed arguments (which segmented stacks copy to a new segment) and
//! the location of each pointer parameter (which stack copying relocates).

use cranelift_codegen::ir::{types, Signature, Type};
use cranelift_codegen::isa::CallConv;

use crate::Error;

/// Integer parameters `Tail` passes in registers on both targets (x86-64: rdi, rsi,
/// rdx, rcx, r8, r9; AArch64: x2..x7).
const INT_REGS: usize = 6;
/// Float and vector parameters `Tail` passes in registers (xmm0-xmm7; v0-v7).
const VEC_REGS: usize = 8;

/// The stack-argument facts of a signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArgLayout {
    /// Bytes of stack-passed arguments (a multiple of 16).
    pub argbytes: u64,
    /// The pointer mask morestack gets: bit `k` for an integer argument register `k`
    /// (`k < 6`) or for the 8-byte stack slot at offset `8 * (k - 6)` holding a pointer;
    /// [`morestack_runtime::PTRMASK_WIDE`] when a bit would be 64 or more (see
    /// [`ArgLayout::wide`]).
    pub ptrmask: u64,
    /// The same positions `k`, as a list (what [`morestack_runtime::register_pointer_params`]
    /// takes when `ptrmask` is `PTRMASK_WIDE`).
    pub pointers: Vec<u32>,
}

impl ArgLayout {
    /// Whether the function needs its pointer positions registered by address.
    pub fn wide(&self) -> bool {
        self.ptrmask == morestack_runtime::PTRMASK_WIDE
    }
}

/// Computes the layout of `sig` (which must use [`CallConv::Tail`]) with parameters
/// `pointers` (indices into `sig.params`, each an `i64`) holding addresses into the stack.
///
/// Supported parameter types: integers up to 64 bits, `f32`, `f64` and 128-bit vectors
/// (the morestack stub saves the integer, float and vector argument registers). `i128`,
/// `f128` and special-purpose parameters are an error.
///
/// ```
/// use cranelift_codegen::ir::types::{F64, I64};
/// use morestack_cranelift::{arg_layout, tail_signature};
/// // Seven integers (the 7th on the stack) and a float (in a register); parameter 6 is
/// // a pointer: the first stack slot, position 6 of the mask.
/// let sig = tail_signature(&[I64, I64, I64, I64, I64, I64, I64, F64], &[I64]);
/// let l = arg_layout(&sig, &[6]).unwrap();
/// assert_eq!((l.argbytes, l.ptrmask), (16, 1 << 6));
/// ```
pub fn arg_layout(sig: &Signature, pointers: &[usize]) -> Result<ArgLayout, Error> {
    if sig.call_conv != CallConv::Tail {
        return Err(Error::Signature(format!(
            "functions with a stack check must use the tail calling convention, not {}",
            sig.call_conv
        )));
    }
    let (mut ints, mut vecs, mut stack) = (0usize, 0usize, 0u64);
    let mut positions = Vec::with_capacity(pointers.len());
    for (i, p) in sig.params.iter().enumerate() {
        if p.purpose != cranelift_codegen::ir::ArgumentPurpose::Normal {
            return Err(Error::Signature(format!(
                "parameter {i}: special-purpose parameters ({}) are not supported",
                p.purpose
            )));
        }
        let ty: Type = p.value_type;
        let is_ptr = pointers.contains(&i);
        if is_ptr && ty != types::I64 {
            return Err(Error::Signature(format!(
                "parameter {i}: a pointer parameter must be i64, not {ty}"
            )));
        }
        let class_int = ty.is_int() && ty.bits() <= 64;
        let class_vec =
            ty == types::F32 || ty == types::F64 || (ty.is_vector() && ty.bits() == 128);
        let in_reg = if class_int {
            ints += 1;
            ints <= INT_REGS
        } else if class_vec {
            vecs += 1;
            vecs <= VEC_REGS
        } else {
            return Err(Error::Signature(format!(
                "parameter {i}: type {ty} is not supported (integers up to 64 bits, f32, f64 and 128-bit vectors are)"
            )));
        };
        let pos = if in_reg {
            (ints - 1) as u64
        } else {
            let size = u64::from(ty.bytes()).max(8);
            stack = stack.next_multiple_of(size);
            let k = INT_REGS as u64 + stack / 8;
            stack += size;
            k
        };
        if is_ptr {
            positions.push(
                u32::try_from(pos)
                    .map_err(|_| Error::Signature("too many parameters".to_string()))?,
            );
        }
    }
    let argbytes = stack.next_multiple_of(16);
    let ptrmask = if positions.iter().any(|&k| k >= 64) {
        morestack_runtime::PTRMASK_WIDE
    } else {
        positions.iter().fold(0u64, |m, &k| m | 1 << k)
    };
    Ok(ArgLayout {
        argbytes,
        ptrmask,
        pointers: positions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cranelift_codegen::ir::AbiParam;

    fn sig(tys: &[Type]) -> Signature {
        let mut s = Signature::new(CallConv::Tail);
        s.params.extend(tys.iter().map(|&t| AbiParam::new(t)));
        s
    }

    #[test]
    fn integer_floats_and_vectors() {
        // 6 ints in registers, the 7th on the stack; floats in their own registers.
        let mut t = vec![types::I64; 7];
        t.extend([types::F64; 8]);
        let l = arg_layout(&sig(&t), &[0, 6]).unwrap();
        assert_eq!(l.argbytes, 16);
        assert_eq!(l.ptrmask, 1 | 1 << 6);
        // A 9th f64 goes to the stack after the 7th int; a vector aligns to 16.
        t.push(types::F64);
        t.push(types::I8);
        t.push(types::I32X4);
        let l = arg_layout(&sig(&t), &[]).unwrap();
        // int at 0, f64 at 8, i8 at 16, the vector at 32 (aligned): 48 bytes.
        assert_eq!(l.argbytes, 48);
        assert!(arg_layout(&sig(&[types::I128]), &[]).is_err());
        assert!(arg_layout(&sig(&[types::F64]), &[0]).is_err());
        let mut s = sig(&[]);
        s.call_conv = CallConv::SystemV;
        assert!(arg_layout(&s, &[]).is_err());
        // Pointers beyond bit 63 make the mask wide.
        let l = arg_layout(&sig(&[types::I64; 80]), &[1, 75]).unwrap();
        assert!(l.wide());
        assert_eq!(l.pointers, vec![1, 75]);
    }
}
