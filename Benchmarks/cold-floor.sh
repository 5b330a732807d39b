#!/usr/bin/env bash
# A cold full scan against git's floor, in one run (issue #15).
#
#   Benchmarks/cold-floor.sh REPO [CDSCAN ...]
#
# The floor is the same work done by git: `git log --format='%H %an %ae %at %P'` over every
# commit plus `git log --no-renames --name-only -n 10000` for the newest 10,000 (the commits
# cdscan diffs in full). Each round runs the two git commands and then every CDSCAN binary
# given (default: the release build) as `cdscan scan REPO --format json`, all timed by
# /usr/bin/time; rounds are repeated CDSCAN_FLOOR_RUNS times (default 5) so that drift of a
# shared machine hits everything alike. Prints the median wall and CPU (user + system) of
# the floor and of each binary, the ratio of the medians, and the median of the per-round
# ratios, plus the sha256 of each binary's JSON report (they must agree).
#
# Instruction counts, steadier than time on a busy machine:
#   valgrind --tool=callgrind --callgrind-out-file=/dev/null git -C REPO log --format='%H %an %ae %at %P' > /dev/null
#   valgrind --tool=callgrind --callgrind-out-file=/dev/null git -C REPO log --no-renames --name-only -n 10000 > /dev/null
#   valgrind --tool=callgrind --callgrind-out-file=/dev/null CDSCAN scan REPO --format json > /dev/null
# (the "I refs" line of each; the floor is the sum of the first two).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
runs="${CDSCAN_FLOOR_RUNS:-5}"
[[ $# -ge 1 ]] || { echo "usage: $0 REPO [CDSCAN ...]" >&2; exit 2; }
repo="$1"
shift
binaries=("$@")
[[ ${#binaries[@]} -gt 0 ]] || binaries=("$root/.build/release/cdscan")
for binary in "${binaries[@]}"; do
    [[ -x "$binary" ]] || { echo "no cdscan binary at $binary" >&2; exit 1; }
done
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

work="$(mktemp -d "${TMPDIR:-/tmp}/cdscan-floor.XXXXXX")"
trap 'rm -rf "$work"' EXIT
tsv="$work/times.tsv"
: > "$tsv"

# timed NAME ROUND OUT CMD...: appends "NAME ROUND wall cpu" to the TSV.
timed() {
    local name="$1" round="$2" out="$3"
    shift 3
    local rc=0
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" > "$out" 2> "$work/stderr" || rc=$?
    # cdscan's exit status 1 means "below the policy's level": a result
    if [[ $rc -gt 1 ]]; then
        echo "$name failed (status $rc):" >&2
        cat "$work/stderr" >&2
        exit 1
    fi
    read -r wall user sys < <(tail -n 1 "$work/time")
    printf '%s\t%s\t%s\t%s\n' "$name" "$round" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" >> "$tsv"
}

gitdir="$(git -C "$repo" rev-parse --absolute-git-dir)"
cat "$gitdir"/objects/pack/*.pack > /dev/null 2>&1 || true
echo "$repo: $(git -C "$repo" rev-list --count HEAD) commits, $(git -C "$repo" ls-tree -r HEAD | wc -l) files at HEAD; load $(cut -d ' ' -f 1-3 /proc/loadavg)" >&2
for round in $(seq 1 "$runs"); do
    timed "git log --format" "$round" /dev/null git -C "$repo" log --format='%H %an %ae %at %P'
    timed "git log --name-only -n 10000" "$round" /dev/null git -C "$repo" log --no-renames --name-only -n 10000
    for index in "${!binaries[@]}"; do
        timed "cdscan#$index" "$round" "$work/report-$index.json" "${binaries[$index]}" scan "$repo" --format json
    done
    echo "  round $round done (load $(cut -d ' ' -f 1 /proc/loadavg))" >&2
done

for index in "${!binaries[@]}"; do
    echo "cdscan#$index = ${binaries[$index]}: report sha256 $(sha256sum < "$work/report-$index.json" | cut -c1-16)"
done
python3 - "$tsv" "${#binaries[@]}" <<'PY'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
count = int(sys.argv[2])
by = {}
for name, round_, wall, cpu in rows:
    by.setdefault(name, {})[int(round_)] = (float(wall), float(cpu))
rounds = sorted(by["git log --format"])
floor = {r: tuple(a + b for a, b in zip(by["git log --format"][r], by["git log --name-only -n 10000"][r])) for r in rounds}
med = lambda xs: statistics.median(xs)
print("| what | wall s (median) | CPU s (median) | wall ÷ floor | CPU ÷ floor | per-round wall ratio (median, range) |")
print("| --- | ---: | ---: | ---: | ---: | --- |")
for name in ["git log --format", "git log --name-only -n 10000"]:
    print(f"| {name} | {med([by[name][r][0] for r in rounds]):.2f} | {med([by[name][r][1] for r in rounds]):.2f} | | | |")
fw, fc = med([floor[r][0] for r in rounds]), med([floor[r][1] for r in rounds])
print(f"| floor (both) | {fw:.2f} | {fc:.2f} | 1.00 | 1.00 | |")
for index in range(count):
    name = f"cdscan#{index}"
    w, c = med([by[name][r][0] for r in rounds]), med([by[name][r][1] for r in rounds])
    ratios = [by[name][r][0] / floor[r][0] for r in rounds]
    print(f"| {name} | {w:.2f} | {c:.2f} | {w / fw:.2f} | {c / fc:.2f} | {med(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f}) |")
PY
