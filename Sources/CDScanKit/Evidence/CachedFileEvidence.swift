import GitAccess

/// The file evidence of a scan with `--cache`: the outcomes the last scan's tree gave (`KeptOutcomes`)
/// are taken as a history's points take those of earlier points (`FileEvidenceMemo`), so only the files
/// whose blobs are new are read and matched; the evidence, and every count in it, is the same as without.
/// The path tests' verdicts are taken the same way. The outcomes and verdicts of this tree are then
/// kept for the next scan, replacing the last tree's.
enum CachedFileEvidence {
    static func collect(_ plan: ScanPlan, cache: HistoryCache) -> (files: FileEvidence, report: OutcomeCacheReport?) {
        let memo = FileEvidenceMemo()
        let sizeCap = plan.scoped.files.sizeCap
        guard let digest = plan.catalogueDigest, let part = memo.part(for: plan.catalogues, sizeCap: sizeCap) else {
            return (plan.fileEvidence(), nil)
        }
        let key = KeptOutcomes.Key(version: CDScanVersion.current, catalogueDigest: digest, sizeCap: sizeCap)
        let catalogue = part.catalogue
        var report = OutcomeCacheReport()
        var loaded = KeptOutcomes(key: key, outcomes: [])
        do {
            if let file = try cache.loadOutcomes() {
                let kept = try KeptOutcomes(archived: file, expecting: key)
                if kept.key != key {
                    report.refused = Self.difference(kept.key, key)
                } else if let verdicts = Self.verdicts(kept.verdicts, in: catalogue) {
                    loaded = kept
                    for (path, verdict) in verdicts { catalogue.pathVerdicts.remember(verdict, of: path) }
                } else {
                    report.refused = "it names catalogue entries or globs that are not there"
                }
            }
        } catch {
            report.refused = "it cannot be read (\(error))"
        }
        for kept in loaded.outcomes { part.detections.remember(kept.outcome, of: kept.path, blob: kept.blob) }
        let files = FileEvidence.collect(layout: plan.scoped, catalogues: plan.catalogues, memo: memo)

        // This tree's outcomes and verdicts, in tree order: a file the tree no longer holds is forgotten.
        let before = Set(loaded.outcomes.map { PathBlob(path: $0.path, blob: $0.blob) })
        let pathsBefore = Set(loaded.verdicts.map(\.path))
        var current: [KeptOutcomes.Kept] = []
        var verdicts: [KeptVerdict] = []
        var verdictsReused = 0
        for entry in plan.scoped.tree where entry.kind == .file || entry.kind == .executable {
            if let verdict = catalogue.pathVerdicts.known(entry.path).flatMap({ KeptVerdict($0, of: entry.path, in: catalogue) }) {
                verdicts.append(verdict)
                if pathsBefore.contains(entry.path) { verdictsReused += 1 }
            }
            guard let outcome = part.detections.outcome(of: entry.path, blob: entry.object) else { continue }
            current.append(KeptOutcomes.Kept(path: entry.path, blob: entry.object, outcome: outcome))
            if before.contains(PathBlob(path: entry.path, blob: entry.object)) { report.reused += 1 }
        }
        report.current = current.count
        let unchanged = report.reused == current.count && report.reused == loaded.outcomes.count
            && verdictsReused == verdicts.count && verdictsReused == loaded.verdicts.count
        if report.refused != nil || !unchanged {
            do {
                report.bytesWritten = try cache.saveOutcomes(KeptOutcomes(key: key, outcomes: current, verdicts: verdicts).archived())
            } catch {
                report.writeError = "\(error)"
            }
        }
        return (files, report)
    }

    /// The kept verdicts with the catalogue's entries and globs; nil when one names what is not there.
    private static func verdicts(_ kept: [KeptVerdict], in catalogue: DetectorCatalogue) -> [(String, PathVerdict)]? {
        var verdicts: [(String, PathVerdict)] = []
        verdicts.reserveCapacity(kept.count)
        for verdict in kept {
            guard let made = verdict.verdict(in: catalogue) else { return nil }
            verdicts.append((verdict.path, made))
        }
        return verdicts
    }

    private struct PathBlob: Hashable {
        let path: String
        let blob: ObjectID
    }

    /// Why outcomes kept under `kept` cannot serve a scan under `wanted`.
    private static func difference(_ kept: KeptOutcomes.Key, _ wanted: KeptOutcomes.Key) -> String {
        if kept.version != wanted.version { return "it was written by another cdscan version (\(kept.version))" }
        if kept.sizeCap != wanted.sizeCap { return "it was made with another --max-file-size (\(kept.sizeCap) bytes)" }
        return "it was made with other catalogues (built in or from rule packs)"
    }
}
