import Foundation

/// A container image named in a Dockerfile, compose file or manifest, and whether it is pinned by digest.
public struct ImageReference: Sendable, Hashable, Comparable {
    public let path: String
    public let line: Int
    public let image: String

    public var isPinned: Bool { image.contains("@sha256:") }

    public static func < (lhs: ImageReference, rhs: ImageReference) -> Bool {
        (lhs.path, lhs.line, lhs.image) < (rhs.path, rhs.line, rhs.image)
    }
}

/// Picks image references out of Dockerfiles (`FROM`) and YAML (`image:`). Build stages (`FROM build`),
/// `scratch` and references made of variables or template expressions are not images one can pin here.
enum ImageReferences {
    private static let from = try! NSRegularExpression(
        pattern: #"^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?"#, options: [.caseInsensitive])
    private static let yamlImage = try! NSRegularExpression(
        pattern: #"^\s*(?:-\s+)?image:\s*["']?([^"'\s#]+)"#, options: [])

    static func references(in text: String, path: String) -> [ImageReference] {
        let isYAML = path.lowercased().hasSuffix(".yml") || path.lowercased().hasSuffix(".yaml")
        var stages: Set<String> = ["scratch"]
        var result: [ImageReference] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            let range = NSRange(line.startIndex..., in: line)
            guard let match = (isYAML ? yamlImage : from).firstMatch(in: line, range: range),
                  let imageRange = Range(match.range(at: 1), in: line) else { continue }
            let image = String(line[imageRange])
            if !isYAML, let stageRange = Range(match.range(at: 2), in: line) {
                stages.insert(line[stageRange].lowercased())
            }
            if stages.contains(image.lowercased()) || image.contains("$") || image.contains("{{") || image.contains("TEMPLATE") {
                continue
            }
            result.append(ImageReference(path: path, line: index + 1, image: image))
        }
        return result
    }
}
