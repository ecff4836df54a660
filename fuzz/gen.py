#!/usr/bin/env python3
"""Generator of random programs of morestack's Go subset (issue 9, point 6).

`generate(seed)` returns the text of one program: valid Go that `go build` accepts (no
unused variables, no constant overflow or constant division by zero, no out-of-range
constant index, every function ends in a return), deterministic (no goroutines, no maps)
and terminating (loops have constant trip counts, recursion a decreasing depth, and a cost
model keeps the whole run at a few million basic steps). The same seed always gives the
same program, byte for byte.

What the programs exercise (LANGUAGE.md's core subset):

* int arithmetic that wraps, `&^`, shifts by masked counts (some of them >= 64), division
  and remainder by divisors that cannot be zero (`y|1`, `y&7 + 1`);
* bool expressions, comparisons of ints, arrays and pointers;
* 1-D and 2-D arrays of int and bool: literals (positional and keyed), copies, passing and
  returning by value, `==`/`!=`, `range` over arrays and array pointers;
* pointers to locals, parameters, array elements and whole arrays, only ever passed DOWN
  to callees (never returned or stored), dereferenced and indexed there;
* functions with several results (named or not), `a, b := f()`, `f(g())`, `return g()`;
* recursion 10^3..10^5 levels deep, some of it with big frames and pointers into the
  frames of the callers far up the stack (what the copying strategy must relocate);
* big frames (local arrays of several KiB), loops of the three forms, `break`,
  `continue`, tagged and tagless `switch`, package-level variables initialized in
  dependency order, constant groups with `iota`;
* at the end of some programs a run-time panic: index out of range (also at depth),
  nil dereference, division by zero, negative shift, explicit `panic(v)`.

Every function folds what it computes into a checksum that is printed with `println`, so
a wrong value shows as a different output.

Things being fixed elsewhere are avoided on purpose: no chain of more than a few binary
operators, at most 16 parameters (a few functions 65 to 130), frames well below 10 MB, switches of at most 8 cases.

Usage: python3 fuzz/gen.py SEED [--size small|normal|big]  (prints the program)
"""

import random
import re
import sys

INT = "int"
BOOL = "bool"
INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1


def arr(n, elem):
    """The array type [n]elem."""
    return ("arr", n, elem)


def ptr(t):
    """The pointer type *t."""
    return ("ptr", t)


def is_arr(t):
    return isinstance(t, tuple) and t[0] == "arr"


def is_ptr(t):
    return isinstance(t, tuple) and t[0] == "ptr"


def tstr(t):
    """Go spelling of a type."""
    if t in (INT, BOOL):
        return t
    if is_arr(t):
        return "[%d]%s" % (t[1], tstr(t[2]))
    return "*" + tstr(t[1])


def tsize(t):
    """Size in 8-byte words (bools counted as words: only used for the cost model)."""
    if is_arr(t):
        return t[1] * tsize(t[2])
    return 1


def go_div(a, b):
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def go_mod(a, b):
    return a - go_div(a, b) * b


def in_range(v):
    return isinstance(v, bool) or INT64_MIN <= v <= INT64_MAX


class Var:
    """A variable in scope: its Go name and type, whether something has read it yet."""

    def __init__(self, name, typ, kind="local", readonly=False):
        self.name = name
        self.typ = typ
        self.kind = kind  # local, param, global, result
        self.used = kind != "local"
        self.decl_line = None  # index in the function's lines of the line declaring it
        self.readonly = readonly  # loop variables: never assigned (termination)


class Expr:
    """An expression's text and, when it is a Go constant, its exact value."""

    def __init__(self, text, const=None):
        self.text = text
        self.const = const


class Func:
    """A generated function: signature, estimated cost and text."""

    def __init__(self, name, params, results, named=False):
        self.name = name
        self.params = params  # [(name, type)]
        self.results = results  # [type]
        self.named = named
        self.cost = 1
        self.text = ""
        self.rec = False
        self.prints = False


class Generator:
    """One program. `program()` returns its text."""

    SIZES = {"small": (3, 5), "normal": (5, 9), "big": (8, 14)}

    def __init__(self, seed, size="normal"):
        self.rng = random.Random(seed)
        self.seed = seed
        lo, hi = self.SIZES[size]
        self.nfuncs = self.rng.randint(lo, hi)
        self.funcs = []
        self.globals = []
        self.lines = []
        self.counter = 0
        self.in_rec = False
        self.prints = False

    # ---------------------------------------------------------------- utilities
    def chance(self, p):
        return self.rng.random() < p

    def fresh(self, prefix):
        self.counter += 1
        return "%s%d" % (prefix, self.counter)

    def emit(self, text):
        self.lines.append("\t" * self.indent + text)

    def rand_type(self, allow_ptr=False, small=True):
        r = self.rng.random()
        if r < 0.45:
            t = INT
        elif r < 0.6:
            t = BOOL
        elif r < 0.85:
            n = self.rng.choice([1, 2, 3, 4, 5, 8, 16] if small else [8, 16, 64, 100, 256])
            t = arr(n, INT if self.chance(0.8) else BOOL)
        else:
            t = arr(self.rng.randint(1, 4), arr(self.rng.randint(1, 5), INT if self.chance(0.8) else BOOL))
        if allow_ptr and self.chance(0.3):
            t = ptr(t)
        return t

    # ---------------------------------------------------------------- scopes
    def push(self):
        self.scopes.append([])

    def flush(self):
        """Every local of the innermost block nobody read yet is read into the checksum.
        A read inside an expression the generator then threw away does not count: the
        name must also appear in a line written after the declaration."""
        for v in self.scopes[-1]:
            if v.kind != "local":
                continue
            if v.decl_line is None:
                if not v.used:
                    self.use_var(v)
                continue
            if not v.used or not re.search(r"\b%s\b" % v.name, "\n".join(self.lines[v.decl_line + 1:])):
                self.use_var(v)

    def pop(self):
        """Leaves a block (after flush)."""
        self.flush()
        self.scopes.pop()

    def declare(self, name, typ, readonly=False):
        v = Var(name, typ, "local", readonly)
        v.decl_line = len(self.lines) - 1
        self.scopes[-1].append(v)
        return v

    def visible(self):
        seen = {}
        for g in self.globals:
            seen[g.name] = g
        for sc in self.scopes:
            for v in sc:
                seen[v.name] = v
        return list(seen.values())

    def vars_of(self, typ, writable=False, addressable=False):
        out = []
        for v in self.visible():
            if v.typ != typ:
                continue
            if writable and v.readonly:
                continue
            if addressable and v.kind == "global":
                continue
            out.append(v)
        return out

    def read(self, v):
        v.used = True
        return v.name

    def use_var(self, v):
        """Folds the value of v into the function's checksum `h` (this reads v)."""
        self.emit("h = h*31 + %s" % self.fold(Expr(self.read(v)), v.typ))

    def fold(self, e, typ):
        """An int expression that depends on the value of e (of type typ)."""
        if typ == INT:
            return "(%s)" % e.text
        if typ == BOOL:
            return "b2i(%s)" % e.text
        if is_ptr(typ):  # p[i] indexes through an array pointer
            return self.fold(Expr("*" + e.text) if not is_arr(typ[1]) else e, typ[1])
        if typ[1] == 0:
            return "0"
        idx = self.rng.randrange(typ[1])
        return self.fold(Expr("%s[%d]" % (e.text, idx)), typ[2])

    # ---------------------------------------------------------------- expressions
    def const_int(self):
        r = self.rng.random()
        if r < 0.6:
            v = self.rng.randint(-9, 40)
        elif r < 0.8:
            v = self.rng.choice([255, 256, 1000, 65535, 1 << 31, 1 << 32, -(1 << 31), 1 << 62])
        else:
            v = self.rng.choice([INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1, 0x5555555555555555, -12345678901])
        if v < 0:
            return Expr("(%d)" % v if v != INT64_MIN else "(-9223372036854775808)", v)
        style = self.rng.random()
        if style < 0.75 or v > (1 << 40):
            txt = str(v)
        elif style < 0.85:
            txt = hex(v)
        elif style < 0.9:
            txt = "0o%o" % v
        elif style < 0.95:
            txt = "0b" + bin(v)[2:]
        else:
            txt = "%d" % v if v < 1000 else "{:_}".format(v)
        return Expr(txt, v)

    def nonconst_int(self):
        """A read of an int variable, never a constant (there is always the global gseven)."""
        v = self.rng.choice([v for v in self.vars_of(INT) if v.kind != "const"])
        return Expr(self.read(v))

    def int_name(self):
        """A read of an int variable or of a local constant (with its value)."""
        v = self.rng.choice(self.vars_of(INT))
        return Expr(self.read(v), getattr(v, "value", None))

    def index(self, n, depth):
        """An in-range index expression for an array of length n."""
        r = self.rng.random()
        if r < 0.25:
            v = self.rng.randrange(n)
            return Expr(str(v), v)
        loops = [v for v in self.visible() if v.readonly and v.typ == INT and getattr(v, "bound", None) is not None and v.bound <= n]
        if loops and r < 0.45:
            return Expr(self.read(self.rng.choice(loops)))
        e = self.int_expr(depth - 1)
        if e.const is not None:
            v = go_mod(e.const, n)
            v = v + n if v < 0 else v
            return Expr(str(v), v)
        if n & (n - 1) == 0:
            return Expr("%s&%d" % (self.paren(e), n - 1))
        return Expr("(%s%%%d+%d)%%%d" % (self.paren(e), n, n, n))

    def paren(self, e):
        t = e.text
        if t.replace("_", "").isalnum() or (t.startswith("(") and t.endswith(")") and self.balanced(t[1:-1])):
            return t
        return "(" + t + ")"

    @staticmethod
    def balanced(s):
        d = 0
        for c in s:
            if c == "(":
                d += 1
            elif c == ")":
                d -= 1
                if d < 0:
                    return False
        return d == 0

    def elem_read(self, typ, depth):
        """a[i], p[i], m[i][j] of element type typ, or None."""
        cands = []
        for v in self.visible():
            t = v.typ
            if is_ptr(t):
                t = t[1]
            if not is_arr(t) or t[1] == 0:
                continue
            if t[2] == typ:
                cands.append((v, [t[1]]))
            elif is_arr(t[2]) and t[2][2] == typ and t[2][1] > 0:
                cands.append((v, [t[1], t[2][1]]))
        if not cands:
            return None
        v, dims = self.rng.choice(cands)
        txt = self.read(v)
        for n in dims:
            txt += "[%s]" % self.index(n, depth).text
        return Expr(txt)

    def int_leaf(self, depth):
        r = self.rng.random()
        if r < 0.3:
            return self.const_int()
        if r < 0.55:
            e = self.elem_read(INT, depth)
            if e:
                return e
        if r < 0.65:
            ps = self.vars_of(ptr(INT))
            if ps:
                return Expr("*" + self.read(self.rng.choice(ps)))
        if r < 0.7:
            arrs = [v for v in self.visible() if is_arr(v.typ) or (is_ptr(v.typ) and is_arr(v.typ[1]))]
            if arrs:
                v = self.rng.choice(arrs)
                n = v.typ[1] if is_arr(v.typ) else v.typ[1][1]
                return Expr("len(%s)" % v.name, n)  # a constant: not a use of v
        return self.int_name()

    def int_expr(self, depth):
        if depth <= 0 or self.chance(0.3):
            return self.int_leaf(depth)
        r = self.rng.random()
        if r < 0.1:
            op = self.rng.choice(["-", "^", "+"])
            e = self.int_expr(depth - 1)
            txt = op + self.paren(e)
            if e.const is not None:
                v = {"-": -e.const, "^": ~e.const, "+": e.const}[op]
                if in_range(v):
                    return Expr(txt, v)
                return self.int_expr(depth - 1)
            return Expr(txt)
        if r < 0.15:
            b = self.bool_expr(depth - 1)
            return Expr("b2i(%s)" % b.text)
        op = self.rng.choice(["+", "-", "*", "&", "|", "^", "&^", "/", "%", "<<", ">>", "+", "-", "*"])
        a = self.int_expr(depth - 1)
        if op in ("/", "%"):
            b = self.int_expr(depth - 1)
            if self.chance(0.5):
                b = Expr("%s|1" % self.paren(b), None if b.const is None else b.const | 1)
            else:
                b = Expr("%s&7 + 1" % self.paren(b), None if b.const is None else (b.const & 7) + 1)
            if b.const == 0:
                b = Expr("1", 1)
        elif op in ("<<", ">>"):
            b = self.int_expr(depth - 1)
            mask = self.rng.choice([7, 15, 31, 63, 63, 127])
            b = Expr("%s&%d" % (self.paren(b), mask), None if b.const is None else b.const & mask)
        else:
            b = self.int_expr(depth - 1)
        if op in ("<<", ">>") and a.const is not None and b.const is None:
            a = self.nonconst_int()  # keep untyped constant shifts out of it
        txt = "%s %s %s" % (self.paren(a), op, self.paren(b))
        if a.const is not None and b.const is not None:
            x, y = a.const, b.const
            v = None
            if op == "+":
                v = x + y
            elif op == "-":
                v = x - y
            elif op == "*":
                v = x * y
            elif op == "&":
                v = x & y
            elif op == "|":
                v = x | y
            elif op == "^":
                v = x ^ y
            elif op == "&^":
                v = x & ~y
            elif op == "/" and y != 0:
                v = go_div(x, y)
            elif op == "%" and y != 0:
                v = go_mod(x, y)
            elif op == "<<" and 0 <= y < 200:
                v = x << y
            elif op == ">>" and 0 <= y < 200:
                v = x >> y
            if v is None or not in_range(v):
                if op in ("<<", ">>"):  # a variable shifted (Go 1.19 can crash on `const << var`)
                    return Expr("%s %s %s" % (self.nonconst_int().text, op, self.paren(b)))
                txt = "%s %s %s" % (self.paren(a), op, self.paren(self.nonconst_int()) if op not in ("/", "%") else "(%s&7 + 1)" % self.nonconst_int().text)
                return Expr(txt)
            return Expr(txt, v)
        return Expr(txt)

    def bool_expr(self, depth):
        r = self.rng.random()
        if depth <= 0 or r < 0.15:
            r2 = self.rng.random()
            if r2 < 0.3:
                e = self.elem_read(BOOL, depth)
                if e:
                    return e
            if r2 < 0.6:
                vs = self.vars_of(BOOL)
                if vs:
                    return Expr(self.read(self.rng.choice(vs)))
            if r2 < 0.7:
                ps = self.vars_of(ptr(BOOL))
                if ps:
                    return Expr("*" + self.read(self.rng.choice(ps)))
            if r2 < 0.8:
                b = self.chance(0.5)
                return Expr("true" if b else "false", b)
            a, b = self.int_expr(0), self.int_expr(0)
            return Expr("%s < %s" % (self.paren(a), self.paren(b)))
        if r < 0.55:
            op = self.rng.choice(["==", "!=", "<", "<=", ">", ">="])
            a, b = self.int_expr(depth - 1), self.int_expr(depth - 1)
            return Expr("%s %s %s" % (self.paren(a), op, self.paren(b)))
        if r < 0.7:
            op = self.rng.choice(["&&", "||"])
            a, b = self.bool_expr(depth - 1), self.bool_expr(depth - 1)
            return Expr("%s %s %s" % (self.paren(a), op, self.paren(b)))
        if r < 0.78:
            return Expr("!" + self.paren(self.bool_expr(depth - 1)))
        if r < 0.9:
            arrs = [v for v in self.visible() if is_arr(v.typ)]
            if arrs:
                v = self.rng.choice(arrs)
                other = self.value_expr(v.typ, depth - 1)
                return Expr("%s %s %s" % (self.read(v), self.rng.choice(["==", "!="]), other.text))
        ps = [v for v in self.visible() if is_ptr(v.typ)]
        if ps:
            v = self.rng.choice(ps)
            same = [w for w in ps if w.typ == v.typ]
            if self.chance(0.3):
                return Expr("%s != nil" % self.read(v))
            w = self.rng.choice(same)
            return Expr("%s %s %s" % (self.read(v), self.rng.choice(["==", "!="]), self.read(w)))
        return self.bool_expr(0)

    def literal(self, typ, depth, elided=False):
        """A composite literal of array type typ (without its type inside an outer one)."""
        n, el = typ[1], typ[2]
        head = "" if elided else tstr(typ)
        if n == 0:
            return Expr("%s{}" % head)
        r = self.rng.random()
        if n > 16 or r < 0.25:
            keys = sorted(self.rng.sample(range(n), min(n, self.rng.randint(0, 3))))
            parts = ["%d: %s" % (k, self.elem_lit(el, depth)) for k in keys]
            return Expr("%s{%s}" % (head, ", ".join(parts)))
        k = n if r < 0.8 else self.rng.randint(0, n)
        parts = [self.elem_lit(el, depth) for _ in range(k)]
        if k == n and not elided and self.chance(0.3):
            head = "[...]" + tstr(el)
        return Expr("%s{%s}" % (head, ", ".join(parts)))

    def elem_lit(self, el, depth):
        if is_arr(el):
            # elided element type inside the outer literal
            return self.literal(el, depth, elided=True).text
        return self.value_expr(el, depth - 1).text

    def value_expr(self, typ, depth):
        """An expression of type typ without calls (pointer types excluded)."""
        if typ == INT:
            return self.int_expr(depth)
        if typ == BOOL:
            return self.bool_expr(depth)
        assert is_arr(typ)
        cands = [Expr(v.name, v) for v in self.vars_of(typ)]
        for v in self.vars_of(ptr(typ)):
            cands.append(Expr("*" + v.name, v))
        for v in self.visible():
            t = v.typ[1] if is_ptr(v.typ) else v.typ
            if is_arr(t) and t[2] == typ and t[1] > 0:
                cands.append(Expr(None, (v, t)))
        if cands and self.chance(0.75):
            c = self.rng.choice(cands)
            if c.text is None:
                v, t = c.const
                return Expr("%s[%s]" % (self.read(v), self.index(t[1], depth).text))
            c.const.used = True
            return Expr(c.text)
        return self.literal(typ, depth)

    def addr_of(self, typ):
        """An expression of type *typ (non-nil), declaring a fresh local if needed."""
        r = self.rng.random()
        ps = self.vars_of(ptr(typ))
        if ps and r < 0.35:
            return self.read(self.rng.choice(ps))
        ls = self.vars_of(typ, writable=True, addressable=True)
        if ls and r < 0.7:
            return "&" + self.read(self.rng.choice(ls))
        # element of a local array or of an array behind a pointer
        cands = []
        for v in self.visible():
            if v.kind == "global":
                continue
            t = v.typ[1] if is_ptr(v.typ) else v.typ
            if is_arr(t) and t[2] == typ and t[1] > 0:
                cands.append((v, t))
        if cands and r < 0.9:
            v, t = self.rng.choice(cands)
            return "&%s[%s]" % (self.read(v), self.index(t[1], 1).text)
        name = self.fresh("t")
        self.emit("var %s %s" % (name, tstr(typ)))
        v = self.declare(name, typ)
        if typ == INT:
            self.emit("%s = %s" % (name, self.int_expr(2).text))
        return "&" + self.read(v)

    # ---------------------------------------------------------------- statements
    def lvalue(self, typ):
        """A writable place of type typ (variable, element, *p), or None."""
        if typ in (INT, BOOL) and self.chance(0.5):
            e = self.elem_read(typ, 2)
            if e:
                return e.text
        opts = [(v.name, None) for v in self.vars_of(typ, writable=True)]
        opts += [("*" + v.name, v) for v in self.vars_of(ptr(typ))]
        if not opts:
            return None
        txt, v = self.rng.choice(opts)
        if v is not None:
            self.read(v)
        return txt

    def callable(self, want_results=None):
        """Callees the current function may call given the loop multiplier."""
        out = []
        for f in self.callees:
            if self.spent + f.cost * self.mult > self.budget:
                continue
            if want_results is not None and f.results != want_results:
                continue
            if self.in_rec and f.prints:
                continue
            out.append(f)
        return out

    def call_args(self, f):
        args = []
        for _, t in f.params:
            if is_ptr(t):
                args.append(self.addr_of(t[1]))
            else:
                args.append(self.value_expr(t, 2).text)
        return "%s(%s)" % (f.name, ", ".join(args))

    def call_stmt(self):
        fs = self.callable()
        if not fs:
            return False
        f = self.rng.choice(fs)
        self.prints |= f.prints
        self.spent += f.cost * self.mult
        # f(g()) where g's results are exactly f's parameter types
        inner = None
        if f.params and all(not is_ptr(t) for _, t in f.params) and self.chance(0.4):
            gs = [g for g in self.callable([t for _, t in f.params]) if g is not f]
            if gs:
                g = self.rng.choice(gs)
                self.prints |= g.prints
                self.spent += g.cost * self.mult
                inner = "%s(%s)" % (f.name, self.call_args(g))
        call = inner or self.call_args(f)
        if not f.results:
            self.emit(call)
            return True
        names = []
        for t in f.results:
            if self.chance(0.15):
                names.append("_")
                continue
            # only variables of the innermost block: `:=` would shadow any other
            existing = [v for v in self.scopes[-1] if v.typ == t and not v.readonly and v.kind == "local" and ("=", v) not in names]
            if existing and self.chance(0.3):
                names.append(("=", self.rng.choice(existing)))
            else:
                names.append(("new", t))
        if all(n == "_" for n in names):
            self.emit("%s = %s" % (", ".join(names), call) if len(names) > 1 else "_ = %s" % call)
            return True
        has_new = any(isinstance(n, tuple) and n[0] == "new" for n in names)
        texts = []
        new_vars = []
        for n in names:
            if n == "_":
                texts.append("_")
            elif n[0] == "=":
                texts.append(n[1].name)
            else:
                nm = self.fresh("v")
                texts.append(nm)
                new_vars.append((nm, n[1]))
        if has_new:
            # := needs at least one new name on the left; existing ones are assigned
            self.emit("%s := %s" % (", ".join(texts), call))
        else:
            self.emit("%s = %s" % (", ".join(texts), call))
        for nm, t in new_vars:
            self.declare(nm, t)
        return True

    def decl_stmt(self):
        t = self.rand_type()
        name = self.fresh("x")
        r = self.rng.random()
        if is_arr(t) and r < 0.3:
            self.emit("var %s %s" % (name, tstr(t)))
        else:
            e = self.value_expr(t, 3)
            if r < 0.7 or (t == INT and e.const is not None):
                if t == INT and e.const is not None:
                    self.emit("var %s int = %s" % (name, e.text))
                else:
                    self.emit("%s := %s" % (name, e.text))
            else:
                self.emit("var %s = %s" % (name, e.text))
        self.declare(name, t)

    def ptr_decl_stmt(self):
        t = self.rand_type()
        name = self.fresh("p")
        a = self.addr_of(t)
        self.emit("%s := %s" % (name, a))
        self.declare(name, ptr(t))

    def assign_stmt(self):
        t = INT if self.chance(0.6) else self.rand_type()
        lv = self.lvalue(t)
        if lv is None:
            return self.decl_stmt()
        if t == INT and self.chance(0.35):
            op = self.rng.choice(["+=", "-=", "*=", "|=", "&=", "^=", "&^=", "<<=", ">>=", "/=", "%=", "++", "--"])
            if op in ("++", "--"):
                self.emit("%s%s" % (lv, op))
                return
            e = self.int_expr(2)
            if op in ("/=", "%="):
                e = Expr("%s|1" % self.paren(e))
            elif op in ("<<=", ">>="):
                e = Expr("%s&63" % self.paren(e))
            self.emit("%s %s %s" % (lv, op, e.text))
            return
        self.emit("%s = %s" % (lv, self.value_expr(t, 3).text))

    def tuple_stmt(self):
        a = self.vars_of(INT, writable=True)
        if len(a) < 2:
            return self.assign_stmt()
        x, y = self.rng.sample(a, 2)
        r = self.rng.random()
        if r < 0.3:
            self.emit("%s, %s = %s, %s" % (x.name, y.name, self.read(y), self.read(x)))
        elif r < 0.6:
            # index operands are evaluated before any assignment: a[x], x = ..., ...
            e = self.elem_read(INT, 2)
            if e is None:
                return self.assign_stmt()
            lhs = e.text
            self.emit("%s, %s = %s, %s" % (lhs, x.name, self.int_expr(2).text, self.int_expr(2).text))
            self.emit("%s, %s = %s, %s" % (x.name, lhs, self.int_expr(2).text, self.read(x)))
        elif r < 0.8:
            # a call with several results into indexed and dereferenced places
            fs = [f for f in self.callable() if len(f.results) >= 2 and all(t in (INT, BOOL) for t in f.results)]
            if not fs:
                return self.assign_stmt()
            f = self.rng.choice(fs)
            self.prints |= f.prints
            self.spent += f.cost * self.mult
            lhs = []
            for t in f.results:
                places = []
                e = self.elem_read(t, 0)  # constant or loop-variable indices: nothing the call can change
                if e is not None and re.fullmatch(r"[A-Za-z_]\w*(\[(\d+|i\d+)\])+", e.text):
                    places.append(e.text)
                places += ["*" + v.name for v in self.vars_of(ptr(t))]
                places += [v.name for v in self.vars_of(t, writable=True) if v.kind != "const"]
                lhs.append(self.rng.choice(places) if places else "_")
            if len(set(l for l in lhs if l != "_")) != len([l for l in lhs if l != "_"]):
                return self.assign_stmt()
            for l in lhs:
                if l.startswith("*"):
                    self.read([v for v in self.visible() if v.name == l[1:]][0])
            self.emit("%s = %s" % (", ".join(lhs), self.call_args(f)))
        else:
            self.emit("%s, %s = %s, %s" % (x.name, y.name, self.int_expr(2).text, self.int_expr(2).text))

    def block(self, nstmts, depth, loop=False):
        self.push()
        for _ in range(nstmts):
            self.stmt(depth)
        self.pop()

    def if_stmt(self, depth):
        if self.chance(0.25):
            name = self.fresh("c")
            e = self.int_expr(2)
            self.emit("if %s := %s; %s %s %s {" % (name, e.text, name, self.rng.choice(["<", ">", "==", "!="]), self.int_expr(1).text))
            self.push()
            self.declare(name, INT).used = True
        else:
            self.emit("if %s {" % self.bool_expr(3).text)
            self.push()
        self.indent += 1
        self.block(self.rng.randint(1, 3), depth - 1)
        self.indent -= 1
        if self.chance(0.4):
            self.emit("} else {")
            self.indent += 1
            self.block(self.rng.randint(1, 3), depth - 1)
            self.indent -= 1
        self.pop()
        self.emit("}")

    def loop_stmt(self, depth):
        trips = self.rng.choice([1, 2, 3, 4, 5, 8, 10, 16])
        if self.mult * trips > 4000:
            trips = 2
        old = self.mult
        self.mult *= trips
        r = self.rng.random()
        name = self.fresh("i")
        if r < 0.45:
            self.emit("for %s := 0; %s < %d; %s++ {" % (name, name, trips, name))
            self.indent += 1
            self.push()
            v = self.declare(name, INT, readonly=True)
            v.used = True
            v.bound = trips
        elif r < 0.7:
            arrs = [v for v in self.visible() if (is_arr(v.typ) and v.typ[1] <= 16) or (is_ptr(v.typ) and is_arr(v.typ[1]) and v.typ[1][1] <= 16)]
            if not arrs:
                self.mult = old
                return self.decl_stmt()
            a = self.rng.choice(arrs)
            at = a.typ[1] if is_ptr(a.typ) else a.typ
            self.mult = old * max(at[1], 1)
            val = self.fresh("e")
            if self.chance(0.3):
                self.emit("for %s := range %s {" % (name, self.read(a)))
                self.indent += 1
                self.push()
            else:
                self.emit("for %s, %s := range %s {" % (name, val, self.read(a)))
                self.indent += 1
                self.push()
                self.declare(val, at[2], readonly=True)
            v = self.declare(name, INT, readonly=True)
            v.bound = at[1]
        else:
            self.emit("%s := 0" % name)
            v = self.declare(name, INT, readonly=True)
            v.used = True
            if self.chance(0.5):
                self.emit("for %s < %d {" % (name, trips))
                self.indent += 1
                self.emit("%s++" % name)
            else:
                self.emit("for {")
                self.indent += 1
                self.emit("%s++" % name)
                self.emit("if %s > %d {" % (name, trips))
                self.emit("\tbreak")
                self.emit("}")
            self.push()
        self.loops += 1
        for _ in range(self.rng.randint(1, 4)):
            self.stmt(depth - 1)
            if self.chance(0.08):
                self.emit("if %s {" % self.bool_expr(2).text)
                self.emit("\t%s" % self.rng.choice(["break", "continue"]))
                self.emit("}")
        self.loops -= 1
        self.pop()
        self.indent -= 1
        self.emit("}")
        self.mult = old

    def switch_stmt(self, depth):
        n = self.rng.randint(1, 6)
        if self.chance(0.5):
            mod = self.rng.choice([3, 4, 8])
            tag = self.int_expr(2)
            if self.chance(0.3):
                name = self.fresh("s")
                self.emit("switch %s := %s; %s & %d {" % (name, tag.text, name, mod - 1 if mod != 3 else 3))
                self.push()
                self.declare(name, INT).used = True
            else:
                self.emit("switch %s & %d {" % (self.paren(tag), mod - 1 if mod != 3 else 3))
                self.push()
            vals = list(range(mod if mod != 3 else 4))
            self.rng.shuffle(vals)
            for k in range(min(n, len(vals))):
                picks = [vals.pop()]
                if vals and self.chance(0.3):
                    picks.append(vals.pop())
                self.emit("case %s:" % ", ".join(map(str, picks)))
                self.indent += 1
                self.push()
                for _ in range(self.rng.randint(0, 2)):
                    self.stmt(depth - 1)
                if self.chance(0.1):
                    self.emit("if %s {" % self.bool_expr(1).text)
                    self.emit("\tbreak")
                    self.emit("}")
                    self.stmt(0)
                self.pop()
                self.indent -= 1
                if not vals:
                    break
        else:
            self.emit("switch {")
            self.push()
            for k in range(n):
                self.emit("case %s:" % self.bool_expr(2).text)
                self.indent += 1
                self.block(self.rng.randint(0, 2), depth - 1)
                self.indent -= 1
        if self.chance(0.6):
            self.emit("default:")
            self.indent += 1
            self.block(self.rng.randint(0, 2), depth - 1)
            self.indent -= 1
        self.pop()
        self.emit("}")

    def print_stmt(self):
        if self.in_rec:  # a print at every level: quadratic under --force-move
            return self.assign_stmt()
        self.prints = True
        n = self.rng.randint(1, 3)
        args = ['"%s"' % self.fname]
        for _ in range(n):
            t = self.rng.choice([INT, INT, BOOL])
            args.append(self.value_expr(t, 2).text)
        if self.chance(0.2):
            self.emit("print(%s)" % ", ".join(args[1:]))
            self.emit("println()")
        else:
            self.emit("println(%s)" % ", ".join(args))

    def big_frame_stmt(self):
        n = self.rng.choice([128, 512, 1024, 2048, 4096])
        if self.mult * n > 200000 or self.in_rec:
            return self.decl_stmt()
        name = self.fresh("big")
        self.emit("var %s [%d]int" % (name, n))
        v = self.declare(name, arr(n, INT))
        i = self.fresh("i")
        self.emit("for %s := range %s {" % (i, name))
        self.emit("\t%s[%s] = %s*%d + %s" % (name, i, i, self.rng.randint(1, 99), self.nonconst_int().text))
        self.emit("}")
        self.spent += n * self.mult
        v.used = False

    def stmt(self, depth):
        self.spent += self.mult
        r = self.rng.random()
        if depth > 0 and r < 0.12:
            return self.if_stmt(depth)
        if depth > 0 and r < 0.22 and self.mult < 2000:
            return self.loop_stmt(depth)
        if depth > 0 and r < 0.28:
            return self.switch_stmt(depth)
        if r < 0.42:
            if self.call_stmt():
                return
        if r < 0.55:
            return self.decl_stmt()
        if r < 0.6:
            return self.ptr_decl_stmt()
        if r < 0.63:
            return self.tuple_stmt()
        if r < 0.68:
            return self.print_stmt()
        if r < 0.70:
            return self.big_frame_stmt()
        if r < 0.72:
            name = self.fresh("k")
            e = self.const_int()
            self.emit("const %s = %s" % (name, e.text))
            v = Var(name, INT, "const", readonly=True)  # untyped constant
            v.value = e.const
            self.scopes[-1].append(v)
            return
        return self.assign_stmt()

    # ---------------------------------------------------------------- functions
    def func_body(self, f, nstmts):
        """Generates f's body into self.lines; sets f.cost."""
        self.fname = f.name
        self.scopes = [[]]
        self.indent = 1
        self.mult = 1
        self.spent = 0
        self.loops = 0
        self.prints = False
        for n, t in f.params:
            self.scopes[0].append(Var(n, t, "param"))
        if f.named:
            for i, t in enumerate(f.results):
                self.scopes[0].append(Var("r%d" % i, t, "result"))
        self.push()
        self.emit("h := %d" % self.rng.randint(1, 1000))
        for _ in range(nstmts):
            self.stmt(3)
        self.pop()
        if self.chance(0.3) or f.name == "main" or not any(t == INT for t in f.results):
            self.emit('println("%s", h)' % f.name)
            self.prints = True
        if f.results:
            if f.named and self.chance(0.5):
                for i, t in enumerate(f.results):
                    e = Expr("h", None) if t == INT else self.value_expr(t, 2)
                    self.emit("r%d = %s" % (i, e.text))
                self.emit("return")
            else:
                outs = []
                for t in f.results:
                    if t == INT:
                        outs.append("h" if self.chance(0.6) else "h ^ %s" % self.paren(self.int_expr(2)))
                    else:
                        outs.append(self.value_expr(t, 2).text)
                self.emit("return %s" % ", ".join(outs))
        f.cost = max(1, self.spent)
        f.prints = self.prints

    def signature(self, f):
        ps = ", ".join("%s %s" % (n, tstr(t)) for n, t in f.params)
        if not f.results:
            rs = ""
        elif f.named:
            rs = " (%s)" % ", ".join("r%d %s" % (i, tstr(t)) for i, t in enumerate(f.results))
        elif len(f.results) == 1:
            rs = " " + tstr(f.results[0])
        else:
            rs = " (%s)" % ", ".join(tstr(t) for t in f.results)
        return "func %s(%s)%s {" % (f.name, ps, rs)

    def normal_func(self, name):
        nparams = self.rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 16]) if self.chance(0.9) else self.rng.randint(0, 3)
        if self.chance(0.03):
            # Past the 64-bit pointer mask and past what a checking entry carries in
            # registers (issue 9).
            nparams = self.rng.choice([65, 70, 130])
        params = [("a%d" % i, self.rand_type(allow_ptr=True, small=self.chance(0.9))) for i in range(nparams)]
        nres = self.rng.choice([0, 1, 1, 2, 2, 3, 4])
        results = [self.rand_type() for _ in range(nres)]
        f = Func(name, params, results, named=nres > 0 and self.chance(0.3))
        self.lines = [self.signature(f)]
        self.func_body(f, self.rng.randint(3, 10))
        self.lines.append("}")
        f.text = "\n".join(self.lines)
        return f

    def rec_func(self, name):
        """A linear recursion: depth parameter n, pointers into callers' frames, a frame."""
        depth = self.rng.choice([1000, 3000, 10000, 20000, 50000, 100000])
        frame = self.rng.choice([0, 4, 16, 64, 128, 512, 1024])
        while depth * (frame + 12) * 8 > 24 << 20:
            frame //= 2
        k = self.rng.choice([4, 8, 16])
        f = Func(name, [("n", INT), ("p", ptr(INT)), ("q", ptr(arr(k, INT))), ("x", INT)], [INT, BOOL] if self.chance(0.4) else [INT])
        f.rec = True
        f.depth = depth
        two = len(f.results) == 2
        self.fname = name
        self.scopes = [[Var(n, t, "param") for n, t in f.params]]
        self.scopes[0][0].readonly = True  # the depth: never assigned
        self.in_rec = True
        self.indent = 1
        self.mult = 1
        self.spent = 0
        self.loops = 0
        self.lines = [self.signature(f)]
        self.push()
        if frame:
            self.emit("var fr [%d]int" % frame)
            self.emit("fr[n%%%d] = x" % frame)
            self.declare("fr", arr(frame, INT)).used = True
        self.emit("if n <= 0 {")
        bottom_print = self.chance(0.3)
        if bottom_print:
            self.emit('\tprintln("%s bottom", *p, q[%d], x)' % (name, self.rng.randrange(k)))
        if two:
            self.emit("\treturn *p + q[%d], x&1 == 0" % self.rng.randrange(k))
        else:
            self.emit("\treturn *p + q[%d]" % self.rng.randrange(k))
        self.emit("}")
        self.emit("*p += n & %d" % self.rng.choice([1, 3, 7, 255]))
        self.emit("q[n&%d] ^= x" % (k - 1))
        self.scopes[-1].append(Var("h", INT, "local"))
        self.scopes[-1][-1].used = True
        self.emit("h := x*%d + n" % self.rng.choice([3, 5, 31, 1000003]))
        saved = self.callees
        self.callees = [c for c in saved if c.cost <= 30 and not c.rec]
        for _ in range(self.rng.randint(0, 3)):
            self.stmt(1)
        self.callees = saved
        self.flush()
        body = max(self.spent, 1)
        nx = "h" if self.chance(0.5) else "x*%d + 1" % self.rng.choice([3, 7])
        pp = "p"
        chain = self.chance(0.4)
        if chain:  # each level passes a pointer to its own local down: many pointers to relocate
            self.emit("mine := n ^ x")
            pp = "&mine"
        if not bottom_print and self.chance(0.3):
            # a pointer to this frame passed to a second, shallow call
            self.emit("loc := n")
            self.emit("if n%%%d == 0 {" % self.rng.choice([2, 3, 100]))
            self.emit("\tl1%s := %s(0, &loc, q, x)" % (", _" if two else "", name))
            self.emit("\tloc += l1")
            self.emit("}")
            self.emit("*p += loc & 1")
        if frame:
            tail = " + fr[%s]" % ("(x%%%d+%d)%%%d" % (frame, frame, frame))
        else:
            tail = ""
        if two:
            self.emit("r, b := %s(n-1, %s, q, %s)" % (name, pp, nx))
            self.emit("if b {")
            self.emit("\tr++")
            self.emit("}")
            if chain:
                self.emit("*p += mine & 255")
            self.emit("return r%s + h, !b" % tail)
        elif chain:
            self.emit("r := %s(n-1, %s, q, %s)%s + h&%d" % (name, pp, nx, tail, self.rng.choice([1, 7, 1023])))
            self.emit("*p += mine & 255")
            self.emit("return r")
        else:
            self.emit("return %s(n-1, %s, q, %s)%s + h&%d" % (name, pp, nx, tail, self.rng.choice([1, 7, 1023])))
        self.scopes.pop()
        self.in_rec = False
        self.lines.append("}")
        f.text = "\n".join(self.lines)
        f.cost = depth * (body + 5 + frame // 8)
        return f

    def tree_func(self, name):
        """Tree recursion with several results: a fib-like pair, small n."""
        f = Func(name, [("n", INT), ("a", arr(4, INT))], [INT, arr(4, INT)])
        n = self.rng.randint(8, 16)
        f.text = "\n".join([
            self.signature(f),
            "\tif n < 2 {",
            "\t\ta[n&3] += n",
            "\t\treturn n, a",
            "\t}",
            "\tx, b := %s(n-1, a)" % name,
            "\ty, c := %s(n-2, b)" % name,
            "\tc[n&3] ^= x",
            "\treturn x + y + %d, c" % self.rng.randint(0, 3),
            "}",
        ])
        f.cost = 1  # called only from main with a small constant below
        f.tree_n = n
        f.rec = True
        return f

    FIXED_GLOBALS = [("gzero", INT, "0"), ("gseven", INT, "7"), ("gfalse", BOOL, "false")]

    def globals_decl(self):
        """Package-level variables; g_i's initializer may read g_j (j > i), in any order."""
        fixed = []
        for name, t, init in self.FIXED_GLOBALS:
            v = Var(name, t, "global", readonly=True)  # never written: the final panics use them
            fixed.append(v)
        gs = [("g0", INT)] + [("g%d" % i, self.rand_type()) for i in range(1, self.rng.randint(1, 5))]
        inits = {}
        self.scopes = [[]]
        for i in range(len(gs) - 1, -1, -1):
            name, t = gs[i]
            self.globals = fixed + [Var(gn, gt, "global") for gn, gt in gs[i + 1:]]
            if self.chance(0.7):
                inits[name] = self.value_expr(t, 2).text
            else:
                inits[name] = None
        self.globals = fixed + [Var(n, t, "global") for n, t in gs]
        decls = []
        for name, t in gs:
            if inits[name] is None:
                decls.append("var %s %s" % (name, tstr(t)))
            elif self.chance(0.5):
                decls.append("var %s = %s" % (name, inits[name]))
            else:
                decls.append("var %s %s = %s" % (name, tstr(t), inits[name]))
        decls += ["var %s = %s" % (n, init) for n, _, init in self.FIXED_GLOBALS]
        self.rng.shuffle(decls)
        return decls

    def final_panic(self):
        """Lines that end main with a run-time panic (or nothing)."""
        r = self.rng.random()
        k = self.rng.choice([3, 4, 8])
        if r < 0.45:
            return []
        if r < 0.53:  # index out of range, above the length
            return ["var pa [%d]int" % k, "pa[gseven%%%d] = 1" % k, "println(pa[gseven+%d])" % (k - 7 + self.rng.randint(0, 3))]
        if r < 0.58:  # negative index
            return ["var pa [%d]int" % k, "i := gzero - %d" % self.rng.randint(1, 5), "pa[i] = 1", "println(pa[0])"]
        if r < 0.65:  # nil array pointer
            return ["var na [%d]int" % k, "var np *[%d]int" % k, "if gfalse {", "\tnp = &na", "}", "np[%d] = 3" % self.rng.randrange(k)]
        if r < 0.70:  # nil int pointer
            return ["x := 5", "p := &x", "if !gfalse {", "\tp = nil", "}", "println(*p)"]
        if r < 0.77:
            return ["d := gzero", "println(g0 %s d)" % self.rng.choice(["/", "%"])]
        if r < 0.82:
            return ["s := gzero - gseven", "println(g0 << s)"]
        if r < 0.9:
            v = self.rng.choice(['"boom"', "g0 + 1", "g0 > 3", '"multi word message"', "gseven - 9223372036854775807 - 8", "gfalse"])
            return ["panic(%s)" % v]
        # index out of range at the bottom of a deep recursion
        return ["deepPanic(%d, [4]int{})" % self.rng.choice([100, 5000, 40000])]

    DEEP_PANIC = """func deepPanic(n int, a [4]int) int {
	var pad [32]int
	pad[n&31] = n
	if n == 0 {
		return a[gseven+n] + pad[1]
	}
	a[n&3]++
	return deepPanic(n-1, a) + pad[n&31]
}"""

    def program(self):
        out = ["// Code generated by fuzz/gen.py (seed %d). DO NOT EDIT." % self.seed, "package main", ""]
        consts = []
        if self.chance(0.5):
            consts = ["const (", "\tk0 = iota * %d" % self.rng.randint(1, 9), "\tk1", "\tk2", ")"]
        gl = self.globals_decl()
        out += consts + gl + [""]
        out.append("func b2i(b bool) int {\n\tif b {\n\t\treturn 1\n\t}\n\treturn 0\n}\n")
        # leaves first: f_i may call f_j for j > i (no cycles), recursive ones themselves
        self.callees = []
        funcs = []
        self.budget = 300000
        for i in range(self.nfuncs - 1, -1, -1):
            r = self.rng.random()
            if r < 0.25:
                f = self.rec_func("rec%d" % i)
            elif r < 0.32:
                f = self.tree_func("tree%d" % i)
            else:
                f = self.normal_func("f%d" % i)
            funcs.append(f)
            if not f.rec:
                self.callees.append(f)
        self.lines = []
        self.fname = "main"
        self.scopes = [[]]
        self.indent = 1
        self.mult = 1
        self.spent = 0
        self.loops = 0
        # main: calls of every function, recursive ones with their depth
        self.push()
        self.emit("h := 7")
        self.scopes[-1].append(Var("h", INT))
        self.scopes[-1][-1].used = True
        for f in reversed(funcs):
            if getattr(f, "tree_n", None):
                nm = self.fresh("v")
                self.emit("%s, %s := %s(%d, [4]int{1, 2, 3, 4})" % (nm, nm + "a", f.name, f.tree_n))
                self.emit("h = h*31 + %s + %sa[%d]" % (nm, nm, self.rng.randrange(4)))
            elif f.rec:
                xs = self.fresh("acc")
                qs = self.fresh("q")
                k = f.params[2][1][1][1]
                self.emit("%s := %d" % (xs, self.rng.randint(0, 9)))
                self.emit("var %s [%d]int" % (qs, k))
                call = "%s(%d, &%s, &%s, %d)" % (f.name, f.depth, xs, qs, self.rng.randint(1, 99))
                if len(f.results) == 2:
                    self.emit("rv%s, rb%s := %s" % (xs, xs, call))
                    self.emit("h = h*31 + rv%s + b2i(rb%s)" % (xs, xs))
                else:
                    self.emit("h = h*31 + %s" % call)
                self.emit('println("%s", h, %s, %s[%d])' % (f.name, xs, qs, self.rng.randrange(k)))
            else:
                self.callees = [f]
                self.budget = 10 ** 9
                self.call_stmt()
        self.callees = [f for f in funcs if not f.rec]
        self.budget = 2000000
        for _ in range(self.rng.randint(0, 4)):
            self.stmt(2)
        self.pop()
        self.emit('println("main", h)')
        lines = ["func main() {"] + self.lines
        tail = self.final_panic()
        lines += ["\t" + t for t in tail]
        lines.append("}")
        for f in reversed(funcs):
            out.append(f.text)
            out.append("")
        if any("deepPanic" in t for t in tail):
            out.append(self.DEEP_PANIC)
            out.append("")
        out += lines
        return "\n".join(out) + "\n"


def generate(seed, size="normal"):
    """The program for this seed (deterministic)."""
    return Generator(seed, size).program()


def main(argv):
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("seed", type=int)
    ap.add_argument("--size", choices=sorted(Generator.SIZES), default="normal")
    a = ap.parse_args(argv)
    sys.stdout.write(generate(a.seed, a.size))


if __name__ == "__main__":
    main(sys.argv[1:])
