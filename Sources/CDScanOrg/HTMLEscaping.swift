import CDScanKit

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
