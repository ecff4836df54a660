#!/usr/bin/env python3
"""Compares every function's stack frame with Go's (x86-64), over the test programs.

    ci/frames.py [--markdown FILE] [--csv FILE] [--bin PATH] [DIR_OR_FILE...]

Go: `go build -gcflags=-S` prints `TEXT main.NAME(SB), ABIInternal, $FRAME-ARGS` for every
function it compiles; FRAME is the frame below the return address (locals, spills,
outgoing arguments and the saved frame pointer). Ours: `morestack emit --asm --target
x86_64 --strategy S` prints `frame N bytes` on each function's header line, N counted
from the caller's SP (return address and saved frame pointer included), so the
comparable figure is N - 8. A function called through a checking entry is counted with
its body's frame (the entry's 16 bytes are popped before the body runs). Functions Go
does not compile (the package initializer when Go needs none) are left out.

For each strategy's code (copying: relocatable, `opt_level=none`; fixed: optimized; the
segmented strategy runs the same code as fixed) it reports the totals over all functions,
the goal "total at or below Go's, no function above 1.5 x Go's + 64 bytes", every function
above the goal and the largest frames above Go's, as markdown (`ci/bench.py` imports this
module for BENCHMARKS.md's section "Frames against Go's"). Default inputs: tests/programs,
examples, benches/programs. Needs Go and `cargo build --release`.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GO_TEXT = re.compile(r"\bTEXT\s+main\.([A-Za-z0-9_]+)\(SB\),.*\$(\d+)-(\d+)")
OUR_FUNC = re.compile(r"^; func (\S+) \(u0:\d+; ([^;]+); frame (\d+) bytes")
STRATEGIES = ["copying", "fixed"]


def go_frames(path):
    """{function: frame} from `go build -gcflags=-S`, or None if Go rejects the file."""
    with tempfile.TemporaryDirectory() as d:
        r = subprocess.run(
            ["go", "build", "-gcflags=-S", "-o", os.path.join(d, "bin"), path.name],
            cwd=path.parent,
            capture_output=True,
            text=True,
            env={**os.environ, "GO111MODULE": "off"},
        )
    if r.returncode != 0:
        return None
    frames = {}
    for line in r.stderr.splitlines() + r.stdout.splitlines():
        m = GO_TEXT.search(line)
        if m:
            frames[m.group(1)] = int(m.group(2))
    return frames


def our_frames(binary, path, strategy):
    """{function: frame below the return address} from `morestack emit --asm`."""
    r = subprocess.run(
        [binary, "emit", "--asm", "--target", "x86_64", "--strategy", strategy, str(path)],
        capture_output=True,
        text=True,
    )
    if r.returncode != 0:
        return None
    frames = {}
    for line in r.stdout.splitlines():
        m = OUR_FUNC.match(line)
        if not m:
            continue
        name, role, frame = m.group(1), m.group(2), int(m.group(3))
        if role.startswith("checking entry"):
            continue  # the body ("NAME$body") stands for the function
        name = name.removesuffix("$body")
        if name.startswith("entry trampoline") or name == "init$":
            continue
        frames[name] = frame - 8
    return frames


def program_key(f, seen):
    """The program's name in the table: its file's stem, or where an earlier file had the
    same stem (`benches/programs/sieve.go` after `tests/programs/sieve.go`) its path from
    the repository's root without `.go`."""
    if f.stem not in seen:
        seen.add(f.stem)
        return f.stem
    p = f.resolve()
    try:
        p = p.relative_to(ROOT)
    except ValueError:
        pass
    return p.with_suffix("").as_posix()


def collect(binary, files):
    rows = []  # (program, function, go, {strategy: ours})
    seen = set()
    for f in files:
        key = program_key(f, seen)
        g = go_frames(f)
        if g is None:
            continue
        ours = {s: our_frames(binary, f, s) for s in STRATEGIES}
        if any(o is None for o in ours.values()):
            continue
        for fn, gf in sorted(g.items()):
            if all(fn in ours[s] for s in STRATEGIES):
                rows.append((key, fn, gf, {s: ours[s][fn] for s in STRATEGIES}))
    return rows


def over_goal(ours, go):
    return ours > 1.5 * go + 64


LABELS = {"copying": "copying (relocatable: optimized, then made relocatable)", "fixed": "fixed / segmented (optimized)"}
DEFAULT_INPUTS = ["tests/programs", "examples", "benches/programs"]
SOURCE = "`python3 ci/frames.py --markdown FILE` (`ci/bench.py` writes the same section)"


def files_of(inputs):
    files = []
    for p in inputs:
        files += sorted(p.glob("*.go")) if p.is_dir() else [p]
    return files


def measure(binary, inputs=None):
    """The table: one row (program, function, go, {strategy: ours}) per function Go compiles."""
    inputs = inputs or [ROOT / d for d in DEFAULT_INPUTS]
    return collect(binary, files_of(inputs))


def goals(rows):
    """Issue 8's frame goals for each kind of code: (goal, met, figure)."""
    go_total = sum(r[2] for r in rows)
    out = []
    for s in STRATEGIES:
        tot = sum(r[3][s] for r in rows)
        out.append((f"#8 frames ({s}): total at or below Go's", tot <= go_total,
                    f"{tot / go_total:.2f} ({tot} vs {go_total} bytes)"))
        over = [r for r in rows if over_goal(r[3][s], r[2])]
        out.append((f"#8 frames ({s}): no function above 1.5 x Go's + 64 bytes", not over,
                    f"{len(over)} of {len(rows)}" + (": " + ", ".join(f"{p}.{f}" for p, f, _, _ in over)
                                                     if over else "")))
    return out


def report(rows, source=SOURCE):
    out = []
    go_total = sum(r[2] for r in rows)
    out.append(
        f"Produced by {source}: {len(rows)} functions of "
        f"{len({r[0] for r in rows})} programs (`tests/programs`, `examples`, "
        "`benches/programs`), x86-64, every function Go compiles. Bytes below the return "
        "address: Go's `$framesize` from `go build -gcflags=-S`; ours from "
        "`morestack emit --asm --strategy S` minus the return address (the body's frame for a "
        "function behind a checking entry). Goal (issue 8): total at or below Go's, no function "
        "above 1.5 × Go's + 64 bytes.\n"
    )
    out.append("| code | total bytes | ÷ Go's total | functions above 1.5 × Go + 64 | closest to (or furthest over) the goal, ours vs Go |")
    out.append("|---|---|---|---|---|")
    out.append(f"| Go 1.19 | {go_total} | 1.00 | | |")
    for s in STRATEGIES:
        tot = sum(r[3][s] for r in rows)
        over = [r for r in rows if over_goal(r[3][s], r[2])]
        worst = max(rows, key=lambda r: r[3][s] - (1.5 * r[2] + 64))
        out.append(
            f"| {LABELS[s]} | {tot} | {tot / go_total:.2f} | {len(over)} | "
            f"{worst[0]}.{worst[1]}: {worst[3][s]} vs {worst[2]} |"
        )
    out.append("")
    over = [r for r in rows if any(over_goal(r[3][s], r[2]) for s in STRATEGIES)]
    if over:
        out.append("Functions above the goal (bytes):\n")
        out.append("| program.function | Go | goal | " + " | ".join(STRATEGIES) + " |")
        out.append("|---|---|---|" + "---|" * len(STRATEGIES))
        for p, fn, gf, o in sorted(over, key=lambda r: (r[0], r[1])):
            out.append(f"| {p}.{fn} | {gf} | {1.5 * gf + 64:g} | " +
                       " | ".join(f"**{o[s]}**" if over_goal(o[s], gf) else str(o[s]) for s in STRATEGIES) + " |")
        out.append("")
    for s in STRATEGIES:
        worst = sorted(rows, key=lambda r: r[3][s] - r[2], reverse=True)[:8]
        out.append(f"Largest frames above Go's, {s} (bytes):\n")
        out.append("| program.function | Go | ours | ours − Go |")
        out.append("|---|---|---|---|")
        for p, fn, gf, o in worst:
            out.append(f"| {p}.{fn} | {gf} | {o[s]} | {o[s] - gf:+d} |")
        out.append("")
    return "\n".join(out)


def write_csv(rows, path):
    with open(path, "w") as f:
        f.write("program,function,go," + ",".join(STRATEGIES) + "\n")
        for p, fn, gf, o in rows:
            f.write(f"{p},{fn},{gf}," + ",".join(str(o[s]) for s in STRATEGIES) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--markdown")
    ap.add_argument("--csv")
    ap.add_argument("--bin", default=str(ROOT / "target/release/morestack"))
    ap.add_argument("inputs", nargs="*")
    a = ap.parse_args()
    rows = measure(a.bin, [Path(p) for p in a.inputs] or None)
    if not rows:
        sys.exit("ci/frames.py: no function measured")
    text = report(rows)
    print(text)
    if a.markdown:
        Path(a.markdown).write_text(text + "\n")
    if a.csv:
        write_csv(rows, a.csv)


if __name__ == "__main__":
    main()
