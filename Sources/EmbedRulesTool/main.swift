import Foundation

// Writes a Swift file that holds every file under Rules/ as a string, so that the built-in rules and
// catalogues travel inside the cdscan binary: a binary copied anywhere finds them without the source tree.
// Usage: EmbedRulesTool <Rules directory> <output .swift file>

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: EmbedRulesTool RULES_DIR OUTPUT\n".utf8))
    exit(64)
}
let root = URL(fileURLWithPath: arguments[1]).standardizedFileURL
let output = URL(fileURLWithPath: arguments[2])

var paths: [String] = []
if let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) {
    for case let url as URL in enumerator {
        let values = try url.resourceValues(forKeys: [.isRegularFileKey])
        guard values.isRegularFile == true else { continue }
        let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
        guard relative.hasSuffix(".yml") || relative.hasSuffix(".yaml") else { continue }
        paths.append(relative)
    }
}
paths.sort()

var source = "// Generated at build time by EmbedRulesTool from Rules/: do not edit.\n\n"
source += "enum EmbeddedRules {\n    /// Path under Rules/ → file text, sorted by path.\n    static let files: [(path: String, text: String)] = [\n"
for path in paths {
    let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    // A raw string with more #s than any run of #s in the text cannot be closed early.
    var hashes = "#"
    while text.contains("\"" + hashes) { hashes += "#" }
    source += "        (\(String(reflecting: path)), \(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)),\n"
}
source += "    ]\n}\n"
try source.write(to: output, atomically: true, encoding: .utf8)
