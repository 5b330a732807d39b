extension ScanPlan {
    /// `stage()` for one of many trees of a repository (a history's points): the detectors take what
    /// earlier trees gave from `memo`. The stage is the same as `stage()`'s.
    func stage(reusing memo: FileEvidenceMemo) -> ScanStage {
        let files = FileEvidence.collect(layout: scoped, catalogues: catalogues, memo: memo)
        let builder = historyBuilder()
        builder.follow(trackedPrefixes: files.artefactPaths)
        return stage(files: files, builder: builder)
    }
}
