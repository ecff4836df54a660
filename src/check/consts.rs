//! Exact constant values (Go's untyped constant arithmetic).

use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// A constant value: an exact integer or a boolean.
#[derive(Clone, Debug, PartialEq)]
pub enum CV {
    /// An integer of any size.
    Int(BigInt),
    /// A boolean.
    Bool(bool),
}

/// Go's limit on the size of untyped integer constants (bits).
pub const MAX_BITS: u64 = 512;
/// Go's limit on constant shift counts.
pub const MAX_SHIFT: u64 = 1074;

impl CV {
    /// The integer value.
    pub fn int(&self) -> Option<&BigInt> {
        match self {
            CV::Int(i) => Some(i),
            _ => None,
        }
    }

    /// The value as stored in [`crate::check::hir::ExprKind::Const`], if it fits an `int`.
    pub fn to_i64(&self) -> Option<i64> {
        match self {
            CV::Int(i) => i.to_i64(),
            CV::Bool(b) => Some(*b as i64),
        }
    }

    /// Go's text for the value.
    pub fn show(&self) -> String {
        match self {
            CV::Int(i) => i.to_string(),
            CV::Bool(b) => b.to_string(),
        }
    }
}

/// Whether `v` fits in an `int`.
pub fn fits_int(v: &BigInt) -> bool {
    v.to_i64().is_some()
}

/// Whether `v` is too large for an untyped constant.
pub fn too_big(v: &BigInt) -> bool {
    v.bits() > MAX_BITS
}

/// Parses a Go integer literal (already validated by the lexer).
pub fn parse_int(text: &str) -> Option<BigInt> {
    let t: String = text.chars().filter(|&c| c != '_').collect();
    let lower = t.to_ascii_lowercase();
    let (digits, radix) = if let Some(r) = lower.strip_prefix("0x") {
        (r.to_string(), 16)
    } else if let Some(r) = lower.strip_prefix("0o") {
        (r.to_string(), 8)
    } else if let Some(r) = lower.strip_prefix("0b") {
        (r.to_string(), 2)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (lower[1..].to_string(), 8)
    } else {
        (lower, 10)
    };
    if digits.is_empty() {
        return Some(BigInt::zero());
    }
    BigInt::parse_bytes(digits.as_bytes(), radix)
}

/// Integer binary operation on exact values. `Err` carries a message.
pub fn int_binop(op: &str, x: &BigInt, y: &BigInt) -> Result<BigInt, String> {
    Ok(match op {
        "+" => x + y,
        "-" => x - y,
        "*" => x * y,
        "/" => {
            if y.is_zero() {
                return Err("invalid operation: division by zero".into());
            }
            x / y // truncated, as Go
        }
        "%" => {
            if y.is_zero() {
                return Err("invalid operation: division by zero".into());
            }
            x % y
        }
        "&" => x & y,
        "|" => x | y,
        "^" => x ^ y,
        "&^" => x & !y,
        "<<" | ">>" => {
            let s = y.to_u64().unwrap_or(u64::MAX);
            if op == "<<" {
                if s > MAX_SHIFT {
                    return Err(format!("invalid shift count {y}"));
                }
                x << s as usize
            } else if s > 100_000 {
                if x.is_negative() {
                    -BigInt::one()
                } else {
                    BigInt::zero()
                }
            } else {
                // Arithmetic shift (floor), as Go's constant >>.
                x >> s as usize
            }
        }
        _ => unreachable!("int op {op}"),
    })
}

/// Comparison of exact values.
pub fn compare(op: &str, x: &CV, y: &CV) -> bool {
    match (x, y) {
        (CV::Int(a), CV::Int(b)) => match op {
            "==" => a == b,
            "!=" => a != b,
            "<" => a < b,
            "<=" => a <= b,
            ">" => a > b,
            ">=" => a >= b,
            _ => false,
        },
        (CV::Bool(a), CV::Bool(b)) => match op {
            "==" => a == b,
            "!=" => a != b,
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(v: i64) -> BigInt {
        BigInt::from(v)
    }

    #[test]
    fn literals() {
        assert_eq!(parse_int("0x_1F"), Some(b(31)));
        assert_eq!(parse_int("017"), Some(b(15)));
        assert_eq!(parse_int("0o17"), Some(b(15)));
        assert_eq!(parse_int("0b101"), Some(b(5)));
        assert_eq!(parse_int("1_000"), Some(b(1000)));
        assert_eq!(parse_int("0"), Some(b(0)));
    }

    #[test]
    fn arithmetic() {
        let big = int_binop("<<", &b(1), &b(100)).unwrap();
        assert_eq!(int_binop(">>", &big, &b(97)).unwrap(), b(8));
        assert_eq!(int_binop("/", &b(-7), &b(2)).unwrap(), b(-3));
        assert_eq!(int_binop("%", &b(-7), &b(2)).unwrap(), b(-1));
        assert_eq!(int_binop(">>", &b(-7), &b(1)).unwrap(), b(-4));
        assert_eq!(int_binop("&^", &b(0b1110), &b(0b0110)).unwrap(), b(8));
        assert!(int_binop("/", &b(1), &b(0)).is_err());
        assert!(int_binop("<<", &b(1), &b(5000)).is_err());
        assert!(!fits_int(&int_binop("<<", &b(1), &b(63)).unwrap()));
    }
}
