import Foundation
import Testing

/// `cdscan-manual`, which `scripts/manual` runs on the built cdscan: a man page from the command
/// definitions, the same bytes on every run, every visible command and flag in it, hidden ones left out.
@Suite struct ManualPageTests {
    static let generator = CDScanBinary.url.deletingLastPathComponent().appendingPathComponent("cdscan-manual")

    private func generate(date: String = "2024-02-05") throws -> CDScanBinary.Run {
        try CDScanBinary.run(["--date", date, CDScanBinary.url.path], executable: Self.generator)
    }

    @Test func thePageCoversEveryVisibleCommandAndFlag() throws {
        let run = try generate()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let page = run.stdout
        let version = try CDScanBinary.run(["--version"]).stdout.split(separator: "\n").first.map(String.init) ?? "?"
        #expect(page.contains("\n.TH \"CDSCAN\" \"1\" \"2024\\-02\\-05\" \"\(version)\" \"User Commands\"\n"))
        for command in ["scan", "rules", "rules list", "rules validate", "rules test", "explain", "batch", "history", "merge", "report"] {
            #expect(page.contains(".SS \"cdscan \(command)\"\n"), "\(command)")
        }
        for flags in [["-V", "--version"], ["-f", "--format"], ["-o", "--output"], ["-q", "--quiet"], ["-v", "--verbose"],
                      ["-j", "--jobs"], ["-o", "--out"]] {
            let tag = flags.map { "\\fB" + $0.replacingOccurrences(of: "-", with: "\\-") + "\\fR" }.joined(separator: ", ")
            #expect(page.contains("\n" + tag), "\(flags)")
        }
        #expect(page.contains("(default: cdscan.db)"), "defaults are shown")
        // Hidden from help, hidden here: the internal commands, --snapshot-only, ArgumentParser's help command.
        for hidden in [".SS \"cdscan walk\"", ".SS \"cdscan worker\"", "snapshot\\-only", "cdscan help", "memory\\-limit\\-bytes"] {
            #expect(!page.contains(hidden), "\(hidden)")
        }
        // history takes no --as-of (each point is scanned as of its commit); scan and batch do.
        func section(_ command: String) -> String {
            let rest = page.components(separatedBy: ".SS \"cdscan \(command)\"\n").dropFirst().first ?? ""
            return rest.components(separatedBy: "\n.SS ").first ?? ""
        }
        #expect(section("history").contains("\\-\\-every") && !section("history").contains("\\-\\-as\\-of"))
        #expect(section("scan").contains("\\fB\\-\\-as\\-of\\fR") && section("batch").contains("\\fB\\-\\-as\\-of\\fR"))
        // Nothing the machine decides: the number of cores is not a default.
        #expect(!page.contains("(default: \(ProcessInfo.processInfo.activeProcessorCount))"))
        // Plain ASCII source, every control line a macro this page means.
        #expect(page.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "\n" || $0.value >= 0x20) })
        let requests: Set<String> = [".\\\"", ".TH", ".ad", ".nh", ".SH", ".SS", ".PP", ".TP", ".IP", ".br"]
        for line in page.split(separator: "\n") where line.hasPrefix(".") || line.hasPrefix("'") {
            #expect(requests.contains(String(line.prefix { $0 != " " })), "\(line)")
        }
    }

    @Test func theSameToolAndDateGiveTheSameBytes() throws {
        let first = try generate()
        let second = try generate()
        #expect(first.status == 0 && second.status == 0)
        #expect(first.stdout == second.stdout)
        let otherDay = try generate(date: "2025-12-31")
        #expect(otherDay.stdout != first.stdout)
        #expect(otherDay.stdout.replacingOccurrences(of: "2025\\-12\\-31", with: "2024\\-02\\-05") == first.stdout,
                "the date is the only difference")
    }

    @Test func aDateIsRequired() throws {
        for arguments in [[CDScanBinary.url.path], ["--date", "today", CDScanBinary.url.path], ["--date", "2024-13-01", CDScanBinary.url.path]] {
            let run = try CDScanBinary.run(arguments, executable: Self.generator)
            #expect(run.status == 64, "\(arguments)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains("usage: cdscan-manual --date YYYY-MM-DD TOOL"))
        }
        let notATool = try CDScanBinary.run(["--date", "2024-02-05", "/bin/false"], executable: Self.generator)
        #expect(notATool.status == 1)
        #expect(notATool.stdout.isEmpty)
    }

    static let groff = ["/usr/bin/groff", "/usr/local/bin/groff"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// groff comes with man-db, which the build does not need (scripts/setup does not install it).
    @Test(.enabled(if: groff != nil, "groff is not installed"))
    func thePageRendersWithoutWarnings() throws {
        let page = try generate().stdout
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.groff))
        process.arguments = ["-man", "-Tutf8", "-ww", "-rLL=80n"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(page.utf8))
        try input.fileHandleForWriting.close()
        let rendered = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let warnings = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(warnings.isEmpty, "\(warnings)")
        // Bold and underline are overstrikes in groff's terminal output.
        let plain = rendered.replacing(/.\x08/, with: "").replacing(/\x1B\[[0-9;]*m/, with: "")
        #expect(plain.contains("-f, --format format"))
        #expect(plain.contains("cdscan batch [options] [directories...]"))
    }
}
