import GitAccess

/// Where a SARIF result is shown: always a real file of the HEAD tree (a regular or executable blob, never
/// a symlink, a submodule or a directory), with a path relative to the repository root.
///
/// A result whose rule names evidence files is anchored to the first of them that is a file of the tree
/// (at the evidence's line), or else to the first file under the first evidence directory; the other
/// evidence files become related locations. A repository-wide result (no evidence file: a practice
/// that is missing, a figure from the history) is anchored to one stable file, chosen as
/// 1. the README at the root (`README`, `README.md`, … any case; the first in byte order),
/// 2. else the first CI/CD pipeline file the scan recognised,
/// 3. else the first file of the tree in byte order of its path.
/// A tree without any file gives no anchor, and then no results: SARIF viewers need a file to show.
struct SarifAnchors {
    struct Anchor {
        let path: String
        let line: Int?
        let message: String

        /// code scanning expects a region with a `startLine` (its upload action fingerprints and annotates
        /// by it): a result about a whole file is shown at its line 1.
        var physical: SarifPhysicalLocation {
            SarifPhysicalLocation(
                artifactLocation: SarifArtifactLocation(uri: SarifAnchors.uri(path), uriBaseId: SarifReport.sourceRoot),
                region: SarifRegion(startLine: max(1, line ?? 1)))
        }
    }

    struct Anchored {
        let primary: Anchor
        let related: [Anchor]
        let fromEvidence: Bool
    }

    /// Every file of the tree, in byte order of its path.
    let files: [String]
    let fileSet: Set<String>
    let repositoryAnchor: String?

    init(tree: [TreeEntry], ciFiles: [String]) {
        let files = tree.filter { $0.kind == .file || $0.kind == .executable }.map(\.path).sorted(by: Self.byteOrder)
        self.files = files
        let fileSet = Set(files)
        self.fileSet = fileSet
        let readme = files.first { !$0.contains("/") && $0.lowercased().hasPrefix("readme") }
        let ci = ciFiles.filter(fileSet.contains).sorted(by: Self.byteOrder).first
        repositoryAnchor = readme ?? ci ?? files.first
    }

    /// The anchor for a result with these evidence entries; nil only when the tree has no file at all.
    func anchor(_ evidence: [EvidenceItem]) -> Anchored? {
        var seen = Set<String>()
        var exact: [Anchor] = []
        for item in evidence {
            guard let path = item.path.map(Self.normalised), fileSet.contains(path),
                  seen.insert("\(path)\u{0}\(item.line ?? 0)").inserted else { continue }
            exact.append(Anchor(path: path, line: item.line, message: item.message))
        }
        if let first = exact.first {
            return Anchored(primary: first, related: Array(exact.dropFirst()), fromEvidence: true)
        }
        for item in evidence {
            guard let path = item.path.map(Self.normalised), !path.isEmpty else { continue }
            let prefix = path + "/"
            if let file = files.first(where: { $0.hasPrefix(prefix) }) {
                return Anchored(primary: Anchor(path: file, line: nil, message: item.message), related: [], fromEvidence: true)
            }
        }
        guard let path = repositoryAnchor else { return nil }
        return Anchored(primary: Anchor(path: path, line: nil, message: ""), related: [], fromEvidence: false)
    }

    /// Evidence paths are tree paths; a directory may be written with a trailing slash or a leading `./`.
    static func normalised(_ path: String) -> String {
        var path = Substring(path)
        while path.hasPrefix("./") { path = path.dropFirst(2) }
        while path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }

    static func byteOrder(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// A relative URI reference for a tree path: each segment percent-encoded except RFC 3986's
    /// unreserved characters, so spaces, `#`, `%` and non-ASCII names stay one path.
    static func uri(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
