import Foundation

/// Every file-system call Grader makes outside the atomic writes (`AtomicFile`): read a file,
/// ask what a path is, list, create and remove folders, and find the temporary folder.
///
/// The one way, and why it is POSIX (`SystemCall`, retried on EINTR) rather than FileManager:
/// the hot path reads two files per candidate (the submission and, on a rerun, its report), and
/// FileManager's `attributesOfItem` looks up the owner's and group's names and fills a
/// dictionary to give a size, and its failures are NSErrors whose text Grader does not choose.
/// Here a read is open, fstat, read, close; every failure is a `SystemCallError` naming the call
/// and the path, and each caller turns it into its own message (an `InputError` naming the file).
/// FileManager is named nowhere else in Sources/ (`FileSystemGuardTests` fails on any other file).
package enum FileSystem {
    /// What `stat` says of a path (symbolic links followed).
    package struct Facts: Sendable, Equatable {
        package let isFolder: Bool
        package let size: Int
        package let modified: Date
        /// The file's inode: a file renamed over this path has another.
        package let inode: UInt64
    }

    /// The facts of `path`, or nil when nothing is there (or it cannot be looked at).
    package static func facts(_ path: String) -> Facts? {
        guard let status = try? SystemCall.status(path) else { return nil }
        let modified = Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1_000_000_000
        return Facts(isFolder: status.st_mode & S_IFMT == S_IFDIR, size: Int(status.st_size),
                     modified: Date(timeIntervalSince1970: modified), inode: UInt64(status.st_ino))
    }

    /// Whether a file or folder is at `path`.
    package static func exists(_ path: String) -> Bool { facts(path) != nil }

    /// Whether `path` is a folder (false when nothing is there).
    package static func isFolder(_ path: String) -> Bool { facts(path)?.isFolder ?? false }

    /// Whether this process may write in the folder or file at `path` (access(2), W_OK).
    package static func isWritable(_ path: String) -> Bool { access(path, W_OK) == 0 }

    /// The size of the file at `path` in bytes, nil when nothing is there.
    package static func size(_ path: String) -> Int? { facts(path)?.size }

    /// All the bytes of the file at `path`. A folder fails with EISDIR; a file whose size
    /// `stat` does not know (one of /proc, a pipe) is read to its end all the same.
    package static func read(_ path: String) throws(SystemCallError) -> [UInt8] {
        let descriptor = try SystemCall.open(path, O_RDONLY)
        defer { close(descriptor) }
        var status = stat()
        try SystemCall.retrying("fstat", path: path) { fstat(descriptor, &status) }
        guard status.st_mode & S_IFMT != S_IFDIR else { throw SystemCallError(call: "read", path: path, errno: EISDIR) }
        // One spare byte past the size stat gave: a read that fills it means the file is longer.
        var bytes = [UInt8](repeating: 0, count: max(Int(status.st_size), 0) + 1)
        var filled = 0
        while true {
            var failure: SystemCallError?
            bytes.withUnsafeMutableBytes { raw in
                do throws(SystemCallError) {
                    filled += try SystemCall.readFully(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]), path: path)
                } catch { failure = error }
            }
            if let failure { throw failure }
            if filled < bytes.count {
                bytes.removeLast(bytes.count - filled)
                return bytes
            }
            bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 65_536)))
        }
    }

    /// The first `count` bytes of the file at `path`, fewer if it is shorter: a file's format
    /// mark, checked without reading the whole file.
    package static func head(_ path: String, count: Int) throws(SystemCallError) -> [UInt8] {
        let descriptor = try SystemCall.open(path, O_RDONLY)
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: count)
        var failure: SystemCallError?
        let filled = bytes.withUnsafeMutableBytes { raw -> Int in
            do throws(SystemCallError) { return try SystemCall.readFully(descriptor, into: raw, path: path) } catch {
                failure = error
                return 0
            }
        }
        if let failure { throw failure }
        bytes.removeLast(count - filled)
        return bytes
    }

    /// The names in `folder`, sorted, without "." and "..".
    package static func list(_ folder: String) throws(SystemCallError) -> [String] {
        try SystemCall.list(folder)
    }

    /// Makes the folder `path`. With `parents`, the folders above it too, and a folder already
    /// there is no error (as `mkdir -p`). `mode` is masked by the umask, as for `mkdir`.
    package static func createFolder(_ path: String, parents: Bool = true, mode: mode_t = 0o777) throws(SystemCallError) {
        do {
            try SystemCall.retrying("mkdir", path: path) { mkdir(path, mode) }
        } catch where parents && error.errno == EEXIST && isFolder(path) {
            return
        } catch where parents && error.errno == ENOENT && !parent(of: path).isEmpty {
            try createFolder(parent(of: path), parents: true, mode: mode)
            try createFolder(path, parents: false, mode: mode)
        }
    }

    /// The folder `path` lies in: "" when it names none ("name", "/").
    private static func parent(of path: String) -> String {
        var path = Substring(path)
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        guard let slash = path.lastIndex(of: "/") else { return "" }
        guard slash != path.startIndex else { return path == "/" ? "" : "/" }
        return String(path[..<slash])
    }

    /// Removes the file or folder at `path`, a folder with everything in it. A symbolic link
    /// is removed, never followed. Nothing there is an error (ENOENT) the caller may ignore.
    package static func remove(_ path: String) throws(SystemCallError) {
        var status = stat()
        try SystemCall.retrying("lstat", path: path) { lstat(path, &status) }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            try SystemCall.retrying("unlink", path: path) { unlink(path) }
            return
        }
        for name in try SystemCall.list(path) { try remove(Path.join(path, name)) }
        try SystemCall.retrying("rmdir", path: path) { rmdir(path) }
    }

    /// The folder for temporary files: `$TMPDIR` when set, else /tmp, without a trailing slash.
    package static var temporaryFolder: String {
        var folder = Substring(ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp")
        while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
        return String(folder)
    }
}
