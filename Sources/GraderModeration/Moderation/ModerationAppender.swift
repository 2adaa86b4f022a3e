import Foundation
import GraderFoundation

/// An existing moderation file opened to add rows at its end, by a writer holding the lock
/// (`ModerationFile.record`). Looks only at the file's first line (the header) and last byte, so
/// an append costs the same however many rows the file holds; the whole file is read only when
/// its last row lacks its line end (a torn append, or a hand edit), to tell which.
struct ModerationAppender {
    let path: String
    private let descriptor: Int32
    private let size: Int

    /// Nil when there is no file or it is empty (it is then created whole). Refuses a file that
    /// is not a moderation file rather than appending to it.
    init?(path: String) throws(OutputError) {
        self.path = path
        do {
            descriptor = try SystemCall.open(path, O_RDWR)
        } catch {
            if error.errno == ENOENT { return nil }
            throw OutputError(path: path, message: "cannot open the moderation file to add to it: \(error.reason)")
        }
        let header = ModerationCSV.header.joined(separator: ",")
        let head: [UInt8]
        do {
            size = try SystemCall.size(descriptor, path: path)
            head = try Self.read(descriptor, path: path, count: min(size, header.utf8.count + 8), at: 0)
        } catch {
            Foundation.close(descriptor)
            throw OutputError(path: path, message: "cannot read the moderation file before adding to it: \(error.reason)")
        }
        guard size > 0 else {
            Foundation.close(descriptor)
            return nil
        }
        let firstLine = String(decoding: head.prefix { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self)
        guard firstLine == header || firstLine == "\u{FEFF}" + header else {
            Foundation.close(descriptor)
            throw OutputError(path: path, message: "is not a moderation file (its first line is not '\(header)'); left as it is")
        }
    }

    func close() { Foundation.close(descriptor) }

    /// Writes `rows` (whole CSV rows, each ending in CRLF) after the last whole row, with one
    /// write, then flushes the file to the disk. The folder is not flushed: the file's entry in it
    /// is not changed by an append, only its length, which the file's own flush covers.
    func append(_ rows: [UInt8]) throws(OutputError) {
        let (end, lineEnd) = try endOfRows()
        do throws(SystemCallError) {
            if end < size { try SystemCall.truncate(descriptor, to: end, path: path) }
            let failure: SystemCallError? = (lineEnd + rows).withUnsafeBytes { bytes in
                do throws(SystemCallError) { try SystemCall.writeAll(descriptor, bytes, at: off_t(end), path: path); return nil } catch {
                    return error
                }
            }
            if let failure { throw failure }
            try SystemCall.fsync(descriptor, path: path)
        } catch {
            throw OutputError(path: path, message: "cannot add the decisions: \(error.reason)")
        }
    }

    /// The file's bytes with what `append` would write before new rows: for the rare rewrite of
    /// the whole file (`ModerationFile.record`).
    func wholeFileEndingInANewRow() throws(OutputError) -> [UInt8] {
        let (end, lineEnd) = try endOfRows()
        do { return try read(count: end, at: 0) + lineEnd } catch {
            throw OutputError(path: path, message: "cannot read the moderation file before adding to it: \(error.reason)")
        }
    }

    /// Where new rows go, and the line end to write first: after the last byte when it is a line
    /// end (nearly always); before a torn last row, which is cut off (`ModerationCSV.tornRowStart`);
    /// after a whole last row that lacks its line end (a hand edit), which gets one.
    private func endOfRows() throws(OutputError) -> (end: Int, lineEnd: [UInt8]) {
        do {
            let last = try read(count: 1, at: size - 1)
            if last == [0x0A] { return (size, []) }
            let bytes = try read(count: size, at: 0)
            if let start = ModerationCSV.tornRowStart(bytes) { return (start, []) }
            return (size, last == [0x0D] ? [0x0A] : [0x0D, 0x0A])
        } catch {
            throw OutputError(path: path, message: "cannot read the moderation file before adding to it: \(error.reason)")
        }
    }

    private func read(count: Int, at offset: Int) throws(SystemCallError) -> [UInt8] {
        try Self.read(descriptor, path: path, count: count, at: offset)
    }

    private static func read(_ descriptor: Int32, path: String, count: Int, at offset: Int) throws(SystemCallError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var failure: SystemCallError?
        let done = bytes.withUnsafeMutableBytes { buffer -> Int in
            do throws(SystemCallError) { return try SystemCall.readFully(descriptor, into: buffer, at: off_t(offset), path: path) } catch {
                failure = error
                return 0
            }
        }
        if let failure { throw failure }
        return Array(bytes.prefix(done))
    }
}
