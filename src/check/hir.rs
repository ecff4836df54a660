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
//! - `x op= y`, `x++` and `x--` become [`Stmt::OpAssign`], whose left side is evaluated once;
//! - `for v := range ch` over a channel becomes a [`Stmt::For`] without condition whose body
//!   starts with a [`Stmt::RecvOk`] into hidden locals and leaves the loop when the channel
//!   is closed (the channel operand is evaluated once, before the loop);
//! - a [`Stmt::Select`] refers to its channels and send values through hidden locals that
//!   statements before it assign, in source order, as Go evaluates them on entering the
//!   select; a receive case receives into hidden locals (or directly into the variables
//!   its `:=` declares), and an assignment `case x = <-ch:` becomes a [`Stmt::Assign`] at
//!   the start of the case's body.
//!
//! What the checker guarantees (code generation may rely on it and need not re-check):
//! every expression is well typed, every left-hand side is addressable, every local is
//! declared before use, pointers only live in locals and parameters (never in globals,
//! arrays, results or behind another pointer), and so do channels (never in globals,
//! arrays, results or behind a pointer; their element type is `int` or `bool`), the
//! arguments of a [`Stmt::Go`] are never pointers, and every function with results ends in
//! a terminating statement.
//!
//! Goroutines: [`Stmt::Go`], [`ExprKind::MakeChan`], [`Stmt::Send`], [`ExprKind::Recv`],
//! [`Stmt::RecvOk`], [`Stmt::Close`], [`Stmt::Select`], [`Stmt::Gosched`] and
//! [`ExprKind::NumGoroutine`] (`runtime.Gosched()` and `runtime.NumGoroutine()`). A
//! channel value is a reference (8 bytes; `nil` is 0) to a channel that lives outside
//! every stack; channels compare (`==`, `!=`) by identity.

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
    /// `chan T`, `T` being `int` or `bool`: a reference to a channel (`nil` or made by
    /// [`ExprKind::MakeChan`]).
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

    /// Whether this is a channel type.
    pub fn is_chan(&self) -> bool {
        matches!(self, Type::Chan(_))
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
    /// type (`x` is an array or a pointer to an array, never a channel).
    Len(Box<Expr>),
    /// An array composite literal: the listed elements by index, every other element zero.
    /// Elements are evaluated in source order.
    ArrayLit(Vec<(u64, Expr)>),
    /// `<-ch`: receives a value from the channel operand (of type `chan T`; the
    /// expression's type is `T`). Blocks until a value is available; a closed and drained
    /// channel yields `T`'s zero value at once; a nil channel blocks forever. Like a call,
    /// it may switch goroutines (the checker keeps Go's left-to-right order of calls and
    /// receives within a statement).
    Recv(Box<Expr>),
    /// `make(chan T)` / `make(chan T, cap)`: a new channel; the expression's type is
    /// `chan T`. `cap` is an `int` expression (`None`: unbuffered, capacity 0); a negative
    /// or too large capacity is Go's run-time panic `makechan: size out of range` (a
    /// constant one is rejected by the checker).
    MakeChan(Option<Box<Expr>>),
    /// `runtime.NumGoroutine()`: the number of goroutines that exist (including `main`'s),
    /// an `int`.
    NumGoroutine,
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

/// The communication of one [`SelectCase`]. Its operands and targets are
/// [`ExprKind::Local`]s of hidden locals (or of the variables a `:=` case declares), so
/// they have no effects and can be read or written at any time (see [`Stmt::Select`]).
#[derive(Clone, Debug)]
pub enum Comm {
    /// `case ch <- v:`: ready when the send can proceed; sending on a closed channel (if
    /// the case is chosen) panics with `send on closed channel`.
    Send {
        /// The channel (a local of type `chan T`).
        chan: Expr,
        /// The value (a local of type `T`).
        value: Expr,
    },
    /// `case <-ch:`, `case v := <-ch:`, `case v, ok := <-ch:`, `case x = <-ch:`: ready
    /// when a value can be received or the channel is closed. When the case is chosen the
    /// received value (zero if closed) is stored in `value` and whether it came from a
    /// send (not from the channel being closed) in `ok`, if present, before the body runs.
    Recv {
        /// The channel (a local of type `chan T`).
        chan: Expr,
        /// Where the received value goes (a local of type `T`).
        value: Option<Expr>,
        /// Where the `ok` flag goes (a local of type `bool`).
        ok: Option<Expr>,
    },
}

/// One case of a [`Stmt::Select`].
#[derive(Clone, Debug)]
pub struct SelectCase {
    /// The communication.
    pub comm: Comm,
    /// The case's statements, run after the communication.
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
    /// Leave the innermost `for`, `switch` or `select`.
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
    /// `go f(args)`: `args` (one per parameter of `func`, never pointers) are evaluated in
    /// order by the current goroutine, then a new goroutine starts running `func` with
    /// them; the current goroutine goes on at once. The results of `func`, if any, are
    /// discarded; when `func` returns the goroutine ends.
    Go {
        /// The function (declared in the program, not `main`'s initializer).
        func: FuncId,
        /// The arguments.
        args: Vec<Expr>,
        /// The `go` keyword.
        pos: Pos,
    },
    /// `ch <- value`: the channel, then the value are evaluated, then the value is sent:
    /// blocks until a receiver takes it (unbuffered) or there is room in the buffer.
    /// A closed channel panics with `send on closed channel`; a nil channel blocks
    /// forever.
    Send {
        /// The channel (type `chan T`).
        chan: Expr,
        /// The value (type `T`).
        value: Expr,
    },
    /// `value, ok = <-chan` (also `:=` and `var`), with Go's two phases as in
    /// [`Stmt::AssignCall`]: the index and pointer operands of the targets are evaluated,
    /// then the channel, then the receive happens (see [`ExprKind::Recv`]), then the
    /// received value (zero if the channel is closed and drained) is assigned to `value`
    /// and whether it came from a send to `ok` (type `bool`). `None` is the blank
    /// identifier.
    RecvOk {
        /// Target of the value.
        value: Option<Expr>,
        /// Target of the `ok` flag (of type `bool`).
        ok: Option<Expr>,
        /// The channel (type `chan T`).
        chan: Expr,
    },
    /// `close(ch)`: no more values will be sent; receivers drain the buffer, then get
    /// zero values. Panics with `close of closed channel` (already closed) or
    /// `close of nil channel`.
    Close(Expr),
    /// `select`: every case's channel and send value has been evaluated into hidden locals
    /// by the statements before this one (in source order, once). Then, if one or more
    /// cases are ready, one of them is chosen uniformly at random and its communication
    /// happens; otherwise `default` runs if present, else the goroutine blocks until a case
    /// is ready (a case on a nil channel is never ready; `select {}` blocks forever).
    /// Then the chosen case's body runs. `break` leaves the select.
    Select {
        /// The communication cases, in source order.
        cases: Vec<SelectCase>,
        /// The default case's statements, if there is one.
        default: Option<Vec<Stmt>>,
        /// The `select` keyword.
        pos: Pos,
    },
    /// `runtime.Gosched()`: yields the processor, letting other goroutines run; the
    /// current goroutine stays runnable. The position is the call's.
    Gosched(Pos),
}
