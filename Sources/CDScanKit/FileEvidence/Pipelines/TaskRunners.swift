import Foundation

/// Follows `make test`, `task lint`, `just deploy`, `npm run build` into the recipes they run, and
/// `./scripts/release.sh` into the script's lines, so a job is classified by what its targets and scripts do.
final class TaskRunners {
    private let runners: [PipelineCatalogue.Runner]
    private let tree: SourceTree
    private var parsed: [String: [String: RunnerTarget]] = [:]
    /// Each runner's invoking words (`npm run` → `npm`, `run`), in catalogue order.
    private let invokes: [(runner: PipelineCatalogue.Runner, words: [String])]
    /// The first word of every invoke, to pass over the tokens that start none.
    private let firstWords: Set<String>
    /// The same words as needles, when they are all ASCII: an ASCII command in which none appears holds
    /// no call. (Beyond ASCII, strings equal as characters may differ in bytes.)
    private let firstWordNeedles: [ByteSearch.Needle]?
    /// The recipe lines of each command already followed: a step repeated thirty thousand times is
    /// followed once.
    private var followed: [String: [FollowedLine]] = [:]
    private var invocationsByCommand: [String: [Invocation]] = [:]
    private var firstTargets: [String: String?] = [:]
    private struct RecipeKey: Hashable {
        let file: String
        let format: TaskRunnerFormat
    }
    private var recipesByFile: [RecipeKey: [RunnerTarget]] = [:]
    /// Each script's command lines (nil: not a text), by path.
    private var scripts: [String: [String]?] = [:]
    /// What earlier trees of the same run read (a history's points); nil in a scan of one tree.
    private let recipeMemo: RecipeMemo?
    private let callMemo: RunnerCalls?
    /// How deep recipes calling other targets are followed.
    static let maximumDepth = 4
    /// How many recipe lines one command may lead to: recipes that call `make all` four levels deep would
    /// otherwise multiply a Makefile's size by itself at each level.
    static let maximumRecipeLines = 10_000

    init(runners: [PipelineCatalogue.Runner], tree: SourceTree, recipes: RecipeMemo? = nil, calls: RunnerCalls? = nil) {
        self.runners = runners
        self.tree = tree
        recipeMemo = recipes
        callMemo = calls
        invokes = runners.flatMap { runner in runner.invoke.map { (runner, $0.split(separator: " ").map(String.init)) } }
        firstWords = Set(invokes.compactMap(\.words.first))
        let asciiWords = firstWords.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
        firstWordNeedles = asciiWords ? firstWords.sorted().map(ByteSearch.Needle.init) : nil
    }

    /// A line a command leads to, and whether it was reached through a shell script.
    struct FollowedLine: Equatable {
        let text: String
        let inScript: Bool
    }

    /// Every recipe line the targets invoked in `command` run (their dependencies' first), and every line
    /// of the scripts it runs, followed through recipes and scripts that invoke further ones, up to
    /// `maximumRecipeLines`. Targets and scripts that cannot be found add nothing.
    func followedLines(of command: String) -> [FollowedLine] {
        if let known = followed[command] { return known }
        var remaining = Self.maximumRecipeLines
        let result = recipeLines(of: command, depth: 0, remaining: &remaining)
        followed[command] = result
        return result
    }

    /// The texts of `followedLines(of:)`.
    func recipeLines(of command: String) -> [String] {
        followedLines(of: command).map(\.text)
    }

    private func recipeLines(of command: String, depth: Int, remaining: inout Int) -> [FollowedLine] {
        guard depth < Self.maximumDepth, remaining > 0 else { return [] }
        var result: [FollowedLine] = []
        for invocation in invocations(in: command) {
            var seen: Set<String> = []
            for target in invocation.targets {
                result += lines(of: target, in: invocation.file, runner: invocation.runner, seen: &seen, depth: depth,
                                remaining: &remaining)
            }
        }
        // A script a recipe runs is found from the root, as make's own folder is the checkout's.
        result += scriptLines(of: command, depth: depth, remaining: &remaining, folder: "")
        return result
    }

    /// The lines of the repository's shell scripts `command` runs (comments left out), and of the scripts
    /// they run in turn: a release job that runs `./scripts/release.sh` is classified by what the script
    /// does. Task-runner targets a script calls are not expanded (a test script's `make test` would bring
    /// a whole Makefile's recipes to every job that runs it, and only a script's delivery lines count).
    private func scriptLines(of command: String, depth: Int, remaining: inout Int, folder: String) -> [FollowedLine] {
        // Most commands name no script at all.
        guard depth < Self.maximumDepth, remaining > 0, command.contains(".sh") || command.contains(".bash") else { return [] }
        var result: [FollowedLine] = []
        for segment in Self.commands(in: command) {
            guard let script = ScriptCalls.candidates(in: segment, folder: folder).first(where: tree.exists),
                  let lines = scriptText(script) else { continue }
            let scriptFolder = ScriptCalls.folder(of: script)
            for line in lines {
                guard remaining > 0 else { break }
                remaining -= 1
                result.append(FollowedLine(text: line, inScript: true))
                result += scriptLines(of: line, depth: depth + 1, remaining: &remaining, folder: scriptFolder)
            }
        }
        return result
    }

    /// A script's lines without blanks and comments, cut once per tree (a script that runs itself is read
    /// once, not at every level) and once per blob in a history run.
    private func scriptText(_ path: String) -> [String]? {
        if let known = scripts[path] { return known }
        let read = { self.tree.text(path).map(ScriptCalls.commandLines) }
        let lines: [String]?
        if let recipeMemo, let blob = tree.entry(path)?.object {
            lines = recipeMemo.scriptLines(of: blob, text: read)
        } else {
            lines = read()
        }
        scripts[path] = .some(lines)
        return lines
    }

    /// The names of the targets `command` invokes, for classification by name when recipes say nothing.
    func targetNames(in command: String) -> [String] {
        invocations(in: command).flatMap(\.targets)
    }

    private func lines(of name: String, in file: String, runner: PipelineCatalogue.Runner,
                       seen: inout Set<String>, depth: Int, remaining: inout Int) -> [FollowedLine] {
        guard remaining > 0, seen.insert(name).inserted, let target = targets(in: file, runner: runner)[name] else { return [] }
        var result: [FollowedLine] = []
        for dependency in target.dependencies {
            result += lines(of: dependency, in: file, runner: runner, seen: &seen, depth: depth, remaining: &remaining)
        }
        for line in target.lines {
            guard remaining > 0 else { break }
            remaining -= 1
            result.append(FollowedLine(text: line, inScript: false))
            result += recipeLines(of: line, depth: depth + 1, remaining: &remaining)
        }
        return result
    }

    private func targets(in file: String, runner: PipelineCatalogue.Runner) -> [String: RunnerTarget] {
        if let known = parsed[file] { return known }
        var result: [String: RunnerTarget] = [:]
        if let format = TaskRunnerFormat(rawValue: runner.format) {
            for target in recipes(in: file, format: format) where result[target.name] == nil { result[target.name] = target }
        }
        parsed[file] = result
        return result
    }

    private struct Invocation {
        let runner: PipelineCatalogue.Runner
        let file: String
        let targets: [String]
    }

    /// How many words after `make` (or `npm run` …) are read as its arguments.
    static let maximumArguments = 64

    /// Finds `make [-C dir] [-f file] [VAR=x] target…` and the like in each command of a shell text.
    private func invocations(in command: String) -> [Invocation] {
        if let known = invocationsByCommand[command] { return known }
        let found = findInvocations(in: command)
        invocationsByCommand[command] = found
        return found
    }

    private func findInvocations(in command: String) -> [Invocation] {
        let found = callMemo?.calls(in: command) { runnerCalls(in: command) } ?? runnerCalls(in: command)
        return found.compactMap { invocation(runner: invokes[$0.invoke].runner, arguments: $0.arguments) }
    }

    /// The runner calls of a command, in order: by segment, by word, by invoke in catalogue order.
    private func runnerCalls(in command: String) -> [RunnerCall] {
        // A token that starts a call is a first word, or ends in one after a "/": either way, in ASCII, the
        // word's bytes are in the text. Most recipe lines name no runner and are passed over uncut.
        if let needles = firstWordNeedles {
            var text = command
            let holdsNone = text.withUTF8 { bytes in
                bytes.allSatisfy { $0 < 0x80 } && !needles.contains { ByteSearch.contains(bytes, $0) }
            }
            if holdsNone { return [] }
        }
        var result: [RunnerCall] = []
        for segment in Self.commands(in: command) {
            let tokens = segment.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            for start in tokens.indices {
                let token = tokens[start]
                guard firstWords.contains(token) || firstWords.contains(Self.baseName(token)) else { continue }
                for (index, (_, words)) in invokes.enumerated() {
                    guard start + words.count <= tokens.count,
                          zip(words, tokens[start...]).allSatisfy({ Self.sameCommand($0, $1) }) else { continue }
                    let arguments = tokens[(start + words.count)...].prefix(Self.maximumArguments)
                    result.append(RunnerCall(invoke: index, arguments: Array(arguments)))
                }
            }
        }
        return result
    }

    private func invocation(runner: PipelineCatalogue.Runner, arguments: [String]) -> Invocation? {
        if runner.format == TaskRunnerFormat.preCommit.rawValue { return preCommitInvocation(runner: runner, arguments: arguments) }
        var directory = ""
        var explicitFile: String?
        var targets: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "-C" || argument == "--directory" || argument == "-d" || argument == "--dir" {
                if index + 1 < arguments.count { directory = Self.clean(arguments[index + 1]) }
                index += 2
                continue
            }
            if argument == "-f" || argument == "--file" || argument == "--taskfile" || argument == "--justfile" {
                if index + 1 < arguments.count { explicitFile = Self.clean(arguments[index + 1]) }
                index += 2
                continue
            }
            if argument == "--" && runner.format == TaskRunnerFormat.npmScripts.rawValue { break }
            if !argument.hasPrefix("-"), !argument.contains("="), !argument.hasPrefix("$") {
                targets.append(Self.unquote(argument))
            }
            if runner.format == TaskRunnerFormat.npmScripts.rawValue, !targets.isEmpty { break }
            index += 1
        }
        let folder = directory.isEmpty ? "" : (directory.hasSuffix("/") ? directory : directory + "/")
        let candidates = explicitFile.map { [folder + $0] } ?? runner.files.map { folder + $0 }
        guard let file = candidates.first(where: tree.exists) else { return nil }
        if targets.isEmpty, runner.format == TaskRunnerFormat.makefile.rawValue {
            // `make` alone runs the first target.
            if let first = firstTarget(in: file) { targets = [first] }
        }
        if targets.isEmpty, runner.format != TaskRunnerFormat.npmScripts.rawValue { targets = ["default"] }
        return Invocation(runner: runner, file: file, targets: targets)
    }

    /// `pre-commit run [HOOK] [options]`: the one hook named before any option that takes a value (`--files
    /// a b` names files, not hooks), else the default stage's hooks; `-c FILE` names another configuration.
    private func preCommitInvocation(runner: PipelineCatalogue.Runner, arguments: [String]) -> Invocation? {
        var explicitFile: String?
        var hook: String?
        var index = 0
        scan: while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "-c", "--config":
                if index + 1 < arguments.count { explicitFile = Self.clean(arguments[index + 1]) }
                index += 2
            case "--files", "--from-ref", "--to-ref", "-s", "-o", "--source", "--origin", "--hook-stage":
                break scan
            default:
                if !argument.hasPrefix("-"), !argument.hasPrefix("$"), !argument.contains("=") {
                    hook = Self.unquote(argument)
                    break scan
                }
                index += 1
            }
        }
        let candidates = explicitFile.map { [$0] } ?? runner.files
        guard let file = candidates.first(where: tree.exists) else { return nil }
        return Invocation(runner: runner, file: file, targets: [hook ?? "default"])
    }

    /// The first target of a Makefile (what `make` alone runs), read once per file.
    private func firstTarget(in file: String) -> String? {
        if let known = firstTargets[file] { return known }
        let first = recipes(in: file, format: .makefile).first?.name
        firstTargets[file] = first
        return first
    }

    /// A file's targets in file order, read once per file and format (`make` alone and `make test` both
    /// need the Makefile).
    private func recipes(in file: String, format: TaskRunnerFormat) -> [RunnerTarget] {
        let key = RecipeKey(file: file, format: format)
        if let known = recipesByFile[key] { return known }
        let found: [RunnerTarget]
        if let recipeMemo, let blob = tree.entry(file)?.object {
            found = recipeMemo.targets(of: blob, format: format, file: file) { tree.text(file) } ?? []
        } else {
            found = tree.text(file).map { TaskRunnerRecipes.read($0, format: format, file: file) } ?? []
        }
        recipesByFile[key] = found
        return found
    }

    /// Splits a shell text into simple commands at newlines, `&&`, `||`, `;` and `|`.
    static func commands(in text: String) -> [String] {
        var result: [String] = []
        for line in TextLines.nonEmpty(text) {
            var parts = [line]
            // Most lines hold no separator at all: no `&`, `|` or `;` byte, no such character.
            let separated = line.utf8.contains { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: ";") }
            for separator in ["&&", "||", ";", "|"] where separated {
                parts = parts.flatMap { $0.split(separator: separator, omittingEmptySubsequences: true) }
            }
            result += parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return result
    }

    private static func sameCommand(_ word: String, _ token: String) -> Bool {
        word == token || word == baseName(token)
    }

    private static func baseName(_ token: String) -> String {
        token.split(separator: "/").last.map(String.init) ?? token
    }

    private static func clean(_ text: String) -> String {
        var value = unquote(text)
        while value.hasPrefix("./") { value.removeFirst(2) }
        return value == "." ? "" : value
    }

    private static func unquote(_ text: String) -> String {
        text.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
    }
}
