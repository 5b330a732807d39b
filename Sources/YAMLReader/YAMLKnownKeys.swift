/// The keys a `YAMLMapReader` was asked for or allowed. A reader meets a dozen keys or so: a short list,
/// searched in place, costs less than hashing each key into a set. Past `listLimit` keys (a mapping read
/// key by key, say from a hostile file) it becomes a set, so that the work stays linear.
struct YAMLKnownKeys: Sendable {
    static let listLimit = 24

    private var list: [String] = []
    private var hashed: Set<String>?

    mutating func insert(_ key: String) {
        if hashed != nil {
            hashed!.insert(key)
        } else if !list.contains(key) {
            if list.isEmpty { list.reserveCapacity(16) }
            list.append(key)
            if list.count > Self.listLimit { hashed = Set(list) }
        }
    }

    mutating func insert(contentsOf keys: [String]) {
        for key in keys { insert(key) }
    }

    func contains(_ key: String) -> Bool {
        hashed.map { $0.contains(key) } ?? list.contains(key)
    }

    /// Each key once, sorted (the wording of an unknown key's message).
    var sorted: [String] {
        hashed.map { $0.sorted() } ?? list.sorted()
    }
}
