import CDScanKit
import GitAccess
import YAMLReader

/// The fuzzing harnesses by name: each takes one input's bytes and runs it through the code a scan runs on
/// such a file, with the scan's caps. A harness must never crash, hang or grow without bound on any input.
enum Harnesses {
    static let all: [String: @Sendable ([UInt8]) -> Void] = [
        "yaml": yaml,
        "groovy": groovy,
        "pipelines": pipelines,
        "object": object,
        "pack": pack,
        "cachetip": cacheTip,
        "outcomes": fileOutcomes,
        "tags": tagPeels,
        "trees": knownTrees,
    ]

    static var names: [String] { all.keys.sorted() }

    /// YAMLReader on raw bytes (UTF-8 or UTF-16 as libyaml detects), every node visited, then the
    /// detectors' reading of the same text.
    static func yaml(_ bytes: [UInt8]) {
        if let documents = try? YAMLParser.parseAll(bytes: bytes, file: "fuzz.yml") {
            var visited = 0
            for document in documents { visit(document, count: &visited) }
        }
        CDScanKit.FuzzEntryPoints.yamlDocuments(String(decoding: bytes, as: UTF8.self))
    }

    /// A loose object file as it lies under `.git/objects`: the bounded inflate and its checks (header,
    /// claimed size, stream end, trailing bytes), then the commit, tree or tag parser.
    static func object(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { ObjectFuzzing.run($0) }
    }

    /// A pack and its index as they lie under `.git/objects/pack` (a 4-byte big-endian index length, the
    /// index, then the pack): cdscan's own pack reader over every object the index lists (`PackFuzzing`).
    static func pack(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { PackFuzzing.run($0) }
    }

    /// The history cache's replayable history (`--cache DIR/.../tip`), read from a payload without its
    /// frame: a cache folder is a file anyone with write access to it could have crafted.
    static func cacheTip(_ bytes: [UInt8]) {
        FuzzEntryPoints.cacheTip(bytes)
    }

    /// A history cache's `outcomes` payload (the file detectors' outcomes of the last tree): read, written
    /// again and read back.
    static func fileOutcomes(_ bytes: [UInt8]) {
        FuzzEntryPoints.fileOutcomes(bytes)
    }

    /// A history cache's `tags` payload (the tag references' peels): read, written again and read back.
    static func tagPeels(_ bytes: [UInt8]) {
        FuzzEntryPoints.tagPeels(bytes)
    }

    /// A history cache's `trees` payload (the trees of the last tree listed): read, written again and read back.
    static func knownTrees(_ bytes: [UInt8]) {
        FuzzEntryPoints.knownTrees(bytes)
    }

    /// The Jenkinsfile and TeamCity readers (GroovyText).
    static func groovy(_ bytes: [UInt8]) {
        FuzzEntryPoints.groovyPipelines(String(decoding: bytes, as: UTF8.self))
    }

    /// Every YAML-based CI parser on the same input, then classification.
    static func pipelines(_ bytes: [UInt8]) {
        FuzzEntryPoints.yamlPipelines(String(decoding: bytes, as: UTF8.self))
    }

    /// Walks a node tree without recursion (aliases share nodes, so the walk is bounded by the parser's
    /// node cap, not by the text).
    private static func visit(_ root: YAMLNode, count: inout Int) {
        var pending = [root]
        while let node = pending.popLast() {
            count += 1
            if let items = node.items { pending += items }
            if let pairs = node.pairs { for pair in pairs { pending += [pair.key, pair.value] } }
        }
    }
}
