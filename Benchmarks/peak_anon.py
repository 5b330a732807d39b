#!/usr/bin/env python3
"""Runs a command and samples the anonymous (heap, stack) memory of it and its children.

Usage: peak_anon.py REPORT_FILE -- COMMAND [ARG...]

The command inherits stdin/stdout/stderr and its exit status is returned. When it
ends, REPORT_FILE gets one line: the largest sum of RssAnon (KiB) seen over the
command's process tree, sampled every 20 ms from /proc (Linux only; 0 elsewhere).

Why: the peak RSS that /usr/bin/time reports (ru_maxrss) also counts the pages of
mmap'ed files. git and libgit2 map the pack and its index, so on a large repository
most of that number is page cache shared with every other reader of the pack, not
memory the process allocated. RssAnon is the allocated part.
"""

import os
import subprocess
import sys
import time


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def anon_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_anon(root):
    total, todo, seen = 0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += anon_kib(pid)
        todo.extend(children(pid))
    return total


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit("usage: peak_anon.py REPORT_FILE -- COMMAND [ARG...]")
    report, command = sys.argv[1], sys.argv[3:]
    proc = subprocess.Popen(command)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_anon(proc.pid))
        time.sleep(0.02)
    with open(report, "w") as f:
        f.write(f"{peak}\n")
    sys.exit(proc.returncode if proc.returncode >= 0 else 128 - proc.returncode)


if __name__ == "__main__":
    main()
