#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file mapped read-only into memory, unmapped when this object goes. Pack files and their
/// indexes are read this way: a history walk reads them out of order, and the kernel's page cache then
/// holds each page once for every reader in the process.
final class MappedFile {
    let bytes: UnsafeRawBufferPointer
    private let mapping: UnsafeMutableRawPointer
    private let isCopy: Bool

    /// Maps `path`; nil when it cannot be opened, is not a regular file, or is shorter than `minimumSize`.
    init?(path: String, minimumSize: Int) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
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
