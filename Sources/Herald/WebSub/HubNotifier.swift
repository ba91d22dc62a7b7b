import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Tells WebSub hubs that feeds changed (W3C WebSub: the publisher's
/// notification `hub.mode=publish`, `hub.url=FEED`, as a form POST), one
/// request per feed and hub, each with a time limit.
public struct HubNotifier: Sendable {
    /// The answer of one hub about one feed.
    public struct Answer: Sendable, Equatable {
        public var hub: String
        public var feed: String
        /// The HTTP status, when the hub answered.
        public var status: Int?
        /// Why there was no answer (refused, timed out, not a URL).
        public var failure: String?

        /// Hubs accept a notification with a 2xx status (most send 204).
        public var accepted: Bool { status.map { (200..<300).contains($0) } ?? false }

        /// `https://hub.example.org/: 204 for https://news.example.org/feed.xml`
        public var description: String {
            "\(hub): " + (status.map { "\($0) \(accepted ? "accepted" : "refused")" } ?? "no answer (\(failure ?? "unknown"))") + " for \(feed)"
        }
    }

    /// Seconds to wait for each hub's answer.
    public var timeout: TimeInterval

    public init(timeout: TimeInterval = 15) {
        self.timeout = timeout
    }

    /// The body of a notification: `hub.mode=publish&hub.url=…`.
    public static func formBody(feed: String) -> String {
        "hub.mode=publish&hub.url=" + formEncoded(feed)
    }

    /// Sends a notification for every feed to every hub; one answer each,
    /// in the order hub by hub, feed by feed.
    public func publish(feeds: [String], to hubs: [String]) -> [Answer] {
        guard !feeds.isEmpty, !hubs.isEmpty else { return [] }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration)
        defer { session.invalidateAndCancel() }
        var answers: [Answer] = []
        for hub in hubs {
            for feed in feeds {
                answers.append(send(feed: feed, to: hub, session: session))
            }
        }
        return answers
    }

    private func send(feed: String, to hub: String, session: URLSession) -> Answer {
        var answer = Answer(hub: hub, feed: feed)
        guard let url = URL(string: hub), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            answer.failure = "not an http(s) URL"
            return answer
        }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.setValue("Herald/\(HeraldVersion.current)", forHTTPHeaderField: "User-Agent")
        request.httpBody = Data(Self.formBody(feed: feed).utf8)
        let result = ResultBox()
        let task = session.dataTask(with: request) { _, response, error in
            result.set(status: (response as? HTTPURLResponse)?.statusCode, failure: error.map { $0.localizedDescription })
        }
        task.resume()
        // The session's own limit ends the task; this one guards against a
        // task that never calls back.
        if !result.wait(seconds: timeout + 5) {
            task.cancel()
            answer.failure = "timed out after \(Int(timeout)) s"
            return answer
        }
        (answer.status, answer.failure) = result.value
        return answer
    }

    /// Percent-encodes all but the unreserved characters (RFC 3986), as a
    /// form value must be.
    static func formEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}

/// The outcome of one request, handed from URLSession's delegate queue to
/// the waiting thread.
private final class ResultBox: @unchecked Sendable {
    // Safety: `status` and `failure` are written once, before `done` is
    // signalled, and read only after waiting for it.
    private let done = DispatchSemaphore(value: 0)
    private var status: Int?
    private var failure: String?

    func set(status: Int?, failure: String?) {
        self.status = status
        self.failure = status == nil ? (failure ?? "no response") : nil
        done.signal()
    }

    func wait(seconds: TimeInterval) -> Bool {
        done.wait(timeout: .now() + seconds) == .success
    }

    var value: (Int?, String?) { (status, failure) }
}
