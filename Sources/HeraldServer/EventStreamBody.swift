import FlyingSocks

/// The body of the live-reload event stream (`/__herald/events`): a retry
/// hint and a comment that tells the page it is connected, then each build
/// result as a server-sent event, as it happens. It ends when the hub closes
/// (the server stops) or the page goes away.
///
/// FlyingFox sends a body of unknown length chunked, one chunk per buffer
/// this sequence hands out, so each event reaches the page as soon as it is
/// published.
struct EventStreamBody: AsyncBufferedSequence {
    typealias Element = UInt8

    let events: AsyncStream<ReloadHub.Event>

    func makeAsyncIterator() -> Iterator {
        Iterator(events: events.makeAsyncIterator())
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var events: AsyncStream<ReloadHub.Event>.Iterator
        /// Bytes of the current event not handed out yet.
        var pending: [UInt8] = Array("retry: 1000\n: connected\n\n".utf8)

        mutating func next() async -> UInt8? {
            await nextBuffer(suggested: 1)?.first
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            if pending.isEmpty {
                guard let event = await events.next() else { return nil }
                pending = Array(ReloadHub.serverSentEvent(event).utf8)
            }
            let taken = Swift.min(Swift.max(count, 1), pending.count)
            defer { pending.removeFirst(taken) }
            return Array(pending[..<taken])
        }
    }
}
