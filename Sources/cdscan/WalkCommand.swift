import ArgumentParser
import CDScanKit
import Foundation

/// Prints the history walk in `git log` shapes, so that it can be checked against git line for line and
/// timed against it (the benchmark does both). Not part of the assessment.
struct WalkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walk",
        abstract: "Print the commits of HEAD's history like `git log --format='%H %an %ae %at %P'`.",
        discussion: "With --changed-paths, each commit is followed by its changed paths and a blank line, like `git log --no-renames --name-only --format=%H`.",
        shouldDisplay: false
    )

    @Argument(help: "A working tree, any directory inside one, or a bare repository.")
    var path: String = "."

    @Flag(help: "Print the paths each commit changed against its first parent instead of metadata.")
    var changedPaths = false

    func run() throws {
        let repository: GitRepository
        let head: HeadState
        do throws(GitError) {
            repository = try GitRepository(path: path)
            head = try repository.head()
        } catch {
            Console.error(error.description)
            throw ExitCode(ExitStatus.scanFailed.rawValue)
        }
        var out = BufferedOutput()
        do {
            try repository.walkHistory(
                from: [head.commit],
                changedPaths: changedPaths ? .all : .none,
                shallowRoots: repository.isShallow ? repository.shallowRoots() : []
            ) { commit in
                if changedPaths {
                    out.write(commit.id.hex + "\n")
                    // git prints no paths for merges (without -m) and none for an empty change.
                    if !commit.isMerge, let paths = commit.changedPaths, !paths.isEmpty {
                        out.write("\n" + paths.map(TerminalText.sanitize).joined(separator: "\n") + "\n")
                    }
                } else {
                    let parents = commit.parents.map(\.hex).joined(separator: " ")
                    out.write("\(commit.id.hex) \(TerminalText.sanitize(commit.author.name)) \(TerminalText.sanitize(commit.author.email)) \(commit.author.time.seconds) \(parents)\n")
                }
            }
        } catch {
            out.flush()
            Console.error("\(error)")
            throw ExitCode(ExitStatus.scanFailed.rawValue)
        }
        out.flush()
    }
}

/// Collects output into large writes: printing a million lines one `write` at a time would dominate.
struct BufferedOutput {
    private var buffer: [UInt8] = []

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
