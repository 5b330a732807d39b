import Testing
@testable import CDScanKit

/// The memo behind `history`'s per-run detector memos: a value is worked out once while it fits the
/// budget, and worked out every time once the budget is spent.
@Suite struct BoundedMemoTests {
    @Test func valuesAreKeptUntilTheBudgetIsSpent() {
        let memo = BoundedMemo<String, Int>(budget: 5)
        var made = 0
        func value(_ key: String, cost: Int) -> Int {
            memo.value(for: key, cost: { _ in cost }, make: { made += 1; return key.count })
        }
        #expect(value("abc", cost: 3) == 3)
        #expect(value("abc", cost: 3) == 3)
        #expect(made == 1, "kept")
        #expect(value("de", cost: 2) == 2)
        #expect(value("f", cost: 1) == 1)
        #expect(value("f", cost: 1) == 1)
        #expect(made == 4, "past the budget a value is made each time")
        #expect(memo.count == 2)
        memo.keep(9, for: "abc", cost: 3)
        #expect(memo.value(for: "abc") == 9, "a kept key is replaced without being charged again")
    }
}
