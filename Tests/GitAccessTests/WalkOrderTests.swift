import Testing
@testable import GitAccess

@Suite struct WalkOrderTests {
    /// A random history of `count` commits, each with up to two parents among the older ones (higher
    /// indexes), with committer times that mostly fall and sometimes tie or run backwards.
    private static func history(count: Int, seed: UInt64) -> (times: [Int64], parents: ParentTable) {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        var times: [Int64] = []
        var parents = ParentTable()
        for index in 0..<count {
            times.append(Int64(10 * (count - index)) + Int64(next(3) == 0 ? next(40) - 20 : 0))
            let older = count - index - 1
            var list: [Int32] = []
            if older > 0 { list.append(Int32(index + 1 + next(min(older, 3)))) }
            if older > 1, next(4) == 0 { list.append(Int32(index + 1 + next(older))) }
            parents.append(list)
        }
        return (times, parents)
    }

    @Test func aKeptWalkFollowedByNewerCommitsOrdersAsAFullWalk() {
        for seed in 1...40 {
            // The kept walk: the commits reachable from 0, renumbered in their walk order.
            let (times, parents) = Self.history(count: 300, seed: UInt64(seed))
            let kept = WalkOrder.order(from: 0, committerTimes: times, parents: parents)
            var position = [Int32](repeating: -1, count: times.count)
            for (newIndex, old) in kept.enumerated() { position[Int(old)] = Int32(newIndex) }
            var keptTimes = kept.map { times[Int($0)] }
            var keptParents = ParentTable()
            for old in kept { keptParents.append(parents[Int(old)].map { position[Int($0)] }) }
            // New commits after it: a line on commit 0, sometimes a merge of an older commit or a skewed clock.
            let added = 1 + seed % 6
            for step in 0..<added {
                let newest = Int64(10 * (times.count + step + 1))
                keptTimes.append(seed % 5 == 0 && step == 0 ? keptTimes[0] - 7 : newest)
                var list: [Int32] = [step == 0 ? 0 : Int32(kept.count + step - 1)]
                if seed % 3 == 0, step == added - 1 { list.append(Int32(kept.count / 2)) }
                keptParents.append(list)
            }
            for tip in [0, kept.count + added - 1] {
                let full = WalkOrder.order(from: Int32(tip), committerTimes: keptTimes, parents: keptParents)
                let fast = WalkOrder.order(from: Int32(tip), committerTimes: keptTimes, parents: keptParents,
                                           walkedFromFirst: kept.count)
                #expect(fast == full, "seed \(seed), tip \(tip)")
            }
        }
    }

    @Test func positionsFindEveryIdAndNoOther() throws {
        var ids: [ObjectID] = []
        for index in 0..<5_000 {
            // Eight digits, lowest first (so the first word varies), then a fixed tail.
            let digits = String(index, radix: 16)
            let hex = String((String(repeating: "0", count: 8 - digits.count) + digits).reversed()) + String(repeating: "7", count: 32)
            ids.append(try #require(ObjectID(hex: hex)))
        }
        ids.append(ids[10])
        let positions = ObjectPositions(ids)
        for (position, id) in ids.enumerated() where position != 10 {
            #expect(positions.position(of: id) == Int32(position))
        }
        #expect(positions.position(of: ids[10]) == Int32(ids.count - 1), "a repeated id is found where it was last")
        #expect(positions.position(of: try #require(ObjectID(hex: String(repeating: "e", count: 40)))) == nil)
        #expect(ObjectPositions([]).position(of: ids[0]) == nil)
    }
}
