/// The order in which `walkHistory` visits commits, worked out on indexes: newest committer time first,
/// among equal times the one discovered first, parents discovered when their child is visited.
public enum WalkOrder {
    /// The commits reachable from `tip`, in walk order. `parents[i]` are commit i's parents as indexes
    /// (negative for one that is not held, which is skipped).
    public static func order(from tip: Int32, committerTimes: [Int64], parents: ParentTable) -> [Int32] {
        order(from: tip, committerTimes: committerTimes, parents: parents, walkedFromFirst: 0)
    }

    /// The same, when commits `0..<walkedFromFirst` are already the walk from commit 0, in its order, and
    /// hold every commit reachable from it (a history kept between scans, with newer commits after it).
    /// Once the walk has nothing left to visit but commit 0 — none of that history visited yet — what
    /// follows is that walk, as it was: it is appended instead of ordered again.
    public static func order(from tip: Int32, committerTimes: [Int64], parents: ParentTable, walkedFromFirst known: Int) -> [Int32] {
        var order: [Int32] = []
        var seen = [Bool](repeating: false, count: committerTimes.count)
        var heap = WalkOrderHeap()
        var sequence = 0
        var visitedKnown = false
        func discover(_ index: Int32) {
            guard index >= 0, !seen[Int(index)] else { return }
            seen[Int(index)] = true
            heap.push(time: committerTimes[Int(index)], sequence: sequence, index: index)
            sequence += 1
        }
        discover(tip)
        while true {
            if known > 0, !visitedKnown, heap.holdsOnly(0) {
                order.reserveCapacity(order.count + known)
                order.append(contentsOf: 0..<Int32(known))
                return order
            }
            guard let next = heap.pop() else { break }
            if Int(next) < known { visitedKnown = true }
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

    /// Whether `index` is the one item left.
    func holdsOnly(_ index: Int32) -> Bool {
        items.count == 1 && items[0].index == index
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
