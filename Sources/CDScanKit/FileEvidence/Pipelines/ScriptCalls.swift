/// Where a command runs a shell script of the repository (`./scripts/release.sh`, `bash ci/build.sh`,
/// `"${SCRIPT_DIR}"/push-images.sh`), from its words alone: the paths it may mean, to be looked up in the
/// tree. The script is read from the object database like any file, never run.
enum ScriptCalls {
    /// Words that run the command after them (`sudo ./x.sh`, `bash -e x.sh`). `source` and `.` are not
    /// among them: a sourced file is a library of functions for every job, which says nothing of one.
    static let wrappers: Set<String> = ["bash", "sh", "zsh", "dash", "ksh", "exec", "sudo", "time", "env", "nohup", "command"]
    static let extensions = [".sh", ".bash"]

    /// The candidate paths of each script `segment` (one simple command) runs, nearest first: a path
    /// after a variable (`$DIR/x.sh`, `$(dirname "$0")/x.sh`, `${{ github.workspace }}/x.sh`) from the
    /// calling script's folder and from the root; a plain path from that folder and from the root.
    static func candidates(in segment: String, folder: String) -> [String] {
        let tokens = withoutWorkspaceExpressions(segment).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var index = 0
        // Assignments, wrappers and their flags come before the command word.
        while index < tokens.count, isAssignment(tokens[index]) || wrappers.contains(tokens[index])
                || (index > 0 && tokens[index].hasPrefix("-") && wrappers.contains(tokens[index - 1])) {
            index += 1
        }
        // `$(dirname "$0")/x.sh` splits at its space: the script's word is the first that ends like one.
        while index < tokens.count, !isScript(tokens[index]), tokens[index].contains("$(") || tokens[index].hasPrefix("\"$(") {
            index += 1
        }
        guard index < tokens.count, isScript(tokens[index]) else { return [] }
        let word = unquote(tokens[index])
        let relative: String
        if let dollar = word.lastIndex(of: "$") {
            // What follows the variable's slash is the path below the folder the variable names.
            guard let slash = word[dollar...].firstIndex(of: "/") else { return [] }
            relative = String(word[word.index(after: slash)...])
        } else {
            relative = word
        }
        let bases = folder.isEmpty ? [""] : [folder, ""]
        var seen: Set<String> = []
        return bases.compactMap { normalised($0.isEmpty ? relative : $0 + "/" + relative) }.filter { seen.insert($0).inserted }
    }

    /// `${{ github.workspace }}/ci/x.sh` → `ci/x.sh`: a CI expression before a slash names the checkout.
    static func withoutWorkspaceExpressions(_ segment: String) -> String {
        guard segment.contains("${{") else { return segment }
        var result = ""
        var rest = Substring(segment)
        while let open = rest.range(of: "${{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else { return result + rest[open.lowerBound...] }
            rest = rest[close.upperBound...]
            if rest.hasPrefix("/") { rest = rest.dropFirst() } else { result += "$CI" }
        }
        return result + rest
    }

    static func isScript(_ token: String) -> Bool {
        let word = unquote(token).lowercased()
        return extensions.contains { word.hasSuffix($0) } && !word.contains("*") && !word.contains("?")
    }

    static func isAssignment(_ token: String) -> Bool {
        guard let equals = token.firstIndex(of: "="), equals != token.startIndex else { return false }
        return token[..<equals].allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
    }

    static func unquote(_ token: String) -> String {
        String(token.filter { $0 != "\"" && $0 != "'" })
    }

    /// `a/./b/../c.sh` → `a/c.sh`; nil for a path that leaves the tree or is absolute.
    static func normalised(_ path: String) -> String? {
        guard !path.hasPrefix("/") else { return nil }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// A script's lines, trimmed of spaces and tabs, without blank lines and comments.
    static func commandLines(_ text: String) -> [String] {
        TextLines.nonEmpty(text).compactMap { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }
            guard let first = trimmed.last, first != "#" else { return nil }
            return String(trimmed.reversed())
        }
    }

    /// The folder of a path in the tree ("" at the root).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }
}
