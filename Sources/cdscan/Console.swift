import Foundation

/// Writes to standard output and standard error.
enum Console {
    /// Whether standard output is a terminal (colour and progress only then).
    static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("cdscan: error: \(message)\n".utf8))
    }
}
