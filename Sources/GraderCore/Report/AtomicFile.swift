import Foundation

/// Writes files so that a reader never sees half of one: the bytes go to a
/// hidden temporary file in the same folder, which is then renamed over the target.
/// A run that is killed leaves at most a temporary file, removed by the next run.
public enum AtomicFile {
    /// Prefix of temporary files; `removeLeftovers` deletes files carrying it.
    public static let temporaryPrefix = ".grader-tmp-"

    public static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
        let failure: OutputError? = bytes.withUnsafeBytes { raw in
            do throws(OutputError) { try write(raw, to: path); return nil } catch { return error }
        }
        if let failure { throw failure }
    }

    /// Bytes that lie elsewhere (a C library's buffer), written without a copy.
    public static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws(OutputError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent("\(temporaryPrefix)\(ProcessInfo.processInfo.processIdentifier)-\(url.lastPathComponent)")
        if let failure = writeWhole(bytes, to: temporary.path) {
            unlink(temporary.path)
            throw OutputError(path: path, message: "cannot write: \(failure)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw OutputError(path: path, message: "cannot move the finished file into place: \(reason)")
        }
    }

    /// Creates (or truncates) `path` and writes all of `bytes`; returns the system's reason on failure.
    private static func writeWhole(_ bytes: UnsafeRawBufferPointer, to path: String) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = Foundation.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            written += result
        }
        return nil
    }

    /// A file written piece by piece, for outputs that grow with the cohort (the gradebooks):
    /// the pieces go to the temporary file as they come, and `commit` renames it into place.
    /// Dropped without `commit`, the temporary file is removed.
    final class Streaming {
        let path: String
        private let temporary: String
        private var descriptor: Int32
        private var committed = false

        init(to path: String) throws(OutputError) {
            self.path = path
            let url = URL(fileURLWithPath: path)
            temporary = url.deletingLastPathComponent()
                .appendingPathComponent("\(AtomicFile.temporaryPrefix)\(ProcessInfo.processInfo.processIdentifier)-\(url.lastPathComponent)").path
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw OutputError(path: path, message: "cannot write: \(String(cString: strerror(errno)))") }
        }

        deinit {
            if descriptor >= 0 { close(descriptor) }
            if !committed { unlink(temporary) }
        }

        func append(_ bytes: [UInt8]) throws(OutputError) {
            var written = 0
            while written < bytes.count {
                let result = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + written, $0.count - written) }
                if result < 0 {
                    if errno == EINTR { continue }
                    throw OutputError(path: path, message: "cannot write: \(String(cString: strerror(errno)))")
                }
                written += result
            }
        }

        func commit() throws(OutputError) {
            close(descriptor)
            descriptor = -1
            guard rename(temporary, path) == 0 else {
                throw OutputError(path: path, message: "cannot move the finished file into place: \(String(cString: strerror(errno)))")
            }
            committed = true
        }
    }

    public static func write(_ text: String, to path: String) throws(OutputError) {
        try write(Array(text.utf8), to: path)
    }

    /// Deletes temporary files an interrupted run left in `folder`.
    public static func removeLeftovers(in folder: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(temporaryPrefix) {
            try? FileManager.default.removeItem(atPath: SubmissionDiscovery.join(folder, name))
        }
    }
}

/// The output folder or a report file cannot be written.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { "\(path): error: \(message)" }
}
