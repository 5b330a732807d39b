/// git's delta format, as a pack's OFS_DELTA and REF_DELTA entries hold it once inflated: the base's
/// size and the result's size (little-endian base-128 numbers), then instructions that either copy a
/// range of the base or insert the bytes that follow them. Every range is checked against both buffers:
/// a delta that reaches outside them, or does not fill the result exactly, is refused.
enum PackDelta {
    /// The base and result sizes at the delta's start, and where its instructions begin; nil when the
    /// header is cut short or overflows.
    static func sizes(_ delta: UnsafeRawBufferPointer) -> (base: Int, result: Int, instructions: Int)? {
        var position = 0
        guard let base = number(delta, &position), let result = number(delta, &position) else { return nil }
        return (base, result, position)
    }

    /// Applies `delta` to `base`, writing exactly `result.count` bytes into `result` (the size the
    /// delta's header gives). False when the delta does not fit its base or its result.
    static func apply(_ delta: UnsafeRawBufferPointer, to base: UnsafeRawBufferPointer,
                      into result: UnsafeMutableRawBufferPointer) -> Bool {
        guard let header = sizes(delta), header.base == base.count, header.result == result.count else { return false }
        var position = header.instructions
        var written = 0
        while position < delta.count {
            let instruction = delta[position]
            position += 1
            if instruction & 0x80 != 0 {
                // Copy: up to four offset bytes and three size bytes follow, present as the low bits say.
                var offset = 0
                var size = 0
                for bit in 0..<4 where instruction & (1 << bit) != 0 {
                    guard position < delta.count else { return false }
                    offset |= Int(delta[position]) << (8 * bit)
                    position += 1
                }
                for bit in 0..<3 where instruction & (0x10 << bit) != 0 {
                    guard position < delta.count else { return false }
                    size |= Int(delta[position]) << (8 * bit)
                    position += 1
                }
                if size == 0 { size = 0x10000 }
                guard offset <= base.count - size, size <= result.count - written else { return false }
                (result.baseAddress! + written).copyMemory(from: base.baseAddress! + offset, byteCount: size)
                written += size
            } else if instruction != 0 {
                // Insert: the next `instruction` bytes of the delta.
                let size = Int(instruction)
                guard size <= delta.count - position, size <= result.count - written else { return false }
                (result.baseAddress! + written).copyMemory(from: delta.baseAddress! + position, byteCount: size)
                position += size
                written += size
            } else {
                return false  // reserved
            }
        }
        return written == result.count
    }

    private static func number(_ bytes: UnsafeRawBufferPointer, _ position: inout Int) -> Int? {
        var value = 0
        var shift = 0
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            guard shift < 56 else { return nil }
            value |= Int(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }
}
