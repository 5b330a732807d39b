/// The order in which `walkHistory` visits commits, worked out on indexes: newest committer time first,
/// among equal times the one discovered first, parents discovered when their child is visited.
public enum WalkOrder {
    /// The commits reachable from `tip`, in walk order. `parents[i]` are commit i's parents as indexes
    /// (negative for one that is not held, which is skipped).
    public static func order(from tip: Int32, committerTimes: [Int64], parents: ParentTable) -> [Int32] {
        var order: [Int32] = []
        var seen = [Bool](repeating: false, count: committerTimes.count)
        var heap = WalkOrderHeap()
        var sequence = 0
        func discover(_ index: Int32) {
            guard index >= 0, !seen[Int(index)] else { return }
            seen[Int(index)] = true
            heap.push(time: committerTimes[Int(index)], sequence: sequence, index: index)
            sequence += 1
        }
        discover(tip)
        while let next = heap.pop() {
            for parent in parents[Int(next)] { discover(parent) }
            order.append(next)
        }
        return order
    }
}

/// The walk's order as a max-heap of indexes: newer committer time first, then earlier discovery.
private struct WalkOrderHeap {
    private var items: [(time: Int64, sequence: Int, index: Int32)] = []

    mutating func push(time: Int64, sequence: Int, index: Int32) {
        items.append((time, sequence, index))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard before(items[child], items[parent]) else { return }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Int32? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = parent * 2 + 1, right = left + 1
                var best = parent
                if left < items.count, before(items[left], items[best]) { best = left }
                if right < items.count, before(items[right], items[best]) { best = right }
                if best == parent { break }
                items.swapAt(parent, best)
                parent = best
            }
        }
        return top.index
    }

    private func before(_ a: (time: Int64, sequence: Int, index: Int32), _ b: (time: Int64, sequence: Int, index: Int32)) -> Bool {
        a.time != b.time ? a.time > b.time : a.sequence < b.sequence
    }
}
