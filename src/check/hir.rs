//! The checked program: the contract between the Go front end (`syntax`, `check`) and the
//! code generator (`codegen`).
//!
//! The checker resolves every name, gives every expression its type, folds every constant
//! expression to a [`ExprKind::Const`], and desugars the constructs that need no special
//! code so that code generation stays small:
//!
//! - init statements of `if`, `for` and `switch` are hoisted into an enclosing
//!   [`Stmt::Block`];
//! - `for i, v := range x` becomes a [`Stmt::For`] over hidden locals (the array operand is
//!   evaluated once, copied when Go copies it, and a pointer operand is dereferenced, with
//!   its nil check, only when Go does);
//! - a tagged `switch` evaluates its tag once into a hidden local; every case becomes a
//!   `bool` condition;
//! - `return g()`, `f(g())` and bare `return` with named results are rewritten with hidden
//!   locals, so that a call with several results only ever appears as the right-hand side of
//!   [`Stmt::AssignCall`];
//! - `x op= y`, `x++` and `x--` become [`Stmt::OpAssign`], whose left side is evaluated once.
//!
//! What the checker guarantees (code generation may rely on it and need not re-check):
//! every expression is well typed, every left-hand side is addressable, every local is
//! declared before use, pointers only live in locals and parameters (never in globals,
//! arrays, results or behind another pointer), and every function with results ends in a
//! terminating statement.

/// A position in the source file: 1-based line and byte column, as Go reports them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in bytes (a tab is one column).
    pub col: u32,
}

/// A type of the language.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    /// `int`: 64-bit two's complement.
    Int,
    /// `bool`.
    Bool,
    /// `[len]elem`, a value type.
    Array(u64, Box<Type>),
    /// `*T`: a pointer into some goroutine stack (`T` is never a pointer).
    Pointer(Box<Type>),
    /// `chan T` (goroutine stage only).
    Chan(Box<Type>),
}

impl Type {
    /// Whether values of this type are pointers into the stack (what stack copying must
    /// relocate).
    pub fn is_pointer(&self) -> bool {
        matches!(self, Type::Pointer(_))
    }

    /// Whether this is an array type.
    pub fn is_array(&self) -> bool {
        matches!(self, Type::Array(..))
    }
}

/// Index of a function in [`Program::funcs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FuncId(pub u32);

/// Index of a package-level variable in [`Program::globals`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GlobalId(pub u32);

/// Index of a local variable in [`Func::locals`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LocalId(pub u32);

/// A whole checked program.
#[derive(Clone, Debug)]
pub struct Program {
    /// Package-level variables; their storage starts zeroed.
    pub globals: Vec<Global>,
    /// Every function of the source, in source order, followed by the synthesized
    /// package initializer (see [`Program::init`]).
    pub funcs: Vec<Func>,
    /// `main`.
    pub main: FuncId,
    /// A synthesized function with no parameters or results that initializes the
    /// package-level variables in Go's dependency order. It must run once, on the
    /// program's stack, before `main`.
    pub init: FuncId,
}

/// A package-level variable.
#[derive(Clone, Debug)]
pub struct Global {
    /// Source name.
    pub name: String,
    /// Its type (never a pointer).
    pub ty: Type,
    /// Where its name is declared.
    pub pos: Pos,
}

/// A function.
#[derive(Clone, Debug)]
pub struct Func {
    /// Source name (`"init$"` for the synthesized initializer).
    pub name: String,
    /// Position of the function's name in the source.
    pub pos: Pos,
    /// All locals. `locals[0..params]` are the parameters, in order (a parameter named `_`
    /// or unnamed still has a slot); `locals[params..params + results.len()]` are the
    /// result variables (named or not; Go zeroes them on entry). Then every other local,
    /// including the checker's hidden temporaries.
    pub locals: Vec<Local>,
    /// Number of parameters.
    pub params: usize,
    /// Result types.
    pub results: Vec<Type>,
    /// The body.
    pub body: Vec<Stmt>,
}

impl Func {
    /// The ids of the parameters.
    pub fn param_ids(&self) -> impl Iterator<Item = LocalId> {
        (0..self.params as u32).map(LocalId)
    }

    /// The ids of the result variables.
    pub fn result_ids(&self) -> impl Iterator<Item = LocalId> {
        (self.params as u32..(self.params + self.results.len()) as u32).map(LocalId)
    }
}

/// A local variable, parameter or result.
#[derive(Clone, Debug)]
pub struct Local {
    /// Source name (`_` for the blank identifier, `$...` for hidden temporaries).
    pub name: String,
    /// Its type.
    pub ty: Type,
    /// Whether `&` is ever applied to it, or to one of its elements: such a local must
    /// live in memory in the frame.
    pub addr_taken: bool,
}

/// A typed expression.
#[derive(Clone, Debug)]
pub struct Expr {
    /// What it computes.
    pub kind: ExprKind,
    /// Its type (for a call with several results, the type of the first; see
    /// [`Stmt::AssignCall`]).
    pub ty: Type,
    /// Position Go would report for it.
    pub pos: Pos,
}

/// The kinds of expression.
#[derive(Clone, Debug)]
pub enum ExprKind {
    /// A constant of type `int` or `bool` (`false` = 0, `true` = 1).
    Const(i64),
    /// `nil` of a pointer type (or channel type).
    Nil,
    /// A local variable (or parameter or result).
    Local(LocalId),
    /// A package-level variable.
    Global(GlobalId),
    /// A unary operator.
    Unary(UnOp, Box<Expr>),
    /// A binary operator. Both operands have the same type, except for shifts, whose right
    /// operand is an `int` that may be negative (a run-time panic) or 64 or more.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `base[index]`: `base` is an array (addressable or not) or a pointer to an array (a
    /// nil pointer panics). The index is checked against the length at run time unless
    /// constant (the checker rejects out-of-range constant indices on arrays).
    Index(Box<Expr>, Box<Expr>),
    /// `*p`: panics if `p` is nil.
    Deref(Box<Expr>),
    /// `&x`: `x` is addressable (a local, a parameter, an element of such an array, or the
    /// target of a pointer).
    AddrOf(Box<Expr>),
    /// A call of a function with exactly one result.
    Call(FuncId, Vec<Expr>),
    /// `len(x)` where it is not a constant (its operand has calls or receives): the
    /// operand is evaluated for its effects, and the result is the length of its array
    /// type (or the channel's length).
    Len(Box<Expr>),
    /// An array composite literal: the listed elements by index, every other element zero.
    /// Elements are evaluated in source order.
    ArrayLit(Vec<(u64, Expr)>),
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    /// `-x` (wraps).
    Neg,
    /// `!b`.
    Not,
    /// `^x`.
    BitNot,
}

/// Binary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+` (wraps).
    Add,
    /// `-` (wraps).
    Sub,
    /// `*` (wraps).
    Mul,
    /// `/`: panics on zero; `MinInt64 / -1` is `MinInt64`.
    Div,
    /// `%`: panics on zero; `MinInt64 % -1` is 0.
    Rem,
    /// `&`.
    And,
    /// `|`.
    Or,
    /// `^`.
    Xor,
    /// `&^`.
    AndNot,
    /// `<<`: negative count panics, 64 or more gives 0.
    Shl,
    /// `>>` (arithmetic): negative count panics, 64 or more gives 0 or -1.
    Shr,
    /// `==` on ints, bools, pointers, channels or arrays (element-wise).
    Eq,
    /// `!=`, as `Eq`.
    Ne,
    /// `<` on ints.
    Lt,
    /// `<=` on ints.
    Le,
    /// `>` on ints.
    Gt,
    /// `>=` on ints.
    Ge,
    /// `&&`, short-circuit.
    LogAnd,
    /// `||`, short-circuit.
    LogOr,
}

/// One argument of `print`/`println`.
#[derive(Clone, Debug)]
pub enum PrintArg {
    /// An `int` or `bool` value.
    Value(Expr),
    /// A string literal, escapes already decoded.
    Str(Vec<u8>),
}

/// The value given to `panic`.
#[derive(Clone, Debug)]
pub enum PanicArg {
    /// An `int` or `bool` value: printed as `panic: 42` / `panic: true`.
    Value(Expr),
    /// A string literal: printed as `panic: boom`.
    Str(Vec<u8>),
}

/// One case of a [`Stmt::Switch`].
#[derive(Clone, Debug)]
pub struct Case {
    /// Conditions, each of type `bool`, evaluated in order until one is true.
    pub conds: Vec<Expr>,
    /// The case's statements.
    pub body: Vec<Stmt>,
}

/// A statement.
#[derive(Clone, Debug)]
pub enum Stmt {
    /// A nested scope.
    Block(Vec<Stmt>),
    /// An expression evaluated for its effects (a call). A call with several results
    /// used as a statement appears here too; its results are discarded.
    Expr(Expr),
    /// Set a local to its type's zero value (a `var` declaration without a value; also
    /// emitted where a loop body re-declares a variable).
    Zero(LocalId),
    /// `lhs[0], lhs[1], ... = rhs[0], rhs[1], ...` with Go's two phases: first the index
    /// and pointer operands of every left side and every right side are evaluated, left to
    /// right; then the assignments happen left to right. `None` is the blank identifier
    /// (its right side is still evaluated). `lhs.len() == rhs.len()`.
    Assign(Vec<Option<Expr>>, Vec<Expr>),
    /// `lhs[0], lhs[1], ... = f(args)` for a call of a function with `lhs.len()` results.
    AssignCall(Vec<Option<Expr>>, FuncId, Vec<Expr>),
    /// `lhs op= rhs` (also `++`/`--` with a constant 1): the left side's operands are
    /// evaluated once.
    OpAssign(BinOp, Expr, Expr),
    /// `if cond { then } else { els }`.
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    /// `for cond { body; post }`: no condition means forever. `continue` runs `post`.
    For {
        /// Loop condition (`None`: `for {}`).
        cond: Option<Expr>,
        /// Run after the body and on `continue`.
        post: Vec<Stmt>,
        /// The body.
        body: Vec<Stmt>,
    },
    /// A switch: the first case with a true condition runs (conditions are tried in
    /// source order); if none, `default` runs. `break` leaves the switch.
    Switch {
        /// The cases, in source order, without the default.
        cases: Vec<Case>,
        /// The default case's statements, if there is one.
        default: Option<Vec<Stmt>>,
    },
    /// Leave the innermost `for` or `switch`.
    Break,
    /// Next iteration of the innermost `for`.
    Continue,
    /// Return these values (one per result; empty for a function without results).
    Return(Vec<Expr>),
    /// `print`/`println`.
    Print {
        /// The arguments.
        args: Vec<PrintArg>,
        /// `println`: spaces between arguments and a final newline.
        newline: bool,
    },
    /// `panic(v)`.
    Panic(PanicArg),
}
