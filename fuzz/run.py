#!/usr/bin/env python3
"""morestack's own fuzzer (issue 9, point 6): differential runs against Go, and mutants.

Differential mode (the default): fuzz/gen.py writes programs of the subset (seeds SEED,
SEED+1, ...); each is built once with `go build` (a batch of programs per `go build`),
its Go binary run (Go's stderr, split where Go's error text starts, is the expected stdout;
the first line of that text and the exit status are the expected error), then the program
is run by `morestack run` under every configuration of CONFIGS (copying, copying 2 KiB
with --force-move, segmented 2 KiB without segment cache, segmented, fixed). A difference
in stdout, exit status or first error line (the number in `goroutine stack exceeds N-byte
limit` normalized), a signal, a Rust panic or a timeout is a finding.

Mutation mode (--mutate): the test programs, reject programs, examples and a few generated
programs are mutated (tokens and lines deleted, duplicated, swapped, random bytes including
invalid UTF-8, huge numbers, deep nesting, giant literals...) and given to `morestack check`
and `morestack run`. A finding is: an exit status other than 0, 1, 2; a signal; Rust panic
text; a `check` that does not finish in time; a rejection (exit 1) whose first stderr line
is not `FILE:LINE:COL: message`; a run that exits 2 without Go's error text; `check` and
`run` disagreeing on acceptance. With --go-check (on by default for --mutate) each mutant
is also type-checked by `go tool compile`: a program we accept but Go rejects is a finding;
when both reject, a different first position is a finding of kind `position` (Go accepts
and we reject: valid Go outside the subset, not reported).

Every finding is minimized (lines and brace-matched blocks deleted while the same kind of
defect remains; for the differential mode the program must stay valid Go) and written to
OUT/NNN-KIND/ (prog.go minimized, orig.go, report.txt: configuration, command, expected vs
got). OUT/summary.txt lists them. The exit status is 1 if anything was found (known open
issues, see known_issue(), are reported but do not count), 0 otherwise.

Examples:
  python3 fuzz/run.py --seconds 180                       # differential, 3 minutes
  python3 fuzz/run.py --mutate --seconds 600 --out /tmp/f # mutants, 10 minutes
  python3 fuzz/run.py --seed 1 --count 40                 # exactly seeds 1..40 (CI)
  python3 fuzz/run.py --replay prog.go                    # one file through every config
"""

import argparse
import concurrent.futures as cf
import itertools
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import gen  # noqa: E402
import mutate  # noqa: E402

CONFIGS = [
    ("copying", []),
    ("copying-2k-force-move", ["--strategy", "copying", "--stack-min", "2KiB", "--force-move"]),
    ("segmented-2k-nocache", ["--strategy", "segmented", "--stack-min", "2KiB", "--segment-cache", "none"]),
    ("segmented", ["--strategy", "segmented"]),
    ("fixed", ["--strategy", "fixed"]),
]

GO_ERROR_START = re.compile(rb"^(panic: |runtime: goroutine stack exceeds|fatal error: )", re.M)
POSITION = re.compile(r"^(.*?):(\d+):(\d+): ")
OUTPUT_LIMIT = 64 << 20


def log(*a):
    print(*a, flush=True)


# ------------------------------------------------------------------------------ processes
class Result:
    """What a process did: exit status (negative: signal), stdout, stderr, timed out."""

    def __init__(self, code, out, err, timeout=False, seconds=0.0):
        self.code, self.out, self.err, self.timeout, self.seconds = code, out, err, timeout, seconds

    def first_err(self):
        return self.err.decode("utf-8", "replace").split("\n", 1)[0]


def _limits():
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_LIMIT, OUTPUT_LIMIT))


def run(cmd, timeout, cwd=None, env=None):
    """Runs cmd with output to temporary files (bounded by RLIMIT_FSIZE), kills its
    process group after timeout seconds."""
    with tempfile.TemporaryFile() as fo, tempfile.TemporaryFile() as fe:
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, stdout=fo, stderr=fe, stdin=subprocess.DEVNULL, cwd=cwd, env=env,
                             preexec_fn=_limits, start_new_session=True)
        timed_out = False
        try:
            p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait()
        secs = time.monotonic() - t0
        fo.seek(0)
        fe.seek(0)
        return Result(p.returncode, fo.read(), fe.read(), timed_out, secs)


GO_ENV = dict(os.environ, GO111MODULE="off", GOFLAGS="")


def go_build_batch(dirs, outdir, jobs):
    """Builds several one-file main packages with one `go build`; returns the set of
    directories whose binary exists (outdir/<basename>)."""
    os.makedirs(outdir, exist_ok=True)
    parent = os.path.dirname(dirs[0])
    run(["go", "build", "-p", str(jobs), "-o", outdir + "/"] + ["./" + os.path.basename(d) for d in dirs],
        600, cwd=parent, env=GO_ENV)
    return {d for d in dirs if os.path.exists(os.path.join(outdir, os.path.basename(d)))}


def go_build_one(src, binpath):
    """`go build` of one file; returns (ok, compiler output)."""
    r = run(["go", "build", "-o", binpath, os.path.basename(src)], 300, cwd=os.path.dirname(src), env=GO_ENV)
    return r.code == 0, r.err.decode("utf-8", "replace") + r.out.decode("utf-8", "replace")


class Expect:
    """Go's behaviour: expected stdout, exit status, first error line."""

    def __init__(self, r):
        m = GO_ERROR_START.search(r.err)
        self.out = r.err[: m.start()] if m else r.err
        self.errline = r.err[m.start():].split(b"\n", 1)[0].decode("utf-8", "replace") if m else ""
        self.code = r.code
        self.timeout = r.timeout
        self.seconds = r.seconds


def norm_err(line):
    return re.sub(r"goroutine stack exceeds \d+-byte limit", "goroutine stack exceeds N-byte limit", line)


def run_ours(binary, args, src, timeout):
    return run([binary, "run"] + args + [src], timeout)


def compare(exp, got):
    """None when got matches Go's behaviour, else (kind, description)."""
    if got.timeout:
        return "timeout", "no exit within the time limit (Go: %.2fs)" % exp.seconds
    err = got.err.decode("utf-8", "replace")
    if "panicked at" in err or "RUST_BACKTRACE" in err:
        return "rust-panic", "the compiler or runtime panicked: " + got.first_err()
    if got.code < 0:
        return "signal", "killed by signal %d" % -got.code
    if got.code == 1:
        return "rejected", "rejected a valid program: " + got.first_err()
    if got.code not in (0, 2):
        return "exit-status", "exit status %d" % got.code
    if got.out != exp.out:
        return "stdout", "stdout differs from Go's"
    if got.code != exp.code:
        return "exit-status", "exit status %d, Go's %d" % (got.code, exp.code)
    if exp.code != 0 and norm_err(got.first_err()) != norm_err(exp.errline):
        return "error-text", "first error line %r, Go's %r" % (got.first_err(), exp.errline)
    return None


def first_diff(a, b):
    """A short description of where two byte strings first differ, by line."""
    la, lb = a.split(b"\n"), b.split(b"\n")
    for i in range(max(len(la), len(lb))):
        x = la[i] if i < len(la) else None
        y = lb[i] if i < len(lb) else None
        if x != y:
            def s(v):
                return "(missing)" if v is None else v[:300].decode("utf-8", "replace")
            return "line %d: expected %r, got %r" % (i + 1, s(x), s(y))
    return "(equal)"


# ------------------------------------------------------------------------------ known issues
def known_issue(text):
    """Labels a finding that is a documented limit (docs/LANGUAGE.md, "Sizes and limits")
    or a known slow case (not counted)."""
    for line in text.split("\n"):
        if len(re.findall(r"(?<![=!<>&|^+\-*/%])[+\-*/%|&^](?![=&|])|<<|>>|&&|\|\|", line)) > 10000:
            return "documented limit: chain of more than 10000 binary operators"
    for m in re.finditer(r"\bfunc\s+\w+\s*\(([^)]*)\)", text):
        if m.group(1).count(",") >= 8000:
            return "documented limit: more than 64 KiB of stack-passed parameters"
    if text.count("case ") > 1000:
        return "known: huge switch"
    for line in text.split("\n"):
        if line.count(",") > 1000:
            return "known: huge argument or element count"
    return None


# ------------------------------------------------------------------------------ minimizing
def blocks(lines):
    """(start, end) line ranges of brace-matched blocks, biggest first. An if/else chain
    gives both its first block and the whole chain (`} else {` continues the range)."""
    out, stack = [], []
    for i, l in enumerate(lines):
        popped = None
        for c in l.split("//")[0]:
            if c == "{":
                stack.append(popped if popped is not None else i)
                popped = None
            elif c == "}" and stack:
                j = stack.pop()
                out.append((j, i))
                popped = j
    out = sorted(set(out), key=lambda r: (r[0] - r[1], r[0]))
    return out


def minimize(text, pred, deadline):
    """Deletes brace-matched blocks, then single lines, then chunks of lines, while pred
    (text -> bool) holds, until nothing more goes or the deadline passes."""
    lines = text.split("\n")
    changed = True
    while changed and time.monotonic() < deadline:
        changed = False
        for a, b in blocks(lines):
            if time.monotonic() > deadline:
                break
            if b >= len(lines):
                continue
            cand = lines[:a] + lines[b + 1:]
            if pred("\n".join(cand)):
                lines = cand
                changed = True
                break  # block ranges are stale
        if changed:
            continue
        n = max(1, len(lines) // 8)
        while n >= 1 and time.monotonic() < deadline:
            i = len(lines) - n
            while i >= 0 and time.monotonic() < deadline:
                cand = lines[:i] + lines[i + n:]
                if pred("\n".join(cand)):
                    lines = cand
                    changed = True
                i -= n
            n //= 2
    return "\n".join(lines)


# ------------------------------------------------------------------------------ findings
class Findings:
    """Collects, deduplicates and writes the findings under out/."""

    def __init__(self, out, max_per_kind):
        self.out = out
        self.items = []
        self.known = []
        self.notes = []
        self.written = 0
        self.dups = {}
        self.lock = threading.Lock()
        self.max_per_kind = max_per_kind
        os.makedirs(out, exist_ok=True)

    def claim(self, signature):
        """True the first max_per_kind times a signature is seen."""
        with self.lock:
            n = self.dups.get(signature, 0)
            self.dups[signature] = n + 1
            return n < self.max_per_kind

    def add(self, kind, signature, orig, minimized, report, known=None, note=False):
        """Writes one finding (a note, or a known issue, does not count as a failure)."""
        with self.lock:
            self.written += 1
            if known:
                self.known.append((kind, known, signature))
            d = os.path.join(self.out, "%03d-%s" % (self.written, kind + ("-known" if known else "")))
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, "orig.go"), "w", errors="surrogateescape") as f:
                f.write(orig)
            with open(os.path.join(d, "prog.go"), "w", errors="surrogateescape") as f:
                f.write(minimized)
            with open(os.path.join(d, "report.txt"), "w", errors="replace") as f:
                f.write(report + ("\nKNOWN OPEN ISSUE: %s\n" % known if known else ""))
            if note:
                self.notes.append((kind, d, report.split("\n", 1)[0]))
            elif not known:
                self.items.append((kind, d, report.split("\n", 1)[0]))
            log("FINDING %s: %s" % (d, report.split("\n", 1)[0]) + ("  [%s]" % known if known else ""))

    def write_summary(self, stats):
        lines = ["morestack fuzz run: " + stats, ""]
        if self.items:
            lines.append("%d finding(s):" % len(self.items))
            for kind, d, first in self.items:
                lines.append("  %s  %s" % (d, first))
        else:
            lines.append("no findings")
        if self.notes:
            lines.append("")
            lines.append("%d note(s) (first error at another position than Go's; not counted):" % len(self.notes))
            for kind, d, first in self.notes:
                lines.append("  %s  %s" % (d, first))
        if self.known:
            lines.append("")
            lines.append("%d known open issue(s) hit (not counted):" % len(self.known))
            for kind, k, sig in self.known:
                lines.append("  %s: %s" % (kind, k))
        extra = sum(max(0, n - self.max_per_kind) for n in self.dups.values())
        if extra:
            lines.append("")
            lines.append("%d more occurrence(s) of signatures already reported (not written)" % extra)
        text = "\n".join(lines) + "\n"
        with open(os.path.join(self.out, "summary.txt"), "w", errors="replace") as f:
            f.write(text)
        return text


# ------------------------------------------------------------------------------ differential
class Differential:
    """Generated programs through Go and every configuration of ours."""

    def __init__(self, args, findings):
        self.a = args
        self.f = findings
        self.work = tempfile.mkdtemp(prefix="morestack-fuzz-")
        self.programs = 0
        self.runs = 0
        self.gen_errors = []
        self.lock = threading.Lock()

    def test_program(self, name, src, gobin, pool):
        """Runs Go's binary and ours; reports any difference."""
        g = run([gobin], self.a.go_timeout)
        if g.timeout or (g.code != 0 and not GO_ERROR_START.search(g.err)):
            self.gen_errors.append("%s: Go's binary %s" % (name, "timed out" if g.timeout else "exited %d" % g.code))
            return
        exp = Expect(g)
        configs = self.a.configs
        futs = [pool.submit(run_ours, self.a.binary, args, src, self.a.timeout + 20 * exp.seconds) for _, args in configs]
        with self.lock:
            self.programs += 1
            self.runs += len(configs)
        for (label, args), fu in zip(configs, futs):
            got = fu.result()
            bad = compare(exp, got)
            if bad:
                self.report(name, src, label, args, exp, got, bad)

    def report(self, name, src, label, args, exp, got, bad):
        kind, desc = bad
        text = open(src).read()
        sig = ("diff", kind, label if kind in ("stdout", "exit-status", "error-text") else got.first_err()[:60])
        known = known_issue(text)
        if not self.f.claim(sig + ((known,) if known else ())):
            log("(finding again: %s %s under %s, not minimized)" % (name, kind, label))
            return
        mini = text
        if self.a.minimize_seconds > 0 and not known:
            log("minimizing %s (%s under %s) ..." % (name, kind, label))
            mini = self.minimize(text, label, args, kind)
        rep = self.describe(mini, label, args, kind)
        if rep is None:  # minimized program lost it: keep the original
            mini = text
            rep = self.describe(mini, label, args, kind) or "%s under %s: %s\n(not reproducible)\n" % (kind, label, desc)
        self.f.add(kind, sig, text, mini, rep + "\n(from %s)\n" % name, known)

    def describe(self, text, label, args, kind):
        """Builds and runs text again; the report's text, or None when no longer failing."""
        d = tempfile.mkdtemp(dir=self.work)
        src = os.path.join(d, "prog.go")
        with open(src, "w") as f:
            f.write(text)
        ok, msg = go_build_one(src, os.path.join(d, "gobin"))
        if not ok:
            return None
        exp = Expect(run([os.path.join(d, "gobin")], self.a.go_timeout))
        got = run_ours(self.a.binary, args, src, self.a.timeout + 20 * exp.seconds)
        bad = compare(exp, got)
        shutil.rmtree(d, ignore_errors=True)
        if not bad:
            return None
        lines = [
            "%s under %s: %s" % (bad[0], label, bad[1]),
            "command: morestack run %s prog.go" % " ".join(args),
            "Go:   exit %d, error line %r (%.2fs)" % (exp.code, exp.errline, exp.seconds),
            "ours: exit %d%s, first stderr line %r (%.2fs)" % (got.code, " (TIMEOUT)" if got.timeout else "", got.first_err(), got.seconds),
        ]
        if got.out != exp.out:
            lines.append("stdout: " + first_diff(exp.out, got.out))
        lines.append("")
        lines.append("--- expected stdout (Go's stderr before its error text), first 2000 bytes:")
        lines.append(exp.out[:2000].decode("utf-8", "replace"))
        lines.append("--- our stdout, first 2000 bytes:")
        lines.append(got.out[:2000].decode("utf-8", "replace"))
        lines.append("--- our stderr, first 2000 bytes:")
        lines.append(got.err[:2000].decode("utf-8", "replace"))
        return "\n".join(lines) + "\n"

    def minimize(self, text, label, args, kind):
        d = tempfile.mkdtemp(dir=self.work)
        src = os.path.join(d, "prog.go")
        gobin = os.path.join(d, "gobin")

        def pred(t):
            with open(src, "w") as f:
                f.write(t)
            ok, _ = go_build_one(src, gobin)
            if not ok:
                return False
            g = run([gobin], self.a.go_timeout)
            if g.timeout:
                return False
            exp = Expect(g)
            got = run_ours(self.a.binary, args, src, self.a.timeout + 20 * exp.seconds)
            bad = compare(exp, got)
            return bad is not None and bad[0] == kind

        out = minimize(text, pred, time.monotonic() + self.a.minimize_seconds)
        shutil.rmtree(d, ignore_errors=True)
        return out + ("\n" if not out.endswith("\n") else "")

    def batch(self, seeds, pool):
        bdir = os.path.join(self.work, "b%d" % seeds[0])
        dirs = []
        for s in seeds:
            d = os.path.join(bdir, "s%d" % s)
            os.makedirs(d)
            with open(os.path.join(d, "main.go"), "w") as f:
                f.write(gen.generate(s, self.a.size))
            dirs.append(d)
        built = go_build_batch(dirs, os.path.join(bdir, "bin"), self.a.jobs)
        for d in dirs:
            if d not in built:
                ok, msg = go_build_one(os.path.join(d, "main.go"), os.path.join(d, "gobin"))
                if not ok:
                    self.gen_errors.append("seed %s: go build failed (generator bug):\n%s" % (d.rsplit("s", 1)[1], msg[:1500]))
                    continue
                shutil.copy(os.path.join(d, "gobin"), os.path.join(bdir, "bin", os.path.basename(d)))
        return bdir, [d for d in dirs if os.path.exists(os.path.join(bdir, "bin", os.path.basename(d)))]

    def go(self, seeds_iter, deadline):
        """Runs batches until the seeds run out or the deadline passes."""
        with cf.ThreadPoolExecutor(self.a.jobs) as pool, cf.ThreadPoolExecutor(1) as builder:
            nxt = None
            seeds = list(next_batch(seeds_iter, self.a.batch))
            while seeds and time.monotonic() < deadline:
                cur = nxt.result() if nxt else self.batch(seeds, pool)
                seeds = list(next_batch(seeds_iter, self.a.batch))
                nxt = builder.submit(self.batch, seeds, pool) if seeds and time.monotonic() < deadline else None
                bdir, dirs = cur
                for d in dirs:
                    if time.monotonic() > deadline:
                        break
                    name = "seed %s" % os.path.basename(d)[1:]
                    self.test_program(name, os.path.join(d, "main.go"), os.path.join(bdir, "bin", os.path.basename(d)), pool)
                shutil.rmtree(bdir, ignore_errors=True)
                log("differential: %d programs, %d runs, %d findings so far" % (self.programs, self.runs, len(self.f.items)))
            if nxt:
                nxt.result()
        shutil.rmtree(self.work, ignore_errors=True)


def next_batch(it, n):
    for _ in range(n):
        try:
            yield next(it)
        except StopIteration:
            return


# ------------------------------------------------------------------------------ mutants
class Mutation:
    """Mutants of the corpus through `morestack check` and `run` (and `go tool compile`)."""

    def __init__(self, args, findings):
        self.a = args
        self.f = findings
        self.work = tempfile.mkdtemp(prefix="morestack-mutate-")
        self.mutants = 0
        self.go_checked = 0
        self.lock = threading.Lock()
        corpus = []
        for sub in ("tests/programs", "tests/reject", "examples", "tests/programs_big"):
            d = os.path.join(ROOT, sub)
            if os.path.isdir(d):
                corpus += [os.path.join(d, n) for n in sorted(os.listdir(d)) if n.endswith(".go")]
        self.seeds = []
        for p in corpus:
            with open(p, "rb") as f:
                data = f.read()
            if len(data) < 200_000:
                self.seeds.append((os.path.relpath(p, ROOT), data))
        for s in range(5):
            self.seeds.append(("fuzz/gen.py seed %d" % s, gen.generate(10_000 + s, "small").encode()))

    def check(self, path, want_go):
        """The defect in the file at path, as (kind, description, signature) or None."""
        b = self.a.binary
        c = run([b, "check", path], self.a.check_timeout)

        def shape(line):  # a message without its file, numbers and names: for deduplication
            line = line.replace(path, "FILE")
            return re.sub(r"'[^']*'|\"[^\"]*\"|\b\w*\d\w*\b", "N", line)[:80]

        cerr = c.err.decode("utf-8", "replace")
        base = os.path.basename(path)
        if c.timeout:
            return "hang", "morestack check did not finish in %ss" % self.a.check_timeout, ("hang-check",)
        if "panicked at" in cerr or "RUST_BACKTRACE" in cerr:
            line = next((l for l in cerr.split("\n") if "panicked at" in l), cerr.split("\n")[0])
            return "rust-panic", "morestack check panicked: " + line, ("panic-check", shape(line))
        if c.code < 0:
            return "signal", "morestack check killed by signal %d; stderr: %s" % (-c.code, c.first_err()), ("signal-check", -c.code)
        if c.code not in (0, 1):
            return "exit-status", "morestack check exited %d: %s" % (c.code, c.first_err()), ("exit-check", c.code)
        if c.code == 1:
            m = POSITION.match(c.first_err())
            if not m or not m.group(1).endswith(base):
                return "no-position", "rejection without FILE:LINE:COL: %r" % c.first_err(), ("nopos", shape(c.first_err()))
        r = run([b, "run", "--stack-max", "64MiB", path], self.a.run_timeout)
        rerr = r.err.decode("utf-8", "replace")
        if "panicked at" in rerr or "RUST_BACKTRACE" in rerr:
            line = next((l for l in rerr.split("\n") if "panicked at" in l), rerr.split("\n")[0])
            return "rust-panic", "morestack run panicked: " + line, ("panic-run", shape(line))
        if not r.timeout:
            if r.code < 0 and r.code != -signal.SIGXFSZ:
                return "signal", "morestack run killed by signal %d; stderr: %s" % (-r.code, r.first_err()), ("signal-run", -r.code)
            if r.code >= 0 and r.code not in (0, 1, 2):
                return "exit-status", "morestack run exited %d: %s" % (r.code, r.first_err()), ("exit-run", r.code)
            if r.code == 1 and c.code == 0:
                return "check-run", "check accepts, run rejects: %s" % r.first_err(), ("check-run",)
            if r.code in (0, 2) and c.code == 1:
                return "check-run", "check rejects, run exits %d" % r.code, ("run-check",)
            if r.code == 2 and not GO_ERROR_START.match(r.err):
                return "error-text", "exit 2 without Go's error text: %r" % r.first_err(), ("exit2-text", shape(r.first_err()))
        if want_go:
            with self.lock:
                self.go_checked += 1
            g = run(["go", "tool", "compile", "-p", "main", "-o", "mutant.o", "-complete", base], 60, cwd=os.path.dirname(path), env=GO_ENV)
            if not g.timeout:
                gerr = (g.out + g.err).decode("utf-8", "replace")
                gm = POSITION.match(gerr.split("\n")[0].replace("./", ""))
                if c.code == 0 and g.code == 0 and not r.timeout and r.code in (0, 2) and b"goroutine stack exceeds" not in r.err:
                    # both accept: the mutant's output must be Go's too
                    d = os.path.dirname(path)
                    ln = run(["go", "tool", "link", "-o", "mutant.bin", "mutant.o"], 60, cwd=d, env=GO_ENV)
                    if ln.code == 0:
                        gr = run([os.path.join(d, "mutant.bin")], self.a.run_timeout * 3)
                        if not gr.timeout and b"goroutine stack exceeds" not in gr.err:
                            bad = compare(Expect(gr), r)
                            if bad:
                                return "mutant-" + bad[0], "valid mutant, output differs from Go's: " + bad[1], ("mutant-diff", bad[0])
                if c.code == 0 and g.code != 0:
                    return "accepts-invalid", "we accept, Go rejects: %s" % gerr.split("\n")[0], ("accepts-invalid", shape(gerr.split("\n")[0])[:40])
                if c.code == 1 and g.code != 0 and gm:
                    m = POSITION.match(c.first_err())
                    ours = c.first_err()[len(m.group(0)):]
                    by_design = "not supported" in ours or "too deeply nested" in ours
                    if (m.group(2), m.group(3)) != (gm.group(2), gm.group(3)) and not by_design:
                        go_msg = gerr.split("\n")[0][gm.end():]
                        return "position", "first error at %s:%s (%s), Go's at %s:%s (%s)" % (
                            m.group(2), m.group(3), ours, gm.group(2), gm.group(3), go_msg), \
                            ("position", shape(ours)[:25], shape(go_msg)[:25])
        return None

    def one(self, k):
        rng = random.Random("%d-%d" % (self.a.seed, k))
        name, data = rng.choice(self.seeds)
        text, ops = mutate.mutate(data, rng)
        d = os.path.join(self.work, "m%d" % k)
        os.makedirs(d)
        path = os.path.join(d, "mutant.go")
        with open(path, "wb") as f:
            f.write(text)
        want_go = self.a.go_check and len(text) < 1_000_000
        bad = self.check(path, want_go)
        with self.lock:
            self.mutants += 1
        if bad:
            kind, desc, sig = bad
            stext = text.decode("utf-8", "surrogateescape")
            known = known_issue(stext)
            if self.f.claim(sig + ((known,) if known else ())):
                def pred(t):
                    with open(path, "wb") as f:
                        f.write(t.encode("utf-8", "surrogateescape"))
                    b2 = self.check(path, want_go and (kind in ("accepts-invalid", "position") or kind.startswith("mutant-")))
                    return b2 is not None and b2[2] == sig
                mini = stext
                if self.a.minimize_seconds > 0:
                    mini = minimize(stext, pred, time.monotonic() + min(self.a.minimize_seconds, 60))
                final = self.check(path, want_go) if pred(mini) else None
                desc = final[1] if final else desc
                rep = "%s: %s\nmutant of %s by %s\ncommands: morestack check prog.go; morestack run --stack-max 64MiB prog.go%s\n" % (
                    kind, desc, name, ", ".join(ops), "; go tool compile -p main -o /dev/null prog.go" if want_go else "")
                self.f.add(kind, sig, stext, mini, rep, known, note=kind == "position")
        shutil.rmtree(d, ignore_errors=True)

    def go(self, count, deadline):
        with cf.ThreadPoolExecutor(self.a.jobs) as pool:
            k = 0
            pending = set()
            while (count is None or k < count) and time.monotonic() < deadline:
                while len(pending) < self.a.jobs * 2 and (count is None or k < count):
                    pending.add(pool.submit(self.one, k))
                    k += 1
                done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                for fu in done:
                    fu.result()
                if self.mutants and self.mutants % 200 == 0:
                    log("mutation: %d mutants, %d findings so far" % (self.mutants, len(self.f.items)))
            cf.wait(pending)
        shutil.rmtree(self.work, ignore_errors=True)


# ------------------------------------------------------------------------------ main
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n", 1)[1],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, help="stop after this long (default 180, or unbounded with --count)")
    ap.add_argument("--count", type=int, help="number of programs (differential) or mutants (--mutate)")
    ap.add_argument("--seed", type=int, default=None, help="first seed (default: from the clock; printed)")
    ap.add_argument("--jobs", type=int, default=2, help="parallel runs (default 2)")
    ap.add_argument("--mutate", action="store_true", help="mutation mode for the front end instead of the differential mode")
    ap.add_argument("--both", action="store_true", help="differential for 2/3 of the time, then mutants")
    ap.add_argument("--out", default=None, help="where findings and summary.txt go (default fuzz/out/)")
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "morestack"), help="the morestack binary")
    ap.add_argument("--size", choices=sorted(gen.Generator.SIZES), default="normal", help="size of generated programs")
    ap.add_argument("--batch", type=int, default=8, help="programs per `go build` (default 8)")
    ap.add_argument("--timeout", type=float, default=20, help="seconds per run of ours, plus 20x Go's time (default 20)")
    ap.add_argument("--go-timeout", type=float, default=30, help="seconds per run of a Go binary (default 30)")
    ap.add_argument("--check-timeout", type=float, default=10, help="seconds for `morestack check` of a mutant (default 10)")
    ap.add_argument("--run-timeout", type=float, default=3, help="seconds for `morestack run` of a mutant (a timeout is not a finding; default 3)")
    ap.add_argument("--no-go-check", dest="go_check", action="store_false", help="mutation mode: skip `go tool compile`")
    ap.add_argument("--minimize-seconds", type=float, default=180, help="time for minimizing one finding (0: off; default 180)")
    ap.add_argument("--max-per-kind", type=int, default=2, help="findings written per distinct signature (default 2)")
    ap.add_argument("--configs", default=None, help="comma-separated subset of: " + ", ".join(c for c, _ in CONFIGS))
    ap.add_argument("--replay", nargs="+", metavar="FILE.go", help="run these files through Go and every configuration, report differences")
    a = ap.parse_args()

    if a.seed is None:
        a.seed = int(time.time()) % 1_000_000 * 1000
    a.configs = CONFIGS if not a.configs else [c for c in CONFIGS if c[0] in a.configs.split(",")]
    if a.seconds is None:
        a.seconds = 1e9 if a.count else 180
    if a.out is None:
        a.out = os.path.join(HERE, "out")
    if not os.path.exists(a.binary):
        sys.exit("run.py: %s not found (cargo build --release)" % a.binary)
    if shutil.which("go") is None:
        sys.exit("run.py: `go` not found")
    if os.path.isdir(a.out):
        for n in os.listdir(a.out):
            if re.match(r"\d{3}-", n) or n == "summary.txt":
                shutil.rmtree(os.path.join(a.out, n), ignore_errors=True) if os.path.isdir(os.path.join(a.out, n)) else os.remove(os.path.join(a.out, n))
    findings = Findings(a.out, a.max_per_kind)
    t0 = time.monotonic()
    deadline = t0 + a.seconds
    stats = []

    if a.replay:
        dz = Differential(a, findings)
        for p in a.replay:
            src = os.path.abspath(p)
            d = tempfile.mkdtemp(dir=dz.work)
            shutil.copy(src, os.path.join(d, "prog.go"))
            ok, msg = go_build_one(os.path.join(d, "prog.go"), os.path.join(d, "gobin"))
            if not ok:
                log("%s: go build failed:\n%s" % (p, msg))
                continue
            with cf.ThreadPoolExecutor(a.jobs) as pool:
                dz.test_program(p, os.path.join(d, "prog.go"), os.path.join(d, "gobin"), pool)
        stats.append("replay of %d file(s)" % len(a.replay))
    else:
        log("morestack fuzz: seed %d, %s, jobs %d, out %s" % (a.seed, "count %d" % a.count if a.count else "%.0fs" % a.seconds, a.jobs, a.out))
        if not a.mutate:
            dz = Differential(a, findings)
            dl = deadline if not a.both else t0 + a.seconds * 2 / 3
            seeds = iter(range(a.seed, a.seed + a.count)) if a.count else itertools.count(a.seed)
            dz.go(seeds, dl)
            el = time.monotonic() - t0
            stats.append("%d programs x %d configurations (seeds from %d) in %.0fs (%.1f programs/min)" % (dz.programs, len(a.configs), a.seed, el, dz.programs * 60 / max(el, 1)))
            if dz.gen_errors:
                stats.append("%d GENERATOR ERRORS (fuzz/gen.py wrote something Go does not accept or that does not terminate):\n  %s" % (len(dz.gen_errors), "\n  ".join(dz.gen_errors[:5])))
        if a.mutate or a.both:
            mz = Mutation(a, findings)
            t1 = time.monotonic()
            mz.go(a.count if a.mutate else None, deadline)
            el = time.monotonic() - t1
            stats.append("%d mutants (seed %d, %d also through go tool compile) in %.0fs (%.0f mutants/min)" % (mz.mutants, a.seed, mz.go_checked, el, mz.mutants * 60 / max(el, 1)))
    text = findings.write_summary("; ".join(stats))
    log("")
    log(text.rstrip())
    log("(written to %s)" % os.path.join(a.out, "summary.txt"))
    bad = findings.items or (not a.replay and not a.mutate and dz.gen_errors)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
