/// How much pipeline work one scan may do. Beyond any of these, the remaining pipeline files are listed
/// but not parsed, and the evidence says so once (`PipelineEvidence.budgetNote`).
///
/// The limits sit far above real repositories: the largest we know of hold a few hundred pipeline files,
/// some thousands of steps in all, and a few megabytes of pipeline text. They exist for hostile trees: a hundred thousand paths naming one workflow blob, a
/// buildspec of thirty thousand commands repeated in ninety folders, aliases that expand one scalar a
/// million times.
public struct PipelineBudget: Sendable, Hashable {
    /// Pipelines kept in the model (one per path, so repeated blobs count once per path).
    public var files: Int
    /// Jobs kept in the model, summed over its pipelines.
    public var jobs: Int
    /// Steps kept in the model, summed over its pipelines.
    public var steps: Int
    /// Bytes of step text classified (alias expansion can make this far more than the file's size).
    public var stepBytes: Int
    /// Bytes of pipeline text parsed: each distinct blob once, however many paths name it.
    public var parsedBytes: Int

    public init(files: Int = 2_000, jobs: Int = 100_000, steps: Int = 100_000, stepBytes: Int = 64 << 20,
                parsedBytes: Int = 64 << 20) {
        self.files = files
        self.jobs = jobs
        self.steps = steps
        self.stepBytes = stepBytes
        self.parsedBytes = parsedBytes
    }

    public static let standard = PipelineBudget()
}
