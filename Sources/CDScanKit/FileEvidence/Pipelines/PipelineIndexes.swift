/// What the pipeline detectors work out from a CI catalogue before reading any file: the command match
/// index, the candidate systems by path names, the tools of each mark. Made once per catalogue
/// (`LoadedCatalogues.pipelineIndexes`), not once per tree: a batch scans hundreds of trees with the same one.
struct PipelineIndexes: Sendable {
    let commands: CommandMatchIndex
    let systems: CandidateEntries
    let toolMarks: [PipelineCatalogue.ToolMark: Set<String>]

    init(_ catalogue: PipelineCatalogue) {
        commands = CommandMatchIndex(catalogue.commands)
        systems = CandidateEntries(globs: catalogue.systems.map(\.paths))
        toolMarks = catalogue.toolMarks
    }
}
