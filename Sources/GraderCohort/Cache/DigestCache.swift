import Foundation
import GraderFoundation
import GraderReports
import LibCrypto

/// `REPORTS/digests.bin` (`digests-K-of-N.bin` for a shard): each candidate's `CachedCandidate`,
/// written at the end of `grade`, so that the next run settles a candidate whose reports still
/// stand from a few hundred bytes instead of parsing its XML report and shingling its answers
/// again (two thirds of an unchanged re-run's work before it).
///
/// A cache, not a record: nothing but `grade` reads it, any doubt about it (another version or
/// rubric, a short read, a record that does not decode) only costs the parsing it would have
/// saved, and deleting it is always safe. A record is used only when the candidate's submission
/// hashes as it did and its XML report's bytes hash to what was written (`reportSHA256`): the
/// report is then exactly the one the record was made with. Hashes, not file times, so the file
/// is the same bytes at any `--jobs` (candidates in id order, no times).
///
/// Layout: the magic line, the version, the candidate report format, the rubric's SHA-256, the
/// table's byte length; the table: the candidate count, then per candidate in id order its id, its
/// record's offset (from the start of the records), length and SHA-256; then the records. The
/// table is read whole at start (about 60 bytes a candidate); a record is read (`pread`) when its
/// candidate comes up, by either worker.
package final class DigestCache: @unchecked Sendable {
    static let magic = Array("GRADER DIGEST CACHE\n".utf8)
    static let version: UInt32 = 1

    /// The cache's file name in a reports folder, for the whole cohort or one shard.
    package static func fileName(shard: (index: Int, count: Int)?) -> String {
        shard.map { "digests-\($0.index)-of-\($0.count).bin" } ?? "digests.bin"
    }

    private let path: String
    private let descriptor: Int32
    private let recordsStart: Int64
    private let table: [String: Entry]

    private struct Entry {
        let offset: Int64
        let length: Int
        /// The record's SHA-256: a damaged record is never decoded into a wrong digest.
        let sha256: [UInt8]
    }

    /// The cache at `path`, if there is one of this version and rubric; nil otherwise.
    package init?(path: String, rubricSHA256: String) {
        guard let descriptor = try? SystemCall.open(path, O_RDONLY) else { return nil }
        guard let (start, table) = Self.table(descriptor, path: path, rubricSHA256: rubricSHA256) else {
            Foundation.close(descriptor)
            return nil
        }
        self.path = path
        self.descriptor = descriptor
        recordsStart = start
        self.table = table
    }

    deinit { Foundation.close(descriptor) }

    /// The record of candidate `id`, if the cache has one that reads back whole, with its bytes (a
    /// run that keeps the candidate stores them as they are: a record names its report by file name,
    /// so they are what encoding it again would give).
    package func candidate(_ id: String) -> (record: CachedCandidate, bytes: [UInt8])? {
        guard let entry = table[id], let bytes = Self.read(descriptor, path: path, at: recordsStart + entry.offset, count: entry.length),
              (try? Digest.sha256(bytes)) == entry.sha256,
              let cached = CachedCandidate.decode(bytes), cached.digest.id == id else { return nil }
        return (cached, bytes)
    }

    // MARK: Writing

    /// Writes the records `store` holds (each candidate's, as `DigestWriter.append` was given it), in id
    /// order, to `path`. Candidates stored without a record are left out: the next run parses their reports.
    package static func write(_ store: DigestTable, rubricSHA256: String, to path: String) throws {
        // The table first (each record's length and hash, taken when it was stored), then the records.
        var positions: [(id: String, length: Int, sha256: [UInt8])] = []
        var total = 0
        for position in 0..<store.count {
            let (id, length, sha256) = store.cacheRecordFacts(at: position)
            guard length > 0 else { continue }
            positions.append((id, length, sha256))
            total += length
        }
        let file = try AtomicFile.Streaming(to: path)
        var header = ByteRecord()
        header.append(contentsOf: magic)
        header.append(version)
        header.append(CandidateReportFormat.version)
        header.append(rubricSHA256)
        var table = ByteRecord()
        table.append(UInt32(positions.count))
        var offset: Int64 = 0
        for (id, length, sha256) in positions {
            table.append(id)
            table.append(UInt64(offset))
            table.append(UInt32(length))
            table.append(contentsOf: sha256)
            offset += Int64(length)
        }
        header.append(UInt64(table.count))
        header.append(contentsOf: table.bytes)
        try file.append(header.bytes)
        guard total > 0 else { return try file.commit() }
        // Records go out in batches of about a megabyte: a large cohort's records are never all in memory.
        var batch: [UInt8] = []
        batch.reserveCapacity(1 << 20)
        for position in 0..<store.count {
            guard let record = try store.cacheRecord(at: position) else { continue }
            batch.append(contentsOf: record)
            if batch.count >= 1 << 20 {
                try file.append(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try file.append(batch) }
        try file.commit()
    }

    /// The SHA-256 of a report's bytes, as records hold it.
    package static func reportHash(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        (try? Digest.sha256(bytes)) ?? []
    }

    /// The SHA-256 of the file at `path` (nil when it cannot be read), read 64 KiB at a time into one
    /// buffer: a whole report per candidate in a fresh array (100 KB each) fragmented the heap of a
    /// 20,000-candidate re-run.
    package static func reportHash(ofFile path: String) -> [UInt8]? {
        guard let descriptor = try? SystemCall.open(path, O_RDONLY), let hasher = try? Digest.SHA256() else { return nil }
        defer { Foundation.close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            guard let count = try? SystemCall.readFully(descriptor, into: buffer, path: path) else { return nil }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            if count < buffer.count { break }
        }
        return try? hasher.finish()
    }

    // MARK: Reading the table

    private static func read(_ descriptor: Int32, path: String, at offset: Int64, count: Int) -> [UInt8]? {
        SystemCall.bytes(descriptor, at: offset, count: count, path: path)
    }

    private static func table(_ descriptor: Int32, path: String, rubricSHA256: String) -> (Int64, [String: Entry])? {
        let format = CandidateReportFormat.version
        let headSize = magic.count + 4 + 4 + format.utf8.count + 4 + rubricSHA256.utf8.count + 8
        guard let head = read(descriptor, path: path, at: 0, count: headSize), Array(head[0..<magic.count]) == magic else { return nil }
        var reader = ByteReader(head)
        reader.seek(magic.count)
        // Records made for reports of another format would vouch for reports this Grader no longer reuses.
        guard reader.uint32() == version, reader.string() == format, reader.string() == rubricSHA256 else { return nil }
        let tableLength = Int(truncatingIfNeeded: reader.uint64())
        guard tableLength >= 4, let bytes = read(descriptor, path: path, at: Int64(headSize), count: tableLength) else { return nil }
        var tableReader = ByteReader(bytes)
        let count = Int(tableReader.uint32())
        guard count <= tableLength / 48 else { return nil }
        var table: [String: Entry] = [:]
        table.reserveCapacity(count)
        for _ in 0..<count {
            guard let id = tableReader.checkedString(size: bytes.count), tableReader.remaining >= 44 else { return nil }
            table[id] = Entry(offset: Int64(truncatingIfNeeded: tableReader.uint64()), length: Int(tableReader.uint32()),
                              sha256: tableReader.bytes(32))
        }
        guard tableReader.remaining == 0, !tableReader.overrun else { return nil }
        return (Int64(headSize + tableLength), table)
    }
}
