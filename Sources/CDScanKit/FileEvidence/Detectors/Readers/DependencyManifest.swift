import Foundation

/// The package ecosystems whose manifests the detectors read for dependency names.
public enum DependencyEcosystem: String, Sendable, Hashable, CaseIterable, Comparable {
    case go, npm, pypi, maven, cargo, rubygems, nuget, swiftpm, composer, hex

    public static func < (lhs: DependencyEcosystem, rhs: DependencyEcosystem) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The ecosystem whose manifest format `path` is, by file name (the format is code's knowledge; which
    /// dependency means which tool is the catalogues').
    public static func of(manifest path: String) -> DependencyEcosystem? {
        let name = String(lastName(of: path)).lowercased()
        switch name {
        case "go.mod": return .go
        case "package.json": return .npm
        case "pyproject.toml", "pipfile", "setup.py", "setup.cfg": return .pypi
        case "pom.xml", "build.gradle", "build.gradle.kts", "libs.versions.toml": return .maven
        case "cargo.toml": return .cargo
        case "gemfile": return .rubygems
        case "package.swift": return .swiftpm
        case "composer.json": return .composer
        case "mix.exs": return .hex
        case "packages.config", "directory.packages.props": return .nuget
        default: break
        }
        if name.hasPrefix("requirements") && name.hasSuffix(".txt") { return .pypi }
        if name.hasSuffix(".txt") && path.lowercased().contains("requirements/") { return .pypi }
        if name.hasSuffix(".gemspec") { return .rubygems }
        if name.hasSuffix(".csproj") || name.hasSuffix(".fsproj") || name.hasSuffix(".vbproj") { return .nuget }
        return nil
    }

    /// `path.split(separator: "/").last ?? path`, read from the end: only the last name is walked, by byte
    /// when the path is ASCII (then every `/` byte is a `/` character).
    private static func lastName(of path: String) -> Substring {
        let bytes = path.utf8
        if bytes.allSatisfy({ $0 < 0x80 }) {
            let slash = UInt8(ascii: "/")
            var end = bytes.endIndex
            while end > bytes.startIndex, bytes[bytes.index(before: end)] == slash { end = bytes.index(before: end) }
            guard end > bytes.startIndex else { return path[...] }
            let start = bytes[..<end].lastIndex(of: slash).map { bytes.index(after: $0) } ?? bytes.startIndex
            return path[start..<end]
        }
        var end = path.endIndex
        while end > path.startIndex, path[path.index(before: end)] == "/" { end = path.index(before: end) }
        guard end > path.startIndex else { return path[...] }
        let start = path[..<end].lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        return path[start..<end]
    }
}

/// One dependency a manifest declares, and the line that declares it.
public struct DeclaredDependency: Sendable, Hashable {
    public let name: String
    public let line: Int
    /// Declared for development only (Cargo's `[dev-dependencies]`, npm's `devDependencies`, Composer's
    /// `require-dev`, Python's development groups, extras and requirements files, a Gemfile's development
    /// and test groups): the tests and examples use it, the software it builds does not.
    public var development = false

    public init(name: String, line: Int, development: Bool = false) {
        self.name = name
        self.line = line
        self.development = development
    }

    /// The same dependency, development when `development` (or already so).
    func marked(development: Bool) -> DeclaredDependency {
        DeclaredDependency(name: name, line: line, development: self.development || development)
    }
}

/// Light, line-oriented readers of dependency manifests. They do not resolve anything; they pick out the
/// names a manifest declares, which is all the catalogues match on.
enum DependencyManifest {
    static func dependencies(in text: String, ecosystem: DependencyEcosystem, path: String) -> [DeclaredDependency] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let found: [DeclaredDependency]
        switch ecosystem {
        case .go: found = goModules(lines)
        case .npm: found = jsonKeys(text, lines, sections: ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"],
                                    development: ["devDependencies"])
        case .composer: found = jsonKeys(text, lines, sections: ["require", "require-dev"], development: ["require-dev"])
        case .pypi:
            found = path.lowercased().hasSuffix(".txt")
                ? requirements(lines).map { $0.marked(development: isDevelopmentRequirementsFile(path)) }
                : pythonProject(lines)
        case .maven: found = path.lowercased().hasSuffix("pom.xml") ? pom(text) : gradleCoordinates(lines)
        case .cargo: found = tomlDependencyKeys(lines)
        case .rubygems:
            let development = rubyDevelopmentLines(lines)
            found = captures(lines, #"^\s*(?:gem|s(?:pec)?\.add_(?:runtime_|development_)?dependency|add_(?:runtime_|development_)?dependency)\s*\(?\s*["']([^"']+)["']"#)
                .map { $0.marked(development: development.contains($0.line)) }
        case .nuget: found = captures(lines, #"<(?:PackageReference|PackageVersion|package)\s[^>]*?(?:Include|id)\s*=\s*"([^"]+)""#)
        case .swiftpm: found = swiftPackages(lines)
        case .hex: found = captures(lines, #"\{\s*:([a-z0-9_]+)\s*,"#)
        }
        return Array(Set(found)).sorted { ($0.line, $0.name, $0.development ? 1 : 0) < ($1.line, $1.name, $1.development ? 1 : 0) }
    }

    /// The modules go.mod requires. A `// indirect` requirement is a dependency of a dependency, which the
    /// project itself does not use (an OpenTelemetry pulled in by a library is no instrumentation).
    private static func goModules(_ lines: [String]) -> [DeclaredDependency] {
        var result: [DeclaredDependency] = []
        var inRequire = false
        for (index, raw) in lines.enumerated() {
            let parts = raw.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false)
            let line = parts.first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
            let indirect = parts.count > 1 && parts[1].trimmingCharacters(in: .whitespaces).hasPrefix("indirect")
            if indirect, !line.hasPrefix(")") { continue }
            if inRequire {
                if line.hasPrefix(")") { inRequire = false; continue }
                if let module = line.split(separator: " ").first, !module.isEmpty {
                    result.append(.init(name: String(module), line: index + 1))
                }
            } else if line.hasPrefix("require") {
                let rest = line.dropFirst("require".count).trimmingCharacters(in: .whitespaces)
                if rest.hasPrefix("(") { inRequire = true }
                else if let module = rest.split(separator: " ").first { result.append(.init(name: String(module), line: index + 1)) }
            }
        }
        return result
    }

    private static func jsonKeys(_ text: String, _ lines: [String], sections: [String], development: Set<String>) -> [DeclaredDependency] {
        guard let data = text.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
        var names: [(String, Bool)] = []
        for section in sections {
            if let table = object[section] as? [String: Any] { names += table.keys.map { ($0, development.contains(section)) } }
        }
        return names.map { name, isDevelopment in
            let quoted = "\"\(name)\""
            let line = lines.firstIndex { $0.contains(quoted) }.map { $0 + 1 } ?? 1
            return DeclaredDependency(name: name, line: line, development: isDevelopment)
        }
    }

    private static func requirements(_ lines: [String]) -> [DeclaredDependency] {
        captures(lines, #"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)"#)
    }

    /// pyproject.toml, Pipfile, setup.py, setup.cfg: quoted requirement strings (`"requests>=2"`) and the
    /// keys of dependency tables (`[tool.poetry.dependencies]`, `[packages]`). Development ones are those of
    /// a development table (`[tool.poetry.group.dev.dependencies]`, `[dev-packages]`, PEP 735's
    /// `[dependency-groups]`) or of a development extra (`test = [...]` under `[project.optional-dependencies]`).
    private static func pythonProject(_ lines: [String]) -> [DeclaredDependency] {
        var developmentLines: Set<Int> = []
        var result: [DeclaredDependency] = []
        var inTable = false
        var tableIsDevelopment = false
        var inExtras = false
        var extraIsDevelopment = false
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") && !line.hasPrefix("[\"") && !line.hasPrefix("['") {
                let header = line.lowercased()
                inExtras = header == "[project.optional-dependencies]" || header == "[tool.poetry.extras]"
                    || header == "[dependency-groups]"
                // Tables whose keys are packages (`[tool.poetry.dependencies]`); the keys of extras and
                // dependency groups name the group, their values hold the requirements.
                inTable = !inExtras && (header.contains("dependencies") || header == "[packages]" || header == "[dev-packages]")
                let words = Set(header.split(whereSeparator: { !$0.isLetter }).map(String.init))
                tableIsDevelopment = header == "[dependency-groups]" || !words.isDisjoint(with: developmentWords) || header == "[dev-packages]"
                extraIsDevelopment = false
                continue
            }
            if inExtras, let key = line.split(separator: "=", maxSplits: 1).first, line.contains("="), !line.hasPrefix("\""), !line.hasPrefix("'") {
                extraIsDevelopment = developmentWords.contains(key.trimmingCharacters(in: .whitespaces).lowercased())
            }
            if (inTable && tableIsDevelopment) || (inExtras && (extraIsDevelopment || tableIsDevelopment)) { developmentLines.insert(index + 1) }
            if inTable, let key = line.split(separator: "=", maxSplits: 1).first, line.contains("=") {
                let name = key.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                // A package's name, not a requirement string continuing an array (`"pytest>=8",`).
                if !name.isEmpty, name != "python", name.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) {
                    result.append(.init(name: name, line: index + 1))
                }
            }
        }
        result += captures(lines, #"["']([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[<>=!~;]|["'])"#)
        return result.map { $0.marked(development: developmentLines.contains($0.line)) }
    }

    /// Names of development groups and extras (`dev`, `test`, `lint`, `docs` …).
    static let developmentWords: Set<String> = ["dev", "develop", "development", "test", "tests", "testing", "lint", "linting",
                                                "docs", "doc", "typing", "types", "mypy", "ci"]

    /// `requirements-dev.txt`, `test-requirements.txt`, `requirements/test.txt`: a development requirements file.
    static func isDevelopmentRequirementsFile(_ path: String) -> Bool {
        let words = Set(path.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
        return !words.isDisjoint(with: developmentWords)
    }

    /// The lines of a Gemfile inside `group :development, :test do … end` (groups of development and test
    /// only), and `gem` lines with `group: :test`.
    private static func rubyDevelopmentLines(_ lines: [String]) -> Set<Int> {
        var result: Set<Int> = []
        var inGroup = false
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("group "), line.hasSuffix(" do") || line.contains(" do ") {
                let symbols = line.dropFirst("group ".count).split(whereSeparator: { !$0.isLetter }).map(String.init).filter { $0 != "do" }
                inGroup = !symbols.isEmpty && symbols.allSatisfy { ["development", "test"].contains($0) }
                continue
            }
            if line == "end" { inGroup = false; continue }
            let inlineGroup = line.contains("group: :test") || line.contains("group: :development") || line.contains(":group => :test")
            if inGroup || inlineGroup || line.contains("add_development_dependency") { result.insert(index + 1) }
        }
        return result
    }

    private static func pom(_ text: String) -> [DeclaredDependency] {
        let pattern = #"<groupId>\s*([^<\s]+)\s*</groupId>\s*<artifactId>\s*([^<\s]+)\s*</artifactId>"#
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { match in
            guard let group = Range(match.range(at: 1), in: text), let artifact = Range(match.range(at: 2), in: text) else { return nil }
            let line = text[..<group.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            return DeclaredDependency(name: "\(text[group]):\(text[artifact])", line: line)
        }
    }

    /// `"group:artifact:version"` strings of Gradle scripts and version catalogues, as `group:artifact`.
    private static func gradleCoordinates(_ lines: [String]) -> [DeclaredDependency] {
        captures(lines, #"["']([A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+)(?::[^"']*)?["']"#)
    }

    private static func tomlDependencyKeys(_ lines: [String]) -> [DeclaredDependency] {
        var result: [DeclaredDependency] = []
        var inTable = false
        var development = false
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                let header = line.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                let parts = header.split(separator: ".").map(String.init)
                if let position = parts.firstIndex(where: { $0.hasSuffix("dependencies") }) {
                    // `[dev-dependencies]`, `[target.'cfg(unix)'.dev-dependencies]`: the tests' and examples'.
                    development = parts[position] == "dev-dependencies"
                    if position + 1 < parts.count {
                        result.append(.init(name: parts[position + 1], line: index + 1, development: development))
                        inTable = false
                    } else {
                        inTable = true
                    }
                } else {
                    inTable = false
                }
                continue
            }
            if inTable, line.contains("="), !line.hasPrefix("#"), let key = line.split(separator: "=", maxSplits: 1).first {
                let name = key.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                result.append(.init(name: name, line: index + 1, development: development))
            }
        }
        return result
    }

    /// `.package(url: "https://github.com/apple/swift-metrics.git", …)` as `github.com/apple/swift-metrics`.
    private static func swiftPackages(_ lines: [String]) -> [DeclaredDependency] {
        var result: [DeclaredDependency] = []
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("#") || trimmed.hasPrefix("//") { continue }
            for url in packageURLs(in: Array(line.utf8)) {
                var name = url
                for prefix in ["https://", "http://", "git@", "ssh://"] where name.hasPrefix(prefix) { name.removeFirst(prefix.count) }
                if name.hasSuffix(".git") { name.removeLast(4) }
                result.append(DeclaredDependency(name: name.replacingOccurrences(of: ":", with: "/"), line: index + 1))
            }
        }
        return result
    }

    /// The `url: "…"` strings that follow a `.package(` with no `)` between them, in one pass over the line.
    /// (A backtracking pattern for the same thing took minutes on a line of 100,000 `.package(`.)
    static func packageURLs(in line: [UInt8]) -> [String] {
        var urls: [String] = []
        var open = false
        var index = 0
        func skipSpaces(_ position: inout Int) {
            while position < line.count, line[position] == UInt8(ascii: " ") || line[position] == UInt8(ascii: "\t") { position += 1 }
        }
        while index < line.count {
            if line[index] == UInt8(ascii: ")") {
                open = false
                index += 1
            } else if line.starts(with: Self.packageWord, from: index) {
                var after = index + Self.packageWord.count
                skipSpaces(&after)
                if after < line.count, line[after] == UInt8(ascii: "(") {
                    open = true
                    index = after + 1
                } else {
                    index += 1
                }
            } else if open, line.starts(with: Self.urlWord, from: index) {
                var start = index + Self.urlWord.count
                skipSpaces(&start)
                guard start < line.count, line[start] == UInt8(ascii: "\"") else { index += 1; continue }
                var end = start + 1
                while end < line.count, line[end] != UInt8(ascii: "\"") { end += 1 }
                guard end < line.count, end > start + 1 else { index += 1; continue }
                urls.append(String(decoding: line[(start + 1)..<end], as: UTF8.self))
                open = false
                index = end + 1
            } else {
                index += 1
            }
        }
        return urls
    }

    private static let packageWord = Array(".package".utf8)
    private static let urlWord = Array("url:".utf8)

    /// The first capture group of `pattern` on each line.
    private static func captures(_ lines: [String], _ pattern: String) -> [DeclaredDependency] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        var result: [DeclaredDependency] = []
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("#") || trimmed.hasPrefix("//") { continue }
            let range = NSRange(line.startIndex..., in: line)
            for match in expression.matches(in: line, range: range) {
                if let capture = Range(match.range(at: 1), in: line) {
                    result.append(.init(name: String(line[capture]), line: index + 1))
                }
            }
        }
        return result
    }
}

private extension Array where Element == UInt8 {
    func starts(with word: [UInt8], from index: Int) -> Bool {
        guard index + word.count <= count else { return false }
        for offset in 0..<word.count where self[index + offset] != word[offset] { return false }
        return true
    }
}
