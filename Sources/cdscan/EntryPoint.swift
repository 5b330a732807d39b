import ArgumentParser
import CDScanKit
import Foundation

/// Runs `cdscan` as ArgumentParser's `main()` does, except that a usage error is one line on standard
/// error, as the README documents: `cdscan: error: <message> (see 'cdscan batch --help')`, exit code 64.
/// Help and the exit codes commands throw after printing their own message go through ArgumentParser
/// unchanged; `--version` and `-V` are answered here, before parsing.
@main
enum EntryPoint {
    static func main() {
        // The commands that read a repository first thing start libgit2 while their arguments are parsed.
        if let command = CommandLine.arguments.dropFirst().first, libgitFirst.contains(command) {
            LibGit2.prepareInBackground()
        }
        if CDScanCommand.asksForVersion(Array(CommandLine.arguments.dropFirst())) {
            Console.outputVerbatim(CDScanVersion.report)
            LibGit2.settle()
            return
        }
        do {
            var command = try CDScanCommand.parseAsRoot()
            try command.run()
        } catch {
            exit(reporting: error)
        }
        LibGit2.settle()
    }

    /// A worker process (one per lane of a batch) and a scan open a repository right after parsing.
    static let libgitFirst: Set<String> = ["worker", "scan"]

    static func exit(reporting error: any Error) -> Never {
        LibGit2.settle()
        let code = CDScanCommand.exitCode(for: error)
        if code == .success || error is ExitCode {
            CDScanCommand.exit(withError: error)
        }
        FileHandle.standardError.write(Data((oneLine(error) + "\n").utf8))
        Foundation.exit(code.rawValue)
    }

    /// The first line of ArgumentParser's message, with the pointer to the command's help it prints.
    static func oneLine(_ error: any Error) -> String {
        var message = CDScanCommand.message(for: error)
            .split(whereSeparator: \.isNewline).first.map(String.init) ?? "\(error)"
        if message.hasPrefix("Error: ") { message.removeFirst(7) }
        // "The value …", "Unknown option …": lower case after "error:", as cdscan's own messages are.
        if let first = message.first, first.isUppercase, message.dropFirst().first?.isLowercase == true {
            message = first.lowercased() + message.dropFirst()
        }
        let full = CDScanCommand.fullMessage(for: error)
        let hint = full.split(whereSeparator: \.isNewline)
            .first { $0.contains("See '") && $0.contains("--help'") }
            .flatMap { line in line.range(of: "'").map { start in line[start.lowerBound...] } }
            .flatMap { quoted in quoted.range(of: "--help'").map { end in String(quoted[..<end.upperBound]) } }
        return "cdscan: error: \(message)" + (hint.map { " (see \($0))" } ?? "")
    }
}
