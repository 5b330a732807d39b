import Foundation

/// Files of this checkout the tests read: schemas, golden reports, documentation examples.
enum ProjectFiles {
    /// The package's root directory (the one holding Package.swift).
    static let root: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) { return directory }
            directory.deleteLastPathComponent()
        }
        fatalError("no Package.swift above \(#filePath)")
    }()

    static func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }
}

/// Validates JSON documents against a JSON Schema with `scripts/validate-json-schema` (Python's
/// jsonschema, which `scripts/setup --tests` installs). A missing validator is a failure, not a skip.
enum SchemaValidator {
    struct Outcome {
        let status: Int32
        let problems: String
        var isValid: Bool { status == 0 }
    }

    static func validate(_ documents: [String], schema: String) throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var paths: [String] = []
        for (index, document) in documents.enumerated() {
            let file = scratch.appendingPathComponent("document-\(index).json")
            try Data(document.utf8).write(to: file)
            paths.append(file.path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", ProjectFiles.url("scripts/validate-json-schema").path, ProjectFiles.url(schema).path] + paths
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, problems: text)
    }
}
