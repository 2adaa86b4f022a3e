import Foundation

/// A system call failed: which call, on which path, and the errno it left.
public struct SystemCallError: Error, Sendable, Equatable, CustomStringConvertible {
    public let call: String
    public let path: String
    public let errno: Int32

    /// The system's words for `errno` ("Permission denied"): the one place strerror is called.
    public var reason: String { String(cString: strerror(errno)) }
    public var description: String { "\(path): \(call): \(reason)" }
}

/// The POSIX calls Grader makes itself, each retried on EINTR and failing with a typed error
/// that names the path, as swift-nio's NIOPosix/System.swift does: call sites never read errno.
package enum SystemCall {
    /// Runs `body`, a call that returns -1 and sets errno on failure, until it is not interrupted.
    @discardableResult
    static func retrying<Result: SignedInteger>(_ call: String, path: String,
                                                _ body: () -> Result) throws(SystemCallError) -> Result {
        while true {
            let result = body()
            guard result == -1 else { return result }
            let error = Foundation.errno
            guard error == EINTR else { throw SystemCallError(call: call, path: path, errno: error) }
        }
    }

    package static func open(_ path: String, _ flags: Int32, mode: mode_t = 0) throws(SystemCallError) -> Int32 {
        try retrying("open", path: path) { Foundation.open(path, flags | O_CLOEXEC, mode) }
    }

    package static func status(_ path: String) throws(SystemCallError) -> stat {
        var status = stat()
        try retrying("stat", path: path) { stat(path, &status) }
        return status
    }

    static func rename(_ from: String, to path: String) throws(SystemCallError) {
        try retrying("rename", path: path) { Foundation.rename(from, path) }
    }

    /// Flushes `descriptor`'s data to the disk, so what was written survives a power cut.
    package static func fsync(_ descriptor: Int32, path: String) throws(SystemCallError) {
        try retrying("fsync", path: path) { Foundation.fsync(descriptor) }
    }

    /// The size in bytes of the open file `descriptor`.
    package static func size(_ descriptor: Int32, path: String) throws(SystemCallError) -> Int {
        var status = stat()
        try retrying("fstat", path: path) { fstat(descriptor, &status) }
        return Int(status.st_size)
    }

    /// Cuts the open file `descriptor` to `length` bytes.
    package static func truncate(_ descriptor: Int32, to length: Int, path: String) throws(SystemCallError) {
        try retrying("ftruncate", path: path) { ftruncate(descriptor, off_t(length)) }
    }

    /// Takes an exclusive advisory lock on `descriptor`, waiting while another process holds it.
    /// The lock goes with the descriptor: closing it (or the process dying) releases it.
    package static func lockExclusively(_ descriptor: Int32, path: String) throws(SystemCallError) {
        try retrying("flock", path: path) { flock(descriptor, LOCK_EX) }
    }

    /// The names in `folder`, sorted, without "." and "..".
    package static func list(_ folder: String) throws(SystemCallError) -> [String] {
        var names: [String] = []
        try forEachName(in: folder) { names.append($0) }
        return names.sorted()
    }

    /// Calls `body` with the name of every entry of `folder` but "." and "..", one at a time,
    /// for folders that grow with the cohort, where a list of every name would cost memory.
    package static func forEachName(in folder: String, _ body: (String) -> Void) throws(SystemCallError) {
        guard let directory = opendir(folder) else { throw SystemCallError(call: "opendir", path: folder, errno: Foundation.errno) }
        defer { closedir(directory) }
        while true {
            // readdir returns nil both at the end and on an error; only errno tells them apart.
            Foundation.errno = 0
            guard let entry = readdir(directory) else {
                let error = Foundation.errno
                guard error == 0 else { throw SystemCallError(call: "readdir", path: folder, errno: error) }
                return
            }
            let name = entryName(entry)
            if name != "." && name != ".." { body(name) }
        }
    }

    /// The NUL-terminated name of a directory entry, read in place. Copying `d_name` (a
    /// 256-byte tuple) would read past a short record at the end of readdir's buffer, and
    /// crash when that buffer ends a page.
    private static func entryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
        let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        return String(cString: (UnsafeRawPointer(entry) + offset).assumingMemoryBound(to: CChar.self))
    }

    /// Writes all of `bytes` to `descriptor`, at `offset` when given (pwrite), else at the file position.
    package static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, at offset: off_t? = nil,
                         path: String) throws(SystemCallError) {
        var written = 0
        while written < bytes.count {
            let pointer = bytes.baseAddress! + written, count = bytes.count - written
            written += try retrying(offset == nil ? "write" : "pwrite", path: path) {
                if let offset { return pwrite(descriptor, pointer, count, offset + off_t(written)) }
                return Foundation.write(descriptor, pointer, count)
            }
        }
    }

    /// Exactly `count` bytes at `offset`; nil when the file is shorter, cannot be read, or `count` is
    /// negative or over 1 GiB (a length read from a damaged file must not become an allocation).
    package static func bytes(_ descriptor: Int32, at offset: Int64, count: Int, path: String) -> [UInt8]? {
        guard count >= 0, count < 1 << 30 else { return nil }
        var bytes = [UInt8](repeating: 0, count: count)
        let done = bytes.withUnsafeMutableBytes { raw in try? readFully(descriptor, into: raw, at: off_t(offset), path: path) }
        return done == count ? bytes : nil
    }

    /// Reads up to `buffer.count` bytes, at `offset` when given (pread); fewer only at the end of the file.
    package static func readFully(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: off_t? = nil,
                          path: String) throws(SystemCallError) -> Int {
        var done = 0
        while done < buffer.count {
            let pointer = buffer.baseAddress! + done, count = buffer.count - done
            let result = try retrying(offset == nil ? "read" : "pread", path: path) {
                if let offset { return pread(descriptor, pointer, count, offset + off_t(done)) }
                return Foundation.read(descriptor, pointer, count)
            }
            if result == 0 { break }
            done += result
        }
        return done
    }
}
