/// A glob over a whole name (a dependency, a YAML value), not a path: `*` matches any run of characters,
/// `/` included (`go.opentelemetry.io/otel*`, `@opentelemetry/*`), `?` one byte, `{a,b}` either. Case is
/// ignored (both sides lower-cased).
public struct NameGlob: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    private let alternatives: [[UInt8]]

    public init(_ text: String) {
        self.text = text
        alternatives = GlobBraces.expand(text.lowercased()).map { Array($0.utf8) }
    }

    public var description: String { text }

    public func matches(_ name: String) -> Bool {
        let bytes = Array(name.lowercased().utf8)[...]
        return alternatives.contains { GlobName.matches($0, bytes, ignoringCase: false) }
    }
}
