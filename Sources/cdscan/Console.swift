import Foundation

/// Writes to standard output and standard error.
enum Console {
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("cdscan: error: \(message)\n".utf8))
    }
}
