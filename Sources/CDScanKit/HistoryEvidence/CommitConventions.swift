import Foundation
import YAMLReader

/// How commit messages are read (`commits.yml`): merge-request merges and squash references per forge,
/// merged branch names, reverts, hotfixes, issue references, Conventional Commits, trailers, version
/// bumps and deployments.
public struct CommitConventions: Sendable {
    /// How one forge marks a merged request: summary or body shapes, or trailer keys.
    struct ForgeMark: Sendable {
        let forge: String
        let summary: PatternSet
        let body: PatternSet
        let trailers: Set<String>

        func matches(_ message: PreparedMessage) -> Bool {
            summary.matches(message.summary) || body.matches(message.body)
                || (!trailers.isEmpty && message.trailerKeys.contains { trailers.contains($0) })
        }
    }

    /// Reads a branch name out of a merge summary.
    struct BranchNameRule: Sendable {
        let after: String
        let thenAfter: String?
        let until: String?
        let dropFirstPart: Bool

        func branch(in summary: String) -> String? {
            guard summary.hasPrefix(after) else { return nil }
            var rest = Substring(summary.dropFirst(after.count))
            if let thenAfter {
                guard let range = rest.range(of: thenAfter) else { return nil }
                rest = rest[range.upperBound...]
            }
            if let until, let end = rest.range(of: until) { rest = rest[..<end.lowerBound] }
            if dropFirstPart {
                if let slash = rest.firstIndex(of: "/") { rest = rest[rest.index(after: slash)...] }
            }
            return rest.isEmpty ? nil : String(rest)
        }
    }

    let mergeCommits: [ForgeMark]
    let squashReferences: [ForgeMark]
    let branchNames: [BranchNameRule]
    let revertSummary: PatternSet
    let revertedIDMarker: String
    let hotfixSummary: PatternSet
    let hotfixBranches: PatternSet
    let issuePatterns: PatternSet
    let ticketKeys: Bool
    let ignoredKeys: Set<String>
    let conventional: PatternSet
    let reviewedTrailers: Set<String>
    let coAuthoredTrailers: Set<String>
    let signedOffTrailers: Set<String>
    let versionBumps: PatternSet
    let deploys: PatternSet
    let releaseFixups: PatternSet

    init(_ sections: CatalogueSections) throws(YAMLError) {
        func marks(_ items: [(CatalogueDocument, YAMLNode)]) throws(YAMLError) -> [ForgeMark] {
            var result: [ForgeMark] = []
            for (document, item) in items {
                try document.onlyKeys(item, ["forge", "summary", "body", "trailers"])
                let mark = ForgeMark(
                    forge: try document.string(item, "forge"),
                    summary: try document.patterns(item["summary"], "summary"),
                    body: try document.patterns(item["body"], "body"),
                    trailers: Set(try document.strings(item["trailers"], "trailers").map { $0.lowercased() }))
                guard !mark.summary.patterns.isEmpty || !mark.body.patterns.isEmpty || !mark.trailers.isEmpty else {
                    throw document.error(item, "a forge entry needs 'summary', 'body' or 'trailers'")
                }
                result.append(mark)
            }
            return result
        }
        mergeCommits = try marks(sections.list("merge-requests.merge-commits"))
        squashReferences = try marks(sections.list("merge-requests.squash-references"))

        var rules: [BranchNameRule] = []
        for (document, item) in sections.list("merged-branch-names") {
            var map = try document.map(item)
            rules.append(BranchNameRule(
                after: try map.requiredString("after"),
                thenAfter: try map.string("then-after"),
                until: try map.string("until"),
                dropFirstPart: try map.bool("drop-first-part") ?? false))
            try map.rejectUnknownKeys()
        }
        branchNames = rules

        let (revertsDocument, reverts) = try sections.required("reverts")
        try revertsDocument.onlyKeys(reverts, ["summary", "reverted-id-after"])
        revertSummary = try revertsDocument.patterns(reverts["summary"], "summary")
        revertedIDMarker = try revertsDocument.string(reverts, "reverted-id-after")

        let (hotfixDocument, hotfixes) = try sections.required("hotfixes")
        try hotfixDocument.onlyKeys(hotfixes, ["summary", "branches"])
        hotfixSummary = try hotfixDocument.patterns(hotfixes["summary"], "summary")
        hotfixBranches = try hotfixDocument.patterns(hotfixes["branches"], "branches")

        let (issueDocument, issues) = try sections.required("issue-references")
        try issueDocument.onlyKeys(issues, ["patterns", "ticket-keys", "ignored-keys"])
        issuePatterns = try issueDocument.patterns(issues["patterns"], "patterns")
        var issueMap = try issueDocument.map(issues)
        ticketKeys = try issueMap.bool("ticket-keys") ?? false
        ignoredKeys = Set(try issueDocument.strings(issues["ignored-keys"], "ignored-keys"))

        let (conventionalDocument, conventionalNode) = try sections.required("conventional-commits")
        try conventionalDocument.onlyKeys(conventionalNode, ["types", "shapes"])
        let types = try conventionalDocument.strings(try conventionalDocument.required(conventionalNode, "types"), "types")
        let shapesNode = try conventionalDocument.required(conventionalNode, "shapes")
        let shapes = try conventionalDocument.strings(shapesNode, "shapes")
        var conventionalPatterns: [TextPattern] = []
        for (shape, item) in zip(shapes, shapesNode.items ?? []) {
            guard shape.contains("{type}") else { throw conventionalDocument.error(item, "a shape must contain {type}") }
            for type in types {
                do {
                    conventionalPatterns.append(try TextPattern(shape.replacingOccurrences(of: "{type}", with: type)))
                } catch {
                    throw conventionalDocument.error(item, error.message)
                }
            }
        }
        conventional = PatternSet(conventionalPatterns)

        let (trailerDocument, trailers) = try sections.required("trailers")
        try trailerDocument.onlyKeys(trailers, ["reviewed", "co-authored", "signed-off"])
        reviewedTrailers = Set(try trailerDocument.strings(trailers["reviewed"], "reviewed").map { $0.lowercased() })
        coAuthoredTrailers = Set(try trailerDocument.strings(trailers["co-authored"], "co-authored").map { $0.lowercased() })
        signedOffTrailers = Set(try trailerDocument.strings(trailers["signed-off"], "signed-off").map { $0.lowercased() })

        func summaries(_ section: String) throws(YAMLError) -> PatternSet {
            let (document, node) = try sections.required(section)
            try document.onlyKeys(node, ["summary"])
            return try document.patterns(node["summary"], "summary")
        }
        versionBumps = try summaries("version-bumps")
        deploys = try summaries("deploys")
        releaseFixups = try summaries("release-fixups")
    }

    /// The name of the branch a merge commit brought in, when its summary says.
    public func mergedBranch(summary: String) -> String? {
        for rule in branchNames {
            if let name = rule.branch(in: summary) { return name }
        }
        return nil
    }

    /// The forge whose merge-request merge commit this is.
    public func mergeRequestForge(summary: String, body: String, trailers: [Trailer]) -> String? {
        mergeRequestForge(PreparedMessage(summary: summary, body: body, trailers: trailers))
    }

    func mergeRequestForge(_ message: PreparedMessage) -> String? {
        mergeCommits.first { $0.matches(message) }?.forge
    }

    /// The forge whose squash (or rebase) reference this single-parent commit carries.
    public func squashForge(summary: String, body: String, trailers: [Trailer]) -> String? {
        squashForge(PreparedMessage(summary: summary, body: body, trailers: trailers))
    }

    func squashForge(_ message: PreparedMessage) -> String? {
        squashReferences.first { $0.matches(message) }?.forge
    }

    public func isRevert(summary: String) -> Bool { revertSummary.matches(summary) }
    func isRevert(_ summary: PreparedText) -> Bool { revertSummary.matches(summary) }

    /// The full id of the commit a revert names in its body.
    public func revertedCommit(body: String) -> ObjectID? {
        guard let range = body.range(of: revertedIDMarker) else { return nil }
        return ObjectID(hex: body[range.upperBound...].prefix(40))
    }

    public func isHotfix(summary: String, mergedBranch: String?) -> Bool {
        isHotfix(PreparedText(summary), mergedBranch: mergedBranch)
    }

    func isHotfix(_ summary: PreparedText, mergedBranch: String?) -> Bool {
        hotfixSummary.matches(summary) || mergedBranch.map(hotfixBranches.matches) == true
    }

    public func isConventional(summary: String) -> Bool { conventional.matches(summary) }
    public func isVersionBump(summary: String) -> Bool { versionBumps.matches(summary) }
    public func isDeploy(summary: String) -> Bool { deploys.matches(summary) }
    func isConventional(_ summary: PreparedText) -> Bool { conventional.matches(summary) }
    func isVersionBump(_ summary: PreparedText) -> Bool { versionBumps.matches(summary) }
    func isDeploy(_ summary: PreparedText) -> Bool { deploys.matches(summary) }
    public func isReleaseFixup(summary: String) -> Bool { releaseFixups.matches(summary) }
    func isReleaseFixup(_ summary: PreparedText) -> Bool { releaseFixups.matches(summary) }

    /// Whether the text references an issue or ticket.
    public func referencesIssue(_ text: String) -> Bool {
        referencesIssue(PreparedText(text))
    }

    func referencesIssue(_ text: PreparedText) -> Bool {
        if issuePatterns.matches(text) { return true }
        return ticketKeys && containsTicketKey(text.bytes)
    }

    func containsTicketKey(_ text: String) -> Bool {
        containsTicketKey(Array(text.utf8))
    }

    /// Finds `ABC-123`: an upper-case word of 2+ characters starting with a letter, a dash, digits, with no
    /// letter or digit right before or after it.
    func containsTicketKey(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard TextPattern.isUpper(byte), index == 0 || !Self.isAlphanumeric(bytes[index - 1]) else {
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count, TextPattern.isUpper(bytes[end]) || TextPattern.isDigit(bytes[end]) { end += 1 }
            if end - index >= 2, end + 1 < bytes.count, bytes[end] == UInt8(ascii: "-"), TextPattern.isDigit(bytes[end + 1]) {
                var digitsEnd = end + 1
                while digitsEnd < bytes.count, TextPattern.isDigit(bytes[digitsEnd]) { digitsEnd += 1 }
                let key = String(decoding: bytes[index..<end], as: UTF8.self)
                if (digitsEnd == bytes.count || !Self.isAlphanumeric(bytes[digitsEnd])) && !ignoredKeys.contains(key) {
                    return true
                }
            }
            index = end
        }
        return false
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        TextPattern.isDigit(byte) || TextPattern.isUpper(byte) || (byte >= 97 && byte <= 122)
    }

    public func trailerKinds(_ trailers: [Trailer]) -> (reviewed: Bool, coAuthored: Bool, signedOff: Bool) {
        trailerKinds(keys: trailers.map { $0.key.lowercased() })
    }

    /// The same, for trailer keys already lower-cased.
    func trailerKinds(keys: [String]) -> (reviewed: Bool, coAuthored: Bool, signedOff: Bool) {
        var result = (reviewed: false, coAuthored: false, signedOff: false)
        for key in keys {
            if reviewedTrailers.contains(key) { result.reviewed = true }
            if coAuthoredTrailers.contains(key) { result.coAuthored = true }
            if signedOffTrailers.contains(key) { result.signedOff = true }
        }
        return result
    }
}

/// One commit's message prepared once for every convention that reads it: summary and body as bytes and
/// lower-cased bytes, trailer keys lower-cased.
struct PreparedMessage {
    let summary: PreparedText
    let body: PreparedText
    let trailerKeys: [String]

    init(summary: String, body: String, trailers: [Trailer]) {
        self.summary = PreparedText(summary)
        self.body = PreparedText(body)
        trailerKeys = trailers.map { $0.key.lowercased() }
    }
}
