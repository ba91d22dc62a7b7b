import Foundation
import Testing
@testable import Herald

/// Real feed readers on the fixture feeds, written to a temporary folder.
/// `make test` installs both tools; elsewhere a missing tool skips its test.
@Suite struct FeedReaderTests {
    /// feedparser reads every entry with title, link, date, author and content, and bozo is false.
    @Test(.enabled(if: FeedFiles.hasFeedparser, "python3 with feedparser is not installed (make test installs it)"))
    func feedparserReadsEveryEntry() throws {
        let dir = try FeedFiles.writeAll()
        defer { FeedFiles.discard(dir) }
        let script = """
            import sys, feedparser
            for path, expected in zip(sys.argv[1::2], sys.argv[2::2]):
                d = feedparser.parse(path)
                problems = []
                if d.bozo: problems.append('bozo: %r' % d.get('bozo_exception'))
                if len(d.entries) != int(expected): problems.append('%d entries, expected %s' % (len(d.entries), expected))
                if not d.feed.get('title'): problems.append('no feed title')
                for e in d.entries:
                    for key in ('title', 'link', 'author', 'id'):
                        if not e.get(key): problems.append('entry without %s' % key)
                    if not (e.get('published_parsed') or e.get('updated_parsed')): problems.append('entry without date')
                    if not (e.get('content') and e.content[0].value): problems.append('entry without content')
                print('%s %s %s' % (path.rsplit('/', 1)[-1], 'OK' if not problems else 'FAIL', '; '.join(problems)))
            """
        var arguments = ["-c", script]
        for (stem, request) in FeedFixtures.requests {
            for format in [FeedFormat.atom, .rss, .json] where format != .json {
                arguments += [dir.appendingPathComponent(FeedFixtures.fileName(stem, format)).path, String(request.items.count)]
            }
        }
        let result = try FeedFiles.run(FeedFiles.which("python3")!, arguments)
        #expect(result.status == 0, "\(result.output)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == FeedFixtures.requests.count * 2, "\(result.output)")
        for line in lines {
            #expect(line.contains(" OK"), "\(line)")
        }
    }

    /// newsboat loads every entry of each feed from a file:// URL (offline).
    @Test(.enabled(if: FeedFiles.hasNewsboat, "newsboat is not installed (make test installs it)"))
    func newsboatLoadsEveryEntry() throws {
        let dir = try FeedFiles.writeAll()
        defer { FeedFiles.discard(dir) }
        for (stem, request) in FeedFixtures.requests {
            for format in [FeedFormat.atom, .rss] {
                // One cache per feed: newsboat merges items with the same guid across feeds.
                let work = dir.appendingPathComponent("newsboat-\(stem)-\(format.rawValue)")
                try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
                let feed = dir.appendingPathComponent(FeedFixtures.fileName(stem, format))
                try Data("file://\(feed.path)\n".utf8).write(to: work.appendingPathComponent("urls"))
                try Data().write(to: work.appendingPathComponent("config"))
                var environment = ProcessInfo.processInfo.environment
                environment["HOME"] = work.path
                let result = try FeedFiles.run(FeedFiles.which("newsboat")!, [
                    "-u", work.appendingPathComponent("urls").path,
                    "-c", work.appendingPathComponent("cache.db").path,
                    "-C", work.appendingPathComponent("config").path,
                    "-x", "reload", "print-unread",
                ], environment: environment)
                #expect(result.status == 0, "\(stem) \(format): \(result.output)")
                #expect(result.output.contains("\(request.items.count) unread article"),
                        "\(stem) \(format): newsboat said \(result.output)")
            }
        }
    }
}
