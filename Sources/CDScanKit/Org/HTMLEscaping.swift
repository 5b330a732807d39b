/// Making repository-controlled text safe for the org report: names, paths, errors, evidence and commit
/// messages come from the scanned repositories and may hold anything.
enum SafeText {
    /// Drops C0 control characters (except tab and newline), DEL, the C1 controls and the bidirectional
    /// embedding and isolate controls (which could make a name read backwards), and turns a carriage
    /// return into a newline, so a terminal escape or a NUL in a name renders as nothing. Invalid UTF-8 was
    /// already replaced with U+FFFD when the text became a `String`.
    static func clean(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var changed = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A:
                out.append(scalar)
            case 0x0D:
                out.append("\n")
                changed = true
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069:
                changed = true
            default:
                out.append(scalar)
            }
        }
        return changed ? String(out) : text
    }

    /// `clean`, with tabs and newlines made spaces: for names and one-line cells.
    static func line(_ text: String) -> String {
        let cleaned = clean(text)
        guard cleaned.contains(where: { $0 == "\n" || $0 == "\t" }) else { return cleaned }
        return String(cleaned.map { $0 == "\n" || $0 == "\t" ? " " : $0 })
    }
}

/// Escaping for the HTML page.
enum HTMLEscaping {
    /// Text for element content and quoted attribute values: `& < > " '` become entities, and control
    /// characters are dropped (`SafeText.clean`).
    static func escape(_ text: String) -> String {
        let cleaned = SafeText.clean(text)
        var out = ""
        out.reserveCapacity(cleaned.utf8.count)
        for scalar in cleaned.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// JSON made safe inside `<script type="application/json">`: `<`, `>` and `&` (which could close the
    /// element or open a comment) and U+2028/U+2029 become `\uXXXX` escapes. These characters can only
    /// occur inside JSON strings, where the escapes mean the same characters.
    static func scriptJSON(_ json: String) -> String {
        var out = ""
        out.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
