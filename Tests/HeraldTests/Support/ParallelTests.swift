import Foundation
import Testing
@testable import Herald

@Suite struct ParallelTests {
    /// Every slot hands out its own value, once, whichever thread takes it.
    @Test func slotsHandEachValueOutOnce() {
        let values = (0..<1_000).map { "value \($0)" }
        let slots = ParallelSlots(values)
        let taken = Array(values.indices).parallelMap { slots.take($0) }
        #expect(taken == values)
    }
}
