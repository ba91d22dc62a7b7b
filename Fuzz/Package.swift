// swift-tools-version:6.0
// libFuzzer targets for Herald, kept out of the main package so that
// `swift build` and `make test` never build them. See README.md; run with
// `Fuzz/run.sh TARGET [SECONDS]`.
import PackageDescription

let fuzzers = ["FuzzFrontMatter", "FuzzTemplates", "FuzzFeed", "FuzzBuild"]

let package = Package(
    name: "HeraldFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Herald", path: "..")],
    targets: fuzzers.map { name in
        .executableTarget(
            name: name,
            dependencies: [.product(name: "Herald", package: "Herald")],
            path: "Targets/\(name)")
    },
    swiftLanguageModes: [.v6]
)
