import Foundation

/// Whole cache files read and written with plain system calls, straight from and into `[UInt8]`: a
/// million-commit history is tens of megabytes, which `Data` would copy once more each way.
enum CacheFile {
    static func read(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw CacheFileError("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw CacheFileError("cannot read \(path): \(String(cString: strerror(errno)))") }
        let size = Int(status.st_size)
        var filled = 0
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            while filled < size {
                let got = Foundation.read(descriptor, buffer.baseAddress! + filled, size - filled)
                if got < 0, errno == EINTR { continue }
                guard got > 0 else {
                    failure = got < 0 ? errno : 0
                    break
                }
                filled += got
            }
            initialized = filled
        }
        guard filled == size else {
            throw CacheFileError("cannot read \(path): " + (failure != 0 ? String(cString: strerror(failure)) : "it changed while read"))
        }
        return bytes
    }

    /// Writes `parts` one after the other into a new file at `path`.
    static func write(_ parts: [[UInt8]], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw CacheFileError("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        for part in parts {
            var written = 0
            try part.withUnsafeBytes { raw in
                while written < raw.count {
                    let done = Foundation.write(descriptor, raw.baseAddress! + written, raw.count - written)
                    if done < 0, errno == EINTR { continue }
                    guard done > 0 else { throw CacheFileError("cannot write \(path): \(String(cString: strerror(errno)))") }
                    written += done
                }
            }
        }
    }
}
