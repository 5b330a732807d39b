/// Making repository-controlled text safe to show: names, paths, errors, evidence and commit messages come
/// from the scanned repositories and may hold anything. The org report and the SARIF report clean with it.
public enum SafeText {
    /// Drops C0 control characters (except tab and newline), DEL, the C1 controls and the bidirectional
    /// embedding, isolate and mark controls (which could make a name read backwards), and turns a carriage
    /// return or a line or paragraph separator (U+2028, U+2029) into a newline, so a terminal escape or a
    /// NUL in a name renders as nothing. Invalid UTF-8 was already replaced with U+FFFD when the text became
    /// a `String`.
    public static func clean(_ text: String) -> String {
        // Most texts are printable ASCII with tabs and newlines at most: nothing to drop or turn, and no
        // copy made scalar by scalar to find that out.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 || $0 == 0x0A }) { return text }
        var out = String.UnicodeScalarView()
        var changed = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A:
                out.append(scalar)
            case 0x0D, 0x2028, 0x2029:
                out.append("\n")
                changed = true
            case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                changed = true
            default:
                out.append(scalar)
            }
        }
        return changed ? String(out) : text
    }

    /// `clean`, with tabs and newlines made spaces: for names and one-line cells.
    public static func line(_ text: String) -> String {
        let cleaned = clean(text)
        // A tab or a newline is always a character of its own, so its bytes tell.
        guard cleaned.utf8.contains(where: { $0 == 0x0A || $0 == 0x09 }) else { return cleaned }
        return String(cleaned.map { $0 == "\n" || $0 == "\t" ? " " : $0 })
    }
}
