import CDScanKit
import Foundation

/// Writes to standard output and standard error. Text meant for people passes `TerminalText.printable`
/// on its way out, so no repository-controlled character can drive the terminal whatever the report holds.
enum Console {
    /// Whether standard output is a terminal (colour and progress only then).
    static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// A report, list or message for people (text or Markdown): cdscan's colours kept, anything else unsafe
    /// shown as `\u{…}`.
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(TerminalText.printable(text, keepingColour: true).utf8))
    }

    /// Machine-readable output (JSON, SARIF): written byte for byte; its encoder already escapes controls.
    static func outputVerbatim(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Something the user should know that is not an error (`cdscan: note: …`), on standard error.
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("cdscan: note: \(TerminalText.printable(message, keepingColour: false))\n".utf8))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("cdscan: error: \(TerminalText.printable(message, keepingColour: false))\n".utf8))
    }
}
