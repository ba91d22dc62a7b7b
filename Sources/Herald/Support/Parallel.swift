import Dispatch

extension Array where Element: Sendable {
    /// `map` spread over every core. Each element is transformed exactly once
    /// and results keep the input order.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        let results = ParallelSlots<T>(count: count)
        self.withUnsafeBufferPointer { input in
            nonisolated(unsafe) let input = input
            DispatchQueue.concurrentPerform(iterations: input.count) { index in
                results.store(transform(input[index]), at: index)
            }
        }
        return results.values()
    }
}

/// Slots filled or emptied from many threads, each slot by exactly one of
/// them: `parallelMap` stores its results in them, and `take` hands values
/// out so that the taker holds the only reference (what it takes is freed
/// as soon as it is done with it, not when all are done).
final class ParallelSlots<T>: @unchecked Sendable {
    // Safety: `concurrentPerform` hands every index to exactly one thread and
    // returns only after all of them finished, so no slot is ever shared. The
    // buffer is raw memory so that no Swift access to a shared array overlaps.
    private let slots: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    /// Slots holding `values`, to be taken.
    init(_ values: [T]) {
        slots = .allocate(capacity: values.count)
        _ = slots.initialize(fromContentsOf: values.lazy.map { Optional($0) })
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ value: T, at index: Int) {
        slots[index] = value
    }

    /// The value at `index`, leaving the slot empty; taking it twice is a
    /// programming error.
    func take(_ index: Int) -> T {
        guard let value = slots[index].take() else { preconditionFailure("slot \(index) taken twice") }
        return value
    }

    func values() -> [T] {
        slots.map { $0! }
    }
}
