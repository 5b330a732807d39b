/// A YAML text that could not be read, with where: `file:line:col: message`.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let mark: YAMLMark?
    public let message: String

    public init(file: String, mark: YAMLMark?, message: String) {
        self.file = file
        self.mark = mark
        self.message = message
    }

    public var description: String {
        if let mark { return "\(file):\(mark.line):\(mark.column): \(message)" }
        return "\(file): \(message)"
    }
}
