import Dispatch

/// A value computed on another thread while the caller goes on with other
/// work; `value` waits for it.
final class BackgroundWork<T: Sendable>: @unchecked Sendable {
    // Safety: `result` is written once, by the worker, before it leaves
    // `group`; it is read only after waiting for `group`.
    private let group = DispatchGroup()
    private var result: T?

    init(_ work: @escaping @Sendable () -> T) {
        group.enter()
        DispatchQueue.global().async {
            self.result = work()
            self.group.leave()
        }
    }

    var value: T {
        group.wait()
        return result!
    }
}
