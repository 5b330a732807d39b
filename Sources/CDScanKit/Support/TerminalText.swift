/// Makes text safe to print on a terminal. Repository-controlled text (names, paths, titles from rule packs,
/// error reasons) may hold escape sequences that clear the screen, write the clipboard (OSC 52) or retitle
/// the window, bells, and bidirectional overrides or line separators that make a line read as something it
/// is not. Every line cdscan prints goes through one of the two functions below.
public enum TerminalText {
    /// One field of repository text: every unsafe character is shown as `\u{…}` instead of being
    /// interpreted (newlines and tabs too, so a field stays on its line).
    public static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isPlain($0) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if isPlain(scalar) { out.unicodeScalars.append(scalar) } else { out += visible(scalar) }
        }
        return out
    }

    /// A whole block cdscan composed (a report, a list, an error): newlines and tabs stay; with
    /// `keepingColour`, cdscan's own colour sequences (`ESC [ digits ; … m`) stay too; everything else unsafe is
    /// shown as `\u{…}`. A second line of defence behind `sanitize`, so that a field someone forgot to
    /// sanitize still cannot drive the terminal.
    public static func printable(_ text: String, keepingColour: Bool) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { !isPlain($0) && $0 != "\n" && $0 != "\t" }) else { return text }
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if isPlain(scalar) || scalar == "\n" || scalar == "\t" {
                out.append(scalar)
                index += 1
            } else if keepingColour, scalar == "\u{1B}", let end = colourSequenceEnd(scalars, from: index) {
                out.append(contentsOf: scalars[index...end])
                index = end + 1
            } else {
                out.append(contentsOf: visible(scalar).unicodeScalars)
                index += 1
            }
        }
        return String(out)
    }

    /// Printable and harmless: not a C0 or C1 control, DEL, a bidirectional control or mark, or a line or
    /// paragraph separator.
    static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20..<0x7F: return true
        case 0x00..<0x20, 0x7F...0x9F: return false
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return false
        default: return true
        }
    }

    private static func visible(_ scalar: Unicode.Scalar) -> String {
        "\\u{\(String(scalar.value, radix: 16))}"
    }

    /// The index of the `m` closing a select-graphic-rendition sequence `ESC [ [0-9;]* m` that starts at
    /// `start`; nil for any other sequence.
    private static func colourSequenceEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start + 1
        guard index < scalars.count, scalars[index] == "[" else { return nil }
        index += 1
        while index < scalars.count, index - start < 16 {
            let scalar = scalars[index]
            if scalar == "m" { return index }
            guard ("0"..."9").contains(scalar) || scalar == ";" else { return nil }
            index += 1
        }
        return nil
    }
}
