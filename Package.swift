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
        .target(
            name: "Herald",
            dependencies: ["CCmark", "CLibXML2", "Yams"]
        ),
        .executableTarget(
            name: "herald",
            dependencies: ["Herald", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "TemplateBenchmark", dependencies: ["Herald"], path: "Benchmarks/TemplateBenchmark"),
        .testTarget(
            name: "HeraldTests",
            dependencies: ["Herald"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
