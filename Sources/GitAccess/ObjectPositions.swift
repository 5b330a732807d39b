/// Each id's position in a list of ids, looked up by id: an open-addressing table of positions keyed
/// by the id's first word. A `Dictionary` hashes each of a million ids through SipHash and holds a copy
/// of every id; this table spreads the first word (already uniform for a SHA-1) with one multiply and
/// keeps 4 bytes a slot beside the list it indexes (which it shares, copy-on-write).
public struct ObjectPositions: Sendable {
    private let ids: [ObjectID]
    /// Positions into `ids`, -1 for an empty slot; at least twice as many slots as ids.
    private let slots: [Int32]
    private let shift: UInt64

    /// The positions of `ids`; an id listed twice is found at its later position (as a dictionary filled
    /// in order keeps the last).
    public init(_ ids: [ObjectID]) {
        var bits = 4
        while (1 << bits) < ids.count * 2 { bits += 1 }
        let shift = UInt64(64 - bits)
        let mask = (1 << bits) - 1
        var slots = [Int32](repeating: -1, count: 1 << bits)
        ids.withUnsafeBufferPointer { ids in
            slots.withUnsafeMutableBufferPointer { slots in
                for position in ids.indices {
                    let id = ids[position]
                    var slot = Self.slot(of: id, shift: shift)
                    while true {
                        let held = slots[slot]
                        if held < 0 || ids[Int(held)] == id {
                            slots[slot] = Int32(truncatingIfNeeded: position)
                            break
                        }
                        slot = (slot &+ 1) & mask
                    }
                }
            }
        }
        self.ids = ids
        self.slots = slots
        self.shift = shift
    }

    public var count: Int { ids.count }

    public func position(of id: ObjectID) -> Int32? {
        let mask = slots.count - 1
        var slot = Self.slot(of: id, shift: shift)
        while true {
            let held = slots[slot]
            if held < 0 { return nil }
            if ids[Int(held)] == id { return held }
            slot = (slot &+ 1) & mask
        }
    }

    private static func slot(of id: ObjectID, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (id.high &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}
