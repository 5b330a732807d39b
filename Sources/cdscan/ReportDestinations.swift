import ArgumentParser
import Foundation

/// Where `cdscan scan` writes its reports: the `--format` report on standard output (unless `--quiet`),
/// then every `--output FORMAT=PATH`, in the order given. Each format is written once to each destination:
/// `--format markdown --output markdown=-` prints the Markdown once (so does `markdown=/dev/stdout`, or any
/// path that is the file standard output already writes to), and a file named twice for the same format is
/// written once. One file named for two formats is a usage error (the second would replace the
/// first).
struct ReportDestinations: Sendable, Equatable {
    enum Destination: Sendable, Hashable {
        /// `-`, or the `--format` report.
        case standardOutput
        /// A file, as the user spelled it (for messages).
        case file(String)
    }

    struct Report: Sendable, Hashable {
        let format: OutputFormat
        let destination: Destination
    }

    /// Every report to write, each (format, destination) once.
    let reports: [Report]

    init(format: OutputFormat, quiet: Bool, outputs: [(format: OutputFormat, path: String)]) throws {
        var reports: [Report] = quiet ? [] : [Report(format: format, destination: .standardOutput)]
        // A file's formats by its path made absolute and tidied, so `r.json` and `./r.json` are one file.
        var fileFormats: [String: OutputFormat] = [:]
        for output in outputs {
            guard output.path != "-", !Self.isStandardOutput(output.path) else {
                let report = Report(format: output.format, destination: .standardOutput)
                if !reports.contains(report) { reports.append(report) }
                continue
            }
            let file = URL(fileURLWithPath: output.path).standardizedFileURL.path
            if let earlier = fileFormats[file] {
                guard earlier == output.format else {
                    throw ValidationError("--output names \(output.path) for both \(earlier.rawValue) and \(output.format.rawValue): "
                        + "a file holds one report")
                }
                continue
            }
            fileFormats[file] = output.format
            reports.append(Report(format: output.format, destination: .file(output.path)))
        }
        self.reports = reports
    }

    /// Whether `path` names the file standard output writes to (`/dev/stdout`, `/proc/self/fd/1`, or the
    /// file it was redirected to): writing it again would print the report twice.
    static func isStandardOutput(_ path: String) -> Bool {
        var named = stat()
        var output = stat()
        guard stat(path, &named) == 0, fstat(1, &output) == 0 else { return false }
        return named.st_dev == output.st_dev && named.st_ino == output.st_ino
    }
}
