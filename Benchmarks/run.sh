#!/usr/bin/env bash
# History-walk benchmark: cdscan against git on the same repositories, in the same run.
#
#   Benchmarks/run.sh [REPO | NAME=REPO ...]
#
# Builds cdscan in release, creates (once) the synthetic repository, then for the
# synthetic repository and every REPO given measures wall time and peak RSS of
#   git rev-list --count HEAD
#   git log --format='%H %an %ae %at %P'                    vs  cdscan scan --snapshot-only --changed-paths none
#   git log --no-renames --name-only --format='%H'          vs  cdscan scan --snapshot-only --changed-paths all
# and the whole assessment against the snapshot it starts from:
#   cdscan scan --snapshot-only --format json               vs  cdscan scan --format json
# each CDSCAN_BENCH_RUNS times (median), git and cdscan interleaved. Prints a Markdown
# table and writes it to Benchmarks/results-latest.md. See Benchmarks/README.md.
#
# Environment:
#   CDSCAN_BENCH_DIR        where the synthetic repository is cached  (default: <package>/bench-work)
#   CDSCAN_BENCH_COMMITS    commits of the synthetic repository       (default: 1000000)
#   CDSCAN_BENCH_RUNS       runs of each command                      (default: 3)
#   CDSCAN_BENCH_SYNTHETIC  0: skip the synthetic repository          (default: 1)
#   CDSCAN_BENCH_REPACK     1: use a repacked synthetic repository (make-synthetic-repo.sh --repack)
#   CDSCAN_BENCH_GIT_ONLY   1: measure only the git commands (no build, no cdscan)
#   CDSCAN_BENCH_FULL       0: skip the whole-assessment rows (snapshot vs full scan)
#   CDSCAN_BIN              a cdscan binary to use instead of building one
#   CDSCAN_BENCH_RSS_LIMIT_MIB  peak-memory target for cdscan on the synthetic repo (default: 256)
#   CDSCAN_BENCH_RESULTS    where to write the table (default: Benchmarks/results-latest.md)
#   CDSCAN_BENCH_NOTE       a line of text added to the description in the results
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
bench_dir="${CDSCAN_BENCH_DIR:-$root/bench-work}"
commits_wanted="${CDSCAN_BENCH_COMMITS:-1000000}"
runs="${CDSCAN_BENCH_RUNS:-3}"
with_synthetic="${CDSCAN_BENCH_SYNTHETIC:-1}"
git_only="${CDSCAN_BENCH_GIT_ONLY:-0}"
with_full="${CDSCAN_BENCH_FULL:-1}"
rss_limit="${CDSCAN_BENCH_RSS_LIMIT_MIB:-256}"
results="${CDSCAN_BENCH_RESULTS:-$here/results-latest.md}"

die() { echo "run.sh: $*" >&2; exit 1; }

case "${1:-}" in -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;; esac

[[ -x /usr/bin/time ]] && /usr/bin/time -f '%e %M' true 2>/dev/null \
    || die "GNU time is needed at /usr/bin/time (Debian/Ubuntu: apt-get install time)"
# git's output goes to /dev/null; when something has replaced it by a plain file (it
# happens: an atomic write to /dev/null renames a file over it) timings are wrong and
# GIT_CONFIG_GLOBAL=/dev/null breaks git.
check_dev_null() {
    [[ -c /dev/null ]] || die "/dev/null is not a character device any more; restore it as root:
    rm -f /dev/null && mknod -m 666 /dev/null c 1 3"
}
check_dev_null
command -v python3 >/dev/null || die "python3 is needed"
command -v git >/dev/null || die "git is needed"

# git runs without user or system configuration, so that nothing like
# log.showSignature or diff.renames changes what it does.
gitx() { GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null git "$@"; }

# --- cdscan ----------------------------------------------------------------------------
cdscan=""
if [[ "$git_only" != 1 ]]; then
    if [[ -n "${CDSCAN_BIN:-}" ]]; then
        cdscan="$CDSCAN_BIN"
    else
        echo "building cdscan (release)..." >&2
        (cd "$root" && swift build -c release --product cdscan) >&2
        cdscan="$(cd "$root" && swift build -c release --show-bin-path)/cdscan"
    fi
    [[ -x "$cdscan" ]] || die "no cdscan binary at $cdscan"
    "$cdscan" scan --help 2>&1 | grep -q -- '--changed-paths' \
        || die "$cdscan has no 'scan --changed-paths' option yet"
fi

# --- repositories ----------------------------------------------------------------------
names=()
paths=()
if [[ "$with_synthetic" == 1 ]]; then
    synthetic_name="synthetic-$commits_wanted"
    make_options=()
    if [[ "${CDSCAN_BENCH_REPACK:-0}" == 1 ]]; then
        synthetic_name+="-repacked"
        make_options+=(--repack)
    fi
    synthetic="$bench_dir/$synthetic_name"
    if [[ ! -d "$synthetic" ]]; then
        echo "creating $synthetic (once; cached)..." >&2
        "$here/make-synthetic-repo.sh" "${make_options[@]}" "$synthetic" "$commits_wanted" >&2
    fi
    names+=("$synthetic_name")
    paths+=("$synthetic")
fi
for arg in "$@"; do
    name=""
    path="$arg"
    if [[ "$arg" == *=* && "${arg%%=*}" != */* ]]; then
        name="${arg%%=*}"
        path="${arg#*=}"
    fi
    [[ -d "$path" ]] || die "$path is not a directory"
    path="$(cd "$path" && pwd)"
    gitx -C "$path" rev-parse --git-dir >/dev/null 2>&1 || die "$path is not a git repository"
    if [[ -z "$name" ]]; then
        name="$(basename "$path")"
        name="${name%.git}"
        [[ "$name" == repo || -z "$name" ]] && name="$(basename "$(dirname "$path")")"
    fi
    names+=("$name")
    paths+=("$path")
done
[[ ${#paths[@]} -gt 0 ]] || die "no repository to measure"

# --- measuring -------------------------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/cdscan-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
tsv="$work/results.tsv"
: > "$tsv"
status=0

# measure NAME OP RUN OUTFILE CMD... : one timed run, appended to the TSV.
measure() {
    local name="$1" op="$2" run="$3" out="$4"
    shift 4
    check_dev_null
    local rc=0
    echo 0 > "$work/anon"
    local load
    load="$(cut -d ' ' -f 1 /proc/loadavg 2>/dev/null || echo 0)"
    python3 "$here/peak_anon.py" "$work/anon" -- \
        /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$@" > "$out" 2> "$work/stderr" || rc=$?
    # cdscan's exit status 1 means "below the policy's level": a result, not a failure
    if [[ "$op" == cdscan* && $rc -eq 1 ]]; then
        rc=0
    fi
    local wall rss user sys anon cpu
    read -r wall rss user sys < <(tail -n 1 "$work/time")
    anon="$(cat "$work/anon")"
    cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
        "$name" "$op" "$run" "$wall" "$rss" "$rc" "$anon" "$cpu" "$load" >> "$tsv"
    if [[ $rc -ne 0 ]]; then
        echo "  !! $op exited with status $rc:" >&2
        sed 's/^/     /' "$work/stderr" | head -n 20 >&2
    fi
    printf '  %-24s run %s: %6s s (cpu %6s s)  RSS %7s KiB  anon %7s KiB  load %s%s\n' \
        "$op" "$run" "$wall" "$cpu" "$rss" "$anon" "$load" \
        "$([[ $rc -eq 0 ]] || echo "  (exit $rc)")" >&2
}

# history_commits FILE: prints history.commits of a cdscan JSON report ("" if none).
history_commits() {
    python3 - "$1" <<'PY'
import json, sys
def find(node):
    if isinstance(node, dict):
        h = node.get("history")
        if isinstance(h, dict) and isinstance(h.get("commits"), int):
            return h["commits"]
        for v in node.values():
            r = find(v)
            if r is not None:
                return r
    elif isinstance(node, list):
        for v in node:
            r = find(v)
            if r is not None:
                return r
    return None
try:
    with open(sys.argv[1]) as f:
        n = find(json.load(f))
except Exception:
    n = None
print("" if n is None else n)
PY
}

checks="$work/checks.tsv"
counts="$work/counts.tsv"
: > "$checks"
: > "$counts"
for i in "${!paths[@]}"; do
    name="${names[$i]}"
    repo="${paths[$i]}"
    gitdir="$(gitx -C "$repo" rev-parse --absolute-git-dir)"
    count="$(gitx -C "$repo" rev-list --count HEAD)"
    printf '%s\t%s\n' "$name" "$count" >> "$counts"
    echo "== $name ($repo): $count commits on HEAD" >&2
    # warm the page cache: every run then reads the packs from memory
    cat "$gitdir"/objects/pack/*.pack > /dev/null 2>&1 || true
    for run in $(seq 1 "$runs"); do
        measure "$name" "git rev-list --count" "$run" /dev/null \
            env GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null git -C "$repo" rev-list --count HEAD
        measure "$name" "git log (metadata)" "$run" /dev/null \
            env GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null \
            git -C "$repo" log --format='%H %an %ae %at %P'
        if [[ -n "$cdscan" ]]; then
            measure "$name" "cdscan (metadata)" "$run" "$work/none.json" \
                "$cdscan" scan "$repo" --snapshot-only --format json --changed-paths none
        fi
        measure "$name" "git log (changed paths)" "$run" /dev/null \
            env GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null \
            git -C "$repo" log --no-renames --name-only --format='%H'
        if [[ -n "$cdscan" ]]; then
            measure "$name" "cdscan (changed paths)" "$run" "$work/all.json" \
                "$cdscan" scan "$repo" --snapshot-only --format json --changed-paths all
        fi
        if [[ -n "$cdscan" && "$with_full" == 1 ]]; then
            # the whole assessment (every probe, the rules, the best fit) against the snapshot it
            # starts from, both with the default --changed-paths budget
            measure "$name" "cdscan (snapshot)" "$run" /dev/null \
                "$cdscan" scan "$repo" --snapshot-only --format json
            measure "$name" "cdscan (full)" "$run" /dev/null \
                "$cdscan" scan "$repo" --format json
        fi
    done
    if [[ -n "$cdscan" ]]; then
        for mode in none all; do
            got="$(history_commits "$work/$mode.json")"
            printf '%s\t%s\t%s\t%s\n' "$name" "$mode" "$count" "$got" >> "$checks"
            if [[ "$got" != "$count" ]]; then
                status=1
                {
                    echo
                    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
                    echo "!! MISMATCH on $name: git rev-list --count HEAD = $count, but"
                    echo "!! cdscan --changed-paths $mode reports history.commits = ${got:-<missing>}"
                    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
                    echo
                } >&2
            fi
        done
    fi
done

# --- report ----------------------------------------------------------------------------
describe() {
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
    echo "- system: $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"), $(uname -sr)"
    echo "- $(git --version)"
    echo "- libgit2: $(pkg-config --modversion libgit2 2>/dev/null || echo unknown)"
    if [[ -n "${CDSCAN_BIN:-}" && -n "$cdscan" ]]; then
        echo "- cdscan: $("$cdscan" --version 2>/dev/null || echo '?'), binary given by CDSCAN_BIN: $cdscan"
    elif [[ -n "$cdscan" ]]; then
        echo "- cdscan: $("$cdscan" --version 2>/dev/null || echo '?'), built from $root at $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$([[ -z "$(git -C "$root" status --porcelain -- Sources Package.swift 2>/dev/null)" ]] || echo ' plus uncommitted changes')"
        echo "- $(swift --version 2>/dev/null | head -n 1)"
    fi
    [[ -z "${CDSCAN_BENCH_NOTE:-}" ]] || echo "- note: $CDSCAN_BENCH_NOTE"
    echo "- runs per command: $runs (median wall and CPU time; peak memory is the largest of the runs)"
    echo "- 1-minute load average before each command: $(cut -f 9 "$tsv" | sort -n | sed -n '1p;$p' | paste -sd '-' | sed 's/-/ to /')$(cut -f 9 "$tsv" | awk '$1 > 1.2 { busy = 1 } END { if (busy) print " (the machine was NOT idle: timings are noisy)" }')"
    echo "- peak RSS: ru_maxrss from /usr/bin/time (%M); it includes the mapped pages of the pack and"
    echo "  its index. peak anon: the largest RssAnon sampled every 20 ms (heap and stack only)."
}
table="$(python3 "$here/report.py" "$tsv" "$counts" "$checks" "$rss_limit" "synthetic-1000000")"
{
    echo "# cdscan history-walk benchmark: latest results"
    echo
    describe
    echo
    echo "$table"
} > "$results"
echo
echo "$table"
echo
echo "(written to $results)"
exit $status
