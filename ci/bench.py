#!/usr/bin/env python3
"""Times whole programs under morestack and under the real Go toolchain.

Usage: ci/bench.py [--runs N] [--out FILE] [--programs DIR] [--morestack BIN]

For every program P.go in the programs directory (default ../shared/bench, then
benches/programs) that has a P.out with its expected checksum line, and that the
current issue supports (not go_spawn.go yet), it runs

  - `morestack run P.go` under each configuration in CONFIGS, and
  - the binary built by `go build P.go`,

N times each (default 5), interleaved so that machine noise hits every variant alike,
checks every run's output against P.out, and records the median wall time and the
peak RSS. It also measures the prologue's cost (fib and ack with the check against
`--no-stack-check`) and the compile time of the largest test program. The results
go to a Markdown file (default: stdout).
"""

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = {"go_spawn"}  # goroutines: a later issue

# (label, extra arguments to `morestack run`)
CONFIGS = [
    ("fixed", ["--strategy", "fixed"]),
]
NOCHECK = ("fixed, --no-stack-check", ["--strategy", "fixed", "--no-stack-check"])


def measure(cmd, expected):
    """One run; returns (seconds, peak RSS in KiB) and fails loudly on a wrong checksum.

    The command runs under a tiny Python wrapper so that RUSAGE_CHILDREN, and so the
    peak RSS, belongs to this run alone; the time is the one the wrapper measured.
    """
    wrapper = [sys.executable, "-c", RSS_WRAPPER] + [str(c) for c in cmd]
    proc = subprocess.run(wrapper, capture_output=True)
    lines = proc.stderr.decode(errors="replace").rsplit("\n", 2)
    try:
        inner_secs, rss = lines[-1].split()
        inner_secs, rss = float(inner_secs), int(rss)
    except ValueError:
        sys.exit(f"bench: wrapper failed for {cmd}: {proc.stderr[-300:]!r}")
    text = proc.stdout.decode(errors="replace") + "\n".join(lines[:-1])
    code = proc.returncode
    if code != 0 or expected not in text:
        sys.exit(f"bench: {' '.join(map(str, cmd))}: exit {code}, expected "
                 f"{expected!r}, got {text[-300:]!r}")
    return inner_secs, rss


RSS_WRAPPER = r"""
import resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], stdout=sys.stdout, stderr=sys.stderr)
t = time.perf_counter() - t
r = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stdout.flush()
sys.stderr.write(f"\n{t:.6f} {r}")
sys.exit(p.returncode)
"""


def median_runs(variants, runs):
    """variants: {label: (cmd, expected)} -> {label: (median s, max RSS KiB, [times])}."""
    times = {k: [] for k in variants}
    rss = {k: 0 for k in variants}
    for _ in range(runs):
        for label, (cmd, expected) in variants.items():
            t, r = measure(cmd, expected)
            times[label].append(t)
            rss[label] = max(rss[label], r)
    return {k: (statistics.median(v), rss[k], v) for k, v in times.items()}


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "unknown"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", default="-")
    ap.add_argument("--morestack", default=str(ROOT / "target/release/morestack"))
    ap.add_argument("--programs", action="append")
    args = ap.parse_args()

    dirs = [Path(d) for d in (args.programs or [ROOT.parent / "shared/bench", ROOT / "benches/programs"])]
    progs = {}
    for d in dirs:
        if d.is_dir():
            for go in sorted(d.glob("*.go")):
                if go.stem not in SKIP and go.with_suffix(".out").exists():
                    progs.setdefault(go.stem, go)
    if not progs:
        sys.exit("bench: no programs found")
    ms = args.morestack
    tmp = Path(tempfile.mkdtemp(prefix="msbench"))
    rows = []
    for name, go in progs.items():
        expected = go.with_suffix(".out").read_text().strip()
        binary = tmp / name
        subprocess.run(["go", "build", "-o", str(binary), str(go)], check=True)
        variants = {label: ([ms, "run", *extra, str(go)], expected) for label, extra in CONFIGS}
        if name in ("fib", "ack"):
            variants[NOCHECK[0]] = ([ms, "run", *NOCHECK[1], str(go)], expected)
        variants["go"] = ([str(binary)], expected)
        print(f"bench: {name} ...", file=sys.stderr)
        rows.append((name, median_runs(variants, args.runs)))
    shutil.rmtree(tmp, ignore_errors=True)

    # Compile time of the largest test program (bytes of source), from `--stats`.
    largest = max((ROOT / "tests/programs").glob("*.go"), key=lambda p: p.stat().st_size)
    ctimes = []
    for _ in range(args.runs):
        p = subprocess.run([ms, "run", "--stats", str(largest)], capture_output=True, text=True)
        for line in p.stderr.splitlines():
            if line.startswith("compile_time_us:"):
                ctimes.append(int(line.split()[1]) / 1000)
    if len(ctimes) != args.runs:
        sys.exit(f"bench: no compile_time_us from --stats for {largest}")

    out = []
    out.append(f"Measured {time.strftime('%Y-%m-%d')} by `ci/bench.py --runs {args.runs}` on "
               f"{platform.machine()}, {os.cpu_count()} cores; {version(['go', 'version'])}; "
               f"{version(['rustc', '--version'])}. Wall time of the whole process "
               f"(compile + run for morestack), median of {args.runs}; peak RSS is the largest of the runs.\n")
    labels = [label for label, _ in CONFIGS] + ["go"]
    out.append("| program | " + " | ".join(f"{l} (s)" for l in labels) + " | fixed / go | peak RSS fixed / go (MiB) |")
    out.append("|---|" + "---|" * (len(labels) + 2))
    for name, res in rows:
        cells = [f"{res[l][0]:.3f}" for l in labels]
        ratio = res["fixed"][0] / res["go"][0]
        out.append(f"| {name} | " + " | ".join(cells) +
                   f" | {ratio:.2f} | {res['fixed'][1] / 1024:.1f} / {res['go'][1] / 1024:.1f} |")
    out.append("")
    out.append("Prologue cost (same run): time with the stack check / time with `--no-stack-check`.\n")
    out.append("| program | with check (s) | without (s) | ratio |")
    out.append("|---|---|---|---|")
    for name, res in rows:
        if NOCHECK[0] in res:
            a, b = res["fixed"][0], res[NOCHECK[0]][0]
            out.append(f"| {name} | {a:.3f} | {b:.3f} | {a / b:.3f} |")
    out.append("")
    lines = sum(1 for _ in largest.open())
    out.append(f"Compile time of the largest test program, `tests/programs/{largest.name}` "
               f"({largest.stat().st_size} bytes, {lines} lines): median {statistics.median(ctimes):.1f} ms "
               f"(parse, check, Cranelift at `opt_level=speed`, JIT link; `compile_time_us` of `--stats`).")
    text = "\n".join(out) + "\n"
    if args.out == "-":
        sys.stdout.write(text)
    else:
        Path(args.out).write_text(text)


if __name__ == "__main__":
    main()
