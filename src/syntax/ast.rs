//! The syntax tree produced by the parser. Positions are where Go's type checker reports
//! errors about a node: the node's first token.

use crate::check::hir::Pos;

/// An identifier and its position.
#[derive(Clone, Debug)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Where it is.
    pub pos: Pos,
}

/// A type as written.
#[derive(Clone, Debug)]
pub enum TypeExpr {
    /// A type name (`int`, `bool`, or anything else, resolved by the checker).
    Name(Ident),
    /// `[len]elem`, or `[...]elem` (`len` is `None`) in a composite literal.
    Array {
        /// The `[`.
        pos: Pos,
        /// The length expression.
        len: Option<Box<Expr>>,
        /// The element type.
        elem: Box<TypeExpr>,
    },
    /// `*elem`.
    Pointer {
        /// The `*`.
        pos: Pos,
        /// The pointed-to type.
        elem: Box<TypeExpr>,
    },
    /// `chan elem` (bidirectional; directional channel types are outside the subset and
    /// already reported).
    Chan {
        /// The `chan` keyword.
        pos: Pos,
        /// The element type.
        elem: Box<TypeExpr>,
    },
    /// A parenthesized type.
    Paren(Box<TypeExpr>),
    /// A type outside the subset (slice, map, struct, ...): already reported.
    Unsupported(Pos),
}

impl TypeExpr {
    /// The position of the type's first token.
    pub fn pos(&self) -> Pos {
        match self {
            TypeExpr::Name(i) => i.pos,
            TypeExpr::Array { pos, .. }
            | TypeExpr::Pointer { pos, .. }
            | TypeExpr::Chan { pos, .. } => *pos,
            TypeExpr::Paren(t) => t.pos(),
            TypeExpr::Unsupported(p) => *p,
        }
    }
}

/// An expression.
#[derive(Clone, Debug)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Its first token's position.
    pub pos: Pos,
}

/// The kinds of expression.
#[derive(Clone, Debug)]
pub enum ExprKind {
    /// A name.
    Ident(String),
    /// An integer literal (source text).
    Int(String),
    /// A string literal (decoded bytes).
    Str(Vec<u8>),
    /// `(x)`.
    Paren(Box<Expr>),
    /// A unary operator (`+ - ! ^ * &`).
    Unary(&'static str, Box<Expr>),
    /// `<-x`, a receive (the expression's position is the `<-`).
    Recv(Box<Expr>),
    /// A binary operator; `op_pos` is the operator's position.
    Binary(&'static str, Box<Expr>, Box<Expr>, Pos),
    /// `fun(args)`.
    Call {
        /// The called expression.
        fun: Box<Expr>,
        /// The arguments.
        args: Vec<Expr>,
        /// The `(` (where gc places the call node itself).
        lparen: Pos,
        /// The `)`.
        rparen: Pos,
    },
    /// `x.name`: a package member (`runtime.Gosched`); anything else is outside the
    /// subset (reported by the checker).
    Selector(Box<Expr>, Ident),
    /// `base[index]`.
    /// `x[i]`; the position is the `[` (where Go reports an index error).
    Index(Box<Expr>, Box<Expr>, Pos),
    /// A composite literal `T{elems}` (`key: value` elements have a key).
    Composite {
        /// The literal's type.
        ty: Box<TypeExpr>,
        /// Elements: `(key and the position of its colon, value)`.
        elems: Vec<(Option<(Expr, Pos)>, Expr)>,
        /// The `}`.
        rbrace: Pos,
    },
    /// A type in expression position (`[3]int` in `[3]int(x)`, `*int` is `Unary("*")`).
    Type(Box<TypeExpr>),
    /// Something outside the subset: already reported.
    Unsupported,
}

/// A block `{ ... }`.
#[derive(Clone, Debug)]
pub struct Block {
    /// The statements.
    pub stmts: Vec<Stmt>,
    /// The `{`.
    pub lbrace: Pos,
    /// The `}`.
    pub rbrace: Pos,
}

/// A `var` specification.
#[derive(Clone, Debug)]
pub struct VarSpec {
    /// The declared names.
    pub names: Vec<Ident>,
    /// The type, if written.
    pub ty: Option<TypeExpr>,
    /// The initial values.
    pub values: Vec<Expr>,
}

/// A `const` specification (with Go's implicit repetition already applied).
#[derive(Clone, Debug)]
pub struct ConstSpec {
    /// The declared names.
    pub names: Vec<Ident>,
    /// The type, if written.
    pub ty: Option<TypeExpr>,
    /// The values.
    pub values: Vec<Expr>,
    /// `iota` for this spec.
    pub iota: i64,
    /// Whether `values` were copied from an earlier spec (implicit repetition).
    pub implicit: bool,
}

/// One `case` (or `default`) clause.
#[derive(Clone, Debug)]
pub struct CaseClause {
    /// The `case`/`default` keyword.
    pub pos: Pos,
    /// The expressions (`None` for `default`).
    pub exprs: Option<Vec<Expr>>,
    /// The statements.
    pub body: Vec<Stmt>,
    /// Position of the clause's `:`.
    pub colon: Pos,
}

/// One clause of a `select`.
#[derive(Clone, Debug)]
pub struct CommClause {
    /// The `case`/`default` keyword.
    pub pos: Pos,
    /// The communication (`None` for `default`): a simple statement, which the checker
    /// requires to be a send, a receive, or an assignment or short variable declaration
    /// whose right side is a receive.
    pub comm: Option<Box<Stmt>>,
    /// The statements.
    pub body: Vec<Stmt>,
}

/// A statement.
#[derive(Clone, Debug)]
pub enum Stmt {
    /// An empty statement.
    Empty,
    /// An expression statement.
    Expr(Expr),
    /// `var ...`.
    Var(Vec<VarSpec>),
    /// `const ...`.
    Const(Vec<ConstSpec>),
    /// `a, b := x, y`; `pos` is the first left side's position.
    Define {
        /// Left sides (must be identifiers).
        lhs: Vec<Expr>,
        /// Right sides.
        rhs: Vec<Expr>,
        /// The `:=`.
        op_pos: Pos,
    },
    /// `a, b = x, y`.
    Assign {
        /// Left sides.
        lhs: Vec<Expr>,
        /// Right sides.
        rhs: Vec<Expr>,
        /// The `=`.
        op_pos: Pos,
    },
    /// `x op= y` (`op` without the `=`).
    OpAssign {
        /// The operator (`+`, `<<`, ...).
        op: &'static str,
        /// Left side.
        lhs: Expr,
        /// Right side.
        rhs: Expr,
        /// The operator's position.
        op_pos: Pos,
    },
    /// `x++` / `x--`.
    IncDec {
        /// The operand.
        lhs: Expr,
        /// `++`.
        inc: bool,
        /// The operator's position.
        op_pos: Pos,
    },
    /// `if`.
    If {
        /// The `if` keyword.
        pos: Pos,
        /// Init statement.
        init: Option<Box<Stmt>>,
        /// Condition.
        cond: Expr,
        /// Then block.
        then: Block,
        /// `else` branch: an `If` or a `Block`.
        els: Option<Box<Stmt>>,
    },
    /// `for init; cond; post { }`.
    For {
        /// The `for` keyword.
        pos: Pos,
        /// Init statement.
        init: Option<Box<Stmt>>,
        /// Condition.
        cond: Option<Expr>,
        /// Post statement.
        post: Option<Box<Stmt>>,
        /// Body.
        body: Block,
    },
    /// `for k, v := range x { }`.
    Range {
        /// The `for` keyword.
        pos: Pos,
        /// Key (index) expression.
        key: Option<Expr>,
        /// Value expression.
        value: Option<Expr>,
        /// `:=` (else `=`, or nothing).
        define: bool,
        /// The ranged-over expression.
        x: Expr,
        /// Body.
        body: Block,
    },
    /// `switch init; tag { cases }`.
    Switch {
        /// The `switch` keyword.
        pos: Pos,
        /// Init statement.
        init: Option<Box<Stmt>>,
        /// Tag.
        tag: Option<Expr>,
        /// Clauses.
        cases: Vec<CaseClause>,
        /// The `}`.
        rbrace: Pos,
    },
    /// `ch <- value`.
    Send {
        /// The channel operand.
        ch: Expr,
        /// The value sent.
        value: Expr,
        /// The `<-`.
        arrow: Pos,
    },
    /// `go call`: the parser made sure `call` is a call expression.
    Go {
        /// The `go` keyword.
        pos: Pos,
        /// The call.
        call: Expr,
    },
    /// `select { clauses }`.
    Select {
        /// The `select` keyword.
        pos: Pos,
        /// The clauses in source order.
        cases: Vec<CommClause>,
    },
    /// A block.
    Block(Block),
    /// `break` (label already rejected).
    Break(Pos),
    /// `continue`.
    Continue(Pos),
    /// `return values`.
    Return {
        /// The `return` keyword.
        pos: Pos,
        /// The values.
        values: Vec<Expr>,
    },
    /// A statement outside the subset (already reported).
    Unsupported,
}

/// A parameter or result (`name` is `None` when unnamed).
#[derive(Clone, Debug)]
pub struct Param {
    /// The name.
    pub name: Option<Ident>,
    /// The type.
    pub ty: TypeExpr,
}

/// A function declaration.
#[derive(Clone, Debug)]
pub struct FuncDecl {
    /// The name.
    pub name: Ident,
    /// Parameters.
    pub params: Vec<Param>,
    /// Results.
    pub results: Vec<Param>,
    /// The body (`None`: declared without one).
    pub body: Option<Block>,
}

/// A top-level declaration.
#[derive(Clone, Debug)]
pub enum Decl {
    /// `func`.
    Func(FuncDecl),
    /// `var`.
    Var(Vec<VarSpec>),
    /// `const`.
    Const(Vec<ConstSpec>),
}

/// An import declaration's spec that the subset allows (`import "runtime"`).
#[derive(Clone, Debug)]
pub struct Import {
    /// The explicit package name (`import rt "runtime"`), if any (`_` included).
    pub name: Option<Ident>,
    /// The import path (`runtime`).
    pub path: String,
    /// The path's string literal.
    pub pos: Pos,
}

/// A parsed file.
#[derive(Clone, Debug)]
pub struct File {
    /// The package name.
    pub package: Ident,
    /// The imports the subset allows (others are reported as subset errors).
    pub imports: Vec<Import>,
    /// Top-level declarations in source order.
    pub decls: Vec<Decl>,
}
