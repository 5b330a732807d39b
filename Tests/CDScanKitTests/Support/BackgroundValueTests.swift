import Foundation
import Testing
@testable import CDScanKit

/// A background value is worked out on its own thread: `valueIfReady` does not wait for it, `value` does,
/// from any thread and any number of times.
@Suite struct BackgroundValueTests {
    @Test func readyOnlyOnceMadeAndTheSameFromEveryThread() {
        let release = DispatchSemaphore(value: 0)
        let background = BackgroundValue { () -> Int in
            release.wait()
            return 42
        }
        #expect(background.valueIfReady == nil, "not made before it was let go")
        release.signal()
        #expect(background.value == 42)
        #expect(background.valueIfReady == 42)
        let readers = (0..<4).map { _ in BackgroundValue { background.value } }
        #expect(readers.map(\.value) == [42, 42, 42, 42])
    }
}
