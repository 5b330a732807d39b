/// JSON as cdscan writes it: sorted keys (a stable order), pretty-printed, no escaped slashes, one
/// trailing newline. The same value always gives the same bytes.
public enum JSONOutput {
    public static func encode<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try SortedJSONEncoder(pretty: true).encode(value), as: UTF8.self) + "\n"
    }
}
