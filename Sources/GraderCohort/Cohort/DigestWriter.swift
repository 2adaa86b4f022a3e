import Foundation
import GraderFoundation
import GraderReports
import LibCrypto

/// A cohort's digests, written to disk as they are made, so the memory a run needs does not
/// grow with the cohort: per candidate only its id, total and where its records lie stay
/// in memory (about 50 bytes). This is the writing half; `seal` hands the files to a
/// `DigestTable`, the reading half, so nothing can be read before every digest is in,
/// and nothing written after.
///
/// Layout, in a private folder removed when the store is released (and, after a crash,
/// by the next run, as a leftover temporary): `numbers` holds a record of numbers per
/// candidate, `strings` the candidate's texts, `ranks-N` the shingle ranks of question N's
/// answers and `review-N` their review records (`ReviewRecord`). All digests must follow one template (the questions and rules of the first),
/// which one rubric guarantees; a report that does not is refused.
package final class DigestWriter: @unchecked Sendable {
    /// What every digest of the cohort shares: the rubric, its questions and rules. A question's
    /// rules are learnt from the first answer that has them (a missing answer lists none).
    package struct Template: Sendable {
        package let rubric: RubricIdentity
        package let maxPoints: Double
        fileprivate(set) var questions: [QuestionTemplate]

        init(_ digest: CandidateDigest) {
            rubric = digest.rubric
            maxPoints = digest.maxPoints
            questions = digest.questions.map { QuestionTemplate(id: $0.id, maxPoints: $0.maxPoints, rules: $0.rules) }
        }
    }

    struct QuestionTemplate: Sendable {
        package let id: String
        package let maxPoints: Double
        /// Ids, kinds and points of the rules; `met` and `awarded` here are one digest's.
        package let rules: [RuleDigest]
    }

    /// What the store keeps in memory per candidate.
    package struct Entry {
        package let id: String
        package let total: Double
        package let row: Int32
        let numbersOffset: Int64
        let stringsOffset: Int64
        /// Where its `CachedCandidate` record lies in the cache file (length 0: none was given).
        let cacheOffset: Int64
        let cacheLength: Int
        /// The record's SHA-256, taken on the worker that made it (empty without a record).
        let cacheSHA256: [UInt8]
    }

    private let lock = NSLock()
    package let folder: String
    private var template: Template?
    private var entries: [Entry] = []
    private var numbers: SpillFile
    private var strings: SpillFile
    /// Each candidate's `CachedCandidate` record, for the reports folder's digest cache.
    private var cache: SpillFile
    private var rankFiles: [SpillFile] = []
    private var reviewFiles: [SpillFile] = []
    /// Set once `seal` has handed the files over: the reader removes them, not the writer.
    private var sealed = false

    /// A store in a new private folder inside `parent`, with room for `expecting` candidates
    /// (an array grown by doubling holds up to twice what it needs, the old copy freed into the heap).
    package init(in parent: String, expecting: Int = 0) throws(OutputError) {
        entries.reserveCapacity(expecting)
        folder = Path.join(parent, "\(AtomicFile.temporaryPrefix)cohort-\(getpid())-\(UUID().uuidString.prefix(8))")
        do {
            try FileSystem.createFolder(folder)
        } catch {
            throw OutputError(path: folder, message: "cannot create the cohort's working folder: \(error.reason)")
        }
        numbers = try SpillFile(path: Path.join(folder, "numbers"))
        strings = try SpillFile(path: Path.join(folder, "strings"))
        cache = try SpillFile(path: Path.join(folder, "cache"))
    }

    deinit {
        guard !sealed else { return }
        numbers.close()
        strings.close()
        cache.close()
        for file in rankFiles + reviewFiles { file.close() }
        try? FileSystem.remove(folder)
    }

    /// Candidates stored.
    package var count: Int { lock.withLock { entries.count } }

    /// The template every digest follows (nil while the store is empty).
    var shape: Template? { lock.withLock { template } }

    // MARK: Writing

    /// Adds a digest, with the candidate's record for the digest cache when there is one (its
    /// `CachedCandidate`, encoded). Throws when it does not follow the cohort's template (another
    /// rubric) or the disk cannot take it.
    package func append(_ digest: CandidateDigest, cacheRecord: [UInt8]? = nil) throws {
        // Hashed here, outside the lock and in parallel, rather than all at the end of the run.
        let cacheSHA256 = try cacheRecord.map { try Digest.sha256($0) } ?? []
        try lock.withLock {
            precondition(!sealed, "DigestWriter.append after seal")
            if template == nil { try start(with: digest) }
            try check(digest)
            let row = Int32(entries.count)
            entries.append(Entry(id: digest.id, total: digest.total, row: row, numbersOffset: numbers.size, stringsOffset: strings.size,
                                 cacheOffset: cache.size, cacheLength: cacheRecord?.count ?? 0, cacheSHA256: cacheSHA256))
            if let cacheRecord { try cache.append(cacheRecord) }
            try writeStrings(of: digest)
            try writeNumbers(of: digest, row: row)
            for (index, question) in digest.questions.enumerated() where !question.ranks.isEmpty {
                var record = ByteRecord()
                record.reserve(8 + 4 * question.ranks.count)
                record.append(UInt32(bitPattern: row))
                record.append(UInt32(question.ranks.count))
                record.append(contentsOf: question.ranks)
                try rankFiles[index].append(record.bytes)
            }
            for (index, question) in digest.questions.enumerated() {
                guard let review = question.review else { continue }
                var record = ByteRecord()
                record.append(UInt32(bitPattern: row))
                record.append(UInt32(0))
                review.encode(into: &record)
                record.set(UInt32(record.count), at: 4)
                try reviewFiles[index].append(record.bytes)
            }
        }
    }

    private func start(with digest: CandidateDigest) throws(OutputError) {
        template = Template(digest)
        for index in digest.questions.indices {
            rankFiles.append(try SpillFile(path: Path.join(folder, "ranks-\(index)")))
            reviewFiles.append(try SpillFile(path: Path.join(folder, "review-\(index)")))
        }
    }

    /// Refuses a digest of another rubric, and learns rules the template did not know yet.
    private func check(_ digest: CandidateDigest) throws(InputError) {
        guard var shape = template else { return }
        let sameRubric = digest.rubric.sha256 == shape.rubric.sha256 && digest.questions.count == shape.questions.count
        var sameShape = sameRubric
        if sameRubric {
            for (index, question) in digest.questions.enumerated() {
                let known = shape.questions[index]
                guard question.id == known.id else { sameShape = false; break }
                if question.rules.isEmpty { continue }
                if known.rules.isEmpty {
                    shape.questions[index] = QuestionTemplate(id: known.id, maxPoints: known.maxPoints, rules: question.rules)
                } else if !Self.sameRules(question.rules, known.rules) {
                    sameShape = false
                    break
                }
            }
        }
        guard sameShape else {
            let first = shape.rubric
            throw InputError(file: digest.file, message: "graded with rubric \(digest.rubric.id) (sha256 \(digest.rubric.sha256.prefix(12))…), "
                                   + "not \(first.id) (sha256 \(first.sha256.prefix(12))…) like the reports before it, or its questions and rules "
                                   + "differ from theirs: one cohort needs one rubric")
        }
        template = shape
    }

    private static func sameRules(_ a: [RuleDigest], _ b: [RuleDigest]) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) where x.id != y.id || x.kind != y.kind || x.points != y.points { return false }
        return true
    }

    private func writeStrings(of digest: CandidateDigest) throws(OutputError) {
        var record = ByteRecord()
        for text in [digest.id, digest.name, digest.email, digest.source, digest.file] { record.append(text) }
        var sized = ByteRecord()
        sized.append(UInt32(record.bytes.count))
        try strings.append(sized.bytes + record.bytes)
    }

    /// Record: its length and row, total, maximum, warnings, each question's offset in the
    /// record, then per question its status, score, maximum, words, reading ease and rules.
    private func writeNumbers(of digest: CandidateDigest, row: Int32) throws(OutputError) {
        var record = ByteRecord()
        record.append(UInt32(0))
        record.append(UInt32(bitPattern: row))
        record.append(digest.total)
        record.append(digest.maxPoints)
        record.append(Double(digest.warnings))
        let table = record.count
        for _ in digest.questions { record.append(UInt32(0)) }
        for (index, question) in digest.questions.enumerated() {
            record.set(UInt32(record.count), at: table + 4 * index)
            record.append(DigestRecords.statusNumber(question.status))
            record.append(question.score)
            record.append(question.maxPoints)
            record.append(Double(question.words))
            record.append(question.readingEase)
            record.append(UInt32(question.rules.count))
            for rule in question.rules {
                record.append(UInt8(rule.met ? 1 : 0))
                record.append(rule.awarded)
            }
        }
        record.set(UInt32(record.count), at: 0)
        try numbers.append(record.bytes)
    }

    /// Ends writing: flushes the files, puts candidates in id order and hands everything to
    /// the reader. Two digests with one id are an error naming both reports.
    package func seal() throws -> DigestTable {
        try lock.withLock {
            precondition(!sealed, "DigestWriter sealed twice")
            try numbers.finishWriting()
            try strings.finishWriting()
            try cache.finishWriting()
            for index in rankFiles.indices { try rankFiles[index].finishWriting() }
            for index in reviewFiles.indices { try reviewFiles[index].finishWriting() }
            // Sorted in place and handed over, not copied: the reader's are the only entries left.
            // The sort is stable, so of two digests with one id the first stored is named first.
            entries.sort { $0.id < $1.id }
            for (a, b) in zip(entries, entries.dropFirst()) where a.id == b.id {
                let first = try DigestRecords.texts(at: a.stringsOffset, in: strings)
                let second = try DigestRecords.texts(at: b.stringsOffset, in: strings)
                throw InputError(file: second.file, message: "candidate \(first.id) is also reported in \(first.file): each candidate must be graded once")
            }
            var positionOfRow = [Int32](repeating: 0, count: entries.count)
            for (position, entry) in entries.enumerated() { positionOfRow[Int(entry.row)] = Int32(position) }
            sealed = true
            defer { entries = [] }
            return DigestTable(folder: folder, template: template, entries: entries, positionOfRow: positionOfRow,
                                 numbers: numbers, strings: strings, cache: cache, rankFiles: rankFiles, reviewFiles: reviewFiles)
        }
    }
}
