/// The object reader's whole path over one loose-object file, as the fuzzing harness and its replay drive it:
/// the bounded inflate and its checks, then the parser of the object's type (commit, tree, tag). Public only
/// so that the harness target can reach it; scans go through `ObjectDatabase`.
public enum ObjectFuzzing {
    /// The size cap the harness decodes with: small, so that a claimed size costs little.
    public static let maximumSize = 1 << 20

    /// Decodes and parses; returns a short outcome (`commit`, `tree`, `tag`, `blob`, or the error) so that a
    /// replay can print what each input did.
    @discardableResult
    public static func run(_ compressed: UnsafeRawBufferPointer) -> String {
        let decoded: DecodedObject
        do {
            decoded = try LooseObjectDecoder.decode(compressed, expected: nil, maximumSize: maximumSize)
        } catch {
            return "refused: \(error)"
        }
        let body = decoded.bytes
        switch decoded.type {
        case .commit:
            let id = ObjectID(high: 0, middle: 0, low: 0)
            do {
                let commit = try CommitParser.parse(id: id, bytes: body)
                return "commit with \(commit.parents.count) parents"
            } catch {
                return "commit refused: \(error.message)"
            }
        case .tree:
            return RawTree.malformation(of: body).map { "tree refused: \($0)" } ?? "tree"
        case .tag:
            return TagParser.parse(body).object == nil ? "tag without object" : "tag"
        case .blob:
            return "blob of \(body.count) bytes"
        case .other:
            return "other"
        }
    }
}
