#!/usr/bin/env python3
"""Compile time against program size: generated programs growing along one axis at a time.

Usage: ci/compile_time.py [--runs N] [--quick] [--morestack BIN] [--axes a,b,...]
                          [--emit AXIS N] [--update FILE]

For every axis (below) the program is generated at sizes n, 2n, 4n, 8n and timed two ways,
each the median of --runs runs (default 3):

- `check`: the wall time of `morestack check FILE` (parse and type check; includes the
  process start, a millisecond or two);
- `compile`: `compile_time_us` of `morestack run --stats FILE` (parse, check, Cranelift at
  `opt_level=speed`, JIT link; the run itself is not in it). Peak RSS of that run too.

Every generated program is checked against its expected output (each prints a known
value). Writes docs/compile_time.svg (log-log, one line per axis, compile time) and
docs/compile_time.md (the table and the growth exponent per axis: the slope of log time
against log size between the two largest sizes; 1 is linear, 2 quadratic). ci/bench.py
calls `measure` and `report` for the section "Compile time against program size" of
BENCHMARKS.md; `--update FILE` replaces that section of FILE (e.g. BENCHMARKS.md) in place
with this run's. `--emit AXIS N` prints the program of that axis and size and exits.
"""

import argparse
import math
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Compile time against program size"


def g_statements(n):
    """n statements in one function: `s += s ^ k` (folded into one running value)."""
    body = "\n".join(f"\ts += s&{k % 1000} + {k}" for k in range(n))
    return f"package main\n\nfunc main() {{\n\ts := 0\n{body}\n\tprintln(s)\n}}\n", None


def g_println_args(n):
    """One `println` with n arguments."""
    args = ", ".join(str(k % 10) for k in range(n))
    return f"package main\n\nfunc main() {{\n\tprintln({args})\n}}\n", None


def g_call_args(n):
    """A user function with n parameters, called once with n arguments (its empty loop
    keeps it from being inlined: the call is a real call)."""
    params = ", ".join(f"p{k}" for k in range(n))
    s = " + ".join(f"p{k}" for k in range(0, n, max(1, n // 8)))
    args = ", ".join(str(k) for k in range(n))
    return (f"package main\n\nfunc f({params} int) int {{\n\tfor i := 0; i < 1; i++ {{\n\t}}\n"
            f"\treturn {s}\n}}\n\n"
            f"func main() {{\n\tprintln(f({args}))\n}}\n"), None


def g_switch_cases(n):
    """A tagged switch with n constant cases."""
    cases = "\n".join(f"\tcase {k}:\n\t\tprintln({k})" for k in range(n))
    return (f"package main\n\nfunc f(x int) {{\n\tswitch x {{\n{cases}\n\t}}\n}}\n\n"
            f"func main() {{\n\tf({n // 2})\n}}\n"), None


def g_else_if(n):
    """An if / else-if chain of n conditions (each else-if is 2 levels of the parser's 1000)."""
    parts = [f"if x == {k} {{\n\t\tprintln({k})\n\t}}" for k in range(n)]
    chain = " else ".join(parts)
    return (f"package main\n\nfunc f(x int) {{\n\t{chain}\n}}\n\n"
            f"func main() {{\n\tf({n // 2})\n}}\n"), None


def g_functions(n):
    """n functions, each calling the previous one."""
    fs = ["func f0(x int) int {\n\treturn x + 1\n}\n"]
    fs += [f"func f{k}(x int) int {{\n\treturn f{k - 1}(x) + {k % 7}\n}}\n" for k in range(1, n)]
    return "package main\n\n" + "\n".join(fs) + f"\nfunc main() {{\n\tprintln(f{n - 1}(0))\n}}\n", None


def g_locals(n):
    """n local variables, each from the previous one, all used."""
    decl = "\n".join(f"\tv{k} := v{k - 1} + {k % 5}" for k in range(1, n))
    return f"package main\n\nfunc main() {{\n\tv0 := 1\n{decl}\n\tprintln(v{n - 1})\n}}\n", None


def g_array_literal(n):
    """A local `[n]int{...}` literal with n elements."""
    elems = ", ".join(str(k % 100) for k in range(n))
    return (f"package main\n\nfunc main() {{\n\ta := [{n}]int{{{elems}}}\n"
            f"\tprintln(a[{n - 1}], len(a))\n}}\n"), None


def g_nesting(n):
    """n nested `if x > -k { ... }` (the parser's limit of 1000 levels counts 2 per `if`)."""
    opens = "".join(f"if x > {-k} {{\n" for k in range(n))
    closes = "}\n" * n
    return (f"package main\n\nfunc f(x int) {{\n{opens}println(x)\n{closes}}}\n\n"
            f"func main() {{\n\tf(1)\n}}\n"), None


def g_add_chain(n):
    """`a + a + ... + a` with n terms (the parser's limit is 1000)."""
    chain = " + ".join(["a"] * n)
    return (f"package main\n\nfunc f(a int) int {{\n\treturn {chain}\n}}\n\n"
            f"func main() {{\n\tprintln(f(1))\n}}\n"), None


# (axis, generator, sizes, what a size counts). The value a switch or a condition tests is
# a parameter, so that constant propagation does not fold the program away.
AXES = [
    ("statements", g_statements, [12500, 25000, 50000, 100000], "statements"),
    ("println_args", g_println_args, [5000, 10000, 20000, 40000], "arguments"),
    ("call_args", g_call_args, [1000, 2000, 4000, 8000], "parameters"),
    ("switch_cases", g_switch_cases, [12500, 25000, 50000, 100000], "cases"),
    ("else_if", g_else_if, [1250, 2500, 5000, 10000], "conditions"),
    ("functions", g_functions, [1250, 2500, 5000, 10000], "functions"),
    ("locals", g_locals, [6250, 12500, 25000, 50000], "locals"),
    ("array_literal", g_array_literal, [12500, 25000, 50000, 100000], "elements"),
    ("nesting", g_nesting, [60, 120, 240, 480], "levels"),
    ("add_chain", g_add_chain, [1250, 2500, 5000, 10000], "terms"),
]
QUICK_DIV = 8
# The parser's MAX_DEPTH (1000) bounds nested `if`s (2 levels each); --quick does not
# shrink them. (Chains, else-if and operator, may be 10 000 long: MAX_CHAIN.)
BOUNDED = {"nesting"}
RUN_OPTS = {}


def expected_output(axis, n):
    """What the generated program prints (computed here, so no Go run is needed)."""
    if axis == "statements":
        s = 0
        for k in range(n):
            s += (s & (k % 1000)) + k
            s = (s + 2**63) % 2**64 - 2**63
        return f"{s}\n"
    if axis == "println_args":
        return " ".join(str(k % 10) for k in range(n)) + "\n"
    if axis == "call_args":
        return f"{sum(range(0, n, max(1, n // 8)))}\n"
    if axis in ("switch_cases", "else_if"):
        return f"{n // 2}\n"
    if axis == "functions":
        return f"{1 + sum(k % 7 for k in range(1, n))}\n"
    if axis == "locals":
        return f"{1 + sum(k % 5 for k in range(1, n))}\n"
    if axis == "array_literal":
        return f"{(n - 1) % 100} {n}\n"
    if axis == "nesting":
        return "1\n"
    if axis == "add_chain":
        return f"{n}\n"
    raise KeyError(axis)


RUN_WRAPPER = r"""
import resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], capture_output=True)
t = time.perf_counter() - t
r = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stdout.buffer.write(p.stdout)
sys.stderr.buffer.write(p.stderr)
sys.stderr.write(f"\n@@ {p.returncode} {t:.6f} {r}")
"""


def run(cmd):
    """(exit code, stdout, stderr, wall seconds, peak RSS KiB) of one child."""
    p = subprocess.run([sys.executable, "-c", RUN_WRAPPER] + [str(c) for c in cmd],
                       capture_output=True)
    err, tail = p.stderr.decode(errors="replace").rsplit("\n@@ ", 1)
    code, secs, rss = tail.split()
    return int(code), p.stdout.decode(errors="replace"), err, float(secs), int(rss)


def measure_one(ms, axis, gen, n, runs, tmp):
    """{check_s, compile_s, rss_mib, bytes} for one generated program."""
    src, _ = gen(n)
    path = Path(tmp) / f"{axis}_{n}.go"
    path.write_text(src)
    want = expected_output(axis, n)
    checks, compiles, rss = [], [], 0
    for _ in range(runs):
        code, out, err, secs, _ = run([ms, "check", path])
        if code != 0:
            sys.exit(f"compile_time: check {axis} {n} failed ({code}): {err[-400:]}")
        checks.append(secs)
        code, out, err, secs, r = run([ms, "run", "--stats", *RUN_OPTS.get(axis, []), path])
        if code != 0 or out != want:
            sys.exit(f"compile_time: run {axis} {n}: exit {code}, expected {want[-80:]!r}, "
                     f"got {out[-80:]!r}; {err[-400:]}")
        us = [int(l.split()[1]) for l in err.splitlines() if l.startswith("compile_time_us:")]
        compiles.append(us[0] / 1e6)
        rss = max(rss, r)
    return {"check_s": statistics.median(checks), "compile_s": statistics.median(compiles),
            "rss_mib": rss / 1024, "bytes": len(src)}


def measure(ms, runs=3, quick=False, axes=None, log=sys.stderr):
    """{axis: (unit, [(n, result of measure_one)])} for every axis (or those named)."""
    res = {}
    with tempfile.TemporaryDirectory(prefix="msctime") as tmp:
        for axis, gen, sizes, unit in AXES:
            if axes and axis not in axes:
                continue
            if quick and axis not in BOUNDED:
                sizes = [max(2, s // QUICK_DIV) for s in sizes]
            rows = []
            for n in sizes:
                print(f"compile_time: {axis} {n} ...", file=log, flush=True)
                rows.append((n, measure_one(ms, axis, gen, n, runs, tmp)))
            res[axis] = (unit, rows)
    return res


def exponent(rows, key):
    """Slope of log time against log size between the two largest sizes."""
    (n1, a), (n2, b) = rows[-2], rows[-1]
    if a[key] <= 0 or b[key] <= 0:
        return float("nan")
    return math.log(b[key] / a[key]) / math.log(n2 / n1)


COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
          "#7f7f7f", "#bcbd22", "#17becf"]


def plot(res, path, key="compile_s", title="Compile time against program size"):
    """Log-log SVG: one line per axis, time against size; dashed guides of slope 1 and 2."""
    w, h, left, right, top, bottom = 900, 520, 80, 190, 40, 50
    pts = [(n, r[key]) for _, rows in res.values() for n, r in rows if r[key] > 0]
    xmin = 10 ** math.floor(math.log10(min(n for n, _ in pts)))
    xmax = 10 ** math.ceil(math.log10(max(n for n, _ in pts)))
    ymin = 10 ** math.floor(math.log10(min(t for _, t in pts)))
    ymax = 10 ** math.ceil(math.log10(max(t for _, t in pts)))
    lx = lambda v: left + (w - left - right) * math.log10(v / xmin) / math.log10(xmax / xmin)
    ly = lambda v: top + (h - top - bottom) * (1 - math.log10(v / ymin) / math.log10(ymax / ymin))
    s = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
         f'<rect width="{w}" height="{h}" fill="white"/>',
         f'<text x="{(w - right + left) / 2}" y="20" text-anchor="middle" font-size="14">{title}</text>']
    e = math.floor(math.log10(ymin))
    while 10 ** e <= ymax * 1.0001:
        v = 10 ** e
        lab = f"{v * 1000:g} ms" if v < 1 else f"{v:g} s"
        s.append(f'<line x1="{left}" x2="{w - right}" y1="{ly(v):.1f}" y2="{ly(v):.1f}" stroke="#ddd"/>'
                 f'<text x="{left - 6}" y="{ly(v) + 4:.1f}" text-anchor="end">{lab}</text>')
        e += 1
    e = math.floor(math.log10(xmin))
    while 10 ** e <= xmax * 1.0001:
        v = 10 ** e
        s.append(f'<line x1="{lx(v):.1f}" x2="{lx(v):.1f}" y1="{top}" y2="{h - bottom}" stroke="#ddd"/>'
                 f'<text x="{lx(v):.1f}" y="{h - bottom + 16}" text-anchor="middle">{v:g}</text>')
        e += 1
    s.append(f'<text x="{(w - right + left) / 2}" y="{h - 12}" text-anchor="middle">'
             f'program size (statements, arguments, cases, functions, levels, ...) — log scale</text>')
    s.append(f'<text x="16" y="{(h - bottom + top) / 2}" text-anchor="middle" '
             f'transform="rotate(-90 16 {(h - bottom + top) / 2})">compile time (log scale)</text>')
    # guides through the lower-left corner: slope 1 (linear) and 2 (quadratic)
    for slope, label in ((1, "linear"), (2, "quadratic")):
        x0, y0 = xmin, ymin
        x1 = min(xmax, xmin * (ymax / ymin) ** (1 / slope))
        y1 = ymin * (x1 / xmin) ** slope
        s.append(f'<line x1="{lx(x0):.1f}" y1="{ly(y0):.1f}" x2="{lx(x1):.1f}" y2="{ly(y1):.1f}" '
                 f'stroke="#999" stroke-dasharray="4 4"/>'
                 f'<text x="{lx(x1) - 4:.1f}" y="{ly(y1) + 14:.1f}" text-anchor="end" fill="#777">{label}</text>')
    for i, (axis, (unit, rows)) in enumerate(res.items()):
        c = COLORS[i % len(COLORS)]
        p = " ".join(f"{lx(n):.1f},{ly(r[key]):.1f}" for n, r in rows if r[key] > 0)
        s.append(f'<polyline fill="none" stroke="{c}" stroke-width="1.6" points="{p}"/>')
        for n, r in rows:
            if r[key] > 0:
                s.append(f'<circle cx="{lx(n):.1f}" cy="{ly(r[key]):.1f}" r="2.5" fill="{c}"/>')
        yl = top + 12 + 18 * i
        s.append(f'<rect x="{w - right + 12}" y="{yl - 4}" width="14" height="3" fill="{c}"/>'
                 f'<text x="{w - right + 32}" y="{yl}">{axis} ({exponent(rows, key):.2f})</text>')
    s.append(f'<text x="{w - right + 12}" y="{top + 12 + 18 * len(res) + 6}" fill="#555">'
             f'(growth exponent)</text>')
    s.append("</svg>")
    Path(path).write_text("\n".join(s) + "\n")


def report(res, runs, svg="docs/compile_time.svg"):
    """The markdown section (without its heading)."""
    o = []
    o.append(f"`ci/compile_time.py --runs {runs}`: generated programs growing along one axis at "
             f"a time (see its docstring for the shapes), each at sizes n, 2n, 4n, 8n. "
             f"**check**: wall time of `morestack check` (parse and type check, process start "
             f"included); **compile**: `compile_time_us` of `morestack run --stats` (parse, "
             f"check, Cranelift at `opt_level=speed`, JIT link); medians of {runs} runs; peak RSS "
             f"of the `run`. The **exponent** is the slope of log time against log size between "
             f"the two largest sizes (1 = linear, 2 = quadratic).\n")
    o.append(f"![compile time against program size]({svg})\n")
    o.append("| axis | size | source KiB | check ms | compile ms | peak RSS MiB |")
    o.append("|---|---|---|---|---|---|")
    for axis, (unit, rows) in res.items():
        for n, r in rows:
            o.append(f"| {axis} | {n} {unit} | {r['bytes'] / 1024:.0f} | {1000 * r['check_s']:.1f} "
                     f"| {1000 * r['compile_s']:.1f} | {r['rss_mib']:.0f} |")
    o.append("")
    o.append("| axis | exponent of check | exponent of compile |")
    o.append("|---|---|---|")
    for axis, (unit, rows) in res.items():
        o.append(f"| {axis} | {exponent(rows, 'check_s'):.2f} | {exponent(rows, 'compile_s'):.2f} |")
    o.append("")
    return "\n".join(o)


def replace_section(path, body):
    """Replaces (or appends) the section SECTION of the markdown file `path`."""
    text = Path(path).read_text() if Path(path).exists() else ""
    new = f"{SECTION}\n\n{body}\n"
    if SECTION in text:
        head, rest = text.split(SECTION, 1)
        nxt = rest.find("\n## ")
        tail = rest[nxt + 1:] if nxt >= 0 else ""
        text = head + new + tail
    else:
        marker = "\n## Goals\n"
        text = text.replace(marker, "\n" + new + marker, 1) if marker in text else text + "\n" + new
    Path(path).write_text(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="sizes divided by 8, 1 run")
    ap.add_argument("--morestack", default=str(ROOT / "target/release/morestack"))
    ap.add_argument("--axes", default="", help="comma-separated axes (default: all)")
    ap.add_argument("--emit", nargs=2, metavar=("AXIS", "N"))
    ap.add_argument("--update", metavar="FILE", help="replace the section of this markdown file")
    ap.add_argument("--no-write", action="store_true", help="print the table only")
    args = ap.parse_args()
    if args.emit:
        gen = {a: g for a, g, _, _ in AXES}[args.emit[0]]
        sys.stdout.write(gen(int(args.emit[1]))[0])
        return
    if args.quick:
        args.runs = 1
    axes = [a for a in args.axes.split(",") if a]
    t = time.time()
    res = measure(args.morestack, args.runs, args.quick, axes)
    body = report(res, args.runs)
    if not args.no_write:
        plot(res, ROOT / "docs/compile_time.svg")
        (ROOT / "docs/compile_time.md").write_text(f"{SECTION}\n\n{body}")
    if args.update:
        replace_section(args.update, body)
    print(body)
    print(f"compile_time: {time.time() - t:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
