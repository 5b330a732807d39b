import Foundation

#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// The loose objects of a repository and of its alternates, and their files read and checked by
/// `LooseObjectDecoder` (libgit2 never reads these files). A fan-out directory (`objects/xx`) is listed
/// the first time an object of its prefix is missing from the packs: a packed repository lists none,
/// and a repository with a few new loose commits lists a few directories rather than all of them.
final class LooseObjectStore {
    /// Every object directory: the repository's own first, then its alternates.
    let directories: [String]
    /// Which directory holds each loose object listed so far.
    private var listed: [ObjectID: Int] = [:]
    /// Whether the fan-out directory of each first byte was listed (in every object directory).
    private var listedPrefixes = [Bool](repeating: false, count: 256)

    init(objectsDirectory: String, alternates: [String]) {
        directories = [objectsDirectory] + alternates
    }

    /// Whether the object is known to be a loose file, so that it is read as one without asking the
    /// packs first. False for an object whose fan-out directory was not listed yet.
    func isListed(_ id: ObjectID) -> Bool { listedPrefixes[Int(id.firstByte)] && listed[id] != nil }

    /// The path of the object's loose file: where its fan-out directory listed it, else the first
    /// directory that holds it now (written since); nil when there is none.
    func file(of id: ObjectID) -> String? {
        let prefix = Int(id.firstByte)
        if !listedPrefixes[prefix] {
            listedPrefixes[prefix] = true
            let name = String(id.hex.prefix(2))
            for (index, directory) in directories.enumerated() { list(directory + "/" + name, prefix: name, index: index) }
        }
        let name = Self.relativePath(of: id)
        if let index = listed[id] { return directories[index] + "/" + name }
        for directory in directories {
            let path = directory + "/" + name
            if access(path, F_OK) == 0 { return path }
        }
        return nil
    }

    /// Reads a loose object file in full, refusing files larger than any valid encoding of an object
    /// of `maximumSize` bytes could be.
    func read(_ path: String, maximumSize: Int) throws(LooseObjectFileError) -> [UInt8] {
        // Deflate never grows data by more than a few bytes per 16 KiB block, plus header and checksum.
        try Self.contents(of: path, limit: maximumSize + maximumSize / 1000 + 1024)
    }

    /// Reads the first `count` bytes of a loose object file (fewer if it is shorter).
    func readPrefix(_ path: String, count: Int) throws(LooseObjectFileError) -> [UInt8] {
        try Self.contents(of: path, limit: count, truncating: true)
    }

    /// `xx/yyyy…`: the fan-out directory is the id's first byte in hex.
    static func relativePath(of id: ObjectID) -> String {
        let hex = id.hex
        return String(hex.prefix(2)) + "/" + String(hex.dropFirst(2))
    }

    private func list(_ fanOut: String, prefix: String, index: Int) {
        guard let files = DirectoryNames.of(fanOut) else { return }
        for file in files where file.utf8.count == 38 {
            guard let id = ObjectID(hex: prefix + file) else { continue }
            if listed[id] == nil { listed[id] = index }
        }
    }

    private static func contents(of path: String, limit: Int, truncating: Bool = false) throws(LooseObjectFileError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(String(cString: strerror(errno))) }
        let size = Int(status.st_size)
        if size > limit && !truncating { throw .tooLarge(size) }
        let wanted = min(size, limit)
        var bytes = [UInt8](repeating: 0, count: wanted)
        var filled = 0
        while filled < wanted {
            let count = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + filled, wanted - filled)
            }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
            if count == 0 { break }  // the file shrank since fstat
            filled += count
        }
        if filled < wanted { bytes.removeLast(wanted - filled) }
        return bytes
    }
}

/// Why a loose object's file could not be read at all (before decoding).
enum LooseObjectFileError: Error {
    case unreadable(String)
    case tooLarge(Int)
}

private extension UInt8 {
    var isHexDigit: Bool { (48...57).contains(self) || (97...102).contains(self) }
}

extension LooseObjectStore {
    /// The object directories a repository borrows from (`objects/info/alternates`, one per line,
    /// relative paths from the objects directory), followed to a depth of five as git does.
    static func alternates(of objectsDirectory: String) -> [String] {
        var found: [String] = []
        var seen: Set<String> = [URL(fileURLWithPath: objectsDirectory).standardizedFileURL.path]
        var frontier = [(objectsDirectory, 0)]
        while let (directory, depth) = frontier.popLast(), depth < 5 {
            let file = directory + "/info/alternates"
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            for line in text.split(whereSeparator: \.isNewline) {
                let entry = line.trimmingCharacters(in: .whitespaces)
                guard !entry.isEmpty, !entry.hasPrefix("#") else { continue }
                let url = entry.hasPrefix("/") ? URL(fileURLWithPath: entry)
                    : URL(fileURLWithPath: directory).appendingPathComponent(entry)
                let path = url.standardizedFileURL.path
                guard seen.insert(path).inserted else { continue }
                found.append(path)
                frontier.append((path, depth + 1))
            }
        }
        return found
    }
}
