import CDScanStore
import FixtureKit
import Foundation
import Testing

/// The command line itself: `--version`/`-V`, the short flags, `--quiet`, and the shell completions
/// ArgumentParser generates from the command definitions.
@Suite struct CommandLineTests {
    private final class Workspace {
        let url: URL

        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: url) }

        func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func versionNamesTheToolTheRulesAndLibgit2() throws {
        let long = try CDScanBinary.run(["--version"])
        #expect(long.status == 0)
        #expect(long.stderr.isEmpty, "\(long.stderr)")
        let lines = long.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try #require(lines.count == 4 && lines[3].isEmpty, "three lines: \(long.stdout)")

        // The version and the digest are the ones a report carries (a scan without rule packs).
        let report = try CDScanBinary.run(["scan", try Fixtures.path("service").path, "--format", "json"])
        #expect(report.status == 0, "\(report.stderr)")
        let document = try json(report.stdout)
        let version = try #require((document["tool"] as? [String: Any])?["version"] as? String)
        let digest = try #require((document["rules"] as? [String: Any])?["digest"] as? String)
        #expect(lines[0] == "cdscan \(version)")
        #expect(lines[1] == "rules \(digest)")
        #expect(lines[2].wholeMatch(of: /libgit2 \d+\.\d+\.\d+/) != nil, "\(lines[2])")
        // The library the binary runs on is the one it was built against.
        if let built = try? Self.pkgConfigVersion("libgit2") {
            #expect(lines[2] == "libgit2 \(built)")
        }

        // -V is the same, and so is asking after a command (as ArgumentParser treats --version).
        for arguments in [["-V"], ["scan", "-V"], ["batch", "--version"]] {
            let run = try CDScanBinary.run(arguments)
            #expect(run.status == 0, "\(arguments)")
            #expect(run.stdout == long.stdout, "\(arguments)")
            #expect(run.stderr.isEmpty, "\(arguments): \(run.stderr)")
        }
        // The top-level help lists it with its short name.
        let help = try CDScanBinary.run(["--help"])
        #expect(help.stdout.contains("-V, --version"))
    }

    /// `pkg-config --modversion NAME` (scripts/setup installs pkg-config to build).
    private static func pkgConfigVersion(_ name: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pkg-config", "--modversion", name]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func shortFlagsOfScanMeanTheirLongForms() throws {
        let work = try Workspace()
        let path = try Fixtures.path("service").path
        let pairs: [([String], [String])] = [
            (["-f", "json"], ["--format", "json"]),
            (["-f", "markdown"], ["--format", "markdown"]),
            (["-v"], ["--verbose"]),
            (["-q"], ["--quiet"]),
        ]
        for (short, long) in pairs {
            let a = try CDScanBinary.run(["scan", path] + short)
            let b = try CDScanBinary.run(["scan", path] + long)
            #expect(a.status == 0 && b.status == 0, "\(short): \(a.stderr) \(b.stderr)")
            #expect(a.stdout == b.stdout, "\(short) and \(long) differ")
            #expect(a.stderr == b.stderr, "\(short) and \(long) differ")
        }
        let verbose = try CDScanBinary.run(["scan", path, "-v"])
        let plain = try CDScanBinary.run(["scan", path])
        #expect(verbose.stdout.count > plain.stdout.count, "-v adds to the report")

        let short = try CDScanBinary.run(["scan", path, "-o", "sarif=\(work.path("short.sarif"))", "-o", "json=\(work.path("short.json"))"])
        let long = try CDScanBinary.run(["scan", path, "--output", "sarif=\(work.path("long.sarif"))", "--output", "json=\(work.path("long.json"))"])
        #expect(short.status == 0 && long.status == 0)
        #expect(short.stdout == long.stdout)
        for format in ["sarif", "json"] {
            let a = try Data(contentsOf: work.url.appendingPathComponent("short.\(format)"))
            let b = try Data(contentsOf: work.url.appendingPathComponent("long.\(format)"))
            #expect(!a.isEmpty && a == b, "-o \(format)")
        }
        // A bad value reads the same under either name.
        let badShort = try CDScanBinary.run(["scan", path, "-f", "yaml"])
        let badLong = try CDScanBinary.run(["scan", path, "--format", "yaml"])
        #expect(badShort.status == 64 && badLong.status == 64)
        #expect(badShort.stderr.contains("'yaml'") && badLong.stderr.contains("'yaml'"))
    }

    @Test func shortFlagsOfTheOrgCommandsMeanTheirLongForms() throws {
        let work = try Workspace()
        let root = work.url.appendingPathComponent("org")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try Fixtures.path("service"), to: root.appendingPathComponent("service"))

        // -j is --jobs: the same check, and a batch with it.
        for command in [["batch", root.path], ["history", root.appendingPathComponent("service").path]] {
            let short = try CDScanBinary.run(command + ["-j", "0", "--db", work.path("unused.db")])
            let long = try CDScanBinary.run(command + ["--jobs", "0", "--db", work.path("unused.db")])
            #expect(short.status == 64 && long.status == 64, "\(command[0])")
            #expect(short.stderr == long.stderr && short.stderr.contains("--jobs must be at least 1"), "\(short.stderr)")
        }
        let batch = try CDScanBinary.run(["batch", root.path, "-j", "1", "-q", "--db", work.path("org.db")])
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(batch.stdout.isEmpty && batch.stderr.isEmpty, "quiet: \(batch.stdout)\(batch.stderr)")
        #expect(FileManager.default.fileExists(atPath: work.path("org.db")))

        // report: -o is --out, -q silences the list of files.
        let quiet = try CDScanBinary.run(["report", "--db", work.path("org.db"), "-o", work.path("short"), "-q"])
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(quiet.stdout.isEmpty && quiet.stderr.isEmpty)
        let loud = try CDScanBinary.run(["report", "--db", work.path("org.db"), "--out", work.path("long")])
        #expect(loud.status == 0)
        #expect(loud.stderr.hasPrefix("report: "))
        for file in ["index.html", "org.json", "org.csv"] {
            let a = try Data(contentsOf: work.url.appendingPathComponent("short/\(file)"))
            let b = try Data(contentsOf: work.url.appendingPathComponent("long/\(file)"))
            #expect(a == b, "\(file)")
        }
        // merge -q: nothing but the merge.
        let merge = try CDScanBinary.run(["merge", work.path("all.db"), work.path("org.db"), "-q"])
        #expect(merge.status == 0 && merge.stdout.isEmpty && merge.stderr.isEmpty, "\(merge.stderr)")
    }

    @Test func quietPrintsNothingButKeepsTheExitCodeAndTheFiles() throws {
        let work = try Workspace()
        let path = try Fixtures.path("service").path
        let clean = try CDScanBinary.run(["scan", path, "--quiet"])
        #expect(clean.status == 0)
        #expect(clean.stdout.isEmpty && clean.stderr.isEmpty, "\(clean.stdout)\(clean.stderr)")

        // Below the policy: exit 1 without the "below policy" lines; the --output files are written.
        let failing = try CDScanBinary.run(["scan", path, "-q", "--fail-under", "4", "--format", "json",
                                            "--output", "json=\(work.path("report.json"))", "--output", "markdown=\(work.path("report.md"))"])
        #expect(failing.status == 1)
        #expect(failing.stdout.isEmpty && failing.stderr.isEmpty, "\(failing.stdout)\(failing.stderr)")
        let loud = try CDScanBinary.run(["scan", path, "--fail-under", "4", "--format", "json"])
        #expect(loud.status == 1)
        #expect(loud.stderr.contains("below policy:"))
        #expect(try String(contentsOfFile: work.path("report.json"), encoding: .utf8) == loud.stdout)
        #expect(try String(contentsOfFile: work.path("report.md"), encoding: .utf8).contains("L3"))

        // Worse than a baseline: exit 1, silently.
        let baseline = work.url.appendingPathComponent("baseline.json")
        var document = try json(loud.stdout)
        var assessment = try #require(document["assessment"] as? [String: Any])
        assessment["level"] = 5
        document["assessment"] = assessment
        try JSONSerialization.data(withJSONObject: document).write(to: baseline)
        let regressed = try CDScanBinary.run(["scan", path, "--baseline", baseline.path])
        #expect(regressed.status == 1, "\(regressed.stderr)")
        #expect(regressed.stderr.contains("worse than the baseline"))
        let quietRegressed = try CDScanBinary.run(["scan", path, "--baseline", baseline.path, "-q"])
        #expect(quietRegressed.status == 1)
        #expect(quietRegressed.stdout.isEmpty && quietRegressed.stderr.isEmpty, "\(quietRegressed.stderr)")

        // '-' as an --output path is asked for by name: still written.
        let dash = try CDScanBinary.run(["scan", path, "-q", "-o", "json=-"])
        #expect(dash.status == 0)
        #expect(dash.stdout == loud.stdout)
    }

    @Test func quietStillPrintsErrors() throws {
        let work = try Workspace()
        let notRepository = try CDScanBinary.run(["scan", work.url.path, "--quiet"])
        #expect(notRepository.status == 2)
        #expect(notRepository.stdout.isEmpty)
        #expect(notRepository.stderr.hasPrefix("cdscan: error: ") && notRepository.stderr.contains("is not a git repository"),
                "\(notRepository.stderr)")

        let unwritable = try CDScanBinary.run(["scan", try Fixtures.path("service").path, "-q", "-o", "json=\(work.path("missing/dir/r.json"))"])
        #expect(unwritable.status == 64)
        #expect(unwritable.stderr.hasPrefix("cdscan: error: cannot write json report"), "\(unwritable.stderr)")

        let both = try CDScanBinary.run(["scan", ".", "-q", "-v"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("--quiet and --verbose cannot be used together"))

        // A batch: each repository that could not be scanned is one error line, nothing else.
        let list = work.url.appendingPathComponent("repos.txt")
        try Data("\(work.path("missing"))\n\(try Fixtures.path("service").path)\n".utf8).write(to: list)
        let batch = try CDScanBinary.run(["batch", "--list", list.path, "--db", work.path("org.db"), "-q"])
        #expect(batch.status == 3, "\(batch.stderr)")
        #expect(batch.stdout.isEmpty)
        let lines = batch.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines.allSatisfy { $0.hasPrefix("cdscan: error: ") && $0.contains("missing") }, "\(batch.stderr)")
    }

    /// Issue #15: history offered --as-of and then refused it. No command shows an option it refuses:
    /// history leaves --as-of out of its help, its completions and what the man page is made from, and
    /// does not know it; scan and batch offer it and use it.
    @Test func historyDoesNotOfferAsOfAndScanAndBatchUseIt() throws {
        let history = try CDScanBinary.run(["history", "--help"])
        #expect(history.status == 0)
        #expect(history.stdout.contains("--every") && !history.stdout.contains("--as-of"), "\(history.stdout)")
        for command in ["scan", "batch"] {
            #expect(try CDScanBinary.run([command, "--help"]).stdout.contains("--as-of <as-of>"), "\(command)")
        }
        let dump = try json(try CDScanBinary.run(["--experimental-dump-help"]).stdout)
        let commands = try #require((dump["command"] as? [String: Any])?["subcommands"] as? [[String: Any]])
        func longNames(_ command: String) -> Set<String> {
            let info = commands.first { $0["commandName"] as? String == command }
            let arguments = info?["arguments"] as? [[String: Any]] ?? []
            return Set(arguments.flatMap { ($0["names"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "long" } }
                .compactMap { $0["name"] as? String })
        }
        #expect(longNames("history").isSuperset(of: ["every", "since", "changed-paths", "db", "jobs"]))
        #expect(!longNames("history").contains("as-of"))
        #expect(longNames("scan").contains("as-of") && longNames("batch").contains("as-of"))
        let completion = try CDScanBinary.run(["--generate-completion-script", "bash"]).stdout
        let historyCompletion = try #require(completion.components(separatedBy: "_cdscan_history()").dropFirst().first)
            .components(separatedBy: "\n}\n").first ?? ""
        #expect(historyCompletion.contains("--every") && !historyCompletion.contains("--as-of"), "\(historyCompletion)")

        // history does not know it (an unknown option, not one refused after parsing).
        let refused = try CDScanBinary.run(["history", try Fixtures.path("library").path, "--as-of", "2030-01-02"])
        #expect(refused.status == 64)
        #expect(refused.stderr == "cdscan: error: unknown option '--as-of' (see 'cdscan history --help')\n", "\(refused.stderr)")

        // batch takes it as every scan's as-of, as scan does.
        let work = try Workspace()
        let root = work.url.appendingPathComponent("org")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try Fixtures.path("library"), to: root.appendingPathComponent("library"))
        let batch = try CDScanBinary.run(["batch", root.path, "--as-of", "2030-01-02", "--db", work.path("org.db"), "-q"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let records = try ScanStore.openExisting(path: work.path("org.db")).all()
        #expect(records.map(\.record.asOf) == ["2030-01-02T23:59:59Z"])
        let badDate = try CDScanBinary.run(["batch", root.path, "--as-of", "yesterday", "--db", work.path("org.db")])
        #expect(badDate.status == 64 && badDate.stderr.contains("--as-of 'yesterday' is not a date"), "\(badDate.stderr)")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsCoverEveryCommand(shell: String) throws {
        let run = try CDScanBinary.run(["--generate-completion-script", shell])
        #expect(run.status == 0, "\(run.stderr)")
        for word in ["scan", "batch", "history", "report", "merge", "rules", "explain", "quiet", "jobs", "format", "version"] {
            #expect(run.stdout.contains(word), "\(shell): \(word)")
        }
    }

    /// The bash completion run as bash runs it: subcommands and flags, short ones included.
    @Test func bashCompletesCommandsAndFlags() throws {
        let work = try Workspace()
        let script = work.url.appendingPathComponent("cdscan.bash")
        try Data(try CDScanBinary.run(["--generate-completion-script", "bash"]).stdout.utf8).write(to: script)
        func complete(_ line: String) throws -> [String] {
            let program = """
                source "$1"; read -ra COMP_WORDS <<< "$2"; [[ "$2" == *" " ]] && COMP_WORDS+=("")
                COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE="$2"; COMP_POINT=${#2}
                _cdscan cdscan "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}"; printf '%s\\n' "${COMPREPLY[@]}"
                """
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", program, "_", script.path, line]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(line)")
            return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        #expect(try complete("cdscan ba") == ["batch"])
        #expect(try complete("cdscan hi") == ["history"])
        #expect(try complete("cdscan batch --qu") == ["--quiet"])
        let scanFlags = try complete("cdscan scan -")
        for flag in ["-f", "--format", "-o", "--output", "-q", "--quiet", "-v", "--verbose"] {
            #expect(scanFlags.contains(flag), "\(flag)")
        }
        #expect(try complete("cdscan history -").contains("-j"))
    }
}
