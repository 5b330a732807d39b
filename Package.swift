// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "cdscan",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cdscan", targets: ["cdscan"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The C libraries from the system (Debian: libgit2-dev, libyaml-dev), found through pkg-config.
        .systemLibrary(
            name: "CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]
        ),
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // Swift over libgit2: repository, HEAD tree, refs, the history walk, as Sendable values.
        .target(name: "GitAccess", dependencies: ["CLibGit2"]),
        // Swift over libyaml: a small node tree with line/column marks.
        .target(name: "YAMLReader", dependencies: ["CYAML"]),
        // The scanner: snapshot, model, probes, engine, reports.
        .target(
            name: "CDScanKit",
            dependencies: ["GitAccess", "YAMLReader"],
            plugins: ["EmbedRules"]
        ),
        // Rules/ travels inside the binary: a build-time tool turns its YAML files into Swift strings.
        .executableTarget(name: "EmbedRulesTool", path: "Sources/EmbedRulesTool"),
        .plugin(name: "EmbedRules", capability: .buildTool(), dependencies: ["EmbedRulesTool"]),
        // Builds fixture repositories from their text description (tests and benchmarks only).
        .target(name: "FixtureKit", dependencies: ["YAMLReader"]),
        .executableTarget(
            name: "cdscan",
            dependencies: [
                "CDScanKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GitAccessTests", dependencies: ["GitAccess", "FixtureKit"]),
        .testTarget(name: "YAMLReaderTests", dependencies: ["YAMLReader"]),
        .testTarget(name: "FixtureKitTests", dependencies: ["FixtureKit"]),
        .testTarget(name: "CDScanKitTests", dependencies: ["CDScanKit", "FixtureKit"]),
        .testTarget(name: "EndToEndTests", dependencies: ["cdscan", "FixtureKit"]),
    ],
    swiftLanguageModes: [.v6]
)
