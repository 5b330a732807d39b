#!/usr/bin/env bash
# Generates a deterministic synthetic git repository for the history-walk benchmark.
#
#   Benchmarks/make-synthetic-repo.sh [--bare] [--repack] [--commit-graph] [--files N] DIR [COMMITS]
#
# COMMITS defaults to 1,000,000. The same COMMITS (and --files) always gives the same
# commit ids (HEAD is printed at the end). The stream comes from synthetic_stream.py and goes
# straight into `git fast-import`, which writes one pack: no `git gc` is run.
#   --bare          make a bare repository (default: a work tree with HEAD checked out)
#   --repack        afterwards `git repack -a -d --window=0`: keeps fast-import's deltas
#                   but lays the pack out as a clone or gc would (commits together at
#                   the front) instead of in stream order (~2 min more for 1M commits)
#   --commit-graph  also write a commit-graph with generation numbers v1
#                   (libgit2 1.5 does not read generation v2); default: none, like a
#                   fresh clone without one.
#   --files N       a wide repository of about N files at HEAD (312 modules of 160 files
#                   for 50000) instead of the default ~3,400; the cold-scan benchmark uses
#                   `--files 50000 DIR 200000` (about 50,000 files, 200,000 commits).
# DIR must not exist. The repository is built in DIR.partial and renamed at the end,
# so an interrupted run never leaves something that looks complete.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bare=0
graph=0
repack=0
files=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --bare) bare=1; shift ;;
        --commit-graph) graph=1; shift ;;
        --repack) repack=1; shift ;;
        --files)
            [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "--files needs a positive number" >&2; exit 2; }
            files=(--files "$2"); shift 2 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        --) shift; break ;;
        -*) echo "unknown option: $1" >&2; exit 2 ;;
        *) break ;;
    esac
done
[[ $# -ge 1 && $# -le 2 ]] || { echo "usage: $0 [--bare] [--repack] [--commit-graph] [--files N] DIR [COMMITS]" >&2; exit 2; }
dir="$1"
commits="${2:-1000000}"
[[ "$commits" =~ ^[1-9][0-9]*$ ]] || { echo "COMMITS must be a positive integer" >&2; exit 2; }
[[ ! -e "$dir" ]] || { echo "$dir already exists" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 1; }

# No user or system configuration may change what is written.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

tmp="$dir.partial"
rm -rf "$tmp"
mkdir -p "$(dirname "$dir")"
if [[ $bare -eq 1 ]]; then
    git init --quiet --bare -b main "$tmp"
    gitdir="$tmp"
else
    git init --quiet -b main "$tmp"
    gitdir="$tmp/.git"
fi

start=$(date +%s.%N)
# --done: a truncated stream is an error, not a shorter history.
# --depth (50) and --big-file-threshold (512m) keep their defaults: the blobs are small.
# GLIBC_TUNABLES: fast-import allocates and frees zlib state for every object; without
# these glibc keeps trimming and regrowing the heap, which costs a third of the time.
python3 "$here/synthetic_stream.py" ${files[@]+"${files[@]}"} "$commits" \
    | GLIBC_TUNABLES=glibc.malloc.trim_threshold=1073741824:glibc.malloc.top_pad=67108864:glibc.malloc.mmap_threshold=1073741824 \
      git --git-dir="$gitdir" fast-import --quiet --done
imported=$(date +%s.%N)

if [[ $bare -eq 0 ]]; then
    git -C "$tmp" checkout --quiet -f main
fi
if [[ $repack -eq 1 ]]; then
    git --git-dir="$gitdir" repack -a -d -q --window=0
fi
if [[ $graph -eq 1 ]]; then
    git --git-dir="$gitdir" -c commitGraph.generationVersion=1 commit-graph write --reachable
fi
end=$(date +%s.%N)

mv "$tmp" "$dir"
head=$(git --git-dir="$dir$([[ $bare -eq 1 ]] || echo /.git)" rev-parse HEAD)
count=$(git --git-dir="$dir$([[ $bare -eq 1 ]] || echo /.git)" rev-list --count HEAD)
size=$(du -sh "$dir" | cut -f1)
printf 'synthetic repository: %s\n' "$dir"
printf '  commits on HEAD: %s   HEAD: %s   files at HEAD: %s\n' "$count" "$head" \
    "$(git --git-dir="$dir$([[ $bare -eq 1 ]] || echo /.git)" ls-tree -r HEAD | wc -l)"
printf '  fast-import: %.1f s   total (with checkout, repack, commit-graph): %.1f s   size on disk: %s\n' \
    "$(awk -v a="$start" -v b="$imported" 'BEGIN { print b - a }')" \
    "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" "$size"
