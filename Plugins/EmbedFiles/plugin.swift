import Foundation
import PackagePlugin

/// Embeds text files into the target that uses this plugin, as a generated enum of strings: the release
/// archive is one binary, without resource bundles. Each target that uses it has one entry below.
@main
struct EmbedFiles: BuildToolPlugin {
    struct Embedding {
        /// Relative to the package's root.
        let directory: String
        /// The generated enum, `static let files: [(path: String, text: String)]`.
        let enumName: String
        let extensions: [String]
    }

    static let embeddings: [String: Embedding] = [
        "CDScanKit": Embedding(directory: "Rules", enumName: "EmbeddedRules", extensions: ["yml", "yaml"]),
        "CDScanOrg": Embedding(directory: "Sources/CDScanOrg/Assets", enumName: "EmbeddedAssets", extensions: ["css", "js"]),
    ]

    struct NoEmbedding: Error, CustomStringConvertible {
        let target: String
        var description: String { "EmbedFiles has no entry for the target \(target) (Plugins/EmbedFiles/plugin.swift)" }
    }

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let embedding = Self.embeddings[target.name] else { throw NoEmbedding(target: target.name) }
        let directory = context.package.directoryURL.appending(path: embedding.directory)
        let output = context.pluginWorkDirectoryURL.appending(path: "\(embedding.enumName).swift")
        var inputs: [URL] = []
        if let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) {
            for case let url as URL in enumerator where embedding.extensions.contains(url.pathExtension) {
                inputs.append(url)
            }
        }
        return [.buildCommand(
            displayName: "Embedding \(embedding.directory)/ into \(target.name)",
            executable: try context.tool(named: "EmbedFilesTool").url,
            arguments: [directory.path, embedding.enumName, output.path] + embedding.extensions,
            inputFiles: inputs.sorted { $0.path < $1.path },
            outputFiles: [output])]
    }
}
