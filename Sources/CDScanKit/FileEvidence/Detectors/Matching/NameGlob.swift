/// A glob over a whole name (a dependency, a YAML value), case-insensitive: `*` matches any run of
/// characters, `/` included (`go.opentelemetry.io/otel*`, `@opentelemetry/*`), `?` one, `{a,b}` either.
public struct NameGlob: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    private let alternatives: [[Character]]

    public init(_ text: String) {
        self.text = text
        alternatives = TreePathGlob.expandBraces(text.lowercased()).map(Array.init)
    }

    public var description: String { text }

    public func matches(_ name: String) -> Bool {
        let characters = Array(name.lowercased())
        return alternatives.contains { Self.match($0, characters) }
    }

    private static func match(_ glob: [Character], _ text: [Character]) -> Bool {
        var g = 0, t = 0
        var star = -1, resume = 0
        while t < text.count {
            if g < glob.count, glob[g] == "?" || glob[g] == text[t] {
                g += 1; t += 1
            } else if g < glob.count, glob[g] == "*" {
                star = g; resume = t; g += 1
            } else if star >= 0 {
                g = star + 1; resume += 1; t = resume
            } else {
                return false
            }
        }
        while g < glob.count, glob[g] == "*" { g += 1 }
        return g == glob.count
    }
}
