#!/usr/bin/env python3
"""Writes a deterministic `git fast-import` stream for a synthetic repository.

Usage: synthetic_stream.py [--files N] COMMITS > stream   (normally piped by make-synthetic-repo.sh)

The same COMMITS always gives the same stream, so the same commit ids. Only
`random.Random(seed).random()` is used for pseudo-random numbers: Python
guarantees that sequence across versions for an int seed.

Shape of the history (all fixed):
  * one initial commit with ~3,400 files: src/moduleNN/fileNNN.ext,
    src/moduleNN/internal/implNNN.ext, tests/moduleNN/test_NNN.ext, docs/,
    .github/workflows/*.yml, infra/terraform/*.tf, infra/k8s/*.yaml, root files;
  * each commit changes 1-5 files (mostly modifications, sometimes an added or
    deleted file), chosen with a skew towards "hot" modules;
  * 50 authors with fixed names, e-mails and time zones;
  * commit times advance by 1-9 pseudo-random minutes from 2015-01-01;
  * about 5 % merge commits: a short topic branch (1-3 commits) forks from
    main, main may move on meanwhile, then a maintainer merges it (--no-ff);
  * about one annotated or lightweight release tag every 4,000 commits.
Exactly COMMITS commits are reachable from refs/heads/main (HEAD).

--files N makes a wide repository of about N files (e.g. 50,000) instead: as many
modules as it takes at 100 files in src/moduleNNN/, 40 in src/moduleNNN/internal/
and 20 in tests/moduleNNN/ (the other directories as above). Directory sizes hover
around their initial size, so HEAD holds about N files at any length of history.
Without --files the stream is exactly the one this script always wrote.
"""

import bisect
import random
import sys

SEED = 20150101
START = 1420070400  # 2015-01-01T00:00:00Z

FIRST = ["Alice", "Bruno", "Chen", "Dana", "Emeka", "Fatima", "Goran", "Hana",
         "Ivan", "Julia", "Kenji", "Leila", "Mateo", "Nadia", "Oskar", "Priya",
         "Quentin", "Rosa", "Sven", "Tomoko", "Umar", "Vera", "Wei", "Ximena",
         "Yusuf"]
LAST = ["Anders", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia",
        "Hoffmann", "Ito", "Jansen", "Kowalski", "Lopez", "Moreau", "Novak",
        "Okafor", "Petrov", "Quinn", "Rossi", "Schmidt", "Tanaka", "Ueda",
        "Varga", "Weber", "Xu", "Yilmaz", "Zhang"]
TZS = ["+0000", "+0100", "+0200", "-0500", "-0800", "+0530", "+0900", "-0300",
       "+1000", "-0600", "+0800", "+0300", "-0700", "+0100", "+0200"]

EXTS = [(".go", "//"), (".ts", "//"), (".py", "#"), (".swift", "//"),
        (".java", "//"), (".rs", "//"), (".rb", "#"), (".kt", "//")]

CODE = [
    "let value = compute(input)", "if err != nil { return err }",
    "for item in items { process(item) }", "return result", "x += 1",
    "cache.invalidate(key)", "logger.debug(\"state changed\")",
    "assert(count >= 0)", "defer { cleanup() }", "total = sum(values)",
    "config = load_config(path)", "response = client.get(url)",
    "retry(times: 3) { try send() }", "buffer.append(chunk)",
    "guard let user = session.user else { return }", "i = i * 2 + offset",
    "metrics.increment(\"requests\")", "queue.push(task)", "self.ready = true",
    "throw ValidationError.invalid(field)", "map.insert(k, v)",
    "timeout = Duration.seconds(30)", "lines = text.split(\"\\n\")",
    "result = parse(tokens)", "emit(event)", "close(handle)",
]

TYPES = ["fix", "feat", "refactor", "chore", "docs", "test", "perf", "build", "ci", "style"]
VERBS = ["handle", "add", "remove", "simplify", "speed up", "document", "rename",
         "validate", "cache", "log", "retry", "clean up", "extract", "inline", "guard"]
NOUNS = ["empty input", "timeouts", "config loading", "error path", "parser state",
         "edge case in lookup", "race on shutdown", "unused helper", "metrics",
         "the retry loop", "null user", "pagination", "unicode names", "deploy step",
         "flaky assertion", "connection pool", "feature flag", "migration"]
TOPICS = ["login", "search", "billing", "export", "cache", "api-v2", "onboarding",
          "metrics", "dark-mode", "rate-limit", "audit-log", "sso", "webhooks"]

WORKFLOWS = {
    "ci.yml": "name: CI\non:\n  push:\n    branches: [main]\n  pull_request:\njobs:\n"
              "  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
              "      - run: make build\n      - run: make test\n",
    "deploy.yml": "name: Deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n"
                  "    runs-on: ubuntu-latest\n    environment: production\n    steps:\n"
                  "      - uses: actions/checkout@v4\n      - run: make deploy\n",
    "release.yml": "name: Release\non:\n  push:\n    tags: ['v*']\njobs:\n  release:\n"
                   "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
                   "      - run: make release\n",
    "nightly.yml": "name: Nightly\non:\n  schedule:\n    - cron: '0 3 * * *'\njobs:\n  e2e:\n"
                   "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
                   "      - run: make e2e\n",
    "lint.yml": "name: Lint\non: [push, pull_request]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n"
                "    steps:\n      - uses: actions/checkout@v4\n      - run: make lint\n",
    "codeql.yml": "name: CodeQL\non:\n  push:\n    branches: [main]\njobs:\n  analyze:\n"
                  "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
                  "      - uses: github/codeql-action/analyze@v3\n",
}

ROOT_FILES = ["README.md", "Makefile", "Dockerfile", ".gitignore", "LICENSE",
              "CHANGELOG.md", "CONTRIBUTING.md", ".editorconfig"]


class Gen:
    def __init__(self, total, files=None):
        self.total = total
        self.rng = random.Random(SEED)
        self.r = self.rng.random
        self.out = []
        self.out_size = 0
        self.sink = sys.stdout.buffer
        self.now = START
        self.mark = 0
        self.made = 0
        self.rev = 0
        self.tag_major, self.tag_minor, self.tag_patch = 1, 0, 0
        self.authors = []
        for i in range(50):
            first = FIRST[i % len(FIRST)]
            last = LAST[(i * 7 + i // len(FIRST)) % len(LAST)]
            domain = "example.com" if i % 3 else "example.org"
            email = f"{first.lower()}.{last.lower()}@{domain}"
            self.authors.append((f"{first} {last}", email, TZS[i % len(TZS)]))
        # a few maintainers merge and tag
        self.maintainers = [self.authors[0], self.authors[7], self.authors[19]]
        # author weights: a few very active people, a long tail
        self.author_cum = self._cumulative([1.0 / (i + 1) ** 0.7 for i in range(50)])

        # directories: name -> list of file names; per-directory numbering for new files
        self.dirs = []        # [dir path]
        self.files = []       # parallel: list of file names in the dir
        self.next_no = []     # parallel: next number for a new file
        self.initial = []     # parallel: number of files at the start
        self.kind = []        # parallel: (prefix, ext, comment)
        weights = []
        # the default shape (40 modules of 50 + 20 + 10 files), or a wide one for --files
        modules, sizes, width = 40, (50, 20, 10), 2
        if files is not None:
            sizes = (100, 40, 20)
            fixed = 40 + 15 + 20 + 20 + 12 + len(WORKFLOWS) + len(ROOT_FILES)
            modules = max(1, round((files - fixed) / sum(sizes)))
            width = max(2, len(str(modules - 1)))
        for m in range(modules):
            ext, comment = EXTS[m % len(EXTS)]
            hot = 1.0 / (m + 1) ** 0.8
            module = f"module{m:0{width}d}"
            self._add_dir(f"src/{module}", "file", ext, comment, sizes[0], weights, hot)
            self._add_dir(f"src/{module}/internal", "impl", ext, comment, sizes[1], weights, hot * 0.5)
            self._add_dir(f"tests/{module}", "test_", ext, comment, sizes[2], weights, hot * 0.4)
        self._add_dir("docs", "page", ".md", "<!--", 40, weights, 0.15)
        self._add_dir("docs/adr", "adr-", ".md", "<!--", 15, weights, 0.03)
        self._add_dir("infra/terraform", "main", ".tf", "#", 20, weights, 0.08)
        self._add_dir("infra/k8s", "deployment", ".yaml", "#", 20, weights, 0.08)
        self._add_dir("scripts", "tool", ".sh", "#", 12, weights, 0.05)
        i = self._add_dir(".github/workflows", None, ".yml", "#", 0, weights, 0.04)
        self.files[i] = sorted(WORKFLOWS)
        i = self._add_dir("", None, "", "#", 0, weights, 0.08)
        self.files[i] = list(ROOT_FILES)
        self.dir_cum = self._cumulative(weights)

    @staticmethod
    def _cumulative(weights):
        total = sum(weights)
        acc, cum = 0.0, []
        for w in weights:
            acc += w / total
            cum.append(acc)
        cum[-1] = 1.0
        return cum

    def _add_dir(self, path, prefix, ext, comment, count, weights, weight):
        self.dirs.append(path)
        self.files.append([f"{prefix}{n:03d}{ext}" for n in range(count)])
        self.next_no.append(count)
        self.initial.append(max(count, 1))
        self.kind.append((prefix, ext, comment))
        weights.append(weight)
        return len(self.dirs) - 1

    # -- output ---------------------------------------------------------------

    def emit(self, s):
        self.out.append(s)
        self.out_size += len(s)
        if self.out_size > 1 << 20:
            self.flush()

    def flush(self):
        self.sink.write("".join(self.out).encode("ascii"))
        self.out = []
        self.out_size = 0

    def data(self, text):
        self.emit(f"data {len(text)}\n{text}\n")

    # -- content --------------------------------------------------------------

    def content(self, d, name):
        self.rev += 1
        path = f"{self.dirs[d]}/{name}" if self.dirs[d] else name
        if self.dirs[d] == ".github/workflows":
            return f"# {path} rev {self.rev}\n" + WORKFLOWS.get(name, WORKFLOWS["ci.yml"])
        comment = self.kind[d][2]
        r = self.r
        lines = [f"{comment} {path}", f"{comment} revision {self.rev}"]
        for _ in range(3 + int(r() * 10)):
            lines.append(CODE[int(r() * len(CODE))])
        return "\n".join(lines) + "\n"

    def path(self, d, name):
        return f"{self.dirs[d]}/{name}" if self.dirs[d] else name

    # -- history --------------------------------------------------------------

    def tick(self):
        self.now += 60 * (1 + int(self.r() * 9)) + int(self.r() * 60)

    def pick_author(self):
        return self.authors[bisect.bisect_left(self.author_cum, self.r())]

    def pick_dir(self):
        return bisect.bisect_left(self.dir_cum, self.r())

    def message(self, d):
        r = self.r
        t = TYPES[int(r() * len(TYPES))]
        scope = self.dirs[d].split("/")[-1] or "repo"
        subject = f"{t}({scope}): {VERBS[int(r() * len(VERBS))]} {NOUNS[int(r() * len(NOUNS))]}"
        if r() < 0.3:
            subject += f"\n\nFixes #{1 + int(r() * 9000)}.\n"
        return subject + "\n"

    def changes(self, protected):
        """Chooses the changes of one ordinary commit: returns (commands, first dir)."""
        r = self.r
        x = r()
        n = 1 if x < 0.40 else 2 if x < 0.65 else 3 if x < 0.80 else 4 if x < 0.92 else 5
        d0 = self.pick_dir()
        cmds = []
        seen = set()
        for k in range(n):
            d = d0 if (k == 0 or r() < 0.7) else self.pick_dir()
            files = self.files[d]
            op = r()
            prefix = self.kind[d][0]
            if (op < 0.03 or not files) and prefix is not None:
                name = f"{prefix}{self.next_no[d]:03d}{self.kind[d][1]}"
                self.next_no[d] += 1
                files.append(name)
                p = self.path(d, name)
                seen.add(p)
                cmds.append(("M", p, self.content(d, name)))
                continue
            if not files:
                continue
            i = int(r() * len(files))
            name = files[i]
            p = self.path(d, name)
            if p in seen:
                continue
            seen.add(p)
            # deletes balance adds: a directory's size hovers around its initial size
            if (op > 1 - 0.03 * len(files) / self.initial[d] and prefix is not None
                    and len(files) > 3 and p not in protected):
                files[i] = files[-1]
                files.pop()
                cmds.append(("D", p, None))
            else:
                cmds.append(("M", p, self.content(d, name)))
        if not cmds:  # everything was skipped: modify one root file
            d = len(self.dirs) - 1
            name = self.files[d][int(r() * len(self.files[d]))]
            cmds.append(("M", name, self.content(d, name)))
        return cmds, d0

    def write_cmds(self, cmds):
        for op, p, text in cmds:
            if op == "M":
                self.emit(f"M 100644 inline {p}\n")
                self.data(text)
            else:
                self.emit(f"D {p}\n")

    def commit(self, ref, author, committer, msg, cmds, parent=None, merge=None):
        self.mark += 1
        self.made += 1
        name, email, tz = author
        cname, cemail, ctz = committer
        self.emit(f"commit {ref}\nmark :{self.mark}\n"
                  f"author {name} <{email}> {self.now} {tz}\n"
                  f"committer {cname} <{cemail}> {self.now} {ctz}\n")
        self.data(msg)
        if parent is not None:
            self.emit(f"from :{parent}\n")
        if merge is not None:
            self.emit(f"merge :{merge}\n")
        self.write_cmds(cmds)
        self.emit("\n")
        return self.mark

    def maybe_tag(self, mark):
        r = self.r
        if r() >= 1 / 4000:
            return
        x = r()
        if x < 0.05:
            self.tag_major += 1
            self.tag_minor = self.tag_patch = 0
        elif x < 0.4:
            self.tag_minor += 1
            self.tag_patch = 0
        else:
            self.tag_patch += 1
        tag = f"v{self.tag_major}.{self.tag_minor}.{self.tag_patch}"
        if r() < 0.8:
            name, email, tz = self.maintainers[int(r() * len(self.maintainers))]
            self.emit(f"tag {tag}\nfrom :{mark}\ntagger {name} <{email}> {self.now} {tz}\n")
            self.data(f"Release {tag}\n")
        else:
            self.emit(f"reset refs/tags/{tag}\nfrom :{mark}\n\n")

    def run(self):
        r = self.r
        total = self.total
        # initial import
        cmds = []
        for d in range(len(self.dirs)):
            for name in self.files[d]:
                cmds.append(("M", self.path(d, name), self.content(d, name)))
        founder = self.authors[0]
        main = self.commit("refs/heads/main", founder, founder, "Initial import\n", cmds)
        self.maybe_tag(main)

        branch = None  # dict(name, tip, left, touched)
        topic_no = 0
        while self.made < total:
            left = total - self.made
            self.tick()
            if branch is None:
                if left >= 6 and r() < 0.06:
                    topic_no += 1
                    # few branch refs: a topic's ref is reused, left at its last merged tip
                    branch = {
                        "name": f"feature/{TOPICS[int(r() * len(TOPICS))]}",
                        "tip": main, "left": 1 + int(r() * 3), "touched": {},
                        "author": self.pick_author(), "first": True,
                    }
                    continue
                author = self.pick_author()
                cmds, d0 = self.changes(())
                main = self.commit("refs/heads/main", author, author, self.message(d0), cmds)
                self.maybe_tag(main)
                continue
            # a topic branch is open
            must_branch = branch["left"] > 0 and left <= branch["left"] + 1
            if branch["left"] > 0 and (must_branch or r() < 0.6 or branch["first"]):
                author = branch["author"]
                touched = branch["touched"]
                cmds, d0 = self.changes(touched)
                # the merge commit replays the branch's final contents (and deletes) on
                # top of main, which never touches those paths while the branch is open
                branch_cmds = []
                for op, p, text in cmds:
                    touched[p] = text if op == "M" else None
                    branch_cmds.append((op, p, text))
                ref = f"refs/heads/{branch['name']}"
                parent = branch["tip"] if branch["first"] else None
                branch["tip"] = self.commit(ref, author, author, self.message(d0),
                                            branch_cmds, parent=parent)
                branch["first"] = False
                branch["left"] -= 1
                continue
            if branch["left"] == 0 and (left == 1 or r() < 0.5):
                committer = self.maintainers[int(r() * len(self.maintainers))]
                cmds = [("M", p, t) if t is not None else ("D", p, None)
                        for p, t in sorted(branch["touched"].items())]
                msg = f"Merge branch '{branch['name']}'\n"
                if r() < 0.6:
                    msg = (f"Merge pull request #{1000 + topic_no} from team/{branch['name']}\n\n"
                           f"{branch['name'].split('/')[1]} #{topic_no}\n")
                main = self.commit("refs/heads/main", committer, committer, msg, cmds,
                                   merge=branch["tip"])
                self.maybe_tag(main)
                branch = None
                continue
            author = self.pick_author()
            cmds, d0 = self.changes(branch["touched"])
            # a main commit must not touch what the open branch touched (no conflicts)
            cmds = [c for c in cmds if c[1] not in branch["touched"]] or \
                [("M", "CHANGELOG.md", self.content(len(self.dirs) - 1, "CHANGELOG.md"))]
            main = self.commit("refs/heads/main", author, author, self.message(d0), cmds)
            self.maybe_tag(main)
        self.emit("done\n")
        self.flush()
        sys.stderr.write(f"synthetic_stream: {self.made} commits, {self.rev} blobs\n")


def main():
    args = sys.argv[1:]
    files = None
    if args[:1] == ["--files"]:
        if len(args) < 2 or not args[1].isdigit() or int(args[1]) < 1:
            sys.exit("--files needs a positive number of files")
        files = int(args[1])
        args = args[2:]
    total = int(args[0]) if args else 1_000_000
    if total < 1:
        sys.exit("COMMITS must be at least 1")
    Gen(total, files).run()


if __name__ == "__main__":
    main()
