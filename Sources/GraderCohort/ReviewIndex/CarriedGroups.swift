import Foundation
import GraderFoundation
import LibCrypto

/// The near-duplicate groups of the review index a folder already holds, for questions whose
/// answers are what they were: a re-run that reuses every report would otherwise search the
/// same groups again (a fifth of an unchanged re-run's time at 2,000 candidates).
///
/// A question's groups depend only on the sequence of its answers' words keys and shingle ranks
/// (`NearDuplicates.groups`), so each section of the index carries that sequence's SHA-256
/// (`fingerprint(_:)`), and a question with the same fingerprint gets the groups it had. The
/// groups read back must also hash to the digest written beside them (`digest(groups:)`), so a
/// damaged file never lends a wrong group. The bytes written are the same either way; anything
/// odd about the old file (another version or rubric, a short read, a count or digest that
/// differs) means the groups are searched again.
///
/// Read with `pread`, one section's header at a time and only the records of questions that
/// match, so the old file (160 MB at 20,000 candidates) is never in memory whole.
struct CarriedGroups {
    private struct Section {
        let fingerprint: [UInt8]
        let groupsDigest: [UInt8]
        let offset: Int64
        let length: Int
        let count: Int
    }

    private let path: String
    private let descriptor: Int32
    private var sections: [String: Section] = [:]

    /// The sections of the index at `path`, if it is of this version and rubric; nil otherwise.
    init?(path: String, rubricSHA256: String) {
        guard let descriptor = try? SystemCall.open(path, O_RDONLY) else { return nil }
        self.path = path
        self.descriptor = descriptor
        guard let sections = Self.sections(descriptor, path: path, rubricSHA256: rubricSHA256) else {
            Foundation.close(descriptor)
            return nil
        }
        self.sections = sections
    }

    func close() { Foundation.close(descriptor) }

    /// The groups of question `id`'s answers with text, in order, when its fingerprint is
    /// `fingerprint` and it holds `answers` answers with text; nil when they must be searched.
    func groups(question id: String, fingerprint: [UInt8], answers: Int) -> [UInt32]? {
        guard let section = sections[id], section.fingerprint == fingerprint,
              let block = read(at: section.offset, count: section.length) else { return nil }
        var reader = ByteReader(block)
        var groups: [UInt32] = []
        groups.reserveCapacity(answers)
        for _ in 0..<section.count {
            guard reader.position + 8 <= block.count else { return nil }
            _ = reader.uint32()
            let length = Int(reader.uint32())
            let next = reader.position + length
            guard next <= block.count, let record = ReviewRecord.decode(&reader), reader.position == next else { return nil }
            if record.hasText { groups.append(record.group) }
        }
        guard groups.count == answers, Self.digest(groups: groups) == section.groupsDigest else { return nil }
        return groups
    }

    /// The SHA-256 of a question's groups, as the index stores them beside its records.
    static func digest(groups: [UInt32]) -> [UInt8] {
        var bytes = ByteRecord()
        bytes.append(contentsOf: groups)
        return (try? Digest.sha256(bytes.bytes)) ?? []
    }

    /// What the grouping of one question reads: each answer's words key and ranks, in order.
    /// Fed answer by answer: the sequence is 14 MB for one question at 20,000 candidates.
    static func fingerprint(_ answers: [(wordsKey: UInt64, ranks: [UInt32])]) -> [UInt8] {
        // An empty digest (libcrypto out of memory) never equals a stored one: the groups are searched.
        guard let hasher = try? Digest.SHA256() else { return [] }
        for (wordsKey, ranks) in answers {
            var head = ByteRecord()
            head.append(wordsKey)
            head.append(UInt32(ranks.count))
            head.bytes.withUnsafeBytes { hasher.update($0) }
            ranks.withUnsafeBytes { hasher.update($0) }
        }
        return (try? hasher.finish()) ?? []
    }

    // MARK: Reading the old file

    private func read(at offset: Int64, count: Int) -> [UInt8]? {
        Self.read(descriptor, path: path, at: offset, count: count)
    }

    private static func read(_ descriptor: Int32, path: String, at offset: Int64, count: Int) -> [UInt8]? {
        SystemCall.bytes(descriptor, at: offset, count: count, path: path)
    }

    /// Every question's section header, found by skipping the candidates (their length is in the
    /// header) and each block of records.
    private static func sections(_ descriptor: Int32, path: String, rubricSHA256: String) -> [String: Section]? {
        let magic = ReviewIndex.magic
        let headSize = magic.count + 4 + 4 + rubricSHA256.utf8.count + 8
        guard let head = read(descriptor, path: path, at: 0, count: headSize), Array(head[0..<magic.count]) == magic else { return nil }
        var reader = ByteReader(head)
        reader.seek(magic.count)
        guard reader.uint32() == ReviewIndex.version, reader.string() == rubricSHA256 else { return nil }
        var offset = Int64(headSize) + Int64(reader.uint64())
        guard let countBytes = read(descriptor, path: path, at: offset, count: 4) else { return nil }
        offset += 4
        var countReader = ByteReader(countBytes)
        let questionCount = Int(countReader.uint32())
        var sections: [String: Section] = [:]
        for _ in 0..<questionCount {
            guard let lengthBytes = read(descriptor, path: path, at: offset, count: 4) else { return nil }
            var lengthReader = ByteReader(lengthBytes)
            let idLength = Int(lengthReader.uint32())
            guard idLength < 1 << 16, let header = read(descriptor, path: path, at: offset, count: 4 + idLength + 64 + 12) else { return nil }
            var headerReader = ByteReader(header)
            guard let id = headerReader.string() else { return nil }
            let fingerprint = Array(header[(4 + idLength)..<(4 + idLength + 32)])
            let groupsDigest = Array(header[(4 + idLength + 32)..<(4 + idLength + 64)])
            headerReader.seek(4 + idLength + 64)
            let length = Int(headerReader.uint64()), count = Int(headerReader.uint32())
            offset += Int64(header.count)
            sections[id] = Section(fingerprint: fingerprint, groupsDigest: groupsDigest, offset: offset, length: length, count: count)
            offset += Int64(length)
        }
        return sections
    }
}
