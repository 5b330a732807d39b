/// Makes repository-controlled text safe to print on a terminal: control characters (escape sequences
/// above all) are shown as `\u{…}` instead of being interpreted.
public enum TerminalText {
    public static func sanitize(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x20..<0x7F, 0xA0...:
                // Bidirectional overrides can make text read differently from what it is.
                if (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value) {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            default:
                out += "\\u{\(String(scalar.value, radix: 16))}"
            }
        }
        return out
    }
}
