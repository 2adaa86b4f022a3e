import Dispatch
import Foundation
import GraderFoundation

/// `REPORTS/review-index.bin`: every answer of a reports folder as `grader review` queues it
/// (`ReviewRecord`), written by the cohort stage (`grade`, and `grader cohort` when it rebuilds),
/// so that review starts on 20,000 candidates without reading 20,000 XML reports or analysing
/// 700,000 texts again: it reads this one file, and a candidate's report only when a person
/// opens one of its answers.
///
/// Binary, little-endian, versioned; not an exchange format (the XML reports are), so nothing
/// but this Grader reads it, and any doubt about it (another version, a report changed or
/// added since, a rubric changed) sends the user to `grader cohort`, which rewrites it.
///
/// It holds nothing that changes from run to run (no times): the same reports give the same
/// bytes at any `--jobs`, and review knows it is current when no report is newer than it and each
/// has the size it had (`ReviewFolder.checkCurrent`).
///
/// Layout: the magic line, the version, the rubric's SHA-256, the candidate list's byte length;
/// the candidates in id order, each with its report's file name (in `candidates/`) and size as
/// written; then per question in rubric order its id, the SHA-256 of what its groups were made of
/// and that of the groups (`CarriedGroups`, which lets the next run keep them), its records' byte count and count, and
/// each record as the candidate's position and the record's length and bytes.
package struct ReviewIndex: Sendable {
    package static let fileName = "review-index.bin"
    static let magic = Array("GRADER REVIEW INDEX\n".utf8)
    static let version: UInt32 = 2
    /// Memory for the questions grouped at once (their records with shingle ranks), and a record's
    /// size in memory for an answer of about 160 words (heaptrack: 33 MB for two questions at 20,000).
    static let groupingMemory = 16 << 20
    static let approximateRecordBytes = 800

    package struct Candidate: Sendable, Equatable {
        package let id: String
        /// The report's file name in the folder's `candidates/`.
        package let report: String
        /// The report's size in bytes when the index was written.
        package let size: UInt64
    }

    package struct Question: Sendable {
        package let id: String
        /// In candidate (id) order: the candidate's position in `candidates` and the answer.
        package let records: [(candidate: Int, record: ReviewRecord)]
    }

    package let rubricSHA256: String
    package let candidates: [Candidate]
    package let questions: [Question]

    // MARK: Writing

    /// Writes the index of a sealed digest table (whose reports are all on disk) to `path`, one
    /// question's records in memory at a time. The groups of a question whose answers are those
    /// of the index already at `path` are taken from it (`CarriedGroups`); returns how many were.
    @discardableResult
    package static func write(_ store: DigestTable, rubricSHA256: String, to path: String) throws -> Int {
        let questionIDs = store.shape?.questions.map(\.id) ?? []
        let carried = CarriedGroups(path: path, rubricSHA256: rubricSHA256)
        defer { carried?.close() }
        let file = try AtomicFile.Streaming(to: path)
        var header = ByteRecord()
        header.append(contentsOf: magic)
        header.append(version)
        header.append(rubricSHA256)
        var candidates = ByteRecord()
        candidates.append(UInt32(store.count))
        for position in 0..<store.count {
            let (id, report) = try store.candidateFile(at: position)
            let facts = FileSystem.facts(report)
            candidates.append(id)
            candidates.append(Path.lastComponent(report))
            candidates.append(UInt64(facts?.size ?? 0))
        }
        header.append(UInt64(candidates.count))
        header.append(contentsOf: candidates.bytes)
        header.append(UInt32(questionIDs.count))
        try file.append(header.bytes)
        var carriedCount = 0
        // Questions are grouped apart, `parallel` at a time, and written in order: only those questions'
        // records (with their shingle ranks) are in memory at once. As many as there are cores while
        // they fit in `groupingMemory` together, fewer beyond: at 20,000 candidates one question's
        // records are about 14 MB, the largest use of memory at the end of a run.
        let perQuestion = store.count * approximateRecordBytes
        let parallel = max(1, min(ProcessInfo.processInfo.activeProcessorCount, groupingMemory / max(1, perQuestion)))
        for batch in stride(from: 0, to: questionIDs.count, by: parallel) {
            let indices = Array(batch..<min(questionIDs.count, batch + parallel))
            let results = Locked<[Result<Grouped, any Error>?]>(Array(repeating: nil, count: indices.count))
            DispatchQueue.concurrentPerform(iterations: indices.count) { slot in
                let outcome = Result {
                    try Self.grouped(try store.reviewRecords(indices[slot]), question: questionIDs[indices[slot]], carried: carried)
                }
                results.withLock { $0[slot] = outcome }
            }
            for (slot, index) in indices.enumerated() {
                let grouped = try results.withLock { $0[slot] }!.get()
                let records = grouped.records
                if grouped.carried { carriedCount += 1 }
                var block = ByteRecord()
                for (position, record) in records {
                    block.append(UInt32(position))
                    let start = block.count
                    block.append(UInt32(0))
                    record.encode(into: &block)
                    block.set(UInt32(block.count - start - 4), at: start)
                }
                var section = ByteRecord()
                section.append(questionIDs[index])
                section.append(contentsOf: grouped.fingerprint)
                section.append(contentsOf: grouped.groupsDigest)
                section.append(UInt64(block.count))
                section.append(UInt32(records.count))
                try file.append(section.bytes)
                try file.append(block.bytes)
            }
        }
        try file.commit()
        return carriedCount
    }

    /// One question's records with their groups, the fingerprint of what the groups were made of,
    /// and whether they were carried from the index before.
    struct Grouped {
        let records: [(position: Int, record: ReviewRecord)]
        let fingerprint: [UInt8]
        let groupsDigest: [UInt8]
        let carried: Bool
    }

    /// One question's records with each answer's near-duplicate group set (carried over when its
    /// answers are those of the index before) and its shingle ranks dropped: the index keeps the
    /// groups, not what made them.
    static func grouped(_ stored: [(position: Int, record: ReviewRecord)], question: String, carried: CarriedGroups?) throws -> Grouped {
        var records = stored
        let withText = records.indices.filter { records[$0].record.hasText }
        let answers = withText.map { (wordsKey: records[$0].record.facts.wordsKey, ranks: records[$0].record.facts.ranks) }
        let fingerprint = CarriedGroups.fingerprint(answers)
        let kept = carried?.groups(question: question, fingerprint: fingerprint, answers: answers.count)
        let groups = kept ?? NearDuplicates.groups(answers)
        for (index, group) in zip(withText, groups) { records[index].record.group = group }
        for index in records.indices {
            let facts = records[index].record.facts
            records[index].record.facts = AnswerFacts(wordsKey: facts.wordsKey, ranks: [], modelStems: facts.modelStems)
        }
        return Grouped(records: records, fingerprint: fingerprint, groupsDigest: CarriedGroups.digest(groups: groups), carried: kept != nil)
    }

    // MARK: Reading

    /// Reads the index at `path`; nil when there is none. A file this version cannot read is an
    /// error that says how to rebuild it.
    package static func read(_ path: String) throws(InputError) -> ReviewIndex? {
        guard FileSystem.exists(path) else { return nil }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path)
        } catch {
            throw InputError(file: path, message: "cannot read: \(error)")
        }
        let rebuild = "run grader cohort on the reports folder to rebuild it"
        guard bytes.count >= magic.count + 4, Array(bytes[0..<magic.count]) == magic else {
            throw InputError(file: path, message: "not a review index: \(rebuild)")
        }
        let outcome: Result<ReviewIndex, InputError> = bytes.withUnsafeBytes { raw in
            var reader = ByteReader(raw)
            reader.seek(magic.count)
            let version = reader.uint32()
            guard version == Self.version else {
                return .failure(InputError(file: path, message: "a review index of version \(version), this Grader reads version \(Self.version): \(rebuild)"))
            }
            guard let index = Self.parse(&reader, size: raw.count) else {
                return .failure(InputError(file: path, message: "the review index is cut short or damaged: \(rebuild)"))
            }
            return .success(index)
        }
        return try outcome.get()
    }

    /// The body after the version; nil when a count or length points past the end.
    private static func parse(_ reader: inout ByteReader, size: Int) -> ReviewIndex? {
        func fits(_ count: Int) -> Bool { reader.position + count <= size }
        guard fits(4), let rubric = reader.checkedString(size: size), fits(12) else { return nil }
        let candidatesEnd = reader.position + 8 + Int(reader.uint64())
        let candidateCount = Int(reader.uint32())
        var candidates: [Candidate] = []
        candidates.reserveCapacity(min(candidateCount, size / 24))
        for _ in 0..<candidateCount {
            guard let id = reader.checkedString(size: size), let report = reader.checkedString(size: size), fits(8) else { return nil }
            candidates.append(Candidate(id: id, report: report, size: reader.uint64()))
        }
        guard reader.position == candidatesEnd, fits(4), !reader.overrun else { return nil }
        let questionCount = Int(reader.uint32())
        var questions: [Question] = []
        for _ in 0..<questionCount {
            guard let id = reader.checkedString(size: size), fits(64 + 12) else { return nil }
            reader.seek(reader.position + 64)
            let length = Int(reader.uint64()), count = Int(reader.uint32())
            guard fits(length) else { return nil }
            let end = reader.position + length
            var records: [(candidate: Int, record: ReviewRecord)] = []
            records.reserveCapacity(count)
            for _ in 0..<count {
                guard fits(8) else { return nil }
                let candidate = Int(reader.uint32()), recordLength = Int(reader.uint32())
                guard candidate < candidates.count, reader.position + recordLength <= end else { return nil }
                let next = reader.position + recordLength
                guard let record = ReviewRecord.decode(&reader), reader.position == next else { return nil }
                records.append((candidate, record))
            }
            guard reader.position == end else { return nil }
            questions.append(Question(id: id, records: records))
        }
        guard !reader.overrun, reader.position == size else { return nil }
        return ReviewIndex(rubricSHA256: rubric, candidates: candidates, questions: questions)
    }
}

extension ByteReader {
    /// A string whose length fits in the `size` bytes; nil for a damaged length or a nil string.
    mutating func checkedString(size: Int) -> String? {
        guard position + 4 <= size else { return nil }
        let count = Int(peekUInt32())
        guard count != Int(UInt32.max), position + 4 + count <= size else { return nil }
        return string()
    }
}
