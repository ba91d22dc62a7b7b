// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Herald",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "herald", targets: ["herald"]),
        .library(name: "Herald", targets: ["Herald"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        // The preview server of `herald serve`: a small HTTP server with no
        // dependencies of its own, so a first build stays quick.
        .package(url: "https://github.com/swhitty/FlyingFox.git", from: "0.27.1"),
        // TOML front matter (`+++`).
        .package(url: "https://github.com/LebJe/TOMLKit.git", exact: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .systemLibrary(
            name: "CVips",
            pkgConfig: "vips",
            providers: [.apt(["libvips-dev"]), .brew(["vips"])]
        ),
        // libstemmer has no pkg-config file: its module map links it by name.
        .systemLibrary(
            name: "CStemmer",
            providers: [.apt(["libstemmer-dev"]), .brew(["snowball"])]
        ),
        .target(
            name: "Herald",
            dependencies: ["CCmark", "CLibXML2", "CVips", "CStemmer", "Yams", "TOMLKit"]
        ),
        .target(
            name: "HeraldServer",
            dependencies: [
                "Herald",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "herald",
            dependencies: ["Herald", "HeraldServer", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "TemplateBenchmark", dependencies: ["Herald"], path: "Benchmarks/TemplateBenchmark"),
        .executableTarget(name: "MarkdownBenchmark", dependencies: ["Herald"], path: "Benchmarks/MarkdownBenchmark"),
        .testTarget(
            name: "HeraldTests",
            dependencies: ["Herald"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "HeraldServerTests",
            dependencies: ["HeraldServer", "Herald"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
