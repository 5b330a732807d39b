/// Word wrapping for the terminal report: lines fit a width (80 columns by default) with a hanging
/// indent, counted in Unicode characters. A single word longer than the width (a long path) is kept whole
/// on its own line rather than cut.
public enum TextLayout {
    public static let defaultWidth = 80

    /// `text` after `lead` on the first line, continued under `indent` on the next ones.
    public static func wrap(_ text: String, lead: String, indent: String, width: Int = defaultWidth) -> [String] {
        var lines: [String] = []
        var current = lead
        var currentCount = lead.count
        var hasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let separator = hasWord ? 1 : 0
            if hasWord, currentCount + separator + word.count > width {
                lines.append(current)
                current = indent
                currentCount = indent.count
                hasWord = false
            }
            if hasWord {
                current += " "
                currentCount += 1
            }
            current += word
            currentCount += word.count
            hasWord = true
        }
        lines.append(current)
        return lines
    }
}

/// ANSI styles for the terminal report: on when writing to a terminal, off when piped, for `NO_COLOR` and
/// `--color never`. Styles wrap whole tokens, so they never change how lines are wrapped.
public struct TerminalStyle: Sendable {
    public let enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    public static let plain = TerminalStyle(enabled: false)

    public func bold(_ text: String) -> String { apply("1", text) }
    public func dim(_ text: String) -> String { apply("2", text) }
    public func good(_ text: String) -> String { apply("32", text) }
    public func bad(_ text: String) -> String { apply("31", text) }
    public func partial(_ text: String) -> String { apply("33", text) }
    public func accent(_ text: String) -> String { apply("1;36", text) }

    private func apply(_ code: String, _ text: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Whether colour is wanted: `always` and `never` decide; `auto` colours a terminal unless `NO_COLOR`
    /// is set to anything non-empty (no-color.org) or the terminal is `dumb`.
    public static func wanted(_ choice: ColorChoice, isTerminal: Bool, environment: [String: String]) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            if environment["TERM"] == "dumb" { return false }
            return isTerminal
        }
    }
}

public enum ColorChoice: String, Sendable, CaseIterable {
    case auto, always, never
}
