#!/usr/bin/env python3
"""Generates the stack-check "pre-check write" test programs of issue 8 (point 2).

The bug they catch. Cranelift's prologue allocates the whole frame (`sub rsp, N`), and
the head of the entry block may store into it (register-allocator spills of parameters,
and in relocatable code the stack-map slot of a pointer parameter) *before* the stack
check compares SP with the guard. Every byte written before the check must land in the
current stack's reserve; a function with a big frame writes below it, into the guard
page (`fatal error: stack guard page hit ...`) or, worse, past it into other memory.

Written by this script, into tests/programs/:

* precheck_sweep_<family>.go: the sweep. Each program holds a few *functions under
  test* (FUTs) of one family and reaches each of them at many stack depths, so that the
  FUT's entry SP sweeps, in 16-byte steps, across whole segments / stacks and meets the
  guard at every alignment:

  - phase A, `walk`: a descent of LEVELS frames of 64 bytes (x86-64 and AArch64); at
    every level the FUT is called through 0, 1, 2 and 3 extra 16-byte frames (`via`), so
    consecutive calls are 16 bytes apart and the descent (9 KiB) crosses segment
    boundaries at every 16-byte offset. Done from the top of the stack, and again
    (DEEP_LEVELS, 5 KiB) below a `deep` recursion of 20 KiB: there the segments of the
    2 KiB configurations are whole pages (at least 1/8 of the chain below them), with no
    unused rounding between their reserve and their guard page.
  - phase B, `sweep`: for pad depths d = START, START + STEP, ... < DMAX (in 16-byte
    frames: 0..4.5 KiB), two `print("")` (host calls that print nothing: the copying
    strategy shrinks its stack back to its minimum there), then a `pad(d)` recursion and
    the FUT at its bottom. So under the copying strategy it is the FUT, not a small
    frame, that meets the guard of a freshly grown 4 KiB stack, every STEP*16 bytes
    (START = sel*PHASE % STEP differs between the FUTs of a program, so that five FUTs
    together cover every 16-byte offset).

  The families: 1..200 values live across calls, 6..12 parameters (the ones after the
  6th passed on the stack), `[N]int` and `[N]bool` locals of 64 B..8 KiB, pointer
  parameters (`*int`, `*[N]int`) pointing into the caller's frame, local arrays and ints
  whose address is passed down to another spilling function (so that the copying
  strategy relocates them), and FUTs that call themselves a few levels deep. Every value
  flows into a checksum (`sink` folds its argument into the global `total`, every FUT
  returns the sum of everything it computed and read), printed per FUT and at the end,
  so a clobbered spill slot or array element changes the output.

* The issue's examples: precheck_spill_int.go (g(b0..b5 int) with 80 values
  `aI := sink(bJ + I)` live across calls, reached through chain(c) and rec(d) at every
  16-byte depth), precheck_spill_ptr.go (the same with g(p *int) and
  `aI := *p + I; sink(aI)`), and overflow_precheck_spill.go / overflow_precheck_spill700.go
  (unbounded recursion of such a function with 80 / 700 values: frames of about 0.7 /
  5.6 KB; the overflow must be Go's two lines, never a fault).

Deterministic: no randomness; the same files and the same output on every run.

Regenerate (from the repository root), then record Go's output (Go is the only source
of expected output: never edit the .out/.err/.code files by hand), then run them:

    python3 tests/gen/precheck_sweep.py
    ci/expectations.sh --update $(cd tests/programs && ls precheck_*.go overflow_precheck_*.go | sed 's/\\.go$//')
    cargo test --release --test programs -- precheck_

`python3 tests/gen/precheck_sweep.py --check` writes nothing and fails when a committed
.go file differs from what this script generates.
"""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT_DIR = os.path.join(ROOT, "tests", "programs")

# Phase A: levels of the walk from the top of the stack (a level is 64 bytes: 140 levels
# cover 9 KiB, more than a default 8 KiB segment) and of the walk below the `deep`
# recursion (DEEP frames of 256 bytes: 20 KiB).
LEVELS = 140
DEEP_LEVELS = 80
DEEP = 80
# Phase B: pad depths (in 16-byte frames) START + i*STEP < DMAX, START = sel*PHASE % STEP:
# 0..4.5 KiB, past the depth where a 2 KiB copying stack has grown to 4 KiB and a FUT of
# up to 1.6 KB meets its guard.
DMAX = 280
STEP = 5
PHASE = 3
# In a function under test, one value in CALL_EVERY comes from a call of sink (each
# call is a potential split when the function sits right at the guard: keep them few).
CALL_EVERY = 8


class Fut:
    """One function under test.

    nlive   values live across calls, all summed at the end: `aI := sink(bJ + I)` for
            one in CALL_EVERY, loads (`tab[...]`, `q[...]`, `*p`) for the others
    nparams int parameters (the first is the recursion depth when rec > 0)
    ints    sizes N of `[N]int` locals (N a power of two)
    bools   sizes N of `[N]bool` locals (N a power of two)
    pint    has a `p *int` parameter (read for values, written at the end)
    parr    N of a `q *[N]int` parameter (0: none; read for values, written at the end)
    addr    N of a local `[N]int` whose address (and that of a local int) goes down to
            `callee` (0: none)
    callee  the Fut (with pint and parr == addr) that addr FUTs call
    rec     recursion depth (the FUT calls itself, with half its values live across)
    """

    def __init__(self, name, nlive, nparams=6, ints=(), bools=(), pint=False, parr=0,
                 addr=0, callee=None, rec=0):
        self.name, self.nlive, self.nparams = name, nlive, nparams
        self.ints, self.bools, self.pint, self.parr = list(ints), list(bools), pint, parr
        self.addr, self.callee, self.rec = addr, callee, rec
        assert not addr or (callee.pint and callee.parr == addr)


def p2(n):
    assert n > 0 and n & (n - 1) == 0, n
    return n


def fut_func(f):
    """The Go source of one FUT."""
    params = [f"b{j}" for j in range(f.nparams)]
    sig = ", ".join(params) + " int"
    if f.pint:
        sig += ", p *int"
    if f.parr:
        sig += f", q *[{f.parr}]int"
    L = [f"func {f.name}({sig}) int {{"]
    for i, n in enumerate(f.ints):
        L.append(f"\tvar ai{i} [{p2(n)}]int")
    for i, n in enumerate(f.bools):
        L.append(f"\tvar ab{i} [{p2(n)}]bool")
    if f.addr:
        L.append(f"\tvar loc [{p2(f.addr)}]int")
        L.append("\tx := b0 + 1")
    half = f.nlive // 2
    arrays = ([("ai", i, n) for i, n in enumerate(f.ints)]
              + [("ab", i, n) for i, n in enumerate(f.bools)])
    for i in range(f.nlive):
        b = params[i % f.nparams]
        # Every CALL_EVERY-th value comes from a call, the others from loads (of the
        # global table, through q, through p), which the optimizer can neither merge
        # nor move past the next call: all are live across the calls that follow.
        if i % CALL_EVERY == 0:
            if f.pint:
                L.append(f"\ta{i} := sink(*p + {b} + {i})")
            else:
                L.append(f"\ta{i} := sink({b} + {i})")
        elif f.parr and i % CALL_EVERY == CALL_EVERY // 2:
            L.append(f"\ta{i} := q[({b}+{i})&{f.parr - 1}] + {i}")
        elif f.pint and i % 4 == 2:
            L.append(f"\ta{i} := *p*{i} + tab[({b}+{i})&255]")
        else:
            L.append(f"\ta{i} := tab[({b}+{i})&255] + {i}")
        # Touch the arrays now and then (and at least once each).
        if arrays and (i % 7 == 3 or i == f.nlive - 1):
            kind, j, n = arrays[i % len(arrays)]
            if kind == "ai":
                L.append(f"\tai{j}[({b}*{2 * i + 1})&{n - 1}] += a{i}")
            else:
                L.append(f"\tab{j}[({b}+{i})&{n - 1}] = a{i}&1 == 1")
        if f.rec and i == half:
            rest = ", ".join(params[1:])
            args = "b0-1" + (", " + rest if rest else "")
            if f.pint:
                args += ", p"
            if f.parr:
                args += ", q"
            L.append("\tr := 0")
            L.append("\tif b0 > 0 {")
            L.append(f"\t\tr = {f.name}({args})")
            L.append("\t}")
    if f.addr:
        c = f.callee
        cargs = ", ".join(f"a{i % max(f.nlive, 1)}" if f.nlive else f"b{i % f.nparams}"
                          for i in range(c.nparams))
        L.append(f"\tloc[b0&{f.addr - 1}] = x")
        L.append(f"\tc := {c.name}({cargs}, &x, &loc)")
    # The checksum: every value, every parameter, array elements, pointees.
    terms = [f"a{i}" for i in range(f.nlive)] + params
    L.append("\ts := 0")
    for k in range(0, len(terms), 16):
        L.append("\ts += " + " + ".join(terms[k:k + 16]))
    for i, n in enumerate(f.ints):
        L.append(f"\ts += ai{i}[b0&{n - 1}] + ai{i}[(b1*3)&{n - 1}] + ai{i}[{n - 1}]")
    for i, n in enumerate(f.bools):
        L.append(f"\tfor j := 0; j < {n}; j += {max(1, n // 16)} {{")
        L.append(f"\t\tif ab{i}[(b0+j)&{n - 1}] {{")
        L.append("\t\t\ts += j + 1")
        L.append("\t\t}")
        L.append("\t}")
    if f.rec:
        L.append("\ts = s*3 + r")
    if f.addr:
        L.append(f"\ts = s*5 + c + x + loc[b0&{f.addr - 1}] + loc[(b0+1)&{f.addr - 1}]")
    if f.pint:
        L.append("\t*p += s & 1023")
        L.append("\ts += *p")
    if f.parr:
        L.append(f"\tq[b0&{f.parr - 1}] += s & 255")
    L.append("\treturn s")
    L.append("}")
    return "\n".join(L)


def call_args(f, k):
    """Arguments of a call of `f` from `run` (locals x and arr there)."""
    args = []
    for j in range(f.nparams):
        if j == 0 and f.rec:
            args.append(f"{f.rec}")
        elif j == 0:
            args.append(k)
        else:
            args.append(f"{k}*{j + 1}+{j}")
    if f.pint:
        args.append("&x")
    if f.parr:
        args.append(f"&arr{f.parr}")
    return ", ".join(args)


HEADER = """// Code generated by tests/gen/precheck_sweep.py; DO NOT EDIT.
// {title}
// Each function under test (FUT) is reached at many stack depths (phase A: walk/via,
// 16 bytes apart, from the top and below a deep recursion; phase B: pad/sweep with a
// shrinking host call before each) so that its entry SP meets the stack guard at every
// 16-byte offset; the output is a checksum of every value it computed.

package main

var total int

var tab [256]int

func sink(x int) int {
	total = total*31 + x
	return x
}
"""

DRIVER = """
func via(n, sel, k int) int {
	if n == 0 {
		return run(sel, k)
	}
	return via(n-1, sel, k)
}

func walk(sel, k int) int {
	if k == 0 {
		return 0
	}
	s := via(0, sel, k) + via(1, sel, k) + via(2, sel, k) + via(3, sel, k)
	return s + walk(sel, k-1)
}

func deep(n, sel int) int {
	var fill [28]int
	fill[n%28] = n
	if n == 0 {
		return walk(sel, {deep_levels})
	}
	return deep(n-1, sel) + fill[n%28]
}

func pad(d, sel int) int {
	if d == 0 {
		return run(sel, sel+3)
	}
	return pad(d-1, sel)
}

func sweep(sel int) int {
	s := 0
	for d := sel * {phase} % {step}; d < {dmax}; d += {step} {
		print("")
		print("")
		s = s*7 + pad(d, sel)
	}
	return s
}

func main() {
	for i := range tab {
		tab[i] = i*i*7 + i + 3
	}
	c := 0
	for sel := 0; sel < {nfut}; sel++ {
		a := walk(sel, {levels})
		b := deep({deep}, sel)
		d := sweep(sel)
		println(sel, a, b, d)
		c = c*131 + a + b + d
	}
	println(c, total)
}
"""


def program(title, futs, callees=()):
    parts = [HEADER.replace("{title}", title)]
    for f in list(callees) + futs:
        parts.append(fut_func(f))
    # run: the dispatcher; x and the arrays are what the pointer parameters point to.
    arrs = sorted({f.parr for f in futs if f.parr})
    R = ["func run(sel, k int) int {", "\tx := k"]
    for n in arrs:
        R.append(f"\tvar arr{n} [{n}]int")
        R.append(f"\tarr{n}[k&{n - 1}] = k")
    R.append("\tr := 0")
    R.append("\tswitch sel {")
    for i, f in enumerate(futs):
        R.append(f"\tcase {i}:")
        R.append(f"\t\tr = {f.name}({call_args(f, 'k')})")
    R.append("\t}")
    tail = "\treturn r + x"
    for n in arrs:
        tail += f" + arr{n}[k&{n - 1}] + arr{n}[(k+1)&{n - 1}]"
    R.append(tail)
    R.append("}")
    parts.append("\n".join(R))
    driver = DRIVER
    for key, val in (("levels", LEVELS), ("deep_levels", DEEP_LEVELS), ("deep", DEEP),
                     ("dmax", DMAX), ("step", STEP), ("phase", PHASE), ("nfut", len(futs))):
        driver = driver.replace("{" + key + "}", str(val))
    parts.append(driver)
    return "\n".join(parts)


def programs():
    P = {}
    P["live_small"] = ("values live across calls: 1, 2, 5, 10, 20, 40", [
        Fut(f"live{n}", n) for n in (1, 2, 5, 10, 20, 40)])
    P["live_mid"] = ("values live across calls: 80, 120", [
        Fut(f"live{n}", n) for n in (80, 120)])
    P["live_big"] = ("values live across calls: 160, 200", [
        Fut(f"live{n}", n) for n in (160, 200)])
    P["params"] = ("6..12 parameters (beyond 6 on the stack) with 60..100 live values", [
        Fut("par6", 60, 6), Fut("par7", 70, 7), Fut("par8", 80, 8),
        Fut("par10", 80, 10), Fut("par12", 100, 12)])
    P["arrays"] = ("[N]int and [N]bool locals of 64 B..8 KiB each, with 40..80 live values", [
        Fut("arr64", 80, ints=[8], bools=[64]), Fut("arr512", 80, ints=[64], bools=[512]),
        Fut("arr2k", 40, ints=[256], bools=[2048]), Fut("arr8k", 60, ints=[1024], bools=[8192]),
        Fut("mixed", 80, 8, ints=[64, 8], bools=[256])])
    P["ptr"] = ("pointer parameters (*int, *[N]int) into the caller's frame", [
        Fut("pint5", 5, pint=True), Fut("pint80", 80, pint=True),
        Fut("pint200", 200, pint=True), Fut("parr80", 80, parr=16),
        Fut("both80", 80, 10, pint=True, parr=64),
        Fut("ptrarr", 80, 7, ints=[64], pint=True, parr=16)])
    callee = Fut("grab", 80, 6, pint=True, parr=64)
    P["addr"] = ("local arrays and ints whose address is passed down to a spilling callee", [
        Fut("addr0", 0, 6, addr=64, callee=callee),
        Fut("addr20", 20, 6, addr=64, callee=callee),
        Fut("addr80", 80, 6, addr=64, ints=[64], callee=callee),
        Fut("addr80b", 80, 8, addr=64, bools=[512], callee=callee)], [callee])
    P["rec"] = ("recursive functions under test (they call themselves a few levels deep)", [
        Fut("rec40", 40, rec=4), Fut("rec80", 80, rec=2), Fut("rec120", 120, rec=1),
        Fut("recptr", 80, 7, pint=True, parr=16, rec=2),
        Fut("recarr", 40, ints=[64], bools=[512], rec=1)])
    return P


# ---- The issue's example programs ------------------------------------------------------

EX_HEADER = """// Code generated by tests/gen/precheck_sweep.py; DO NOT EDIT.
{doc}
package main

var total int

func sink(x int) int {
	total += x
	return x
}
"""


def sum_lines(names, indent="\t"):
    """`return n0 + n1 + ...` over several lines (Go continues a line ending in +)."""
    rows = [" + ".join(names[k:k + 12]) for k in range(0, len(names), 12)]
    return f"{indent}return " + (" +\n" + indent + "\t").join(rows)


def spill_g(nlive, nparams=6, recurse=False):
    """g(b0..b5 int) with nlive values `aI := sink(bJ + I)`, all summed at the end.

    With recurse, g calls itself (with b0+1, no base case) after computing them, and
    only one value in CALL_EVERY comes from sink, the others from loads of the global
    table (which the optimizer can neither merge nor move past a call): the same frame
    for much less work per level, so that the recursion overflows quickly.
    """
    params = [f"b{j}" for j in range(nparams)]
    L = [f"func g({', '.join(params)} int) int {{"]
    for i in range(nlive):
        b = params[i % nparams]
        if recurse and i % CALL_EVERY:
            L.append(f"\ta{i} := tab[({b}+{i})&1023]")
        else:
            L.append(f"\ta{i} := sink({b} + {i})")
    names = [f"a{i}" for i in range(nlive)]
    if recurse:
        L.append(f"\tr := g(b0+1, {', '.join(params[1:])})")
        names = ["r"] + names
    L.append(sum_lines(names))
    L.append("}")
    return "\n".join(L)


def ptr_g(nlive):
    """g(p *int) with nlive values `aI := *p + I; sink(aI)`, all summed at the end."""
    L = ["func g(p *int) int {"]
    for i in range(nlive):
        L.append(f"\ta{i} := *p + {i}")
        L.append(f"\tsink(a{i})")
    L.append(sum_lines([f"a{i}" for i in range(nlive)]))
    L.append("}")
    return "\n".join(L)


EX_DRIVER = """
func rec(d, k int) int {
	if d == 0 {
		return {bottom}
	}
	return rec(d-1, k) + 1
}

func chain(c, d, k int) int {
	if c == 0 {
		return rec(d, k)
	}
	return chain(c-1, d, k) + 1
}

// sweep reaches g at every 16-byte depth from 0 to 9 KiB (chain by 7 frames of 16
// bytes, rec by 1). While shrink, two host calls that print nothing come first: the
// copying strategy shrinks its stack there, so that g, not chain, meets the guard of
// the stack grown again.
func sweep(shrink bool) int {
	s := 0
	for c := 0; c < 560; c += 7 {
		for d := 0; d < 7; d++ {
			if shrink && c < 280 {
				print("")
				print("")
			}
			s += chain(c, d, c*8+d)
		}
	}
	return s
}

// deep runs the sweep again below 20 KiB of stack (where the segments of a
// 2 KiB-segment configuration are whole pages, with nothing mapped below their reserve).
func deep(n int) int {
	var fill [28]int
	fill[n%28] = n
	if n == 0 {
		return sweep(false)
	}
	return deep(n-1) + fill[n%28]
}

func main() {
	a := sweep(true)
	b := deep(80)
	println(a, b, total)
}
"""

OVERFLOW_MAIN = """
var tab [1024]int

func main() {
	for i := range tab {
		tab[i] = i*i + 1
	}
	println("starting")
	println(g(0, 1, 2, 3, 4, 5))
}
"""


def examples():
    """The example programs of issue 8: name -> source."""
    E = {}
    E["precheck_spill_int"] = EX_HEADER.replace("{doc}", """\
// precheck_spill_int (issue 8): g has 80 values live across calls, so its frame is about
// 670 bytes and the register allocator spills parameters into the bottom of it in the
// entry block, before the stack check. g is reached through chain (c frames deep) and
// rec (d frames deep) at every 16-byte depth from 0 to 9 KiB, from the top of the stack
// and below 20 KiB of it.
""") + "\n" + spill_g(80) + "\n" + EX_DRIVER.replace(
        "{bottom}", "g(k, k+1, k+2, k+3, k+4, k+5)")
    E["precheck_spill_ptr"] = EX_HEADER.replace("{doc}", """\
// precheck_spill_ptr (issue 8): g(p *int) has 80 values live across calls; in
// relocatable code (the copying strategy) the stack-map slot of p is stored at the bottom
// of its frame in the entry block, before the stack check. p points into rec's frame.
// Reached as in precheck_spill_int.
""") + "\n" + ptr_g(80) + "\n" + EX_DRIVER.replace(
        "{bottom}", "recg(k)") + """
func recg(k int) int {
	x := k
	r := g(&x)
	return r + x
}
"""
    E["overflow_precheck_spill"] = EX_HEADER.replace("{doc}", """\
// overflow_precheck_spill (issue 8): unbounded recursion of a function with 80 values
// live across calls (frames of about 670 bytes, parameters spilled at their bottom before
// the stack check): the overflow must be Go's "goroutine stack exceeds" / "stack
// overflow", never a write below the stack.
""") + "\n" + spill_g(80, recurse=True) + "\n" + OVERFLOW_MAIN
    E["overflow_precheck_spill700"] = EX_HEADER.replace("{doc}", """\
// overflow_precheck_spill700 (issue 8): as overflow_precheck_spill with 700 values live
// across calls: frames of about 5.6 KB, far more than any fixed reserve under the guard.
""") + "\n" + spill_g(700, recurse=True) + "\n" + OVERFLOW_MAIN
    return E


def main():
    check = "--check" in sys.argv[1:]
    files = {}
    for topic, spec in programs().items():
        title, futs = spec[0], spec[1]
        callees = spec[2] if len(spec) > 2 else ()
        name = f"precheck_sweep_{topic}"
        files[name] = program(f"{name}: {title}.", futs, callees)
    files.update(examples())
    bad = 0
    for name, src in files.items():
        src = src.rstrip("\n") + "\n"
        path = os.path.join(OUT_DIR, f"{name}.go")
        if check:
            try:
                with open(path) as fh:
                    same = fh.read() == src
            except OSError:
                same = False
            if not same:
                print(f"{path}: differs from the generator's output", file=sys.stderr)
                bad += 1
        else:
            with open(path, "w") as fh:
                fh.write(src)
            print(f"wrote {os.path.relpath(path, ROOT)}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
