#!/usr/bin/env python3
"""Turns the measurements of run.sh into Markdown tables.

Usage: report.py RESULTS.tsv COUNTS.tsv CHECKS.tsv RSS_LIMIT_MIB MEMORY_TARGET_REPO

RESULTS.tsv: repository, operation, run, wall s, peak RSS KiB, exit status,
             peak sampled RssAnon KiB, CPU s (user + system), load average before.
COUNTS.tsv:  repository, `git rev-list --count HEAD`.
CHECKS.tsv:  repository, changed-paths mode, git's commit count, cdscan's history.commits.

Ratios cdscan/git are the median over the runs of the ratio within each run: run.sh
runs git and cdscan back to back, so a pair shares whatever else the machine did. The
whole assessment ("cdscan (full)") is paired the same way with "cdscan (snapshot)".
"""

import statistics
import sys

PAIRS = (  # (what, git operation, cdscan operation, target)
    ("metadata", "git log (metadata)", "cdscan (metadata)", 1.25),
    ("changed paths", "git log (changed paths)", "cdscan (changed paths)", 1.5),
)


class Sample:
    def __init__(self, fields):
        wall, rss, rc, anon, cpu = fields
        self.wall = float(wall)
        self.rss = int(rss) / 1024
        self.failed = int(rc) != 0
        self.anon = int(anon) / 1024
        self.cpu = float(cpu)


def read_tsv(path):
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def mark(ok):
    return "✅" if ok else "❌"


def main():
    results_path, counts_path, checks_path, rss_limit, memory_repo = sys.argv[1:6]
    rss_limit = float(rss_limit)
    runs = {}      # (repo, op) -> {run: Sample}
    repos, ops = [], []
    for repo, op, run, wall, rss, rc, anon, cpu, _load in read_tsv(results_path):
        if repo not in repos:
            repos.append(repo)
        if op not in ops:
            ops.append(op)
        try:
            sample = Sample((wall, rss, rc, anon, cpu))
        except ValueError:
            sample = Sample(("nan", 0, 1, 0, "nan"))
        runs.setdefault((repo, op), {})[run] = sample
    commits = {repo: int(count) for repo, count in read_tsv(counts_path)}
    checks = {(repo, mode): (git_count, got) for repo, mode, git_count, got in read_tsv(checks_path)}

    def samples(repo, op):
        return list(runs.get((repo, op), {}).values())

    out = ["| repository | commits | operation | wall s (median) | CPU s (median) | commits/s "
           "| peak RSS MiB | peak anon MiB |",
           "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |"]
    for repo in repos:
        n = commits.get(repo, 0)
        for op in ops:
            ss = samples(repo, op)
            if not ss:
                continue
            wall = statistics.median(s.wall for s in ss)
            cpu = statistics.median(s.cpu for s in ss)
            rate = f"{n / wall:,.0f}" if n and wall > 0 else "-"
            note = " (failed)" if any(s.failed for s in ss) else ""
            out.append(f"| {repo} | {n:,} | {op}{note} | {wall:.2f} | {cpu:.2f} | {rate} "
                       f"| {max(s.rss for s in ss):.1f} | {max(s.anon for s in ss):.1f} |")

    if any(op.startswith("cdscan") for op in ops):
        header = "| repository "
        for what, _, _, target in PAIRS:
            header += f"| {what} cdscan/git: wall (target ≤ {target}) | {what}: CPU "
        header += (f"| cdscan peak RSS MiB (target < {rss_limit:g} on {memory_repo}) "
                   "| cdscan peak anon MiB | history.commits (none / all) = git? |")
        out += ["", header, "| --- " + "| ---: " * (2 * len(PAIRS) + 2) + "| --- |"]
        for repo in repos:
            cells = []
            for _, git_op, cd_op, target in PAIRS:
                git_runs = runs.get((repo, git_op), {})
                cd_runs = runs.get((repo, cd_op), {})
                paired = [run for run in cd_runs if run in git_runs]
                if not paired or any(cd_runs[r].failed or git_runs[r].failed for r in paired):
                    cells += ["n/a", "n/a"]
                    continue
                wall = statistics.median(cd_runs[r].wall / git_runs[r].wall for r in paired)
                cpu = statistics.median(cd_runs[r].cpu / git_runs[r].cpu for r in paired)
                cells += [f"{wall:.2f} {mark(wall <= target)}", f"{cpu:.2f}"]
            cd_samples = samples(repo, "cdscan (metadata)") + samples(repo, "cdscan (changed paths)")
            for value in (lambda s: s.rss, lambda s: s.anon):
                if not cd_samples:
                    cells.append("n/a")
                    continue
                peak = max(value(s) for s in cd_samples)
                judged = repo.startswith(memory_repo)
                cells.append(f"{peak:.1f} {mark(peak < rss_limit)}" if judged else f"{peak:.1f}")
            counts, ok = [], True
            for mode in ("none", "all"):
                if (repo, mode) in checks:
                    git_count, got = checks[(repo, mode)]
                    counts.append(got or "missing")
                    ok = ok and got == git_count
            n = commits.get(repo, 0)
            if not counts:
                cells.append("n/a")
            elif ok:
                cells.append(f"{' / '.join(counts)} = {n} {mark(True)}")
            else:
                cells.append(f"**MISMATCH**: {' / '.join(counts)} ≠ {n} {mark(False)}")
            out.append(f"| {repo} | " + " | ".join(cells) + " |")
    snapshot_op, full_op, full_target = "cdscan (snapshot)", "cdscan (full)", 2.0
    if full_op in ops:
        out += ["", f"| repository | full scan ÷ snapshot: wall (target ≤ {full_target:g}) | CPU "
                f"| full scan peak RSS MiB | full scan peak anon MiB (target < {rss_limit:g} on {memory_repo}) |",
                "| --- | ---: | ---: | ---: | ---: |"]
        for repo in repos:
            snap_runs = runs.get((repo, snapshot_op), {})
            full_runs = runs.get((repo, full_op), {})
            paired = [run for run in full_runs if run in snap_runs]
            if not paired or any(full_runs[r].failed or snap_runs[r].failed for r in paired):
                out.append(f"| {repo} | n/a | n/a | n/a | n/a |")
                continue
            wall = statistics.median(full_runs[r].wall / snap_runs[r].wall for r in paired)
            cpu = statistics.median(full_runs[r].cpu / snap_runs[r].cpu for r in paired)
            rss = max(s.rss for s in full_runs.values())
            anon = max(s.anon for s in full_runs.values())
            judged = repo.startswith(memory_repo)
            out.append(f"| {repo} | {wall:.2f} {mark(wall <= full_target)} | {cpu:.2f} | {rss:.1f} "
                       f"| {anon:.1f}{' ' + mark(anon < rss_limit) if judged else ''} |")
    print("\n".join(out))


if __name__ == "__main__":
    main()
