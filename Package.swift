// swift-tools-version:6.0
import PackageDescription

// `CDSCAN_FUZZING=1` (scripts/fuzz, in its own --scratch-path) builds the fuzzing harnesses for libFuzzer:
// the libraries they reach get libFuzzer's coverage and AddressSanitizer, and cdscan-fuzz links libFuzzer's
// driver. Set per target because -Xswiftc would also reach the build-time tool (EmbedFilesTool), whose own
// main cannot link beside libFuzzer's.
let fuzzing = Context.environment["CDSCAN_FUZZING"] == "1"
let fuzzed: [SwiftSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"])] : []

let package = Package(
    name: "cdscan",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cdscan", targets: ["cdscan"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // The batch store: SQLite through GRDB (built over the system's libsqlite3 on Linux).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // The C libraries from the system (Debian: libgit2-dev, libyaml-dev), found through pkg-config.
        .systemLibrary(
            name: "CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]
        ),
        // zlib, for reading loose objects with a bounded inflate of our own (libgit2 1.5 mishandles damaged ones).
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // Swift over libgit2: repository, HEAD tree, refs, the history walk, as Sendable values.
        .target(name: "GitAccess", dependencies: ["CLibGit2", "CZlib"], swiftSettings: fuzzed),
        // Swift over libyaml: a small node tree with line/column marks.
        .target(name: "YAMLReader", dependencies: ["CYAML"], swiftSettings: fuzzed),
        // The scanner: snapshot, model, probes, engine, reports.
        .target(
            name: "CDScanKit",
            dependencies: ["GitAccess", "YAMLReader"],
            swiftSettings: fuzzed,
            plugins: ["EmbedFiles"]
        ),
        // Rules/ and the dashboard's Assets/ travel inside the binary: a build-time tool turns their files
        // into Swift strings (Plugins/EmbedFiles says which files go into which target).
        .executableTarget(name: "EmbedFilesTool", path: "Sources/EmbedFilesTool"),
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["EmbedFilesTool"]),
        // The store of batch results: one SQLite database (GRDB), kept out of CDScanKit.
        .target(
            name: "CDScanStore",
            dependencies: ["CDScanKit", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Org-wide batches: repository discovery, mirrors of URLs, shards, parallel scans into the store,
        // and the history of one repository.
        .target(name: "CDScanBatch", dependencies: ["CDScanKit", "CDScanStore", "GitAccess"]),
        // The org report (the dashboard, org.json, org.csv) and the history trend, from stored records.
        .target(
            name: "CDScanOrg",
            dependencies: ["CDScanKit", "CDScanStore"],
            exclude: ["Assets"],
            plugins: ["EmbedFiles"]
        ),
        // Builds fixture repositories from their text description (tests and benchmarks only).
        .target(name: "FixtureKit", dependencies: ["YAMLReader", "CZlib"]),
        .executableTarget(
            name: "cdscan",
            dependencies: [
                "CDScanKit",
                "CDScanStore",
                "CDScanBatch",
                "CDScanOrg",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzzing harnesses (docs/fuzzing.md): a replay tool in a normal build, libFuzzer's binary when built
        // with CDSCAN_FUZZING=1 (scripts/fuzz).
        .executableTarget(
            name: "cdscan-fuzz",
            dependencies: ["CDScanKit", "YAMLReader", "GitAccess"],
            path: "Sources/CDScanFuzz",
            swiftSettings: fuzzed + (fuzzing ? [.define("FUZZING")] : []),
            linkerSettings: fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"])] : []
        ),
        // The man page's generator (scripts/manual): reads cdscan's command definitions through
        // `--experimental-dump-help` and writes man(7) source. A build tool, not part of the product.
        .executableTarget(name: "cdscan-manual", path: "Sources/CDScanManual"),
        .testTarget(name: "GitAccessTests", dependencies: ["GitAccess", "FixtureKit"]),
        .testTarget(name: "YAMLReaderTests", dependencies: ["YAMLReader"]),
        .testTarget(name: "FixtureKitTests", dependencies: ["FixtureKit"]),
        .testTarget(name: "CDScanKitTests", dependencies: ["CDScanKit", "FixtureKit"]),
        .testTarget(name: "CDScanOrgTests", dependencies: ["CDScanOrg", "CDScanStore", "CDScanKit", "FixtureKit"]),
        .testTarget(name: "CDScanBatchTests", dependencies: ["CDScanBatch", "CDScanStore", "CDScanOrg", "CDScanKit", "GitAccess", "FixtureKit"]),
        .testTarget(name: "EndToEndTests", dependencies: ["cdscan", "cdscan-fuzz", "cdscan-manual", "FixtureKit", "CDScanStore"]),
    ],
    swiftLanguageModes: [.v6]
)
