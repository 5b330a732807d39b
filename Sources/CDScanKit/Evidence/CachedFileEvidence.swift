import GitAccess

/// The file evidence of a scan with `--cache`: the outcomes the last scan's tree gave (`KeptOutcomes`)
/// are taken as a history's points take those of earlier points (`FileEvidenceMemo`), so only the files
/// whose blobs are new are read and matched; the evidence, and every count in it, is the same as without.
/// The outcomes of this tree are then kept for the next scan, replacing the last tree's.
enum CachedFileEvidence {
    static func collect(_ plan: ScanPlan, cache: HistoryCache) -> (files: FileEvidence, report: OutcomeCacheReport?) {
        let memo = FileEvidenceMemo()
        let sizeCap = plan.scoped.files.sizeCap
        guard let digest = plan.catalogueDigest, let part = memo.part(for: plan.catalogues, sizeCap: sizeCap) else {
            return (plan.fileEvidence(), nil)
        }
        let key = KeptOutcomes.Key(version: CDScanVersion.current, catalogueDigest: digest, sizeCap: sizeCap)
        var report = OutcomeCacheReport()
        var loaded: [KeptOutcomes.Kept] = []
        do {
            if let file = try cache.loadOutcomes() {
                let kept = try KeptOutcomes(archived: file, expecting: key)
                if kept.key == key {
                    loaded = kept.outcomes
                } else {
                    report.refused = Self.difference(kept.key, key)
                }
            }
        } catch {
            report.refused = "it cannot be read (\(error))"
        }
        for kept in loaded { part.detections.remember(kept.outcome, of: kept.path, blob: kept.blob) }
        let files = FileEvidence.collect(layout: plan.scoped, catalogues: plan.catalogues, memo: memo)

        // This tree's outcomes, in tree order: a file the tree no longer holds is forgotten.
        let before = Set(loaded.map { PathBlob(path: $0.path, blob: $0.blob) })
        var current: [KeptOutcomes.Kept] = []
        for entry in plan.scoped.tree where entry.kind == .file || entry.kind == .executable {
            guard let outcome = part.detections.outcome(of: entry.path, blob: entry.object) else { continue }
            current.append(KeptOutcomes.Kept(path: entry.path, blob: entry.object, outcome: outcome))
            if before.contains(PathBlob(path: entry.path, blob: entry.object)) { report.reused += 1 }
        }
        report.current = current.count
        if report.refused != nil || report.reused != current.count || report.reused != loaded.count {
            do {
                report.bytesWritten = try cache.saveOutcomes(KeptOutcomes(key: key, outcomes: current).archived())
            } catch {
                report.writeError = "\(error)"
            }
        }
        return (files, report)
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
