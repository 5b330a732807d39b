/// The distinct people seen among many commits, marked by person index (0, 1, 2 … as `PersonIdentities`
/// numbers them): a hundred thousand commits cost as many array writes, not as many set insertions.
struct PersonMarks {
    private var marked: [Bool]
    /// How many distinct people were marked.
    private(set) var count = 0

    /// Room for the people 0..<`count`.
    init(count: Int) {
        marked = [Bool](repeating: false, count: count)
    }

    mutating func insert(_ person: Int32) {
        guard !marked[Int(person)] else { return }
        marked[Int(person)] = true
        count += 1
    }
}
