#!/usr/bin/env bash
# The whole test suite, as CI runs it on a clean clone (fresh Debian 12, as root):
#
#   ci/test.sh [--no-setup] [--no-aarch64] [--fail-fast]
#
#   setup        installs what is missing: golang-go, qemu-user, the AArch64 cross
#                toolchain (apt-get), the Rust toolchain (rustup) with rustfmt, clippy and
#                the aarch64-unknown-linux-gnu target and the musl targets built programs
#                link (x86_64- and aarch64-unknown-linux-musl); raises vm.max_map_count to
#                1048576 if it is lower (the stress mode's 100 000 parked goroutines of
#                go_spawn need about 200 000 mappings; tests/programs.rs leaves that
#                program out of the stress mode, with a warning, when the limit is low)
#   expectations ci/expectations.sh: every recorded expectation is still what Go prints
#   start lib    the start-up library of built programs (`morestack build`), for each
#                architecture: cargo build --profile start -p morestack-start --target
#                <arch>-unknown-linux-musl (tests/programs.rs links programs with them)
#   fmt          cargo fmt --all -- --check
#   clippy       cargo clippy --workspace --all-targets -- -D warnings
#   test x86-64  cargo test --workspace --no-fail-fast
#   fuzz         (x86-64 hosts) a short run of fuzz/run.py on fixed seeds: generated programs
#                against Go under every strategy, then mutants through the front end; about
#                3 minutes on 2 cores ($FUZZ_PROGRAMS programs, default 120, and
#                $FUZZ_MUTANTS mutants, default 500; findings in fuzz/out/)
#   test aarch64 cargo test --target aarch64-unknown-linux-gnu, run under qemu-aarch64
#                (profile: $AARCH64_PROFILE, default "release": a debug Cranelift under
#                qemu is far slower than building it optimized)
#
# The embedding examples (morestack-cranelift's examples/minimal.rs and lang.rs) are run
# a million deep under segmented and copying by the workspace's tests
# (embed/tests/minimal.rs, embed/tests/lang.rs), so on both architectures.
#
# Every step runs even when an earlier one failed (unless --fail-fast); the exit status is
# nonzero if any failed. Each step prints a header and its time; the last line is a summary.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

SETUP=1 AARCH64=1 FAIL_FAST=0
for a in "$@"; do
    case "$a" in
        --no-setup) SETUP=0 ;;
        --no-aarch64) AARCH64=0 ;;
        --fail-fast) FAIL_FAST=1 ;;
        -h|--help) sed -n '2,33p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "ci/test.sh: unknown argument $a" >&2; exit 2 ;;
    esac
done
AARCH64_PROFILE="${AARCH64_PROFILE:-release}"
AARCH64_TARGET=aarch64-unknown-linux-gnu
MUSL_TARGETS=(x86_64-unknown-linux-musl)
[[ $AARCH64 -eq 1 ]] && MUSL_TARGETS+=(aarch64-unknown-linux-musl)
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

T0=$SECONDS
RESULTS=()
FAILED=0

step() { # step NAME COMMAND...
    local name="$1"; shift
    local t=$SECONDS
    echo
    echo "================================================================================"
    echo "== $name"
    echo "== \$ $*"
    echo "================================================================================"
    if "$@"; then
        RESULTS+=("ok    $(printf '%5ss' $((SECONDS - t)))  $name")
        echo "== $name: ok ($((SECONDS - t))s)"
    else
        local rc=$?
        RESULTS+=("FAIL  $(printf '%5ss' $((SECONDS - t)))  $name (exit $rc)")
        echo "== $name: FAILED with exit status $rc ($((SECONDS - t))s)"
        FAILED=$((FAILED + 1))
        if [[ $FAIL_FAST -eq 1 ]]; then summary; fi
    fi
}

summary() {
    echo
    echo "================================================================================"
    local r; for r in "${RESULTS[@]}"; do echo "  $r"; done
    if [[ $FAILED -eq 0 ]]; then
        echo "ci/test.sh: all ${#RESULTS[@]} steps passed in $((SECONDS - T0))s"
        exit 0
    else
        echo "ci/test.sh: $FAILED of ${#RESULTS[@]} steps FAILED in $((SECONDS - T0))s"
        exit 1
    fi
}

as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "ci/test.sh: need root (or sudo) for: $*" >&2; return 1; fi
}

setup() {
    local pkgs=()
    command -v go >/dev/null || pkgs+=(golang-go)
    if [[ $AARCH64 -eq 1 ]]; then
        command -v qemu-aarch64 >/dev/null || pkgs+=(qemu-user)
        command -v aarch64-linux-gnu-gcc >/dev/null || pkgs+=(gcc-aarch64-linux-gnu)
        [[ -e /usr/aarch64-linux-gnu/lib/libc.so.6 ]] || pkgs+=(libc6-dev-arm64-cross)
    fi
    if ! command -v cargo >/dev/null && [[ -f "$HOME/.cargo/env" ]]; then
        # shellcheck disable=SC1091
        . "$HOME/.cargo/env"
    fi
    if ! command -v cargo >/dev/null && ! command -v rustup >/dev/null; then
        command -v curl >/dev/null || pkgs+=(curl ca-certificates)
        command -v cc >/dev/null || pkgs+=(gcc libc6-dev)
    fi
    if [[ ${#pkgs[@]} -gt 0 ]]; then
        echo "installing: ${pkgs[*]}"
        export DEBIAN_FRONTEND=noninteractive
        as_root apt-get update -q || return 1
        as_root apt-get install -y -q --no-install-recommends "${pkgs[@]}" || return 1
    else
        echo "apt packages: nothing missing"
    fi
    if ! command -v cargo >/dev/null && ! command -v rustup >/dev/null; then
        echo "installing the Rust toolchain with rustup"
        curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal || return 1
        # shellcheck disable=SC1091
        . "$HOME/.cargo/env" || return 1
    fi
    if command -v rustup >/dev/null; then
        local have; have="$(rustup component list --installed 2>/dev/null || true)"
        grep -q '^rustfmt' <<<"$have" || rustup component add rustfmt || return 1
        grep -q '^clippy' <<<"$have" || rustup component add clippy || return 1
        local installed; installed="$(rustup target list --installed)"
        local t; for t in "${MUSL_TARGETS[@]}"; do
            grep -qx "$t" <<<"$installed" || rustup target add "$t" || return 1
        done
        if [[ $AARCH64 -eq 1 ]] && ! grep -qx "$AARCH64_TARGET" <<<"$installed"; then
            rustup target add "$AARCH64_TARGET" || return 1
        fi
    fi
    local maps; maps="$(cat /proc/sys/vm/max_map_count 2>/dev/null || echo 0)"
    if [[ $maps -lt 1048576 ]]; then
        if as_root sh -c 'echo 1048576 > /proc/sys/vm/max_map_count'; then
            echo "vm.max_map_count: $maps -> 1048576"
        else
            echo "vm.max_map_count stays $maps (go_spawn leaves the stress mode out)"
        fi
    fi
    go version || return 1
    cargo --version || return 1
    rustc --version
    if [[ $AARCH64 -eq 1 ]]; then qemu-aarch64 --version | head -n 1; aarch64-linux-gnu-gcc --version | head -n 1; fi
}

start_libs() {
    local t; for t in "${MUSL_TARGETS[@]}"; do
        cargo build --profile start -p morestack-start --target "$t" || return 1
    done
}

fuzz_short() {
    cargo build --release || return 1
    local rc=0
    python3 fuzz/run.py --seed 1 --count "${FUZZ_PROGRAMS:-120}" --minimize-seconds 60 --out fuzz/out/ci-differential || rc=1
    python3 fuzz/run.py --mutate --seed 1 --count "${FUZZ_MUTANTS:-500}" --minimize-seconds 30 --out fuzz/out/ci-mutate || rc=1
    return $rc
}

test_aarch64() {
    local prof=()
    [[ "$AARCH64_PROFILE" == release ]] && prof=(--release)
    CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc \
    CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="qemu-aarch64 -L /usr/aarch64-linux-gnu" \
        cargo test --workspace --no-fail-fast --target "$AARCH64_TARGET" "${prof[@]}"
}

echo "ci/test.sh on $(uname -srm), $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
if [[ $SETUP -eq 1 ]]; then
    step "setup" setup
    [[ $FAILED -eq 0 ]] || summary   # nothing else can run without the tools
fi
if ! command -v cargo >/dev/null && [[ -f "$HOME/.cargo/env" ]]; then . "$HOME/.cargo/env"; fi

step "expectations (tests agree with Go)" ci/expectations.sh
step "start lib (built programs)" start_libs
step "fmt" cargo fmt --all -- --check
step "clippy" cargo clippy --workspace --all-targets -- -D warnings
step "test x86-64" cargo test --workspace --no-fail-fast
if [[ "$(uname -m)" == x86_64 ]]; then
    step "fuzz (short run, fixed seeds)" fuzz_short
fi
if [[ $AARCH64 -eq 1 ]]; then
    step "test aarch64 (qemu, $AARCH64_PROFILE)" test_aarch64
fi
summary
