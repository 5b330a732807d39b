import Testing
import GitAccess
@testable import CDScanKit

/// The outcomes a history run keeps from point to point (`FileOutcomes`, `FileEvidenceMemo`): a path and
/// blob met again give the detector result that reading and matching them gives, charge the same budgets,
/// and a different catalogue never takes what another catalogue made of a file.
@Suite struct FileOutcomesTests {
    /// Files that go through every kind of work the scanner does on a text: content patterns, YAML
    /// conditions (one malformed), extractors, a dependency manifest, two paths of one blob, and files
    /// that read as binary or too large.
    static let texts: [String: String] = [
        "Makefile": "all: build\n\nbuild:\n\tcc -o x x.c\n\ntest: build\n\t./run-tests\n",
        ".github/CODEOWNERS": "* @org/everyone\n/infra/ @org/platform\n",
        "README.md": "# X\n\n[![CI](https://github.com/o/r/actions/workflows/ci.yml/badge.svg)](https://github.com/o/r/actions)\n",
        "k8s/deploy.yaml": "kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: nginx:1.25\n          readinessProbe:\n            httpGet: {path: /}\n",
        "k8s/same-blob.yaml": "kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: nginx:1.25\n          readinessProbe:\n            httpGet: {path: /}\n",
        "deploy/rollout.yaml": "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec:\n  strategy:\n    canary: [steps\n",
        "Dockerfile": "FROM alpine:3.19\nHEALTHCHECK CMD true\n",
        "package.json": "{\"scripts\": {\"test\": \"jest\"}, \"dependencies\": {\"@opentelemetry/api\": \"1\"}}\n",
        "k8s/binary.yaml": "kind: Deployment\n",
        "k8s/huge.yaml": "kind: Deployment\nhuge: true\n",
    ]

    static var files: [CandidateFile] {
        texts.map { path, text in
            let bytes = Array(text.utf8)
            return CandidateFile(path: path, size: bytes.count, blob: .blobID(of: bytes))
        }
    }

    static func read(_ file: CandidateFile) -> FileRead {
        switch file.path {
        case "k8s/binary.yaml": .binary(size: file.size)
        case "k8s/huge.yaml": .tooLarge(size: file.size, cap: 10)
        default: .text(texts[file.path] ?? "")
        }
    }

    static var builtIn: DetectorCatalogue {
        get throws { try LoadedCatalogues.builtIn.detectors.get() }
    }

    /// Everything a scan's result holds, as one comparable text.
    static func summary(_ result: DetectionScanner.Result) -> String {
        "\(result.detections)\n\(result.problems)\n\(result.notes)\n\(result.tests)\n\(result.codeowners)\n\(result.badges)\n"
            + "\(result.buildTargets)\n\(result.images)\n\(result.filesRead) \(result.bytesRead) \(result.patternSteps)"
    }

    /// Scans `files`, counting the reads.
    static func scan(_ catalogue: DetectorCatalogue, outcomes: FileOutcomes?, files: [CandidateFile] = files)
        -> (result: DetectionScanner.Result, reads: Int) {
        var reads = 0
        let result = DetectionScanner(catalogue: catalogue, outcomes: outcomes).scan(files) { file in
            reads += 1
            return read(file)
        }
        return (result, reads)
    }

    @Test func aRememberedOutcomeGivesWhatReadingGives() throws {
        let catalogue = try Self.builtIn
        let alone = Self.scan(catalogue, outcomes: nil)
        let outcomes = FileOutcomes()
        let first = Self.scan(catalogue, outcomes: outcomes)
        let again = Self.scan(catalogue, outcomes: outcomes)
        // The files exercise what they are meant to.
        #expect(!alone.result.buildTargets.isEmpty && !alone.result.codeowners.isEmpty && !alone.result.badges.isEmpty)
        #expect(!alone.result.images.isEmpty && !alone.result.problems.isEmpty && alone.result.notes.count == 2)
        #expect(alone.result.detections.contains { $0.path == "k8s/same-blob.yaml" })
        #expect(alone.result.detections.contains { $0.dependency != nil })
        #expect(alone.result.patternSteps < DetectionScanner.patternStepBudget)
        #expect(first.reads == alone.reads && first.reads > 0)
        #expect(outcomes.count > 0)
        #expect(again.reads == 0)
        #expect(Self.summary(first.result) == Self.summary(alone.result))
        #expect(Self.summary(again.result) == Self.summary(alone.result))
    }

    @Test func aChangedBlobIsReadAgain() throws {
        let catalogue = try Self.builtIn
        let outcomes = FileOutcomes()
        _ = Self.scan(catalogue, outcomes: outcomes)
        var changed = Self.files
        let index = try #require(changed.firstIndex { $0.path == "Makefile" })
        let text = "lint:\n\t./lint\n"
        changed[index] = CandidateFile(path: "Makefile", size: text.utf8.count, blob: .blobID(of: Array(text.utf8)))
        var reads: [String] = []
        let result = DetectionScanner(catalogue: catalogue, outcomes: outcomes).scan(changed) { file in
            reads.append(file.path)
            return file.path == "Makefile" ? .text(text) : Self.read(file)
        }
        #expect(reads == ["Makefile"])
        #expect(result.buildTargets.contains("lint") && !result.buildTargets.contains("build"))
    }

    @Test func aRememberedOutcomeStillSpendsTheReadBudget() throws {
        var catalogue = try Self.builtIn
        catalogue.readBudget = DetectorReadBudget(files: 3, bytes: 1 << 20)
        let alone = Self.scan(catalogue, outcomes: nil)
        let outcomes = FileOutcomes()
        _ = Self.scan(catalogue, outcomes: outcomes)
        let again = Self.scan(catalogue, outcomes: outcomes)
        #expect(alone.result.notes.contains { $0.hasPrefix("read budget reached") })
        #expect(again.reads == 0)
        #expect(Self.summary(again.result) == Self.summary(alone.result))
    }

    /// A catalogue laid over the built-in one with an entry that reads `*.yaml` files for a word.
    static func catalogues(withWord word: String) -> LoadedCatalogues {
        let pack = RuleSourceFile(path: "pack/catalogues/words.yml", text: """
            kind: detectors
            entries:
              - id: pack-word
                tool: Word
                feeds: [hasBuildScripts]
                paths: ["*.yaml"]
                contains: ['\(word)']

            """, origin: .config(".cdscan.yml"))
        return LoadedCatalogues(CatalogueStack(layers: [BuiltInRules.files(under: "catalogues/"), [pack]]))
    }

    @Test func eachCatalogueKeepsItsOwnOutcomes() throws {
        let memo = FileEvidenceMemo()
        let builtIn = LoadedCatalogues.builtIn
        let packed = Self.catalogues(withWord: "readinessProbe")
        let builtInPart = try #require(memo.part(for: builtIn, sizeCap: 1 << 20))
        #expect(memo.part(for: builtIn, sizeCap: 1 << 20) === builtInPart)
        #expect(memo.part(for: builtIn, sizeCap: 1 << 10) !== builtInPart)
        let packedPart = try #require(memo.part(for: packed, sizeCap: 1 << 20))
        #expect(packedPart !== builtInPart)
        // Two loads of the same stack are two catalogues: neither takes the other's outcomes.
        #expect(memo.part(for: Self.catalogues(withWord: "readinessProbe"), sizeCap: 1 << 20) !== packedPart)

        // The built-in catalogue's outcomes first; the pack's entry must still be matched.
        _ = Self.scan(try builtIn.detectors.get(), outcomes: builtInPart.detections)
        let withPack = Self.scan(try packed.detectors.get(), outcomes: packedPart.detections)
        #expect(withPack.reads > 0)
        #expect(withPack.result.detections.contains { $0.entry == "pack-word" && $0.path == "k8s/deploy.yaml" })
        #expect(Self.summary(withPack.result) == Self.summary(Self.scan(try packed.detectors.get(), outcomes: nil).result))
    }

    @Test func changingWhatDecidesAFileMakesAnotherCatalogue() throws {
        var catalogue = try Self.builtIn
        let before = catalogue.identity
        catalogue.badgeHosts = []
        #expect(catalogue.identity !== before)
        let after = catalogue.identity
        catalogue.readBudget = DetectorReadBudget(files: 1, bytes: 1)  // decides what is read, not what a file gives
        #expect(catalogue.identity === after)
    }
}
