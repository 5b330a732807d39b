/// One man(7) page for the whole tool, rendered from its command tree: NAME, SYNOPSIS, DESCRIPTION, the
/// root's OPTIONS, then a COMMANDS section with one subsection per visible command (nested commands as
/// `rules list`), each with its arguments and options, their help and defaults. Commands and arguments the
/// tool hides from its help are left out, as is ArgumentParser's `help` command (the page is the help).
/// The output depends only on the tree, the version line and the date given: no clock, no environment.
struct ManualPage {
    let tool: CommandInfo
    /// `cdscan 0.1.0`, for the page's footer.
    let version: String
    /// `YYYY-MM-DD`.
    let date: String
    var section = 1

    func render() -> String {
        var page = Roff()
        let name = tool.commandName
        page.comment("Generated from the command definitions of \(name) (scripts/manual); do not edit.")
        page.request("TH", [name.uppercased(), String(section), date, version, "User Commands"])
        // Ragged right and no hyphenation: option names and paths stay whole.
        page.line(".ad l")
        page.line(".nh")

        page.request("SH", ["NAME"])
        page.text(Roff.escape(name) + " \\- " + Roff.escape(sentence(tool.abstract ?? "")), raw: true)

        page.request("SH", ["SYNOPSIS"])
        var first = true
        for (path, command) in commands(tool, path: [name]) {
            if !first { page.request("br") }
            first = false
            page.synopsis(path: path, command: command)
        }

        page.request("SH", ["DESCRIPTION"])
        page.paragraphs(tool.discussion ?? "")
        if let defaultCommand = tool.defaultSubcommand {
            page.paragraph("Without a command, \(name) runs its \(defaultCommand) command: \(name) PATH is \(name) \(defaultCommand) PATH.")
        }

        let rootArguments = visibleArguments(tool)
        if !rootArguments.isEmpty {
            page.request("SH", ["OPTIONS"])
            for argument in rootArguments { page.argument(argument) }
        }

        let subcommands = commands(tool, path: [name]).dropFirst()
        if !subcommands.isEmpty {
            page.request("SH", ["COMMANDS"])
            for (path, command) in subcommands {
                page.request("SS", [path.joined(separator: " ")])
                page.paragraphs(command.abstract ?? "")
                page.paragraphs(command.discussion ?? "")
                for argument in visibleArguments(command).filter({ !$0.isHelp }) { page.argument(argument) }
            }
        }
        return page.output
    }

    /// The command and every visible command below it, depth first, each with its full name.
    private func commands(_ command: CommandInfo, path: [String]) -> [([String], CommandInfo)] {
        var all = [(path, command)]
        for child in command.subcommands ?? [] where child.isDisplayed && child.commandName != "help" {
            all += commands(child, path: path + [child.commandName])
        }
        return all
    }

    private func visibleArguments(_ command: CommandInfo) -> [ArgumentInfo] {
        (command.arguments ?? []).filter(\.isDisplayed)
    }

    /// The abstract as the NAME line's description: without its final full stop.
    private func sentence(_ text: String) -> String {
        text.hasSuffix(".") ? String(text.dropLast()) : text
    }
}

/// man(7) source, built line by line with every piece of text escaped.
struct Roff {
    private(set) var output = ""

    mutating func comment(_ text: String) {
        output += ".\\\" " + Roff.escape(text) + "\n"
    }

    /// A line of roff written as it is.
    mutating func line(_ line: String) {
        output += line + "\n"
    }

    /// `.TH "CDSCAN" "1" …`: each argument quoted.
    mutating func request(_ name: String, _ arguments: [String] = []) {
        let quoted = arguments.map { argument in
            " \"" + Roff.escape(argument).map { $0 == "\"" ? "\\(dq" : String($0) }.joined() + "\""
        }
        output += "." + name + quoted.joined() + "\n"
    }

    /// A line of text; `raw` when it is already escaped.
    mutating func text(_ line: String, raw: Bool = false) {
        let escaped = raw ? line : Roff.escape(line)
        // A line starting with a dot or an apostrophe would be read as a request.
        output += (escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" : "") + escaped + "\n"
    }

    mutating func paragraph(_ text: String) {
        request("PP")
        self.text(text)
    }

    /// Text with blank lines between its paragraphs (ArgumentParser keeps the help's own line breaks).
    mutating func paragraphs(_ text: String) {
        for block in Roff.blocks(text) { paragraph(block) }
    }

    /// `cdscan scan [options] [path]`: the command's name in bold, its positional arguments in italics.
    mutating func synopsis(path: [String], command: CommandInfo) {
        let arguments = (command.arguments ?? []).filter(\.isDisplayed)
        var line = "\\fB" + Roff.escape(path.joined(separator: " ")) + "\\fR"
        if (command.subcommands ?? []).contains(where: { $0.isDisplayed && $0.commandName != "help" }) {
            line += " [\\fIcommand\\fR]"
        }
        if arguments.contains(where: { $0.kind != .positional && !$0.isHelp }) {
            line += " [\\fIoptions\\fR]"
        }
        for argument in arguments where argument.kind == .positional {
            var value = "\\fI" + Roff.escape(argument.valueName ?? "value") + "\\fR" + (argument.isRepeating == true ? "..." : "")
            if argument.isOptional == true { value = "[" + value + "]" }
            line += " " + value
        }
        text(line, raw: true)
    }

    /// One argument as a tagged paragraph: its names and value, then its help, discussion and default.
    mutating func argument(_ argument: ArgumentInfo) {
        let value = argument.valueName.map { "\\fI" + Roff.escape($0) + "\\fR" }
        let tag: String
        switch argument.kind {
        case .positional:
            tag = value ?? "\\fIvalue\\fR"
        case .option:
            tag = argument.spelledNames.map { "\\fB" + Roff.escape($0) + "\\fR" }.joined(separator: ", ") + (value.map { " " + $0 } ?? "")
        case .flag:
            tag = argument.spelledNames.map { "\\fB" + Roff.escape($0) + "\\fR" }.joined(separator: ", ")
        }
        request("TP")
        text(tag, raw: true)
        var help = argument.abstract ?? ""
        if let defaultValue = argument.defaultValue, argument.kind != .flag {
            help += (help.isEmpty ? "" : " ") + "(default: \(defaultValue))"
        }
        text(help)
        for block in Roff.blocks(argument.discussion ?? "") {
            request("IP")
            text(block)
        }
    }

    /// Paragraphs of a help text: split at blank lines, each paragraph's lines joined.
    static func blocks(_ text: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty {
                if !current.isEmpty { blocks.append(current.joined(separator: " ")) }
                current = []
            } else {
                current.append(trimmed)
            }
        }
        if !current.isEmpty { blocks.append(current.joined(separator: " ")) }
        return blocks
    }

    /// Text safe in a man page: backslashes and hyphens as escapes (so `--force` stays two ASCII hyphens
    /// when copied from the rendered page), anything outside printable ASCII as `\[uXXXX]`.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\e"
            case "-": out += "\\-"
            case "\t", "\n", "\r": out += " "
            case " "..."~": out.unicodeScalars.append(scalar)
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
            }
        }
        return out
    }
}
