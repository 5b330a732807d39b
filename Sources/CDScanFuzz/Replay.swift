import Foundation

/// `cdscan-fuzz <harness> <files or folders…>`: runs every input through the harness once, in path
/// order, and prints one line per input. The seed corpus and every past finding are replayed this way by
/// the tests; under libFuzzer (a `-DFUZZING` build) libFuzzer's own driver replaces this.
enum Replay {
    static func run(_ arguments: [String]) -> Int32 {
        guard let name = arguments.first, let harness = Harnesses.all[name] else {
            FileHandle.standardError.write(Data("usage: cdscan-fuzz <\(Harnesses.names.joined(separator: "|"))> <files or folders…>\n".utf8))
            return 2
        }
        var inputs: [URL] = []
        for argument in arguments.dropFirst() {
            let url = URL(fileURLWithPath: argument)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
                FileHandle.standardError.write(Data("cdscan-fuzz: no such file or folder: \(argument)\n".utf8))
                return 2
            }
            if isFolder.boolValue {
                let found = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])?
                    .compactMap { $0 as? URL }
                    .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true } ?? []
                inputs += found.sorted { $0.path < $1.path }
            } else {
                inputs.append(url)
            }
        }
        for input in inputs {
            guard let data = FileManager.default.contents(atPath: input.path) else {
                FileHandle.standardError.write(Data("cdscan-fuzz: cannot read \(input.path)\n".utf8))
                return 2
            }
            let started = Date()
            harness(Array(data))
            let milliseconds = Int(Date().timeIntervalSince(started) * 1000)
            print("ok \(name) \(input.path) (\(data.count) bytes, \(milliseconds) ms)")
        }
        print("\(inputs.count) input\(inputs.count == 1 ? "" : "s") replayed through \(name)")
        return 0
    }
}
