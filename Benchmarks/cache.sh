#!/usr/bin/env bash
# History cache benchmark: what a rescan with a warm cache costs against a full scan, in one run.
#
#   Benchmarks/cache.sh [REPO]
#
# Part 1 (REPO, default: none): a full scan; a cold `scan --cache` (it writes the cache); and warm
# rescans after new commits. New commits are made by seeding the cache at HEAD~N (first parents, so
# the merges' side commits come too) and then scanning HEAD. Each JSON report is compared with the full
# scan's; the verbose note says how many commits were read.
# Part 2: `batch` over generated repositories of CDSCAN_CACHE_COMMITS commits each. After a first batch,
# every repository gets 1-5 new commits; then the same batch runs with the warm history cache, and
# with --no-history-cache on a copy of the store (HEAD moved everywhere in both), CDSCAN_CACHE_BATCH_RUNS
# times from the same stores; the medians are compared.
#
# Environment:
#   CDSCAN_CACHE_REPOS     generated repositories for part 2     (default: 200; 0 skips part 2)
#   CDSCAN_CACHE_COMMITS   commits per generated repository      (default: 2000)
#   CDSCAN_CACHE_STEPS     first-parent steps back for part 1    (default: "10 1000")
#   CDSCAN_CACHE_BATCH_RUNS  runs of each batch in part 2, from the same stores (default: 5; medians)
#   CDSCAN_CACHE_DIR       scratch folder (kept)                 (default: <package>/bench-work/cache)
#   CDSCAN_BIN             a cdscan binary instead of building one
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="${CDSCAN_CACHE_DIR:-$root/bench-work/cache}"
count="${CDSCAN_CACHE_REPOS:-200}"
commits="${CDSCAN_CACHE_COMMITS:-2000}"
steps="${CDSCAN_CACHE_STEPS:-10 1000}"
batch_runs="${CDSCAN_CACHE_BATCH_RUNS:-5}"

case "${1:-}" in -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;; esac
[ -x /usr/bin/time ] || { echo "cache.sh: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
if [ -z "${CDSCAN_BIN:-}" ]; then
  (cd "$root" && swift build -c release --product cdscan >&2)
  CDSCAN_BIN="$(cd "$root" && swift build -c release --show-bin-path)/cdscan"
fi
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null TZ=UTC LC_ALL=C
mkdir -p "$work"

# Runs cdscan, prints "wall-seconds peak-MiB" on fd 3.
timed() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$CDSCAN_BIN" "$@"
  awk '{ printf "%s %.0f\n", $1, $2 / 1024 }' "$work/time" >&3
}

if [ "$#" -gt 0 ]; then
  repo="$(cd "$1" && pwd)"
  echo "| run | wall s | peak MiB | commits read | ratio to full | same JSON |"
  echo "|---|---|---|---|---|---|"
  read -r full_wall full_mem < <(timed scan "$repo" --format json 3>&1 >"$work/full.json" 2>/dev/null)
  echo "| full scan | $full_wall | $full_mem | all | 1.00 | - |"
  rm -rf "$work/c-cold"
  read -r wall mem < <(timed scan "$repo" --format json --cache "$work/c-cold" 3>&1 >"$work/cold.json" 2>/dev/null)
  same=$(cmp -s "$work/full.json" "$work/cold.json" && echo yes || echo NO)
  echo "| cold --cache (writes $(du -sh "$work/c-cold" | cut -f1)) | $wall | $mem | all | $(echo "$wall $full_wall" | awk '{printf "%.2f", $1/$2}') | $same |"
  read -r wall mem < <(timed scan "$repo" --format json --cache "$work/c-cold" -v 3>&1 >"$work/warm.json" 2>"$work/warm.err")
  same=$(cmp -s "$work/full.json" "$work/warm.json" && echo yes || echo NO)
  read_count=$(grep -o '[0-9]* read;' "$work/warm.err" | head -1 | cut -d' ' -f1)
  echo "| warm, HEAD unchanged | $wall | $mem | $read_count | $(echo "$wall $full_wall" | awk '{printf "%.2f", $1/$2}') | $same |"
  for n in $steps; do
    rm -rf "$work/c-$n"
    "$CDSCAN_BIN" scan "$repo" --revision "HEAD~$n" --format json --cache "$work/c-$n" >/dev/null 2>&1
    read -r wall mem < <(timed scan "$repo" --format json --cache "$work/c-$n" -v 3>&1 >"$work/warm-$n.json" 2>"$work/warm-$n.err")
    same=$(cmp -s "$work/full.json" "$work/warm-$n.json" && echo yes || echo NO)
    read_count=$(grep -o '[0-9]* read;' "$work/warm-$n.err" | head -1 | cut -d' ' -f1)
    echo "| warm after HEAD~$n | $wall | $mem | $read_count | $(echo "$wall $full_wall" | awk '{printf "%.2f", $1/$2}') | $same |"
  done
fi

[ "$count" -gt 0 ] || exit 0
repos="$work/batch-$count-$commits"
if [ ! -d "$repos" ]; then
  mkdir -p "$repos.partial"
  for ((i = 0; i < count; i++)); do
    dir=$(printf '%s/repo-%04d' "$repos.partial" "$i")
    git init -q --bare -b main "$dir"
    python3 - "$i" "$commits" <<'PY' | git -C "$dir" fast-import --quiet
import sys
index, commits = int(sys.argv[1]), int(sys.argv[2])
out = sys.stdout
start = 1600000000 + index * 3600
for n in range(commits):
    t = start + n * 7200
    who = (index + n) % 5
    out.write(f"commit refs/heads/main\nmark :{n + 1}\n")
    out.write(f"author Dev {who} <dev{who}@example.com> {t} +0000\ncommitter Dev {who} <dev{who}@example.com> {t} +0000\n")
    msg = f"feat: change {n} of repository {index}\n\nRefs #{n}.\n"
    out.write(f"data {len(msg)}\n{msg}")
    if n:
        out.write(f"from :{n}\n")
    body = f"revision {n}\n"
    out.write(f"M 100644 inline src/file{n % 50}.txt\ndata {len(body)}\n{body}")
    if n == 1:
        wf = "name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n"
        out.write(f"M 100644 inline .github/workflows/ci.yml\ndata {len(wf)}\n{wf}")
PY
  done
  mv "$repos.partial" "$repos"
fi
rm -rf "$work/store" && mkdir -p "$work/store"
"$CDSCAN_BIN" batch "$repos" --db "$work/store/cached.db" --quiet || true
cp "$work/store/cached.db" "$work/store/plain.db"
# 1-5 new commits on every repository (the same tree: what changes is the history).
for ((i = 0; i < count; i++)); do
  dir=$(printf '%s/repo-%04d' "$repos" "$i")
  for ((k = 0; k <= i % 5; k++)); do
    when=$((1600000000 + i * 3600 + (commits + k) * 7200))
    new=$(GIT_AUTHOR_NAME=Dev GIT_AUTHOR_EMAIL=dev@example.com GIT_COMMITTER_NAME=Dev GIT_COMMITTER_EMAIL=dev@example.com \
      GIT_AUTHOR_DATE="$when +0000" GIT_COMMITTER_DATE="$when +0000" \
      git -C "$dir" commit-tree "main^{tree}" -p main -m "fix: new change $k")
    git -C "$dir" update-ref refs/heads/main "$new"
  done
done
# Each run starts from the stores as they are now (copied back), so every run scans the same new commits.
rm -rf "$work/store-before" && cp -r "$work/store" "$work/store-before"
echo
echo "| batch of $count repositories ($commits commits each), 1-5 new commits each | run | wall s | peak MiB |"
echo "|---|---|---|---|"
: >"$work/plain-walls"; : >"$work/warm-walls"
for ((run = 1; run <= batch_runs; run++)); do
  rm -rf "$work/store" && cp -r "$work/store-before" "$work/store"
  read -r plain_wall plain_mem < <(timed batch "$repos" --db "$work/store/plain.db" --no-history-cache --quiet 3>&1 >/dev/null 2>&1 || true)
  echo "| without the history cache | $run | $plain_wall | $plain_mem |"
  read -r wall mem < <(timed batch "$repos" --db "$work/store/cached.db" --quiet 3>&1 >/dev/null 2>&1 || true)
  echo "| warm history cache | $run | $wall | $mem |"
  echo "$plain_wall" >>"$work/plain-walls"; echo "$wall" >>"$work/warm-walls"
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
plain_median=$(median <"$work/plain-walls"); warm_median=$(median <"$work/warm-walls")
echo
echo "medians of $batch_runs runs: without the cache ${plain_median} s, warm ${warm_median} s;" \
  "speed-up $(echo "$plain_median $warm_median" | awk '{printf "%.2f", $1/$2}')×"
