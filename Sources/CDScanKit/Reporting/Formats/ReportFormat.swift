/// One format of a scan's report: the name the command line knows it by and how it is rendered.
/// A new format is one type conforming to this, in its own file, and one line in `ReportFormats.all`.
public protocol ReportFormat: Sendable {
    /// The name `scan --format` and `scan --output FORMAT=PATH` take.
    var name: String { get }
    /// Read by people, often on a terminal, so printed through the terminal filter; the other formats are
    /// parsed by tools and written byte for byte.
    var isForPeople: Bool { get }
    /// What the format is for, in `--format`'s help after its name; nil when the name says it.
    var purpose: String? { get }
    /// The whole report as it is printed or written to a file.
    func render(_ input: ReportInput) throws -> String
}
