#!/usr/bin/env python3
"""Measures morestack against the Go toolchain and writes BENCHMARKS.md.

Usage: ci/bench.py [--runs N] [--out FILE] [--timeout S] [--quick] [--skip-criterion]
                   [--skip-sweep] [--skip-frames] [--skip-compile-time] [--skip-rss]
                   [--morestack BIN] [--programs P1,P2,...]

Normally run through ci/bench.sh, which builds everything first. Steps:

1. Whole programs: every benches/programs/P.go with a P.out (its expected checksum line,
   from Go) runs under `morestack run` with each strategy (fixed, segmented/none,
   segmented/keep, copying), as the executables `morestack build` makes (`built`: the
   default strategy, copying; `built fixed`: --strategy fixed; no compiler in the
   process, like Go's binary) and as the binary `go build` makes, N times each (default 5),
   interleaved so that machine noise hits every variant alike. Every run's output is
   checked; the median wall time and the largest peak RSS are kept. A variant whose
   first run exceeds --timeout seconds is not run again and is reported as a timeout.
   --programs restricts this step (and so the goals) to the programs named. The compute
   programs (COMPUTE: loops over arrays, no deep recursion) have the goal of issue 11,
   fixed at or below Go; every program has issue 11's goal of copying within 1.02x of
   fixed (the worst is reported), besides issue 4's looser ones. Both are reported for
   `morestack run` (whole process: compiling included, which Go's binary does not do)
   and for the built executables, from back-to-back pairs of runs (`paired`: the median
   ratio of two runs a moment apart; about PAIR_SECONDS of pairs, more where the median
   is near its goal), with whether copying and fixed compile to the same machine code,
   and the noise floor (`fib` under fixed paired with itself).
2. The prologue's cost: fib and ack under fixed with and without `--no-stack-check`.
3. The compile time of the largest test program (`compile_time_us` of `--stats`).
4. Criterion (unless --skip-criterion): `cargo bench --bench split` (one split +
   unsplit) and `--bench copy` (copy throughput against memcpy); their medians are read
   from target/criterion.
5. The hot-split sweep (unless --skip-sweep): per-depth time per call for every strategy
   and for Go (benches/go/sweep_timing.go), written to docs/hot_split_sweep.{csv,svg}.
6. Frames against Go's (unless --skip-frames): every function's frame under both kinds of
   code against Go's, through ci/frames.py (its markdown, its goals; the whole table in
   docs/frames.csv).
7. Compile time against program size (unless --skip-compile-time): ci/compile_time.py's
   generated programs along every axis, docs/compile_time.{svg,md}.
8. Goroutines (issue 12): the goroutine programs' time and peak RSS under the default
   strategy against Go's (from step 1); `cargo bench --bench goroutines` (one switch, one
   round trip, one spawn + exit) against Go's `benches/go/goroutines_test.go` (with
   criterion); peak RSS against parked goroutines, 10^3..10^6, for each strategy and Go
   (ci/goroutine_rss.py, unless --skip-rss: docs/goroutine_rss.{csv,svg}). A run that
   morestack refuses cleanly (fixed out of address space) is reported as `refused`.
9. BENCHMARKS.md: the tables, the machine, versions and date, and every goal of the
   issues with its status and figure.
"""

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = set()
# Compute-bound programs (issue 11): fixed at or below Go is their goal.
COMPUTE = ("sieve", "collatz", "matmul", "qsort_ptr")

# The goroutine programs (issue 12): at or below Go's time and peak RSS under the default
# strategy is their goal.
GOROUTINE = ("go_spawn", "go_pingpong", "go_grow_many", "go_million")

# (label, extra arguments to `morestack run`)
CONFIGS = [
    ("fixed", ["--strategy", "fixed"]),
    ("segmented/none", ["--strategy", "segmented", "--segment-cache", "none"]),
    ("segmented/keep", ["--strategy", "segmented", "--segment-cache", "keep"]),
    ("copying", ["--strategy", "copying"]),
]
NOCHECK = ("fixed, no check", ["--strategy", "fixed", "--no-stack-check"])
# (a, b): a's time over b's, from back-to-back pairs (issue 11's goals; `paired`).
# Pairs per comparison: about PAIR_SECONDS of them, at most PAIR_MAX (at least 2 * runs).
PAIR_SECONDS = 20
PAIR_MAX = 60
# A comparison whose median lands within PAIR_NEAR of its goal (1.02 for copying against
# fixed, 1.00 against Go) takes more pairs, up to PAIR_EXTEND times as many, while it stays
# there: two identical commands measured 0.976-1.020 apart over 20 pairs on this machine,
# so near a goal the first pairs cannot decide it. Far from it (on either side) they can.
PAIR_NEAR = 0.015
PAIR_EXTEND = 3
PAIRS = [("copying", "fixed"), ("built", "built fixed"), ("fixed", "go"), ("built fixed", "go")]

# Times one run and reads its peak RSS through GNU time (`/usr/bin/time -f %M`), whose own
# footprint before it execs the program is under 1 MB. Reading ru_maxrss of a child of
# this Python process counted the 14 MB Python image the child was before its exec (fork
# and vfork alike), which hid every smaller figure (Go's go_pingpong read 14 MB). The
# wait blocks (`subprocess.run(timeout=)` polls with sleeps of up to 50 ms, which quantized
# every wall time to 50 ms steps). Both were wrong in every run up to 2026-11-30 19:00.
RSS_WRAPPER = r"""
import os, signal, subprocess, sys, tempfile, threading, time
with tempfile.NamedTemporaryFile("r") as f:
    t = time.perf_counter()
    p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", f.name] + sys.argv[2:],
                         stdout=sys.stdout, stderr=sys.stderr, start_new_session=True)
    expired = []
    def kill():
        expired.append(1)
        os.killpg(p.pid, signal.SIGKILL)
    timer = threading.Timer(float(sys.argv[1]), kill)
    timer.start()
    code = p.wait()
    t = time.perf_counter() - t
    timer.cancel()
    lines = open(f.name).read().split()
    r = int(lines[-1]) if lines and lines[-1].isdigit() else 0
if expired:
    code = 124
sys.stdout.flush()
sys.stderr.write(f"\n{t:.6f} {r}")
sys.exit(code)
"""


class Refused(Exception):
    """A run that ended with a clean error of morestack's instead of the result."""


def measure(cmd, expected, timeout):
    """One run: (seconds, peak RSS KiB), or None on timeout; fails loudly on a wrong result."""
    wrapper = [sys.executable, "-c", RSS_WRAPPER, str(timeout)] + [str(c) for c in cmd]
    proc = subprocess.run(wrapper, capture_output=True)
    lines = proc.stderr.decode(errors="replace").rsplit("\n", 2)
    try:
        secs, rss = lines[-1].split()
        secs, rss = float(secs), int(rss)
    except ValueError:
        sys.exit(f"bench: wrapper failed for {cmd}: {proc.stderr[-300:]!r}")
    if proc.returncode == 124:
        return None
    text = proc.stdout.decode(errors="replace") + "\n".join(lines[:-1])
    err = "\n".join(lines[:-1]).strip()
    if proc.returncode == 1 and err.startswith("morestack: cannot reserve"):
        # A clean refusal (the fixed strategy out of address space with many
        # goroutines): reported as such, not a benchmark failure.
        raise Refused(err.splitlines()[0])
    if proc.returncode != 0 or expected not in text:
        sys.exit(f"bench: {' '.join(map(str, cmd))}: exit {proc.returncode}, expected "
                 f"{expected!r}, got {text[-300:]!r}")
    return secs, rss


def median_runs(variants, runs, timeout):
    """{label: (cmd, expected)} -> {label: (median s or None, max RSS KiB, [s per round])}."""
    times = {k: [] for k in variants}
    rss = {k: 0 for k in variants}
    dead = set()
    for _ in range(runs):
        for label, (cmd, expected) in variants.items():
            if label in dead:
                continue
            try:
                m = measure(cmd, expected, timeout)
            except Refused as e:
                REFUSED[label] = str(e)
                m = None
            if m is None:
                dead.add(label)
                continue
            times[label].append(m[0])
            rss[label] = max(rss[label], m[1])
    return {k: (None if k in dead else statistics.median(v), rss[k], v) for k, v in times.items()}


def paired(a, b, n, timeout, goal=None):
    """Ratios b/a of n runs of two variants ((cmd, expected) each) made back to back, the
    order alternating from pair to pair: the median ratio, and every ratio. Two runs a
    moment apart see the same machine; runs seconds apart (one interleaved round of every
    variant) do not: two variants with the same machine code measured 1.03-1.06 apart as
    the median of per-round ratios, and within 1.5% as the median of paired ratios.
    With a goal, more pairs while the median is within PAIR_NEAR of it (see PAIR_EXTEND)."""
    ratios = []
    i = 0
    while True:
        if i >= n:
            near = goal is not None and abs(statistics.median(ratios) - goal) < PAIR_NEAR
            if not near or i >= PAIR_EXTEND * n:
                break
        first, second = (a, b) if i % 2 == 0 else (b, a)
        m1 = measure(*first, timeout)
        m2 = measure(*second, timeout)
        if m1 is None or m2 is None:
            return None, []
        ta, tb = (m1[0], m2[0]) if i % 2 == 0 else (m2[0], m1[0])
        ratios.append(tb / ta)
        i += 1
    return statistics.median(ratios), ratios


def same_code(ms, go, a, b):
    """Whether `morestack emit --asm` prints the same machine code for strategies a and b
    (addresses of the compiler's process masked)."""
    def asm(strategy):
        out = subprocess.run([ms, "emit", "--asm", "--strategy", strategy, str(go)],
                             capture_output=True, text=True).stdout
        return re.sub(r"0x[0-9a-f]{8,}", "ADDR", out)

    return asm(a) == asm(b)


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "unknown"


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def criterion_find(group, prefix):
    base = ROOT / "target/criterion" / group
    out = {}
    for d in sorted(base.glob("*")):
        est = d / "new/estimates.json"
        if d.name.startswith(prefix) and est.exists():
            out[d.name] = json.loads(est.read_text())["median"]["point_estimate"]
    return out


def trace(ms, strategy, program, out):
    """Runs `program` with --trace-stack; returns [(seconds, MiB)]."""
    subprocess.run([ms, "run", "--strategy", strategy, "--trace-stack", str(out), str(program)],
                   check=True, stdout=subprocess.DEVNULL)
    rows = [l.split(",") for l in Path(out).read_text().split("\n")[1:] if l.strip()]
    return [(int(t) / 1e9, int(b) / 2**20) for t, b in rows]


def plot_traces(traces, path, title):
    """A step plot of stack size over time, one line per strategy (SVG)."""
    w, h, left, right, top, bottom = 900, 420, 70, 20, 40, 50
    tmax = max(t for tr in traces.values() for t, _ in tr) or 1
    bmax = max(b for tr in traces.values() for _, b in tr) or 1
    x = lambda t: left + (w - left - right) * t / tmax
    y = lambda b: top + (h - top - bottom) * (1 - b / bmax)
    s = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
         f'<rect width="{w}" height="{h}" fill="white"/>',
         f'<text x="{w / 2}" y="20" text-anchor="middle" font-size="14">{title}</text>']
    for i in range(5):
        b = bmax * i / 4
        s.append(f'<line x1="{left}" x2="{w - right}" y1="{y(b):.1f}" y2="{y(b):.1f}" stroke="#ddd"/>'
                 f'<text x="{left - 6}" y="{y(b) + 4:.1f}" text-anchor="end">{b:.0f} MiB</text>')
        t = tmax * i / 4
        s.append(f'<text x="{x(t):.1f}" y="{h - bottom + 16}" text-anchor="middle">{t:.2f} s</text>')
    s.append(f'<text x="{(w + left) / 2}" y="{h - 10}" text-anchor="middle">time since the run started</text>')
    colors = ["#2ca02c", "#9467bd", "#1f77b4", "#d62728"]
    for i, (name, tr) in enumerate(traces.items()):
        pts = []
        prev = None
        for t, b in tr:
            if prev is not None:
                pts.append(f"{x(t):.1f},{y(prev):.1f}")
            pts.append(f"{x(t):.1f},{y(b):.1f}")
            prev = b
        pts.append(f"{x(tmax):.1f},{y(prev):.1f}")
        c = colors[i % len(colors)]
        s.append(f'<polyline fill="none" stroke="{c}" stroke-width="1.2" points="{" ".join(pts)}"/>')
        s.append(f'<rect x="{left + 15}" y="{top + 12 + 16 * i}" width="14" height="3" fill="{c}"/>'
                 f'<text x="{left + 34}" y="{top + 16 + 16 * i}">{name}</text>')
    s.append("</svg>")
    Path(path).write_text("\n".join(s) + "\n")


REFUSED = {}


def go_benchmarks():
    """Go's figures for benches/go/goroutines_test.go: {name: median ns/op}."""
    p = subprocess.run(["go", "test", "-bench", ".", "-benchtime", "2000000x", "-count", "3",
                        "goroutines_test.go"], cwd=ROOT / "benches/go", capture_output=True,
                       text=True, env=dict(os.environ, GO111MODULE="off"))
    got = {}
    for line in p.stdout.splitlines():
        f = line.split()
        if len(f) >= 4 and f[0].startswith("Benchmark") and f[3] == "ns/op":
            got.setdefault(f[0][len("Benchmark"):].split("-")[0], []).append(float(f[2]))
    return {k: statistics.median(v) for k, v in got.items()}


def mib(kib):
    """A peak RSS in KiB as MiB: one decimal under 10 MiB."""
    if kib is None:
        return "—"
    return f"{kib / 1024:.1f}" if kib < 10240 else f"{kib / 1024:.0f}"


def fmt_s(v):
    return "timeout" if v is None else f"{v:.3f}"


def ratio(a, b):
    return None if a is None or b is None else a / b


def fmt_r(v):
    return "—" if v is None else f"{v:.2f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", default=str(ROOT / "BENCHMARKS.md"))
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--quick", action="store_true", help="1 run, small sweep (a smoke test)")
    ap.add_argument("--skip-criterion", action="store_true")
    ap.add_argument("--skip-sweep", action="store_true")
    ap.add_argument("--skip-frames", action="store_true")
    ap.add_argument("--skip-compile-time", action="store_true")
    ap.add_argument("--skip-rss", action="store_true",
                    help="skip ci/goroutine_rss.py (peak RSS against parked goroutines)")
    ap.add_argument("--morestack", default=str(ROOT / "target/release/morestack"))
    ap.add_argument("--programs", help="comma-separated names of benches/programs to run "
                    "(default: all)")
    args = ap.parse_args()
    only = set(args.programs.split(",")) if args.programs else None
    if args.quick:
        args.runs = 1
    t_start = time.time()

    progs = {}
    for go in sorted((ROOT / "benches/programs").glob("*.go")):
        if go.stem not in SKIP and go.with_suffix(".out").exists():
            if only is None or go.stem in only:
                progs[go.stem] = go
    if not progs:
        sys.exit("bench: no programs in benches/programs")
    if only and only - set(progs):
        sys.exit(f"bench: no such program: {', '.join(sorted(only - set(progs)))}")
    ms = args.morestack
    tmp = Path(tempfile.mkdtemp(prefix="msbench"))
    rows = []
    refused = {}
    cmds = {}
    for name, go in progs.items():
        expected = go.with_suffix(".out").read_text().strip()
        binary = tmp / name
        subprocess.run(["go", "build", "-o", str(binary), str(go)], check=True)
        variants = {label: ([ms, "run", *extra, str(go)], expected) for label, extra in CONFIGS}
        if name in ("fib", "ack"):
            variants[NOCHECK[0]] = ([ms, "run", *NOCHECK[1], str(go)], expected)
        built = tmp / f"{name}.built"
        subprocess.run([ms, "build", "-o", str(built), str(go)], check=True)
        variants["built"] = ([str(built)], expected)
        built_fixed = tmp / f"{name}.built-fixed"
        subprocess.run([ms, "build", "--strategy", "fixed", "-o", str(built_fixed), str(go)],
                       check=True)
        variants["built fixed"] = ([str(built_fixed)], expected)
        variants["go"] = ([str(binary)], expected)
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        rows.append((name, median_runs(variants, args.runs, args.timeout)))
        refused[name] = dict(REFUSED)
        REFUSED.clear()
        cmds[name] = variants
    res = dict(rows)

    # Issue 11's tight goals from back-to-back pairs (see `paired`): copying against
    # fixed for every program, fixed against Go for the compute programs; under `run`
    # and as built executables.
    pairs = {}
    npairs = {}
    for name in progs:
        for a, b in PAIRS:
            if name not in COMPUTE and b == "go":
                continue
            r = res[name]
            if r[a][0] is None or r[b][0] is None or a in refused[name] or b in refused[name]:
                continue
            # At least 2N pairs, more for short programs (whose runs vary more, relative
            # to their time): about PAIR_SECONDS of pairs, PAIR_MAX at most.
            n = 2 * args.runs
            if not args.quick:
                n = max(n, min(PAIR_MAX, int(PAIR_SECONDS / (r[a][0] + r[b][0])) + 1))
            print(f"bench: {name}: {a} against {b}, {n} pairs", file=sys.stderr, flush=True)
            goal = 1.0 if b == "go" else 1.02
            med, ratios = paired(cmds[name][b], cmds[name][a], n, args.timeout, goal)
            pairs[(name, a, b)] = med
            npairs[(name, a, b)] = len(ratios)
    # The noise floor: one command against itself, as the pairs above are taken.
    noise = None
    if "fib" in res and res["fib"]["fixed"][0] is not None:
        n = 2 * args.runs
        if not args.quick:
            n = max(n, min(PAIR_MAX, int(PAIR_SECONDS / (2 * res["fib"]["fixed"][0])) + 1))
        print(f"bench: fib: fixed against itself, {n} pairs", file=sys.stderr, flush=True)
        med, ratios = paired(cmds["fib"]["fixed"], cmds["fib"]["fixed"], n, args.timeout)
        if med is not None:
            noise = (med, min(ratios), max(ratios), len(ratios))
    codes_same = {name: same_code(ms, go, "copying", "fixed") for name, go in progs.items()}

    largest = max((ROOT / "tests/programs").glob("*.go"), key=lambda p: p.stat().st_size)
    ctimes = []
    for _ in range(max(args.runs, 3)):
        p = subprocess.run([ms, "run", "--strategy", "fixed", "--stats", str(largest)],
                           capture_output=True, text=True)
        for line in p.stderr.splitlines():
            if line.startswith("compile_time_us:"):
                ctimes.append(int(line.split()[1]) / 1000)
    ctime = statistics.median(ctimes)

    split = {}
    copy = {}
    prol = {}
    gcrit = {}
    gcrit_go = {}
    if not args.skip_criterion:
        print("bench: criterion (split, copy) ...", file=sys.stderr, flush=True)
        for b in ["split", "copy", "prologue", "goroutines"]:
            subprocess.run(["cargo", "bench", "--bench", b, "--", "--noplot"], cwd=ROOT,
                           check=True, stdout=subprocess.DEVNULL)
        split = criterion_find("split_unsplit", "")
        copy = criterion_find("copy_throughput", "")
        prol = criterion_find("prologue", "")
        for strat in ("copying", "segmented", "fixed"):
            for k, v in criterion_find(f"goroutines_{strat}", "").items():
                gcrit[(strat, k)] = v
        print("bench: Go's goroutine benchmarks (benches/go/goroutines_test.go) ...",
              file=sys.stderr, flush=True)
        gcrit_go = go_benchmarks()

    sweep = None
    if not args.skip_sweep:
        print("bench: hot-split sweep ...", file=sys.stderr, flush=True)
        calls, maxd, sruns = ("2400", "60", "3") if args.quick else ("240000", "200", "3")
        gocsv = tmp / "go.csv"
        with open(gocsv, "w") as f:
            subprocess.run(["go", "run", "sweep_timing.go", calls, maxd, sruns],
                           cwd=ROOT / "benches/go", check=True, stdout=f)
        subprocess.run(["cargo", "bench", "--bench", "sweep", "--", "--out", str(ROOT / "docs"),
                        "--calls", calls, "--max-d", maxd, "--runs", sruns, "--go-csv", str(gocsv),
                        "--none-calls", str(int(calls) // 10)],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        lines = (ROOT / "docs/hot_split_sweep.csv").read_text().split("\n")
        head = lines[0].split(",")[1:]
        cols = {h: [] for h in head}
        for l in lines[1:]:
            if l.strip():
                for h, v in zip(head, l.split(",")[1:]):
                    cols[h].append(float(v))
        sweep = {h: sum(v) / len(v) for h, v in cols.items()}
        sweep["_calls"] = calls

    print("bench: stack traces of deep_churn ...", file=sys.stderr, flush=True)
    churn = ROOT / "benches/programs/deep_churn.go"
    traces = {f"{s} (8 KiB start)": trace(ms, s, churn, tmp / f"{s}.csv") for s in ("segmented", "copying")}
    plot_traces(traces, ROOT / "docs/deep_churn_stack.svg",
                "deep_churn.go: stack size over time (--trace-stack)")

    # ---- BENCHMARKS.md ----
    o = []
    o.append("# Benchmarks\n")
    o.append(f"Measured on {time.strftime('%Y-%m-%d')} by `ci/bench.sh` (which runs "
             f"`ci/bench.py --runs {args.runs}`) on {cpu_model()}, {os.cpu_count()} cores, "
             f"{platform.system()} {platform.release()}; {version(['go', 'version'])}; "
             f"{version(['rustc', '--version'])}; Cranelift 0.135. The machine is shared and "
             f"noisy: compare ratios within one table, which were measured in the same run "
             f"(variants interleaved). The whole run took {{ELAPSED}}.\n")
    o.append("## Whole programs\n")
    o.append(f"`benches/programs/*.go` (the shared benchmark programs, plus `hot_split_d150.go`: "
             f"`hot_split.go` with `D = 150`, the depth at which every leaf call crosses an 8 KiB "
             f"segment boundary; {', '.join(f'`{c}`' for c in COMPUTE)} are the compute programs "
             f"of issue 11). Wall time of the whole process in seconds, median of {args.runs}; "
             f"for morestack that includes compiling the program (a few ms). "
             f"`go` is the binary `go build` made. Runs longer than {args.timeout:.0f} s are "
             f"stopped (`timeout`).\n")
    labels = [l for l, _ in CONFIGS] + ["built", "built fixed", "go"]
    o.append("| program | " + " | ".join(labels) + " | seg/keep ÷ fixed | copying ÷ fixed | fixed ÷ go | copying ÷ go | built ÷ built fixed | built fixed ÷ go | built ÷ go | peak RSS MiB fixed / copying / built / go |")
    o.append("|---|" + "---|" * (len(labels) + 8))
    for name, r in rows:
        f = r["fixed"][0]
        cell = lambda l: "refused" if l in refused.get(name, {}) else fmt_s(r[l][0])
        o.append(f"| {name} | " + " | ".join(cell(l) for l in labels) +
                 f" | {fmt_r(ratio(r['segmented/keep'][0], f))} | {fmt_r(ratio(r['copying'][0], f))}"
                 f" | {fmt_r(ratio(f, r['go'][0]))} | {fmt_r(ratio(r['copying'][0], r['go'][0]))}"
                 f" | {fmt_r(ratio(r['built'][0], r['built fixed'][0]))}"
                 f" | {fmt_r(ratio(r['built fixed'][0], r['go'][0]))}"
                 f" | {fmt_r(ratio(r['built'][0], r['go'][0]))}"
                 f" | {mib(r['fixed'][1])} / {mib(r['copying'][1])}"
                 f" / {mib(r['built'][1])} / {mib(r['go'][1])} |")
    for name, why in refused.items():
        for label, msg in why.items():
            o.append(f"\n`{name}` under {label}: refused with `{msg}`.")
    o.append("")
    o.append("## Copying against fixed, fixed against Go: paired (issue 11)\n")
    o.append(f"Issue 11's goals are tighter than the noise between two runs seconds apart, so "
             f"their figures come from pairs of runs made back to back (the order alternating), "
             f"after the table above: the median of the pairs' ratios, over {2 * args.runs} "
             f"pairs or, for short programs, about {PAIR_SECONDS} s of pairs (at most "
             f"{PAIR_MAX}). Under `run` our figure includes starting `morestack` and compiling "
             f"the program (a few milliseconds: `--stats` prints the compile time); Go's is "
             f"its built executable. "
             f"**Same code**: `morestack emit --asm` prints the same machine code for copying "
             f"and fixed (addresses masked), so their ratio can only be the machine's noise; "
             f"the functions of the others pass stack addresses across calls. A median within "
             f"{PAIR_NEAR:.3f} of its goal (1.02 copying ÷ fixed, 1.00 against Go) takes more "
             f"pairs, up to {PAIR_EXTEND} times as many, while it stays there; the number of "
             f"pairs is in parentheses.\n")
    if noise is not None:
        o.append(f"The noise floor, measured the same way in this run: `fib` under fixed against "
                 f"itself, median {noise[0]:.3f} over {noise[3]} pairs (single pairs "
                 f"{noise[1]:.3f} to {noise[2]:.3f}).\n")
    o.append("| program | same code | copying ÷ fixed (run) | copying ÷ fixed (built) | fixed ÷ go (run) | fixed ÷ go (built) |")
    o.append("|---|---|---|---|---|---|")
    for name in progs:
        def pc(a, b):
            v = pairs.get((name, a, b))
            return "—" if v is None else f"{v:.3f} ({npairs[(name, a, b)]})"
        o.append(f"| {name} | {'yes' if codes_same[name] else 'no'} | {pc('copying', 'fixed')} | "
                 f"{pc('built', 'built fixed')} | {pc('fixed', 'go')} | {pc('built fixed', 'go')} |")
    o.append("")
    o.append("## The prologue's cost\n")
    o.append("Fixed strategy, with the stack check and with `--no-stack-check`, same run.\n")
    o.append("| program | with check (s) | without (s) | cost |")
    o.append("|---|---|---|---|")
    prologue = {}
    for name in ("fib", "ack"):
        if name in res and NOCHECK[0] in res[name]:
            a, b = res[name]["fixed"][0], res[name][NOCHECK[0]][0]
            prologue[name] = a / b - 1
            o.append(f"| {name} | {a:.3f} | {b:.3f} | {100 * prologue[name]:+.1f}% |")
    o.append("")
    if prol:
        w, wo = prol.get("with_check"), prol.get("without_check")
        if w and wo:
            per = 242785
            o.append(f"Criterion (`cargo bench --bench prologue`, `fib(25)` through the library, "
                     f"no process start or compile in the time): {w / per:.2f} ns per call with "
                     f"the check, {wo / per:.2f} ns without: **{100 * (w / wo - 1):+.1f}%**.\n")
            prologue["fib (criterion)"] = w / wo - 1
    lines_n = sum(1 for _ in largest.open())
    o.append(f"**Compile time** of the largest test program, `tests/programs/{largest.name}` "
             f"({largest.stat().st_size} bytes, {lines_n} lines): median {ctime:.1f} ms (parse, check, "
             f"Cranelift at `opt_level=speed`, JIT link; `compile_time_us` of `--stats`).\n")
    split_cost = None
    if split:
        o.append("## One split + unsplit (criterion)\n")
        o.append("`cargo bench --bench split`: `pad(d, n)` at the depth `d` where each call of a "
                 "small function crosses a segment boundary (8 KiB segments), 100 000 calls per "
                 "iteration; the same on the fixed strategy at the same depth. Median time per call:\n")
        o.append("| variant | ns per call |")
        o.append("|---|---|")
        per = {k: v / 100000 for k, v in split.items()}
        for k, v in per.items():
            o.append(f"| {k} | {v:.2f} |")
        fixed = [v for k, v in per.items() if k.startswith("fixed")]
        keep = [v for k, v in per.items() if k.startswith("segmented-keep")]
        none = [v for k, v in per.items() if k.startswith("segmented-none")]
        if fixed and keep:
            split_cost = keep[0] - fixed[0]
            o.append(f"\nOne split + unsplit with `keep`: **{split_cost:.1f} ns** (segmented-keep − fixed)"
                     + (f"; with `none` (mmap + munmap each time): **{(none[0] - fixed[0]) / 1000:.1f} µs**." if none else "."))
        o.append("")
    if (ROOT / "target/criterion/copy_throughput/move").is_dir() and not args.skip_criterion:
        o.append("## Copy throughput (criterion)\n")
        o.append("`cargo bench --bench copy`: one forced move of a stack whose live part is about "
                 "the given size (walk every frame, copy, rewrite the frame pointers, into a freshly "
                 "mapped stack, page faults included), against a `memcpy` of the same size between "
                 "two already-touched buffers.\n")
        o.append("| live stack | move | memcpy | move GB/s | memcpy GB/s |")
        o.append("|---|---|---|---|---|")
        for kib in ["64", "1024", "16384", "65536"]:
            mvd = ROOT / "target/criterion/copy_throughput/move" / kib / "new/estimates.json"
            mcd = ROOT / "target/criterion/copy_throughput/memcpy" / kib / "new/estimates.json"
            if mvd.exists() and mcd.exists():
                mv = json.loads(mvd.read_text())["median"]["point_estimate"]
                mc = json.loads(mcd.read_text())["median"]["point_estimate"]
                b = int(kib) * 1024
                o.append(f"| {int(kib) // 1024 if int(kib) >= 1024 else int(kib)} {'MiB' if int(kib) >= 1024 else 'KiB'} "
                         f"| {mv / 1000:.1f} µs | {mc / 1000:.1f} µs | {b / mv:.2f} | {b / mc:.2f} |")
        o.append("")
    if sweep:
        o.append("## The hot split\n")
        o.append(f"`cargo bench --bench sweep`: `hot_split_sweep.go`'s `descend(d, {sweep['_calls']})` "
                 f"timed at every depth d, time per leaf call (median of 3). On segments, the depths "
                 f"where the leaf call crosses a segment boundary pay a split and an unsplit per call.\n")
        o.append("![hot-split sweep](docs/hot_split_sweep.svg)\n")
        o.append("| line | mean ns per call over the sweep | ÷ fixed |")
        o.append("|---|---|---|")
        for k, v in sweep.items():
            if not k.startswith("_"):
                o.append(f"| {k} | {v:.1f} | {v / sweep['fixed']:.2f} |")
        o.append("")

    o.append("## Stack size over time\n")
    o.append("`morestack run --strategy S --trace-stack FILE benches/programs/deep_churn.go` "
             "(20 dives 1 000 000 calls deep): the segmented chain grows and is given back on every "
             "dive; the copying stack doubles up to the peak once and stays there, since the "
             "program reaches no safe point (host call) where it could shrink until the end.\n")
    o.append("![deep_churn stack size](docs/deep_churn_stack.svg)\n")
    for name, tr in traces.items():
        o.append(f"- {name}: {len(tr) - 1} size changes, peak {max(b for _, b in tr):.1f} MiB")
    o.append("")

    # ---- goroutines ----
    gor_goals = []
    if gcrit:
        o.append("## Goroutine operations (criterion)\n")
        o.append("`cargo bench --bench goroutines` (each iteration does 20 000 operations through "
                 "the library; per-operation median) against Go's `go test -bench . -benchtime "
                 "2000000x -count 3 benches/go/goroutines_test.go` (GOMAXPROCS=1, median of the "
                 "3 counts), same run. A switch: two goroutines alternating with "
                 "`runtime.Gosched()`; a round trip: two unbuffered channel operations; spawn + "
                 "exit: `go worker(done)` then `<-done`.\n")
        o.append("| operation | copying ns | segmented ns | fixed ns | Go ns | copying ÷ Go |")
        o.append("|---|---|---|---|---|---|")
        per = {"switch": 40000, "pingpong": 20000, "spawn_exit": 20000}
        gonames = {"switch": "Switch", "pingpong": "PingPong", "spawn_exit": "SpawnExit"}
        for op, n in per.items():
            cells = [gcrit.get((st_, op)) for st_ in ("copying", "segmented", "fixed")]
            cells = [None if c is None else c / n for c in cells]
            gv = gcrit_go.get(gonames[op])
            r = ratio(cells[0], gv)
            o.append(f"| {op} | " + " | ".join("—" if c is None else f"{c:.0f}" for c in cells)
                     + f" | {'—' if gv is None else f'{gv:.0f}'} | {fmt_r(r)} |")
            if r is not None:
                gor_goals.append((f"#12 one {op.replace('_', ' + ')} at or below Go's (criterion)",
                                  r <= 1.0, f"{cells[0]:.0f} ns vs {gv:.0f} ns"))
        o.append("")
    if not args.skip_rss:
        print("bench: peak RSS against parked goroutines (ci/goroutine_rss.py) ...",
              file=sys.stderr, flush=True)
        p = subprocess.run([sys.executable, str(ROOT / "ci/goroutine_rss.py"), "--morestack", ms],
                           check=True, capture_output=True, text=True)
        o.append("## Peak RSS against parked goroutines\n")
        o.append("`ci/goroutine_rss.py`: `go_million.go` with G goroutines parked at once, each "
                 "strategy with its defaults and Go, peak RSS (the smaller of two runs); "
                 "`docs/goroutine_rss.csv`.\n")
        o.append("![peak RSS against parked goroutines](docs/goroutine_rss.svg)\n")
        o.append(p.stdout)
    # Under the default strategy: `morestack run` (compiler in the process) and the
    # executable `morestack build` makes (compared with the one `go build` makes).
    for name in GOROUTINE:
        for v, what in (("copying", "`morestack run`"), ("built", "`morestack build`")):
            if name in res and res[name][v][0] is not None and res[name]["go"][0] is not None:
                r = res[name]
                t = r[v][0] / r["go"][0]
                gor_goals.append((f"#12 `{name}` at or below Go's time ({what})", t <= 1.0,
                                  f"{t:.2f}"))
                m = r[v][1] / r["go"][1]
                kib = lambda k: (f"{k / 1024:.0f} MiB" if k >= 10240 else f"{k:.0f} KiB")
                gor_goals.append((f"#12 `{name}` at or below Go's peak RSS ({what})", m <= 1.0,
                                  f"{kib(r[v][1])} vs {kib(r['go'][1])}"))

    # ---- frames against Go's ----
    frame_goals = []
    if not args.skip_frames:
        sys.path.insert(0, str(ROOT / "ci"))
        import frames

        print("bench: frames against Go's (ci/frames.py)", file=sys.stderr)
        frows = frames.measure(ms)
        if frows:
            frames.write_csv(frows, ROOT / "docs/frames.csv")
            o.append("## Frames against Go's\n")
            o.append(frames.report(frows, source="`ci/bench.py` (through `ci/frames.py`)"))
            o.append("The whole table: `docs/frames.csv`.\n")
            frame_goals = frames.goals(frows)

    # ---- compile time against program size ----
    ctime_goals = []
    if not args.skip_compile_time:
        sys.path.insert(0, str(ROOT / "ci"))
        import compile_time

        print("bench: compile time against program size (ci/compile_time.py)", file=sys.stderr)
        cruns = 1 if args.quick else 3
        cres = compile_time.measure(ms, cruns, args.quick)
        compile_time.plot(cres, ROOT / "docs/compile_time.svg")
        body = compile_time.report(cres, cruns)
        (ROOT / "docs/compile_time.md").write_text(f"{compile_time.SECTION}\n\n{body}")
        o.append(f"{compile_time.SECTION}\n")
        o.append(body)
        for axis, (_, crows) in cres.items():
            x = max(compile_time.exponent(crows, "check_s"), compile_time.exponent(crows, "compile_s"))
            ctime_goals.append((f"#9 compile time near-linear in `{axis}` (exponent at most 1.3)",
                                x <= 1.3, f"{x:.2f}"))

    # ---- goals ----
    def st(ok):
        return "met" if ok else "**not met**"

    def rr(name, a, b):
        r = res.get(name)
        return None if r is None else ratio(r[a][0], r[b][0])

    def rp(name, a, b):
        # Median of back-to-back paired ratios (`paired`): the figure for issue 11's goals.
        return pairs.get((name, a, b))

    goals = []
    # Issues 2-4 set their goals before the goroutine programs existed; issue 12 sets
    # theirs (below), issue 11's copying-within-1.02x-of-fixed covers every program.
    older = [n for n in progs if n not in GOROUTINE]
    for name in older:
        if name in COMPUTE:
            x = rp(name, "fixed", "go")
            goals.append((f"#11 `{name}` fixed at or below Go (paired)", x is not None and x <= 1.0,
                          fmt_r(x)))
            # Built: no compiler in the process, as in Go's binary.
            x = rp(name, "built fixed", "go")
            goals.append((f"#11 `{name}` fixed at or below Go (built; paired)",
                          x is not None and x <= 1.0, fmt_r(x)))
        else:
            x = rr(name, "fixed", "go")
            goals.append((f"#2 `{name}` fixed at or below Go", x is not None and x <= 1.0, fmt_r(x)))
    for name, v in prologue.items():
        goals.append((f"#2 prologue cost on `{name}` under 3%", v < 0.03, f"{100 * v:+.1f}%"))
    if split_cost is not None:
        goals.append(("#3 split + unsplit with keep under 10 ns", split_cost < 10, f"{split_cost:.1f} ns"))
    if sweep:
        k = sweep["segmented/keep"] / sweep["fixed"]
        goals.append(("#3 hot_split_sweep segmented/keep within 1.5x of fixed", k <= 1.5, f"{k:.2f}"))
        c = sweep["copying"] / sweep["fixed"]
        goals.append(("#4 hot_split_sweep copying within 1.05x of fixed", c <= 1.05, f"{c:.2f}"))
    for name in older:
        x = rr(name, "segmented/keep", "fixed")
        if name.startswith("hot_split"):
            # The hot-split programs have their own goal (1.5x on the sweep, above); the
            # figure is reported here all the same.
            goals.append((f"#3 `{name}` segmented/keep vs fixed (hot split: see the 1.5x goal)",
                          x is not None and x <= 1.5, fmt_r(x)))
            continue
        goals.append((f"#3 `{name}` segmented/keep within 1.1x of fixed", x is not None and x <= 1.1, fmt_r(x)))
    worst = None
    for name in progs:
        if "fixed" in refused.get(name, {}):
            # Fixed cannot run it (a million goroutines of --stack-max each): nothing to
            # compare with; the table says why.
            continue
        x = rp(name, "copying", "fixed")
        if x is not None and (worst is None or x > worst[1]):
            worst = (name, x)
        goals.append((f"#11 `{name}` copying within 1.02x of fixed (paired)",
                      x is not None and x <= 1.02, "—" if x is None else f"{x:.3f}"))
    if worst:
        goals.append((f"#11 worst copying ÷ fixed (`{worst[0]}`)", worst[1] <= 1.02, f"{worst[1]:.3f}"))
    worst = None
    for name in progs:
        if "built fixed" in refused.get(name, {}):
            continue
        x = rp(name, "built", "built fixed")
        if x is not None and (worst is None or x > worst[1]):
            worst = (name, x)
        goals.append((f"#11 `{name}` copying within 1.02x of fixed (built; paired)",
                      x is not None and x <= 1.02, "—" if x is None else f"{x:.3f}"))
    if worst:
        goals.append((f"#11 worst copying ÷ fixed, built (`{worst[0]}`)", worst[1] <= 1.02,
                      f"{worst[1]:.3f}"))
    for name in older:
        if name in COMPUTE:
            continue
        x = rr(name, "copying", "fixed")
        lim = 1.2 if name in ("deep_churn", "deep_1k", "ptr_reloc") else 1.1
        goals.append((f"#4 `{name}` copying within {lim}x of fixed", x is not None and x <= lim, fmt_r(x)))
    for name in ("deep_churn", "deep_1k", "ptr_reloc"):
        x = rr(name, "copying", "go")
        if x is not None or name in res:
            goals.append((f"#4 `{name}` copying faster than Go", x is not None and x < 1.0, fmt_r(x)))
    goals += frame_goals
    goals += ctime_goals
    goals += gor_goals
    o.append("## Goals\n")
    o.append("Every goal set by the issues, with this run's figure. Why the unmet ones are not met "
             "and what would meet them is in the notes below the table.\n")
    o.append("| goal | status | figure |")
    o.append("|---|---|---|")
    for g, ok, fig in goals:
        o.append(f"| {g} | {st(ok)} | {fig} |")
    o.append("")
    notes = ROOT / "docs/benchmark-notes.md"
    if notes.exists():
        o.append(notes.read_text())
    text = "\n".join(o) + "\n"
    elapsed = time.time() - t_start
    text = text.replace("{ELAPSED}", f"{elapsed / 60:.1f} minutes")
    Path(args.out).write_text(text)
    print(f"bench: wrote {args.out} in {elapsed / 60:.1f} minutes", file=sys.stderr)


if __name__ == "__main__":
    main()
