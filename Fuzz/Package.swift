// swift-tools-version:5.4
// libFuzzer targets for Herald, kept out of the main package so that
// `swift build` and `make test` never build them. See README.md; run with
// `Fuzz/run.sh TARGET [SECONDS]`.
//
// Tools version 5.4 on purpose: from 5.5 on, SwiftPM links executables with
// `--defsym main=<Target>_main`, which a `-parse-as-library` fuzz target
// does not have (libFuzzer supplies `main`). Linux only, where the
// toolchain ships libFuzzer.
import PackageDescription

let fuzzers = ["FuzzFrontMatter", "FuzzTemplates", "FuzzFeed", "FuzzBuild", "FuzzMarkdown"]

let package = Package(
    name: "HeraldFuzz",
    dependencies: [.package(name: "Herald", path: "..")],
    targets: fuzzers.map { name in
        .executableTarget(
            name: name,
            dependencies: [.product(name: "Herald", package: "Herald")],
            path: "Targets/\(name)")
    }
)
