import Foundation

/// `cdscan-manual --date YYYY-MM-DD TOOL`: prints the man page of TOOL (an ArgumentParser executable,
/// here the built `cdscan`) on standard output, generated from what `TOOL --experimental-dump-help` says of
/// its commands and the first line of `TOOL --version`. The date is given, never read from the clock, so
/// the same tool gives the same bytes on any day (`scripts/manual` passes the HEAD commit's date).
/// Exit codes: 0 written, 1 the tool could not be run or its answer read, 64 usage error.
@main
enum Entry {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.count == 3, arguments[0] == "--date", isDay(arguments[1]) else {
            fail(64, "usage: cdscan-manual --date YYYY-MM-DD TOOL")
        }
        let date = arguments[1]
        let tool = URL(fileURLWithPath: arguments[2])
        let dump: ToolDump
        let version: String
        do {
            dump = try JSONDecoder().decode(ToolDump.self, from: try run(tool, ["--experimental-dump-help"]))
            let versionOutput = String(decoding: try run(tool, ["--version"]), as: UTF8.self)
            version = versionOutput.split(separator: "\n").first.map(String.init) ?? ""
        } catch {
            fail(1, "\(tool.path): \(error)")
        }
        guard dump.serializationVersion == 0 else {
            fail(1, "\(tool.path): help dump version \(dump.serializationVersion), this generator reads version 0")
        }
        let page = ManualPage(tool: dump.command, version: version, date: date).render()
        FileHandle.standardOutput.write(Data(page.utf8))
    }

    /// `YYYY-MM-DD` with a plausible month and day.
    static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }

    /// Runs the tool and returns its standard output; a non-zero exit is an error.
    static func run(_ tool: URL, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw ToolFailure(description: "'\(arguments.joined(separator: " "))' exited with \(process.terminationStatus)")
        }
        return data
    }

    struct ToolFailure: Error, CustomStringConvertible {
        let description: String
    }

    static func fail(_ code: Int32, _ message: String) -> Never {
        FileHandle.standardError.write(Data("cdscan-manual: error: \(message)\n".utf8))
        exit(code)
    }
}
