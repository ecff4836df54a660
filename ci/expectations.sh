#!/usr/bin/env bash
# Rebuilds every test program with the real Go toolchain and checks (default) or rewrites
# (--update) the recorded expectations beside it. Go is the only source of expected output.
#
#   ci/expectations.sh [--update] [-j N] [NAME...]
#
# tests/programs/NAME.go: the Go binary's stderr is split into the program's own print/println
#   text (-> NAME.out, our expected stdout) and the run-time error text Go appends, from the
#   first line starting with "panic: ", "runtime: goroutine stack exceeds" or "fatal error:"
#   (-> NAME.err: that first line, plus the "fatal error: ..." line if it is a later one).
#   A nonzero exit status goes to NAME.code; NAME.err/NAME.code exist only for failing runs.
# tests/reject/NAME.go: if `go build` rejects it, NAME.err's first line is Go's first error
#   position LINE:COL and its second line "go: <Go's message>"; if Go accepts it, NAME.err
#   must have been written by hand with "subset: <rule>" on its second line (a program that
#   is valid Go but outside our subset) and only that acceptance is checked.
# examples/NAME.go, tests/programs_big/NAME.go (programs too big for the in-process
#   corpus, run by tests/cli.rs) and tests/goroutines/NAME.go (the goroutine stage) are
#   checked like tests/programs (NAME.out beside them).
# NAMEs restrict the run to those programs (basename without .go, in any directory).
# See tests/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROG_DIR="$ROOT/tests/programs"
REJ_DIR="$ROOT/tests/reject"
EX_DIR="$ROOT/examples"
BIG_DIR="$ROOT/tests/programs_big"
GO_DIR="$ROOT/tests/goroutines"

# ---- worker mode (run through xargs) --------------------------------------------------
if [[ "${1:-}" == "--worker-program" ]]; then
    f="$2"; work="$3"; name="$(basename "$f" .go)"
    d="$work/programs/$(basename "$(dirname "$f")")__$name"; mkdir -p "$d"
    if ! (cd "$(dirname "$f")" && go build -o "$d/bin" "./$name.go") >"$d/build.log" 2>&1; then
        echo "BUILD FAILED" >"$d/status"; exit 0
    fi
    set +e
    timeout 300 "$d/bin" >"$d/stdout" 2>"$d/stderr"
    echo $? >"$d/status"
    rm -f "$d/bin"
    exit 0
fi
if [[ "${1:-}" == "--worker-reject" ]]; then
    f="$2"; work="$3"; name="$(basename "$f" .go)"
    d="$work/reject/$name"; mkdir -p "$d"
    set +e
    (cd "$(dirname "$f")" && go build -o "$d/bin" "./$name.go") >"$d/build.log" 2>&1
    echo $? >"$d/status"
    rm -f "$d/bin"
    exit 0
fi

# ---- main -------------------------------------------------------------------------------
UPDATE=0
JOBS="${EXPECT_JOBS:-$(( $(nproc 2>/dev/null || echo 2) ))}"
NAMES=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --update) UPDATE=1 ;;
        -j) JOBS="$2"; shift ;;
        -j*) JOBS="${1#-j}" ;;
        -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "expectations.sh: unknown option $1" >&2; exit 2 ;;
        *) NAMES+=("$1") ;;
    esac
    shift
done

command -v go >/dev/null || { echo "expectations.sh: 'go' not found (apt-get install golang-go)" >&2; exit 2; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export GO111MODULE=off   # single-file builds, no go.mod needed
export GOFLAGS=

selected() { # $1 = name
    [[ ${#NAMES[@]} -eq 0 ]] && return 0
    local n; for n in "${NAMES[@]}"; do [[ "$n" == "$1" || "$n" == "$1.go" ]] && return 0; done
    return 1
}

progs=(); rejs=()
for f in "$PROG_DIR"/*.go "$EX_DIR"/*.go "$BIG_DIR"/*.go "$GO_DIR"/*.go; do [[ -e "$f" ]] && selected "$(basename "$f" .go)" && progs+=("$f"); done
for f in "$REJ_DIR"/*.go; do [[ -e "$f" ]] && selected "$(basename "$f" .go)" && rejs+=("$f"); done

start=$SECONDS
{
    for f in "${progs[@]}"; do printf '%s\0%s\0%s\0' --worker-program "$f" "$WORK"; done
    for f in "${rejs[@]}"; do printf '%s\0%s\0%s\0' --worker-reject "$f" "$WORK"; done
} | xargs -0 -n 3 -P "$JOBS" bash "$0"

fail=0; changed=0
mismatch() { # $1 = what, $2 = expected file, $3 = actual file
    echo "MISMATCH: $1"
    diff -u --label "recorded $(basename "$2")" --label "go" "$2" "$3" | head -40 || true
    fail=$((fail + 1))
}
# compare or install: $1 = produced file (may not exist = should be absent), $2 = recorded file
settle() {
    local got="$1" want="$2"
    if [[ $UPDATE -eq 1 ]]; then
        if [[ -e "$got" ]]; then
            if ! cmp -s "$got" "$want" 2>/dev/null; then cp "$got" "$want"; changed=$((changed + 1)); echo "updated $(basename "$want")"; fi
        elif [[ -e "$want" ]]; then
            rm -f "$want"; changed=$((changed + 1)); echo "removed $(basename "$want")"
        fi
    else
        if [[ -e "$got" && ! -e "$want" ]]; then
            echo "MISSING: $want (run ci/expectations.sh --update)"; fail=$((fail + 1))
        elif [[ ! -e "$got" && -e "$want" ]]; then
            echo "STALE: $want should not exist (Go: no such output)"; fail=$((fail + 1))
        elif [[ -e "$got" ]] && ! cmp -s "$got" "$want"; then
            mismatch "$want" "$want" "$got"
        fi
    fi
}

for f in "${progs[@]}"; do
    name="$(basename "$f" .go)"; dir="$(dirname "$f")"; d="$WORK/programs/$(basename "$dir")__$name"
    rel="${f#"$ROOT"/}"
    status="$(cat "$d/status" 2>/dev/null || echo MISSING)"
    if [[ "$status" == "BUILD FAILED" || "$status" == MISSING ]]; then
        echo "GO BUILD FAILED: $rel"; sed 's/^/    /' "$d/build.log" 2>/dev/null | head -20
        fail=$((fail + 1)); continue
    fi
    if [[ "$status" == 124 ]]; then
        echo "TIMEOUT under Go: $rel"; fail=$((fail + 1)); continue
    fi
    if [[ -s "$d/stdout" ]]; then
        echo "UNEXPECTED STDOUT from Go binary: $rel"; fail=$((fail + 1)); continue
    fi
    # Split stderr at the first line that starts Go's error text: the bytes before it are
    # the program's printed text (kept exactly, even without a final newline).
    awk -v err="$d/errfull" '
        !e && (/^panic: / || /^runtime: goroutine stack exceeds/ || /^fatal error: /) { e = 1 }
        e { print > err }' "$d/stderr"
    if [[ -e "$d/errfull" ]]; then
        head -c "$(( $(wc -c <"$d/stderr") - $(wc -c <"$d/errfull") ))" "$d/stderr" >"$d/out"
    else
        cp "$d/stderr" "$d/out"
    fi
    if [[ "$status" != 0 ]]; then
        if [[ ! -e "$d/errfull" ]]; then
            echo "NONZERO EXIT ($status) without Go error text: $rel"; fail=$((fail + 1)); continue
        fi
        { head -n 1 "$d/errfull"; tail -n +2 "$d/errfull" | grep -m1 '^fatal error: ' || true; } >"$d/err"
        echo "$status" >"$d/code"
    elif [[ -e "$d/errfull" ]]; then
        echo "AMBIGUOUS: $rel exits 0 but prints a line that looks like Go's error text"
        fail=$((fail + 1)); continue
    fi
    settle "$d/out" "$dir/$name.out"
    settle "$d/err" "$dir/$name.err"
    settle "$d/code" "$dir/$name.code"
done

for f in "${rejs[@]}"; do
    name="$(basename "$f" .go)"; d="$WORK/reject/$name"; want="$REJ_DIR/$name.err"
    status="$(cat "$d/status" 2>/dev/null || echo MISSING)"
    if [[ "$status" == 0 ]]; then
        # Valid Go: must be a subset rule with a hand-written position.
        if [[ ! -e "$want" ]] || ! sed -n 2p "$want" | grep -q '^subset: ' || ! head -n 1 "$want" | grep -Eq '^[0-9]+:[0-9]+$'; then
            echo "REJECT $name: Go accepts it, so $name.err must be written by hand: LINE:COL, then 'subset: <rule>'"
            fail=$((fail + 1))
        fi
        continue
    fi
    line="$(grep -E -m1 "^\./$name\.go:[0-9]+:[0-9]+: " "$d/build.log" || true)"
    if [[ -z "$line" ]]; then
        echo "REJECT $name: go build failed without a positioned error:"; sed 's/^/    /' "$d/build.log" | head; fail=$((fail + 1)); continue
    fi
    rest="${line#./$name.go:}"; l="${rest%%:*}"; rest="${rest#*:}"; c="${rest%%:*}"; msg="${rest#*: }"
    { echo "$l:$c"; echo "go: $msg"; } >"$d/err"
    if [[ -e "$want" ]] && sed -n 2p "$want" | grep -q '^subset: '; then
        echo "REJECT $name: marked 'subset' but Go rejects it: $line"; fail=$((fail + 1)); continue
    fi
    settle "$d/err" "$want"
done

elapsed=$((SECONDS - start))
if [[ $UPDATE -eq 1 ]]; then
    echo "expectations: ${#progs[@]} programs, ${#rejs[@]} reject programs, $changed file(s) changed, $fail problem(s), ${elapsed}s"
else
    echo "expectations: ${#progs[@]} programs, ${#rejs[@]} reject programs, $fail mismatch(es), ${elapsed}s"
fi
[[ $fail -eq 0 ]]
