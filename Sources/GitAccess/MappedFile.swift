import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file mapped read-only into memory, unmapped when this object goes. Pack files and their
/// indexes are read this way: a history walk reads them out of order, and the kernel's page cache then
/// holds each page once for every reader in the process.
final class MappedFile: @unchecked Sendable {  // immutable once made: the mapping is read-only
    let bytes: UnsafeRawBufferPointer
    private let mapping: UnsafeMutableRawPointer
    private let isCopy: Bool

    /// Maps the open file; nil when it is not a regular file or is shorter than `minimumSize`.
    private init?(descriptor: Int32, status: stat, minimumSize: Int) {
        guard (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(status.st_size)
        guard size >= max(minimumSize, 1) else { return nil }
        let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let address, address != MAP_FAILED else { return nil }
        mapping = address
        isCopy = false
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    /// A copy of `contents` held in memory as if it were a mapped file (the fuzzing harness's packs).
    init(copying contents: UnsafeRawBufferPointer) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(contents.count, 1), alignment: 16)
        if let source = contents.baseAddress { copy.baseAddress!.copyMemory(from: source, byteCount: contents.count) }
        mapping = copy.baseAddress!
        isCopy = true
        bytes = UnsafeRawBufferPointer(start: copy.baseAddress!, count: contents.count)
    }

    deinit {
        if isCopy { mapping.deallocate() } else { munmap(mapping, bytes.count) }
    }
}

extension MappedFile {
    /// The process's mappings by file, so that the object databases of a scan's threads (one per thread)
    /// map each pack once: its pages are then counted once in the resident set, not once per reader.
    /// A file is known by its device, inode, size and modification time, so a pack rewritten in place is
    /// mapped anew; a mapping goes when its last reader does.
    private static let registry = SharedMappings()

    /// `path` mapped, shared with every other reader of the same file in the process.
    static func shared(path: String, minimumSize: Int) -> MappedFile? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        let key = FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino), size: Int64(status.st_size),
                               modified: Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec))
        return registry.mapping(for: key) {
            MappedFile(descriptor: descriptor, status: status, minimumSize: minimumSize)
        }
    }
}

private struct FileIdentity: Hashable {
    let device: UInt64
    let inode: UInt64
    let size: Int64
    let modified: Int64
}

private final class SharedMappings: @unchecked Sendable {  // `mappings` only under `lock`
    private struct Weak {
        weak var file: MappedFile?
    }

    private let lock = NSLock()
    private var mappings: [FileIdentity: Weak] = [:]

    func mapping(for key: FileIdentity, make: () -> MappedFile?) -> MappedFile? {
        lock.lock()
        defer { lock.unlock() }
        if let file = mappings[key]?.file { return file }
        guard let file = make() else { return nil }
        // Forget the mappings whose readers are all gone before adding one.
        mappings = mappings.filter { $0.value.file != nil }
        mappings[key] = Weak(file: file)
        return file
    }
}
