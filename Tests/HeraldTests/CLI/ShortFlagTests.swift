import Foundation
import Testing
@testable import Herald

/// `-q` and `-v`, the short forms of `--quiet` and `--verbose`, through the real command.
@Suite struct ShortFlagTests {
    @Test("-q prints nothing on a clean build, as --quiet does")
    func quiet() throws {
        let site = try ErrorCatalogTests.builtSite()
        defer { site.remove() }
        for flag in ["-q", "--quiet"] {
            let result = try Robustness.runHerald(["build", "-s", site.root.path, flag])
            #expect(result.status == 0, "\(flag): \(result.stderr)")
            #expect(result.stdout == "", "\(flag)")
            #expect(result.stderr == "", "\(flag)")
        }
    }

    @Test("-v prints the stage times, as --verbose does")
    func verbose() throws {
        let site = try ErrorCatalogTests.builtSite()
        defer { site.remove() }
        let plain = try Robustness.runHerald(["build", "-s", site.root.path])
        #expect(plain.status == 0)
        #expect(!plain.stdout.contains("processor time"))
        for flag in ["-v", "--verbose"] {
            let result = try Robustness.runHerald(["build", "-s", site.root.path, flag])
            #expect(result.status == 0, "\(flag): \(result.stderr)")
            #expect(result.stdout.contains(" s  (") && result.stdout.contains("processor time)"), "\(flag): \(result.stdout)")
            #expect(result.stdout.split(separator: "\n").count > plain.stdout.split(separator: "\n").count, "\(flag)")
        }
    }
}
