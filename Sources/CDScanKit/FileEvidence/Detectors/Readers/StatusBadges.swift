import Foundation

/// A status badge of a README: which service, what kind (ci, coverage, quality, security …), and where.
public struct StatusBadge: Sendable, Hashable, Comparable {
    public let name: String
    public let kind: String
    public let path: String
    public let line: Int

    /// `ci: GitHub Actions`, as the finding lists it.
    public var label: String { "\(kind): \(name)" }

    public static func < (lhs: StatusBadge, rhs: StatusBadge) -> Bool {
        (lhs.path, lhs.line, lhs.kind, lhs.name) < (rhs.path, rhs.line, rhs.kind, rhs.name)
    }
}

/// Finds the image links of a Markdown, reStructuredText or HTML README and names those the catalogue's
/// badge hosts recognise.
enum StatusBadges {
    private static let imagePatterns: [NSRegularExpression] = [
        #"!\[[^\]]*\]\(\s*<?([^)\s>]+)"#,              // Markdown ![alt](url)
        #"^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$"#,           // Markdown reference definitions [id]: url
        #"<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']"#,    // HTML <img src="url">
        #"\bimage::\s*(\S+)"#,                          // reST .. image:: url and .. |x| image:: url
    ].compactMap { try? NSRegularExpression(pattern: $0, options: [.anchorsMatchLines, .caseInsensitive]) }

    static func badges(in text: String, path: String, hosts: [DetectorCatalogue.BadgeHost]) -> [StatusBadge] {
        var found: Set<StatusBadge> = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(line)
            for url in imageURLs(in: line) {
                if let host = host(for: url, hosts) {
                    found.insert(StatusBadge(name: host.name, kind: host.kind, path: path, line: index + 1))
                }
            }
        }
        return found.sorted()
    }

    static func imageURLs(in line: String) -> [String] {
        let range = NSRange(line.startIndex..., in: line)
        return imagePatterns.flatMap { pattern in
            pattern.matches(in: line, range: range).compactMap { match in
                Range(match.range(at: 1), in: line).map { String(line[$0]) }
            }
        }
    }

    static func host(for url: String, _ hosts: [DetectorCatalogue.BadgeHost]) -> DetectorCatalogue.BadgeHost? {
        hosts.first { $0.url.firstMatchLine(in: url) != nil }
    }
}
