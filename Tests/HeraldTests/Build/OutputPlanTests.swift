import Testing

@testable import Herald

/// The checks made on every planned path before anything is written.
@Suite struct OutputPlanTests {
    func problems(_ paths: [String]) -> [String] {
        var plan = OutputPlan()
        for (index, path) in paths.enumerated() {
            plan.add(PlannedOutput(path: path, origin: "source \(index)", source: .generated { [] }, kind: .other))
        }
        return plan.problems().map(\.message)
    }

    @Test(arguments: ["", "/abs/index.html", "..", ".", "../x", "a/..", "a/../b", "./a", "a/./b", "a/."])
    func pathsLeavingTheOutputAreRefused(_ path: String) {
        #expect(problems([path]).first?.contains("would leave the output folder") == true)
    }

    @Test(arguments: ["a/.../b/index.html", "a/.hidden/x", "a..b/index.html", "a//b", "..a/b", "feed.xml", "é/index.html"])
    func otherPathsAreAccepted(_ path: String) {
        #expect(problems([path]).isEmpty)
    }

    @Test func controlCharactersAreRefused() {
        #expect(problems(["a\nb/index.html"]).first?.contains("control character") == true)
        #expect(problems(["a\u{7F}/index.html"]).first?.contains("control character") == true)
    }

    @Test func pathsDifferingOnlyInCaseClash() {
        #expect(problems(["River/index.html", "river/index.html"]).first?.contains("one file on case-insensitive disks") == true)
        #expect(problems(["ÉTÉ/index.html", "été/index.html"]).count == 1)
        #expect(problems(["same/index.html", "same/index.html"]).first?.contains("both map to /same/index.html") == true)
        #expect(problems(["river/index.html", "rivers/index.html"]).isEmpty)
    }
}
