import YAMLReader

/// Why a fixture could not be read or built.
///
/// Spec errors carry the file and the 1-based line and column of the offending YAML node, and print as
/// `file:line:col: message` (the shape compilers use, so editors can jump there). Build errors (git failing)
/// print as `file: message` or just the message.
public struct FixtureError: Error, CustomStringConvertible, Sendable, Hashable {
    public let file: String?
    public let mark: YAMLMark?
    public let message: String

    public init(file: String?, mark: YAMLMark?, message: String) {
        self.file = file
        self.mark = mark
        self.message = message
    }

    public init(_ message: String) {
        self.init(file: nil, mark: nil, message: message)
    }

    public init(_ error: YAMLError) {
        self.init(file: error.file, mark: error.mark, message: error.message)
    }

    public var line: Int? { mark?.line }
    public var column: Int? { mark?.column }

    public var description: String {
        switch (file, mark) {
        case let (file?, mark?): return "\(file):\(mark.line):\(mark.column): \(message)"
        case let (file?, nil): return "\(file): \(message)"
        default: return message
        }
    }
}
