import Foundation

/// The feeds whose bytes changed in builds since the hubs were last told,
/// kept beside the output folder (`.Public.herald-ping`, one absolute URL a
/// line): `herald build` adds to it, `herald ping` (or `build --ping`) sends
/// them and keeps only those a hub did not accept.
public enum PendingPings {
    static func location(of output: URL) -> String {
        let output = output.standardizedFileURL
        return output.deletingLastPathComponent().path + "/.\(output.lastPathComponent).herald-ping"
    }

    /// The feeds waiting for a notification, sorted.
    public static func load(for output: URL) -> [String] {
        guard let data = FileManager.default.contents(atPath: location(of: output)) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    /// Adds `feeds` to the waiting ones.
    public static func add(_ feeds: [String], for output: URL) {
        guard !feeds.isEmpty else { return }
        replace(with: load(for: output) + feeds, for: output)
    }

    /// Leaves exactly `feeds` waiting (none: the file is removed).
    public static func replace(with feeds: [String], for output: URL) {
        let path = location(of: output)
        let unique = Array(Set(feeds)).sorted()
        guard !unique.isEmpty else {
            try? FileManager.default.removeItem(atPath: path)
            return
        }
        let text = unique.joined(separator: "\n") + "\n"
        try? Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
