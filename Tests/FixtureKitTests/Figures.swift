import Foundation
import FixtureKit

/// What git itself reports about a built repository: the figures `expected.yml` records.
struct Figures: Equatable {
    var head: String?
    var commits: Int
    var merges: Int
    var authors: [String]
    var branches: [String]
    var remoteBranches: [String]
    var remoteHead: String?
    var tags: [String]
    var annotatedTags: [String]
    var defaultBranch: String?
    var bare: Bool
    var shallow: Bool
    var detached: Bool
    var files: [String]
    var executables: [String]
    var symlinks: [String]
    var submodules: [String]
    var firstCommit: String?
    var lastCommit: String?

    /// Reads the figures with plain git commands, independently of FixtureKit's own bookkeeping.
    init(repository: URL) throws {
        func git(_ args: String...) throws -> String { try Git.run(args, in: repository) }
        func gitOrNil(_ args: String...) -> String? {
            (try? Git.run(args, in: repository)).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

        head = gitOrNil("rev-parse", "--verify", "--quiet", "HEAD")
        let symbolic = gitOrNil("symbolic-ref", "--quiet", "HEAD")
        detached = head != nil && symbolic == nil
        defaultBranch = symbolic.map { String($0.dropFirst("refs/heads/".count)) }
        bare = try git("rev-parse", "--is-bare-repository").hasPrefix("true")
        shallow = try git("rev-parse", "--is-shallow-repository").hasPrefix("true")

        let refs = lines(try git("for-each-ref", "--format=%(refname) %(objecttype) %(symref)"))
        func names(under prefix: String, where keep: ([Substring]) -> Bool = { _ in true }) -> [String] {
            refs.map { $0.split(separator: " ", omittingEmptySubsequences: false) }
                .filter { $0[0].hasPrefix(prefix) && keep($0) }
                .map { String($0[0].dropFirst(prefix.count)) }.sorted()
        }
        branches = names(under: "refs/heads/")
        remoteBranches = names(under: "refs/remotes/") { $0[2].isEmpty }
        remoteHead = gitOrNil("symbolic-ref", "--quiet", "refs/remotes/origin/HEAD")
            .map { String($0.dropFirst("refs/remotes/".count)) }
        tags = names(under: "refs/tags/")
        annotatedTags = names(under: "refs/tags/") { $0[1] == "tag" }

        guard head != nil else {
            commits = 0; merges = 0; authors = []
            files = []; executables = []; symlinks = []; submodules = []
            firstCommit = nil; lastCommit = nil
            return
        }
        commits = Int(try git("rev-list", "--count", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        merges = Int(try git("rev-list", "--merges", "--count", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        authors = Set(lines(try git("log", "--format=%ae", "HEAD"))).sorted()
        let times = lines(try git("log", "--format=%at", "HEAD")).compactMap { Int64($0) }
        firstCommit = times.min().map { GitTime.isoUTC(epoch: $0) }
        lastCommit = times.max().map { GitTime.isoUTC(epoch: $0) }

        // `-z`: paths raw (UTF-8 names unquoted), each entry `mode type id<TAB>path<NUL>`.
        let tree = try Git.runData(["ls-tree", "-r", "-z", "HEAD"], in: repository)
        var files: [String] = [], executables: [String] = [], symlinks: [String] = [], submodules: [String] = []
        for entry in tree.split(separator: 0) {
            guard let tab = entry.firstIndex(of: 9) else { continue }
            let mode = String(decoding: entry[entry.startIndex..<entry.index(entry.startIndex, offsetBy: 6)], as: UTF8.self)
            let path = String(decoding: entry[(tab + 1)...], as: UTF8.self)
            switch mode {
            case "100644": files.append(path)
            case "100755": files.append(path); executables.append(path)
            case "120000": symlinks.append(path)
            case "160000": submodules.append(path)
            default: break
            }
        }
        self.files = files.sorted()
        self.executables = executables.sorted()
        self.symlinks = symlinks.sorted()
        self.submodules = submodules.sorted()
    }

    /// The figures as expected.yml text (to fill in expected.yml after checking them by hand).
    var yaml: String {
        func list(_ values: [String]) -> String {
            if values.isEmpty { return " []" }
            return values.map { "\n  - \(quoted($0))" }.joined()
        }
        func quoted(_ value: String) -> String {
            let plain = value.allSatisfy { $0.isLetter || $0.isNumber || "-_./@+".contains($0) }
                && !["true", "false", "null", "yes", "no"].contains(value) && Int(value) == nil && Double(value) == nil
            return plain ? value : "\"" + value.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        func optional(_ value: String?) -> String { value.map(quoted) ?? "~" }
        return """
        head: \(optional(head))
        commits: \(commits)
        merges: \(merges)
        authors:\(list(authors))
        branches:\(list(branches))
        remote-branches:\(list(remoteBranches))
        remote-head: \(optional(remoteHead))
        tags:\(list(tags))
        annotated-tags:\(list(annotatedTags))
        default-branch: \(optional(defaultBranch))
        bare: \(bare)
        shallow: \(shallow)
        detached: \(detached)
        first-commit: \(optional(firstCommit))
        last-commit: \(optional(lastCommit))
        files:\(list(files))
        executables:\(list(executables))
        symlinks:\(list(symlinks))
        submodules:\(list(submodules))

        """
    }
}
