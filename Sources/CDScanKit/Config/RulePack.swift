import Foundation

/// A rule pack: a directory of YAML files. Rule files sit at its top or under `characteristics/`;
/// catalogue files under `catalogues/`, laid over the built-in catalogues by id (`CatalogueStack`). A
/// catalogue file's path is the one messages show: the pack's directory (or folder in the repository) and
/// `catalogues/…`.
public struct RulePack: Sendable {
    public let rules: [RuleSourceFile]
    public let catalogues: [RuleSourceFile]

    /// Reads a pack from the file system (`--rules DIR`).
    public static func load(directory: String) throws(RuleErrors) -> RulePack {
        let root = URL(fileURLWithPath: directory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RuleErrors(errors: [RuleError(file: directory, mark: nil, message: "not a directory")])
        }
        var files: [(String, String)] = []
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard ["yml", "yaml"].contains(url.pathExtension) else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            do {
                files.append((relative, try String(contentsOf: url, encoding: .utf8)))
            } catch {
                throw RuleErrors(errors: [RuleError(file: url.path, mark: nil, message: "cannot read: \(error.localizedDescription)")])
            }
        }
        return assemble(files, display: { (directory as NSString).appendingPathComponent($0) }, origin: .pack(directory))
    }

    /// Reads a pack from the scanned repository's HEAD tree (a `rules:` entry of `.cdscan.yml`).
    public static func load(prefix: String, tree: [TreeEntry], files reader: RepositoryFiles, config: String) -> RulePack {
        var files: [(String, String)] = []
        for entry in tree where entry.path.hasPrefix(prefix) && (entry.path.hasSuffix(".yml") || entry.path.hasSuffix(".yaml")) {
            if case .text(let text) = reader.read(entry) {
                files.append((String(entry.path.dropFirst(prefix.count)), text))
            }
        }
        return assemble(files, display: { prefix + $0 }, origin: .config(config))
    }

    /// Checks every catalogue file of the pack, laid over the built-in ones: a file that is no catalogue
    /// cdscan reads, broken YAML, an unknown key, a pattern outside the supported subset, an unknown
    /// `feeds:` name, an id used twice in the pack … Each error names the file as the pack's directory
    /// (as the user or the repository's configuration wrote it) joined with its path: `file:line:col`.
    public func checkCatalogues() throws(ScanSetupError) {
        guard !catalogues.isEmpty else { return }
        let errors = LoadedCatalogues(CatalogueStack(layers: [BuiltInRules.files(under: "catalogues/"), catalogues])).errors
        guard errors.isEmpty else { throw ScanSetupError(description: errors.map(\.description).joined(separator: "\n")) }
    }

    private static func assemble(_ files: [(String, String)], display: (String) -> String, origin: RuleOrigin) -> RulePack {
        var rules: [RuleSourceFile] = []
        var catalogues: [RuleSourceFile] = []
        for (relative, text) in files.sorted(by: { $0.0 < $1.0 }) {
            if relative.hasPrefix("catalogues/") {
                catalogues.append(RuleSourceFile(path: display(relative), text: text, origin: origin))
            } else if !relative.contains("/") || relative.hasPrefix("characteristics/") {
                rules.append(RuleSourceFile(path: display(relative), text: text, origin: origin))
            }
        }
        return RulePack(rules: rules, catalogues: catalogues)
    }
}
