#!/usr/bin/env bash
# One-pass history benchmark: `cdscan history REPO --every month` against one full scan, in one run.
#
#   Benchmarks/history.sh REPO [SINCE]
#
# Runs, alternating, CDSCAN_HISTORY_RUNS times (default 3): a full scan of REPO (`scan --format json`)
# and `history REPO --every month --since SINCE` (default: five years before HEAD) into a fresh store
# without the history cache (so each run does all its work). Prints each run's wall and CPU seconds, the
# number of points, and the medians' ratios. With CDSCAN_HISTORY_CHECK=1 it then scans each stored point
# alone (`scan --revision COMMIT --as-of TIME`) and checks that the stored report is the same JSON value.
#
# Environment:
#   CDSCAN_HISTORY_RUNS   runs of each command           (default: 3)
#   CDSCAN_HISTORY_JOBS   history's --jobs               (default: cdscan's own, the number of cores)
#   CDSCAN_HISTORY_DIR    scratch folder (kept)          (default: <package>/bench-work/history)
#   CDSCAN_BIN            a cdscan binary instead of building one
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
case "${1:-}" in ""|-h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;; esac
repo="$(cd "$1" && pwd)"
work="${CDSCAN_HISTORY_DIR:-$root/bench-work/history}"
runs="${CDSCAN_HISTORY_RUNS:-3}"
[ -x /usr/bin/time ] || { echo "history.sh: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
if [ -z "${CDSCAN_BIN:-}" ]; then
  (cd "$root" && swift build -c release --product cdscan >&2)
  CDSCAN_BIN="$(cd "$root" && swift build -c release --show-bin-path)/cdscan"
fi
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null TZ=UTC LC_ALL=C
mkdir -p "$work"
head_time=$(git -C "$repo" log -1 --format=%ct HEAD)
since="${2:-$(date -u -d "@$((head_time - 5 * 365 * 86400))" +%Y-%m-%d)}"
jobs=()
[ -n "${CDSCAN_HISTORY_JOBS:-}" ] && jobs=(--jobs "$CDSCAN_HISTORY_JOBS")

# Runs a command; prints "wall cpu" (seconds).
timed() {
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$work/time"
}

echo "| run | full scan wall s | full scan cpu s | history wall s | history cpu s | points |"
echo "|---|---|---|---|---|---|"
: >"$work/full"; : >"$work/history"
for run in $(seq 1 "$runs"); do
  read -r full_wall full_cpu < <(timed "$CDSCAN_BIN" scan "$repo" --format json)
  rm -rf "$work/store.db" "$work/store.db.history"
  read -r hist_wall hist_cpu < <(timed "$CDSCAN_BIN" history "$repo" --every month --since "$since" --db "$work/store.db" \
    --no-history-cache --quiet "${jobs[@]}")
  points=$(python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from scan where kind = 'history'\").fetchone()[0])" "$work/store.db")
  echo "| $run | $full_wall | $full_cpu | $hist_wall | $hist_cpu | $points |"
  echo "$full_wall $full_cpu" >>"$work/full"; echo "$hist_wall $hist_cpu" >>"$work/history"
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
fw=$(cut -d' ' -f1 "$work/full" | median); fc=$(cut -d' ' -f2 "$work/full" | median)
hw=$(cut -d' ' -f1 "$work/history" | median); hc=$(cut -d' ' -f2 "$work/history" | median)
echo
echo "medians: full scan ${fw} s wall, ${fc} s cpu; history ${hw} s wall, ${hc} s cpu;" \
  "history / full scan: $(awk -v a="$hw" -v b="$fw" 'BEGIN { printf "%.2f", a / b }')x wall," \
  "$(awk -v a="$hc" -v b="$fc" 'BEGIN { printf "%.2f", a / b }')x cpu"

if [ "${CDSCAN_HISTORY_CHECK:-0}" = 1 ]; then
  python3 - "$work/store.db" "$CDSCAN_BIN" "$repo" <<'PY'
import json, sqlite3, subprocess, sys, zlib
store, binary, repo = sys.argv[1:]
rows = sqlite3.connect(store).execute("select commit_id, as_of, report from scan where kind = 'history'").fetchall()
same = 0
for commit, as_of, report in rows:
    if isinstance(report, bytes):
        report = zlib.decompress(report).decode()
    alone = subprocess.run([binary, "scan", repo, "--revision", commit, "--as-of", str(as_of), "--format", "json"],
                           capture_output=True, text=True).stdout
    same += json.loads(alone) == json.loads(report)
print(f"{same} of {len(rows)} points: the stored report equals a scan of the commit alone (as JSON values)")
PY
fi
