/// The pack reader's whole path over one pack and its index held in memory, as the fuzzing harness and
/// its replay drive it: the index's tables, every entry header, inflate, delta chains and their cache.
/// Public only so that the harness target can reach it; scans go through `ObjectDatabase`.
public enum PackFuzzing {
    /// At most this many of the index's objects are read per input.
    public static let objectLimit = 512

    /// `input` is a 4-byte big-endian length, that many bytes of index, then the pack. Returns a short
    /// outcome (how many objects were read, how many were left to libgit2) for a replay to print.
    @discardableResult
    public static func run(_ input: UnsafeRawBufferPointer) -> String {
        guard input.count >= 4 else { return "refused: no index length" }
        let length = Int(input.loadBigEndianUInt32(at: 0))
        guard length <= input.count - 4 else { return "refused: index length past the input" }
        let index = MappedFile(copying: UnsafeRawBufferPointer(rebasing: input[4..<4 + length]))
        let pack = MappedFile(copying: UnsafeRawBufferPointer(rebasing: input[(4 + length)...]))
        guard let parsedIndex = PackIndex(index) else { return "refused: index" }
        guard let packFile = PackFile(pack: pack, index: parsedIndex),
              let reader = PackReader(packs: [packFile]) else { return "refused: pack header" }
        var read = 0
        var left = 0
        for position in 0..<min(parsedIndex.count, objectLimit) {
            let id = parsedIndex.id(at: position)
            let object = reader.read(id)
            let header = reader.header(id)
            if let object {
                read += 1
                // A header the reader gives must agree with the object it reads.
                precondition(header == nil || (header!.type == object.type && header!.size == object.bytes.count))
            } else {
                left += 1
            }
        }
        return "read \(read), left \(left) to libgit2"
    }
}
