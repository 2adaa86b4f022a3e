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

    /// Writes `bytes` so that they also survive a power cut once this returns: the temporary
    /// file is flushed to the disk before the rename, and the folder after it. For files that
    /// record what a person did (the moderation file), not for reports a rerun remakes.
    public static func writeDurably(_ bytes: [UInt8], to path: String) throws(OutputError) {
        let failure: OutputError? = bytes.withUnsafeBytes { raw in
            do throws(OutputError) { try write(raw, to: path, durably: true); return nil } catch { return error }
        }
        if let failure { throw failure }
    }

    /// Bytes that lie elsewhere (a C library's buffer), written without a copy.
    public static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws(OutputError) {
        try write(bytes, to: path, durably: false)
    }

    private static func write(_ bytes: UnsafeRawBufferPointer, to path: String, durably: Bool) throws(OutputError) {
        let temporary = temporaryPath(for: path)
        do {
            let descriptor = try SystemCall.open(temporary, O_WRONLY | O_CREAT | O_TRUNC, mode: 0o644)
            defer { close(descriptor) }
            try SystemCall.writeAll(descriptor, bytes, path: temporary)
            if durably { try SystemCall.fsync(descriptor, path: temporary) }
        } catch {
            unlink(temporary)
            throw OutputError(path: path, message: "cannot write: \(error.reason)")
        }
        do {
            try SystemCall.rename(temporary, to: path)
        } catch {
            unlink(temporary)
            throw OutputError(path: path, message: "cannot move the finished file into place: \(error.reason)")
        }
        if durably {
            // The rename lives in the folder's entries: flush them too, or a power cut can undo it.
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            do {
                let descriptor = try SystemCall.open(folder, O_RDONLY | O_DIRECTORY)
                defer { close(descriptor) }
                try SystemCall.fsync(descriptor, path: folder)
            } catch {
                throw OutputError(path: path, message: "cannot flush the folder to the disk: \(error.reason)")
            }
        }
    }

    /// The hidden file beside `path` its bytes go to first.
    /// Cut at the last "/" by hand rather than through URL (which also resolves the folder
    /// against the working directory): it runs for each file written, two per candidate.
    static func temporaryPath(for path: String) -> String {
        let name = temporaryPrefix + processID + "-"
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return name + path }
        let folder = path[...slash], file = path[path.utf8.index(after: slash)...]
        return String(folder) + name + String(file)
    }

    /// This process's id, which keeps two runs writing into one folder off each other's temporary files.
    private static let processID = String(ProcessInfo.processInfo.processIdentifier)

    /// A file written piece by piece, for outputs that grow with the cohort (the gradebooks):
    /// the pieces go to the temporary file as they come, and `commit` renames it into place.
    /// Dropped without `commit`, the temporary file is removed.
    package final class Streaming {
        package let path: String
        private let temporary: String
        private var descriptor: Int32
        private var committed = false

        package init(to path: String) throws(OutputError) {
            self.path = path
            temporary = AtomicFile.temporaryPath(for: path)
            do {
                descriptor = try SystemCall.open(temporary, O_WRONLY | O_CREAT | O_TRUNC, mode: 0o644)
            } catch {
                throw OutputError(path: path, message: "cannot write: \(error.reason)")
            }
        }

        deinit {
            if descriptor >= 0 { close(descriptor) }
            if !committed { unlink(temporary) }
        }

        package func append(_ bytes: [UInt8]) throws(OutputError) {
            let failure: SystemCallError? = bytes.withUnsafeBytes { raw in
                do throws(SystemCallError) { try SystemCall.writeAll(descriptor, raw, path: temporary); return nil } catch { return error }
            }
            if let failure { throw OutputError(path: path, message: "cannot write: \(failure.reason)") }
        }

        package func commit() throws(OutputError) {
            close(descriptor)
            descriptor = -1
            do {
                try SystemCall.rename(temporary, to: path)
            } catch {
                throw OutputError(path: path, message: "cannot move the finished file into place: \(error.reason)")
            }
            committed = true
        }
    }

    public static func write(_ text: String, to path: String) throws(OutputError) {
        try write(Array(text.utf8), to: path)
    }

    /// Deletes the file at `path` if there is one: a bare `unlink`, since removing what is not
    /// there is the usual case (a first run), twice per candidate report. Never removes a folder.
    public static func remove(_ path: String) {
        unlink(path)
    }

    /// Deletes temporary files an interrupted run left in `folder`.
    public static func removeLeftovers(in folder: String) {
        for name in (try? FileSystem.list(folder)) ?? [] where name.hasPrefix(temporaryPrefix) {
            try? FileSystem.remove(Path.join(folder, name))
        }
    }
}

/// The output folder or a report file cannot be written.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { "\(path): error: \(message)" }

    package init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}
