import Foundation

/// `herald ping` and `herald build --ping`: tells the hubs of the feeds
/// that builds changed since the last ping, and keeps waiting those that a
/// hub did not accept (to be sent again by the next ping).
public enum WebSubPing {
    public static func run(output: URL, hubs: [String], notifier: HubNotifier = HubNotifier()) -> [HubNotifier.Answer] {
        let pending = PendingPings.load(for: output)
        guard !hubs.isEmpty, !pending.isEmpty else { return [] }
        let answers = notifier.publish(feeds: pending, to: hubs)
        let refused = Set(answers.filter { !$0.accepted }.map(\.feed))
        PendingPings.replace(with: pending.filter(refused.contains), for: output)
        return answers
    }
}
