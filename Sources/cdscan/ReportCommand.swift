import ArgumentParser
import CDScanBatch
import CDScanKit
import CDScanOrg
import CDScanStore
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the org report of a store: the newest result of every repository, and the trends."
    )

    @Option(help: "The SQLite database to read.")
    var db: String = "cdscan.db"

    @Option(name: [.customShort("o"), .customLong("out")], help: "The directory the report goes to.")
    var out: String

    @OptionGroup var dormancy: DormancyOption

    @Flag(name: .shortAndLong, help: "Print nothing but errors (not the list of files written).")
    var quiet = false

    func run() throws {
        let store: ScanStore
        do {
            store = try ScanStore.openForReading(path: db)
        } catch {
            Console.error(error.description)
            throw ExitCode(BatchExitStatus.storeFailed.rawValue)
        }
        try Self.write(store: store, to: out, dormantAfterDays: dormancy.dormantAfter, quiet: quiet)
    }

    static func write(store: ScanStore, to directory: String, dormantAfterDays: Int, quiet: Bool) throws {
        let input: OrgReportInput
        do {
            input = try OrgReportInput(store: store, dormantAfterDays: dormantAfterDays)
        } catch {
            Console.error(error.description)
            throw ExitCode(BatchExitStatus.storeFailed.rawValue)
        }
        do {
            let files = try OrgReportWriter.write(input, to: URL(fileURLWithPath: directory))
            if !quiet { Console.progress("report: \(files.map(\.path).joined(separator: ", "))\n") }
        } catch {
            Console.error("\(directory): cannot write the report: \(error)")
            throw ExitCode(BatchExitStatus.storeFailed.rawValue)
        }
    }
}
