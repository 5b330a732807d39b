import Foundation

/// JSON as cdscan writes it: sorted keys (a stable order), pretty-printed, no escaped slashes, one
/// trailing newline. The same value always gives the same bytes.
public enum JSONOutput {
    public static func encode<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
