import Foundation

// Writes a Swift file that holds files of a directory as strings, so they travel inside the cdscan binary:
// a binary copied anywhere has its built-in rules and its dashboard's stylesheet and scripts without the
// source tree or a resource bundle.
// Usage: EmbedFilesTool <directory> <enum name> <output .swift file> <extension>...

let arguments = CommandLine.arguments
guard arguments.count >= 5 else {
    FileHandle.standardError.write(Data("usage: EmbedFilesTool DIRECTORY ENUM OUTPUT EXTENSION...\n".utf8))
    exit(64)
}
let root = URL(fileURLWithPath: arguments[1]).standardizedFileURL
let enumName = arguments[2]
let output = URL(fileURLWithPath: arguments[3])
let extensions = Set(arguments.dropFirst(4))

var paths: [String] = []
if let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) {
    for case let url as URL in enumerator {
        let values = try url.resourceValues(forKeys: [.isRegularFileKey])
        guard values.isRegularFile == true, extensions.contains(url.pathExtension) else { continue }
        paths.append(String(url.standardizedFileURL.path.dropFirst(root.path.count + 1)))
    }
}
paths.sort()

let directory = root.lastPathComponent + "/"
var source = "// Generated at build time by EmbedFilesTool from \(directory): do not edit.\n\n"
source += "enum \(enumName) {\n    /// Path under \(directory) → file text, sorted by path.\n"
source += "    static let files: [(path: String, text: String)] = [\n"
for path in paths {
    let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    // A raw string with more #s than any run of #s in the text cannot be closed early (nor interpolate).
    var hashes = "#"
    while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
    source += "        (\(String(reflecting: path)), \(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)),\n"
}
source += "    ]\n}\n"
try source.write(to: output, atomically: true, encoding: .utf8)
