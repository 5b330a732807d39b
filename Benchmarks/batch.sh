#!/usr/bin/env bash
# Batch benchmark: `cdscan batch` (release build) over N generated repositories, plus any real
# repositories (bare mirrors or working trees) given as arguments.
#
#   Benchmarks/batch.sh [REPO ...]
#
# Prints repositories per minute, the peak RSS of the whole batch (/usr/bin/time -v) and the CPU use
# (user+sys over wall time; near the number of cores when the jobs keep every core busy), for a first
# run into a new store and for the incremental second run (every repository unchanged).
#
# Environment:
#   CDSCAN_BATCH_REPOS   generated repositories                (default: 200)
#   CDSCAN_BATCH_DIR     where they are generated (kept)       (default: <package>/bench-work/batch)
#   CDSCAN_BATCH_JOBS    --jobs                                (default: the number of cores)
#   CDSCAN_BIN           a cdscan binary instead of building one
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
count="${CDSCAN_BATCH_REPOS:-200}"
work="${CDSCAN_BATCH_DIR:-$root/bench-work/batch}"
jobs="${CDSCAN_BATCH_JOBS:-$(nproc)}"

case "${1:-}" in -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;; esac
[ -x /usr/bin/time ] || { echo "batch.sh: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }

if [ -z "${CDSCAN_BIN:-}" ]; then
  (cd "$root" && swift build -c release --product cdscan >&2)
  CDSCAN_BIN="$(cd "$root" && swift build -c release --show-bin-path)/cdscan"
fi

export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null TZ=UTC LC_ALL=C

# One small repository: 3 + i%7 commits three days apart; a workflow, tests, a tag and a Dockerfile in
# some (the same shapes as FixtureKit's SyntheticRepositories).
make_repo() {
  local index=$1 dir=$2 commits=$((3 + $1 % 7)) start=$((1704067200 + $1 * 3600)) n t
  git init -q -b main "$dir"
  {
    for ((n = 0; n < commits; n++)); do
      t=$((start + n * 259200))
      printf 'commit refs/heads/main\nmark :%d\n' $((n + 1))
      printf 'author Dev %d <dev%d@example.com> %d +0000\ncommitter Dev %d <dev%d@example.com> %d +0000\n' \
        $(((index + n) % 3)) $(((index + n) % 3)) "$t" $(((index + n) % 3)) $(((index + n) % 3)) "$t"
      msg="feat: change $n of repository $index"
      printf 'data %d\n%s\n' "${#msg}" "$msg"
      [ "$n" -gt 0 ] && printf 'from :%d\n' "$n"
      body="# Repository $index, revision $n"
      printf 'M 100644 inline README.md\ndata %d\n%s\n' "${#body}" "$body"
      if [ "$n" -eq 1 ] && [ $((index % 2)) -eq 0 ]; then
        wf=$'name: CI\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: make test\n'
        printf 'M 100644 inline .github/workflows/ci.yml\ndata %d\n%s\n' "${#wf}" "$wf"
      fi
      if [ "$n" -eq 1 ] && [ $((index % 3)) -eq 0 ]; then
        test=$'def test_main():\n    assert True\n'
        printf 'M 100644 inline tests/test_main.py\ndata %d\n%s\n' "${#test}" "$test"
      fi
    done
    if [ $((index % 4)) -eq 0 ]; then
      printf 'tag v1.0.0\nfrom :%d\ntagger Dev 0 <dev0@example.com> %d +0000\ndata 6\nv1.0.0\n' "$commits" "$t"
    fi
  } | git -C "$dir" fast-import --quiet
}

mkdir -p "$work/repos"
made=0
for ((i = 0; i < count; i++)); do
  dir=$(printf '%s/repos/repo-%04d' "$work" "$i")
  if [ ! -d "$dir" ]; then make_repo "$i" "$dir"; made=$((made + 1)); fi
done
echo "batch.sh: $count generated repositories in $work/repos ($made made now)" >&2

targets=("$work/repos")
list="$work/real.txt"
: > "$list"
for repo in "$@"; do echo "$(cd "$repo" && pwd)" >> "$list"; done
[ "$#" -gt 0 ] && targets+=(--list "$list")
total=$((count + $#))

measure() {  # label, then the cdscan arguments
  local label=$1; shift
  local timing="$work/time.txt"
  /usr/bin/time -v -o "$timing" "$CDSCAN_BIN" "$@" 2> "$work/stderr.txt" || true
  grep -E '^done|^interrupted' "$work/stderr.txt" >&2 || true
  python3 - "$label" "$total" "$timing" <<'EOF'
import re, sys
label, total, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
text = open(path).read()
def field(name):
    return re.search(re.escape(name) + r":\s*(.+)", text).group(1).strip()
wall_text = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
parts = [float(p) for p in wall_text.split(":")]
wall = parts[-1] + 60 * parts[-2] + (3600 * parts[-3] if len(parts) == 3 else 0)
cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
rss = int(field("Maximum resident set size (kbytes)")) / 1024
print(f"| {label} | {total} | {wall:.2f} s | {total / wall * 60:,.0f} | {rss:.0f} MiB | {cpu / wall:.2f} |")
EOF
}

db="$work/bench.db"
rm -f "$db"
echo "| run | repositories | wall | repositories/min | peak RSS | CPU (user+sys)/wall |"
echo "|---|---:|---:|---:|---:|---:|"
measure "first run, --jobs $jobs" batch "${targets[@]}" --db "$db" --jobs "$jobs"
measure "second run (unchanged)" batch "${targets[@]}" --db "$db" --jobs "$jobs"
measure "first run, --jobs 1" batch "${targets[@]}" --db "$work/bench-1.db" --jobs 1 --force
rm -f "$work/bench-1.db"
