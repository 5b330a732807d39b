import Foundation
import Testing
import FixtureKit

/// The same commit gives the same report on any day: cdscan run under faketime (the clock moved years
/// back and forth) prints byte-identical JSON, SARIF and text, and no source file of the scanner reads
/// the clock.
@Suite struct AnyDayTests {
    static let days = ["2019-01-01 00:00:00", "2031-07-15 23:59:59"]

    @Test(arguments: ["service", "shallow", "hobby"])
    func theReportIsTheSameOnAnyDay(fixture: String) throws {
        let path = try Fixtures.path(fixture).path
        for format in ["json", "sarif", "text"] {
            let today = try CDScanBinary.run(["scan", path, "--format", format])
            #expect(today.status == 0, "\(today.stderr)")
            for day in Self.days {
                let other = try CDScanBinary.run(["scan", path, "--format", format], viaFaketime: day)
                #expect(other.status == 0, "\(other.stderr)")
                #expect(other.stdout == today.stdout, "\(fixture) \(format) differs on \(day)")
            }
        }
    }

    @Test func faketimeReallyMovesTheClock() throws {
        // Guards the test above: if faketime did nothing, equal reports would prove nothing.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/faketime")
        process.arguments = ["2019-01-01 00:00:00", "date", "+%Y"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        #expect(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "2019\n")
    }

    @Test func noScannerSourceReadsTheClock() throws {
        let forbidden = ["Date()", "Date.now", "timeIntervalSinceNow", "time(nil)", "clock_gettime", "gettimeofday", "CFAbsoluteTimeGetCurrent"]
        var offenders: [String] = []
        for target in ["GitAccess", "YAMLReader", "CDScanKit"] {
            let root = ProjectFiles.url("Sources/\(target)")
            let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
            for file in files where file.pathExtension == "swift" {
                let text = try String(contentsOf: file, encoding: .utf8)
                for word in forbidden where text.contains(word) { offenders.append("\(file.lastPathComponent): \(word)") }
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }
}

extension CDScanBinary {
    /// Runs cdscan with the clock set to `day` by faketime (which `scripts/setup --tests` installs).
    static func run(_ arguments: [String], viaFaketime day: String) throws -> Run {
        try run(arguments, wrapper: ["/usr/bin/faketime", day])
    }
}
