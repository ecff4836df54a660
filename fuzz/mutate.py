#!/usr/bin/env python3
"""Mutations of Go source for the front-end fuzzer (`fuzz/run.py --mutate`).

`mutate(data, rng)` applies one to three random mutators to the bytes of a program and
returns (new bytes, names of the mutators). The mutators work on lines, on Go tokens
(found by a small regular-expression lexer) and on raw bytes: deleting, duplicating and
swapping lines and tokens, replacing a token by another one (keywords, operators, names of
the file), inserting random bytes (invalid UTF-8, NUL, BOM, CR, non-ASCII letters), huge
and malformed numbers, deep nesting of parentheses, blocks and ifs, giant identifiers,
strings and comments, unterminated literals, and snippets outside the subset (goroutines,
closures, strings, floats, slices, labels, ...).

Usage: python3 fuzz/mutate.py FILE.go SEED   (prints the mutant and, on stderr, the mutators)
"""

import re
import sys

TOKEN = re.compile(
    rb"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\\n])*\"|`[^`]*`|'(?:\\.|[^'\\\n])*'"
    rb"|[A-Za-z_][A-Za-z0-9_]*|0[xXbBoO][0-9a-fA-F_]+|[0-9][0-9_]*(?:\.[0-9]*)?"
    rb"|<<=|>>=|&\^=|\.\.\.|&&|\|\||<-|\+\+|--|==|!=|<=|>=|:=|<<|>>|&\^|[-+*/%&|^]="
    rb"|[-+*/%&|^<>=!(){}\[\],;:.~]|\s+|.", re.S)

KEYWORDS = [b"break", b"case", b"chan", b"const", b"continue", b"default", b"defer", b"else",
            b"fallthrough", b"for", b"func", b"go", b"goto", b"if", b"import", b"interface",
            b"map", b"package", b"range", b"return", b"select", b"struct", b"switch", b"type",
            b"var", b"int", b"bool", b"true", b"false", b"nil", b"iota", b"len", b"println",
            b"print", b"panic", b"main", b"_", b"string", b"byte", b"uint", b"int8", b"float64",
            b"new", b"make", b"cap", b"append", b"copy", b"recover", b"close", b"complex"]
OPERATORS = [b"+", b"-", b"*", b"/", b"%", b"&", b"|", b"^", b"<<", b">>", b"&^", b"&&", b"||",
             b"<-", b"++", b"--", b"==", b"!=", b"<", b"<=", b">", b">=", b"=", b":=", b"!",
             b"(", b")", b"[", b"]", b"{", b"}", b",", b";", b".", b":", b"...", b"+=", b"<<=",
             b"&^=", b"~", b"@", b"$", b"#", b"?", b"\\"]
NUMBERS = [b"99999999999999999999999999999", b"9223372036854775807", b"9223372036854775808",
           b"-9223372036854775808", b"0x" + b"f" * 40, b"1" + b"0" * 400, b"0b", b"0x", b"08", b"09",
           b"1_", b"1__0", b"_1", b"0o8", b"0b102", b"1e5", b"0.5", b"1.", b".5", b"0x1p4", b"1i",
           b"'a'", b"'\\x00'", b"0", b"-1", b"1<<63", b"1<<64", b"1<<1000", b"-1<<63", b"0_7",
           b"0X_1F", b"0o_7", b"07_7", b"1000000000", b"1<<40", b"(1<<62)*4"]
SNIPPETS = [b"go f()", b"defer f()", b"type T int", b"x := \"s\"", b"var f float64", b"for range 10 {}",
            b"goto L", b"L:", b"select {}", b"var c chan int", b"c := make(chan int)", b"func() {}()",
            b"struct{}{}", b"[]int{}", b"map[int]int{}", b"import \"fmt\"", b"1.5", b"'a'", b"new(int)",
            b"&g0", b"**p", b"var p **int", b"a[:]", b"x.y", b"fallthrough", b"switch x := 1; {}",
            b"for i := range 3 {}", b"var a [1<<40]int", b"var a [-1]int", b"var a [0]int",
            b"return 1, 2, 3", b"f(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)", b"println(len(1))", b"_ = _",
            b"var _ = iota", b"const c = 1 << 100", b"println(1 << 100)", b"x, y := 1", b"if x := 1 {}",
            b"func f() *int { return nil }", b"var g *int", b"println(\"\\z\")", b"println(\"\\xff\")",
            b"var a [3]int = [4]int{}", b"a == nil", b"nil == nil", b"panic()", b"panic(1, 2)",
            b"len()", b"println(main)", b"main()", b"init()", b"func init() {}", b"var main = 1",
            b"/*", b"*/", b"\"", b"`", b"'", b"{", b"}", b"(", b")", b"[", b"]", b"\x00", b"\xff\xfe",
            b"\xef\xbb\xbf", b"\r", b"\xc3", b"\xe2\x82", b"\xf0\x9f\x98\x80", b"\xc3\xa9t\xc3\xa9 := 1", "\u03c0 := 1".encode()]
RANDOM_BYTES = [b"\x00", b"\xff", b"\xfe", b"\x80", b"\xc0\x80", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\r",
                b"\r\n", b"\t", b"\x0b", b"\x0c", b"\x7f", b"\xe2\x80\xa8", b"\xc2\xa0", b"\\", b"`", b"\x1b"]


def tokens(data):
    """[(start, end)] of the non-space tokens of data."""
    return [(m.start(), m.end()) for m in TOKEN.finditer(data) if not m.group().isspace()]


def lines(data):
    return data.split(b"\n")


def m_delete_lines(data, rng):
    ls = lines(data)
    i = rng.randrange(len(ls))
    n = rng.choice([1, 1, 1, 2, 3, 5])
    return b"\n".join(ls[:i] + ls[i + n:])


def m_duplicate_line(data, rng):
    ls = lines(data)
    i = rng.randrange(len(ls))
    j = rng.randrange(len(ls))
    return b"\n".join(ls[:j] + [ls[i]] + ls[j:])


def m_swap_lines(data, rng):
    ls = lines(data)
    i, j = rng.randrange(len(ls)), rng.randrange(len(ls))
    ls[i], ls[j] = ls[j], ls[i]
    return b"\n".join(ls)


def m_delete_token(data, rng):
    ts = tokens(data)
    if not ts:
        return data
    a, b = rng.choice(ts)
    return data[:a] + data[b:]


def m_duplicate_token(data, rng):
    ts = tokens(data)
    if not ts:
        return data
    a, b = rng.choice(ts)
    return data[:b] + b" " * rng.randint(0, 1) + data[a:b] + data[b:]


def m_swap_tokens(data, rng):
    ts = tokens(data)
    if len(ts) < 2:
        return data
    i = rng.randrange(len(ts) - 1)
    j = i + 1 if rng.random() < 0.7 else rng.randrange(i + 1, len(ts))
    (a, b), (c, d) = ts[i], ts[j]
    return data[:a] + data[c:d] + data[b:c] + data[a:b] + data[d:]


def m_replace_token(data, rng):
    ts = tokens(data)
    if not ts:
        return data
    a, b = rng.choice(ts)
    r = rng.random()
    if r < 0.35:
        new = rng.choice(KEYWORDS)
    elif r < 0.7:
        new = rng.choice(OPERATORS)
    else:
        c, d = rng.choice(ts)
        new = data[c:d]
    return data[:a] + new + data[b:]


def m_insert_bytes(data, rng):
    i = rng.randrange(len(data) + 1)
    if rng.random() < 0.5:
        ins = b"".join(rng.choice(RANDOM_BYTES) for _ in range(rng.randint(1, 3)))
    else:
        ins = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
    return data[:i] + ins + data[i:]


def m_flip_byte(data, rng):
    if not data:
        return data
    i = rng.randrange(len(data))
    return data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1:]


def m_number(data, rng):
    nums = [m for m in re.finditer(rb"\b[0-9][0-9_xXa-fA-FoObB]*\b", data)]
    new = rng.choice(NUMBERS)
    if nums and rng.random() < 0.8:
        m = rng.choice(nums)
        return data[:m.start()] + new + data[m.end():]
    ts = tokens(data)
    a, _ = rng.choice(ts) if ts else (0, 0)
    return data[:a] + new + data[a:]


def m_nesting(data, rng):
    """Deep nesting: parentheses around an operand, nested blocks, ifs or unary operators."""
    n = rng.choice([50, 200, 999, 1000, 1001, 3000, 20000])
    ts = tokens(data)
    r = rng.random()
    if r < 0.4:
        idents = [t for t in ts if re.match(rb"[A-Za-z0-9_]", data[t[0]:t[1]])]
        if not idents:
            return data
        a, b = rng.choice(idents)
        return data[:a] + b"(" * n + data[a:b] + b")" * n + data[b:]
    ls = lines(data)
    body = [i for i, l in enumerate(ls) if l.startswith(b"\t") and not l.rstrip().endswith(b"{") and l.strip() != b"}"]
    if not body:
        return data
    i = rng.choice(body)
    if r < 0.6:
        ls[i] = b"{" * n + ls[i] + b"}" * n
    elif r < 0.8:
        ls[i] = b"if true {" * n + ls[i] + b"}" * n
    else:
        idents = [t for t in ts if re.match(rb"[A-Za-z0-9_]", data[t[0]:t[1]])]
        if not idents:
            return data
        a, b = rng.choice(idents)
        op = rng.choice([b"-", b"^", b"!", b"+", b"*", b"&", b"- ", b"<-"])
        return data[:a] + op * n + data[a:]
    return b"\n".join(ls)


def m_giant(data, rng):
    """Giant identifiers, strings, comments, lines; unterminated literals; long chains."""
    ts = tokens(data)
    r = rng.random()
    n = rng.choice([1000, 70000, 1 << 20])
    if r < 0.25 and ts:
        idents = [t for t in ts if re.match(rb"[A-Za-z_]", data[t[0]:t[1]])]
        if idents:
            a, b = rng.choice(idents)
            name = data[a:b]
            return data.replace(name, name + b"x" * n)  # every occurrence: stays consistent
    ls = lines(data)
    i = rng.randrange(len(ls) + 1)
    if r < 0.45:
        ins = b'\tprintln("' + b"a" * n + b'")'
    elif r < 0.6:
        ins = b"// " + b"c" * n if rng.random() < 0.5 else b"/* " + b"c\n" * (n // 100) + b" */"
    elif r < 0.7:
        ins = rng.choice([b'\tprintln("unterminated', b"/* unterminated", b"\tprintln(`raw", b"\t'", b'\t"\\'])
    elif r < 0.85:
        k = rng.choice([10, 100, 900, 999])  # more than 1000 is a known open issue
        ins = b"\tx := 1" + b" + 1" * k + b"\n\tprintln(x)"
    else:
        k = rng.choice([100, 5000])
        ins = b"\tvar big = [" + str(k).encode() + b"]int{" + b", ".join(str(j).encode() for j in range(k)) + b"}\n\tprintln(big[3])"
    return b"\n".join(ls[:i] + [ins] + ls[i:])


def m_snippet(data, rng):
    ls = lines(data)
    i = rng.randrange(len(ls) + 1)
    s = rng.choice(SNIPPETS)
    if rng.random() < 0.5:
        return b"\n".join(ls[:i] + [b"\t" + s] + ls[i:])
    ts = tokens(data)
    a, _ = rng.choice(ts) if ts else (0, 0)
    return data[:a] + s + data[a:]


def m_truncate(data, rng):
    return data[: rng.randrange(len(data) + 1)]


MUTATORS = [
    (m_delete_lines, 10), (m_duplicate_line, 8), (m_swap_lines, 8), (m_delete_token, 14),
    (m_duplicate_token, 8), (m_swap_tokens, 8), (m_replace_token, 14), (m_insert_bytes, 6),
    (m_flip_byte, 4), (m_number, 8), (m_nesting, 4), (m_giant, 3), (m_snippet, 10), (m_truncate, 2),
]


def mutate(data, rng):
    """Applies 1-3 random mutators; returns (mutant bytes, list of mutator names)."""
    ops = []
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        total = sum(w for _, w in MUTATORS)
        x = rng.uniform(0, total)
        for fn, w in MUTATORS:
            x -= w
            if x <= 0:
                break
        data = fn(data, rng) if data else data
        ops.append(fn.__name__[2:])
    return data, ops


def main(argv):
    import random
    if len(argv) != 2 or argv[0] in ("-h", "--help"):
        sys.stdout.write(__doc__)
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    with open(argv[0], "rb") as f:
        data = f.read()
    out, ops = mutate(data, random.Random(int(argv[1])))
    sys.stdout.buffer.write(out)
    sys.stderr.write(" ".join(ops) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
