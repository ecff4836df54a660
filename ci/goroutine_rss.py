#!/usr/bin/env python3
"""Peak RSS against the number of parked goroutines, for every strategy and for Go.

Usage: ci/goroutine_rss.py [--morestack BIN] [--counts 1000,10000,...] [--timeout S]
                           [--out-prefix docs/goroutine_rss]

The program is ../shared/bench/go_million.go (benches/programs/go_million.go): G
goroutines started, each parked on a channel, all alive at once, then released. It runs
with G from 10^3 to 10^6 (half decades) under `morestack run` with each strategy (their
defaults), as the executable `morestack build` makes (`built`: copying) and as the binary
`go build` makes; each run's output is checked against Go's
and its peak RSS (getrusage of the child) is kept, the best of two runs. A run that fails
(the fixed strategy runs out of address space: each goroutine reserves --stack-max) is
recorded with its first line of error. Writes PREFIX.csv and PREFIX.svg (log-log) and
prints a markdown table. Called by ci/bench.py (unless --skip-rss); about a minute.
"""

import argparse
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROGRAM = ROOT / "benches/programs/go_million.go"
COUNTS = [1000, 3162, 10000, 31623, 100000, 316228, 1000000]
VARIANTS = [
    ("copying", ["--strategy", "copying"]),
    ("segmented", ["--strategy", "segmented"]),
    ("fixed", ["--strategy", "fixed"]),
]


def peak_rss(cmd, timeout):
    """(exit status, stdout, stderr, peak RSS KiB) of one run of cmd, through GNU time (see
    RSS_WRAPPER in ci/bench.py: a child of this Python process would count its image)."""
    with tempfile.NamedTemporaryFile("r") as f:
        try:
            p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", f.name] + [str(c) for c in cmd],
                               capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return 124, "", "timeout", 0
        words = open(f.name).read().split()
    rss = int(words[-1]) if words and words[-1].isdigit() else 0
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace"), rss


def plot(rows, names, path):
    """Log-log lines of peak RSS (MiB) against the number of goroutines (SVG)."""
    w, h, left, right, top, bottom = 900, 460, 80, 30, 40, 50
    pts = [(n, r) for row in rows for n, r in [(row["count"], row[k]) for k in names] if r]
    xmin, xmax = math.log10(min(p[0] for p in pts)), math.log10(max(p[0] for p in pts))
    ymin = math.floor(math.log10(min(p[1] for p in pts) / 1024))
    ymax = math.ceil(math.log10(max(p[1] for p in pts) / 1024))
    ymax = max(ymax, ymin + 1)
    x = lambda n: left + (w - left - right) * (math.log10(n) - xmin) / (xmax - xmin or 1)
    y = lambda kib: top + (h - top - bottom) * (1 - (math.log10(kib / 1024) - ymin) / (ymax - ymin))
    s = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
         f'<rect width="{w}" height="{h}" fill="white"/>',
         f'<text x="{w / 2}" y="20" text-anchor="middle" font-size="14">'
         f'Peak RSS against parked goroutines (go_million.go)</text>']
    for e in range(ymin, ymax + 1):
        yy = y(1024 * 10 ** e)
        s.append(f'<line x1="{left}" x2="{w - right}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="#ddd"/>'
                 f'<text x="{left - 6}" y="{yy + 4:.1f}" text-anchor="end">{10 ** e:g} MiB</text>')
    for e in range(math.ceil(xmin), math.floor(xmax) + 1):
        s.append(f'<text x="{x(10 ** e):.1f}" y="{h - bottom + 16}" text-anchor="middle">10^{e}</text>')
    s.append(f'<text x="{(w + left) / 2}" y="{h - 10}" text-anchor="middle">goroutines parked at once</text>')
    colors = ["#1f77b4", "#9467bd", "#2ca02c", "#d62728"]
    for i, k in enumerate(names):
        c = colors[i % len(colors)]
        line = [f"{x(row['count']):.1f},{y(row[k]):.1f}" for row in rows if row[k]]
        s.append(f'<polyline fill="none" stroke="{c}" stroke-width="1.5" points="{" ".join(line)}"/>')
        for p in line:
            px, py = p.split(",")
            s.append(f'<circle cx="{px}" cy="{py}" r="2.5" fill="{c}"/>')
        s.append(f'<rect x="{left + 15}" y="{top + 12 + 16 * i}" width="14" height="3" fill="{c}"/>'
                 f'<text x="{left + 34}" y="{top + 16 + 16 * i}">{k}</text>')
    s.append("</svg>")
    Path(path).write_text("\n".join(s) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--morestack", default=str(ROOT / "target/release/morestack"))
    ap.add_argument("--counts", default=",".join(map(str, COUNTS)))
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--out-prefix", default=str(ROOT / "docs/goroutine_rss"))
    a = ap.parse_args()
    counts = [int(c) for c in a.counts.split(",")]
    src = PROGRAM.read_text()
    if "const G = 1000000" not in src:
        sys.exit(f"goroutine_rss: {PROGRAM} no longer has `const G = 1000000`")
    # `built`: the executable `morestack build` makes (copying, the default strategy).
    names = [v[0] for v in VARIANTS] + ["built", "go"]
    rows, notes = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n in counts:
            prog = Path(tmp) / f"parked_{n}.go"
            prog.write_text(src.replace("const G = 1000000", f"const G = {n}"))
            exe = Path(tmp) / f"parked_{n}"
            subprocess.run(["go", "build", "-o", str(exe), str(prog)], check=True,
                           env=dict(os.environ, GO111MODULE="off"))
            built = Path(tmp) / f"built_{n}"
            subprocess.run([a.morestack, "build", "-o", str(built), str(prog)], check=True)
            row = {"count": n}
            expected = None
            for name in ["go"] + [v[0] for v in VARIANTS] + ["built"]:
                if name == "go":
                    cmd = [exe]
                elif name == "built":
                    cmd = [built]
                else:
                    cmd = [a.morestack, "run"] + dict(VARIANTS)[name] + [prog]
                best = None
                for _ in range(2):
                    code, out, err, rss = peak_rss(cmd, a.timeout)
                    if name == "go":
                        # Go's println writes to stderr, morestack's to stdout.
                        out = expected = err.strip() + "\n"
                    else:
                        out = out.strip() + "\n"
                    if code != 0 or out != expected:
                        first = (err.strip().splitlines() or ["no output"])[0]
                        notes.append(f"{name} with {n} goroutines: exit {code}: {first}")
                        best = None
                        break
                    best = rss if best is None else min(best, rss)
                row[name] = best
                print(f"{n:>8} {name:<10} {'-' if best is None else f'{best / 1024:.1f} MiB'}",
                      file=sys.stderr)
            rows.append(row)
    prefix = Path(a.out_prefix)
    with open(prefix.with_suffix(".csv"), "w") as f:
        f.write("goroutines," + ",".join(f"{k}_rss_kib" for k in names) + "\n")
        for row in rows:
            f.write(f"{row['count']}," + ",".join("" if row[k] is None else str(row[k])
                                                  for k in names) + "\n")
    plot(rows, names, prefix.with_suffix(".svg"))
    print("| goroutines | " + " | ".join(names) + " | copying / Go | built / Go |")
    print("|---:|" + "---:|" * (len(names) + 2))
    for row in rows:
        cells = ["—" if row[k] is None else f"{row[k] / 1024:.1f} MiB" for k in names]
        r = lambda k: "—" if not row[k] or not row["go"] else f"{row[k] / row['go']:.2f}"
        print(f"| {row['count']:,} | " + " | ".join(cells) + f" | {r('copying')} | {r('built')} |")
    for n in notes:
        print(f"\n- {n}")


if __name__ == "__main__":
    main()
