import GitAccess

/// What the commit conventions read in one commit's message: its traits, the forge that marked it as a
/// merged request, the branch a merge names, and the commit a revert names. Small enough to remember
/// per commit (`--cache`) instead of the message, as a few bytes.
struct CommitClassification: Equatable {
    var traits = WalkLog.Traits()
    var forge: String?
    var mergedBranch: String?
    var reverted: ObjectID?

    init() {}

    init(_ commit: CommitInfo, _ conventions: CommitConventions) {
        // Summary, body and trailer keys are copied and lower-cased once for all the conventions below.
        let message = PreparedMessage(summary: commit.summary, body: commit.body, trailers: commit.trailers)
        var requestMark = false
        if commit.isMerge {
            if let forge = conventions.mergeRequestForge(message) {
                traits.insert(.mergeRequestMerge)
                self.forge = forge
                requestMark = true
            }
            mergedBranch = conventions.mergedBranch(summary: commit.summary)
        } else if let forge = conventions.squashForge(message) {
            traits.insert(.squashReference)
            self.forge = forge
            requestMark = true
        }
        if conventions.isRevert(message.summary) {
            traits.insert(.revert)
            reverted = conventions.revertedCommit(body: commit.body)
        }
        if conventions.isHotfix(message.summary, mergedBranch: mergedBranch) { traits.insert(.hotfix) }
        // A merge request's own number is not an issue reference: look at the body only then.
        if (!requestMark && conventions.referencesIssue(message.summary)) || conventions.referencesIssue(message.body) {
            traits.insert(.issueReference)
        }
        if conventions.isConventional(message.summary) { traits.insert(.conventional) }
        if conventions.isVersionBump(message.summary) { traits.insert(.versionBump) }
        if conventions.isDeploy(message.summary) { traits.insert(.deploy) }
        if conventions.isReleaseFixup(message.summary) { traits.insert(.releaseFixup) }
        let kinds = conventions.trailerKinds(keys: message.trailerKeys)
        if kinds.reviewed { traits.insert(.reviewed) }
        if kinds.coAuthored { traits.insert(.coAuthored) }
        if kinds.signedOff { traits.insert(.signedOff) }
    }

    /// Traits (2 bytes), a flags byte (1 forge, 2 branch, 4 reverted), then the flagged fields: strings as a
    /// 4-byte length and UTF-8, the reverted id as 40 hex digits.
    var bytes: [UInt8] {
        var out: [UInt8] = [UInt8(traits.rawValue & 0xff), UInt8(traits.rawValue >> 8)]
        out.append((forge == nil ? 0 : 1) | (mergedBranch == nil ? 0 : 2) | (reverted == nil ? 0 : 4))
        for text in [forge, mergedBranch, reverted?.hex].compactMap({ $0 }) {
            let utf8 = Array(text.utf8)
            out += (0..<4).map { UInt8(truncatingIfNeeded: utf8.count >> ($0 * 8)) } + utf8
        }
        return out
    }

    /// Reads `bytes` back; nil when they are not a classification (the commit is then read again).
    init?(bytes: [UInt8]) {
        guard bytes.count >= 3 else { return nil }
        traits = WalkLog.Traits(rawValue: UInt16(bytes[0]) | UInt16(bytes[1]) << 8)
        let flags = bytes[2]
        var offset = 3
        func text() -> String? {
            guard offset + 4 <= bytes.count else { return nil }
            let length = (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << ($1 * 8) }
            guard length <= bytes.count - offset - 4 else { return nil }
            defer { offset += 4 + length }
            return String(decoding: bytes[(offset + 4)..<(offset + 4 + length)], as: UTF8.self)
        }
        if flags & 1 != 0 { guard let value = text() else { return nil }; forge = value }
        if flags & 2 != 0 { guard let value = text() else { return nil }; mergedBranch = value }
        if flags & 4 != 0 { guard let value = text().flatMap({ ObjectID(hex: $0) }) else { return nil }; reverted = value }
        guard offset == bytes.count else { return nil }
    }
}
