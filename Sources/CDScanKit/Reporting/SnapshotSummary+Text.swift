extension SnapshotSummary {
    /// A short human-readable account of what the scan read; repository-controlled text is made safe
    /// for a terminal first.
    public func renderText() -> String {
        func safe(_ text: String) -> String { TerminalText.sanitize(text) }
        var lines: [String] = []
        let where_ = repository.bare ? "bare repository" : "working tree"
        lines.append("\(tool) — \(safe(repository.path)) (\(where_))")
        lines.append("")
        let headLine = repository.detached
            ? "\(repository.head.prefix(12)) (detached HEAD)"
            : "\(repository.head.prefix(12)) on \(safe(repository.branch ?? "?"))"
        lines.append(row("HEAD", headLine))
        lines.append(row("As of", "\(repository.asOf) (\(repository.asOfSource))"))
        var historyLine = "\(count(history.commits, "commit")), \(count(history.merges, "merge"))"
        if let first = history.firstCommit, let last = history.lastCommit {
            historyLine += ", \(first.prefix(10)) → \(last.prefix(10)) (\(grouped(history.spanDays)) days)"
        }
        lines.append(row("History", historyLine))
        lines.append(row("People", "\(count(history.authors, "author")), \(count(history.committers, "committer"))"))
        if history.commitsWithChangedPaths > 0 {
            lines.append(row("Changes", "\(count(history.changedPaths, "changed path")) in \(count(history.commitsWithChangedPaths, "commit"))"))
        }
        let defaultBranch = references.defaultBranch.map { "default \(safe($0)) (from \(references.defaultBranchSource ?? "?"))" } ?? "no default branch found"
        lines.append(row("Branches", "\(references.branches.count) local, \(references.remoteBranches.count) remote-tracking; \(defaultBranch)"))
        var tagLine = "\(references.tags) (\(references.annotatedTags) annotated)"
        if let latest = references.latestTag { tagLine += ", latest \(safe(latest))" }
        lines.append(row("Tags", tagLine))
        lines.append(row("Files", "\(count(tree.files, "file")) (\(grouped(tree.executables)) executable), \(count(tree.symlinks, "symlink")), \(count(tree.submodules, "submodule")), \(byteSize(tree.bytes))"))
        if repository.shallow {
            lines.append(row("Shallow", "yes: history stops at \(count(history.shallowBoundaries, "boundary commit")); history figures are incomplete"))
        } else {
            lines.append(row("Shallow", "no"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func row(_ label: String, _ value: String) -> String {
        label.padding(toLength: 10) + value
    }

    /// "1 commit", "2 commits", "1,234 commits".
    private func count(_ value: Int, _ noun: String) -> String {
        "\(grouped(value)) \(noun)\(value == 1 ? "" : "s")"
    }

    private func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }

    private func byteSize(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}

extension String {
    func padding(toLength length: Int) -> String {
        count >= length ? self + " " : self + String(repeating: " ", count: length - count)
    }
}
