import Foundation
import GraderEngine
import GraderFoundation

/// The reading half of a cohort's digests (see `DigestWriter`): what `seal` made of them,
/// candidates in id order. The cohort analysis reads it one question at a time (`column`,
/// `sketches`), the ranking and gradebooks one candidate at a time. Nothing changes any
/// more, so `sketches` and `ranks` take no lock and questions are searched in parallel.
/// It owns the store's private folder and removes it when released.
package final class DigestTable: @unchecked Sendable {
    package typealias Template = DigestWriter.Template
    typealias QuestionTemplate = DigestWriter.QuestionTemplate

    private let lock = NSLock()
    package let folder: String
    private let template: Template?
    private let entries: [DigestWriter.Entry]
    /// Each row's position in id order.
    private let positionOfRow: [Int32]
    private let numbers: SpillFile
    private let strings: SpillFile
    private let cache: SpillFile
    private let rankFiles: [SpillFile]
    private let reviewFiles: [SpillFile]

    init(folder: String, template: Template?, entries: [DigestWriter.Entry], positionOfRow: [Int32],
         numbers: SpillFile, strings: SpillFile, cache: SpillFile, rankFiles: [SpillFile], reviewFiles: [SpillFile]) {
        self.folder = folder
        self.template = template
        self.entries = entries
        self.positionOfRow = positionOfRow
        self.numbers = numbers
        self.strings = strings
        self.cache = cache
        self.rankFiles = rankFiles
        self.reviewFiles = reviewFiles
    }

    deinit {
        numbers.close()
        strings.close()
        cache.close()
        for file in rankFiles + reviewFiles { file.close() }
        try? FileSystem.remove(folder)
    }

    /// Candidates stored.
    package var count: Int { entries.count }

    /// The template every digest follows (nil when the cohort is empty).
    var shape: Template? { template }

    /// Totals in id order.
    package var totals: [Double] { lock.withLock { entries.map(\.total) } }

    /// Whether a candidate of this id is stored (a binary search: entries are in id order).
    package func contains(id: String) -> Bool {
        lock.withLock {
            var low = 0, high = entries.count
            while low < high {
                let middle = (low + high) / 2
                if entries[middle].id < id { low = middle + 1 } else { high = middle }
            }
            return low < entries.count && entries[low].id == id
        }
    }

    /// The texts and numbers of the candidate at `position` (id order).
    package func candidate(at position: Int) throws -> StoredCandidate {
        try lock.withLock {
            let entry = entries[position]
            let texts = try DigestRecords.texts(at: entry.stringsOffset, in: strings)
            var header = ByteReader(try numbers.read(at: entry.numbersOffset, count: 4))
            var reader = ByteReader(try numbers.read(at: entry.numbersOffset, count: Int(header.uint32())))
            reader.seek(8)
            let total = reader.double(), maxPoints = reader.double(), warnings = Int(reader.double())
            var scores: [Double] = [], answered = 0
            for index in (template?.questions ?? []).indices {
                DigestRecords.seek(&reader, question: index)
                if !isMissing(reader.byte()) { answered += 1 }
                scores.append(reader.double())
            }
            return StoredCandidate(id: texts.id, name: texts.name, email: texts.email, source: texts.source, file: texts.file,
                                   total: total, maxPoints: maxPoints, warnings: warnings, scores: scores, answered: answered)
        }
    }

    private func isMissing(_ status: UInt8) -> Bool {
        status == DigestRecords.statusNumber(.missing)
    }

    /// Every candidate's numbers for question `index`, in id order.
    package func column(_ index: Int) throws -> QuestionColumn {
        try lock.withLock {
            guard let template else { return QuestionColumn(rules: 0, count: 0) }
            let ruleCount = template.questions[index].rules.count
            var column = QuestionColumn(rules: ruleCount, count: entries.count)
            try numbers.scanRecords({ record in
                var reader = ByteReader(record)
                reader.seek(4)
                let at = Int(positionOfRow[Int(reader.uint32())])
                DigestRecords.seek(&reader, question: index)
                column.answered[at] = !isMissing(reader.byte())
                column.score[at] = reader.double()
                _ = reader.double()
                column.words[at] = reader.double()
                column.readingEase[at] = reader.double()
                // A missing answer lists no rules: none met, nothing awarded.
                guard Int(reader.uint32()) == ruleCount else { return }
                for rule in 0..<ruleCount {
                    column.met[rule * entries.count + at] = reader.byte() == 1
                    column.awarded[rule * entries.count + at] = reader.double()
                }
            }, length: DigestRecords.recordLength)
            return column
        }
    }

    /// Question `index`'s bottom-k sketches, made of the ranks `keep` accepts, and where each
    /// answer's ranks lie for `ranks(_:at:length:)`. `values[ranges[i]]` belongs to the candidate at
    /// position i (id order), empty when it has no answer. Like `ranks`, takes no lock: after
    /// `seal` nothing changes, and questions are searched in parallel.
    func sketches(_ index: Int, keep: (UInt32) -> Bool) throws -> StoredSketches {
        var sketches = StoredSketches(values: [], ranges: [Range<Int>](repeating: 0..<0, count: entries.count),
                                      offsets: [Int64](repeating: -1, count: entries.count),
                                      lengths: [Int32](repeating: 0, count: entries.count))
        guard index < rankFiles.count else { return sketches }
        // Room for every sketch at once: a large block is mapped on demand, so pages never
        // written cost nothing, and the array is never copied while it grows.
        sketches.values.reserveCapacity(entries.count * MinHashSketch.size)
        var offset: Int64 = 0
        try rankFiles[index].scanRecords { record in
            var reader = ByteReader(record)
            let at = Int(positionOfRow[Int(reader.uint32())]), count = Int(reader.uint32())
            let start = sketches.values.count
            for _ in 0..<count where sketches.values.count - start < MinHashSketch.size {
                let value = reader.uint32()
                if keep(value) { sketches.values.append(value) }
            }
            sketches.ranges[at] = start..<sketches.values.count
            sketches.offsets[at] = offset
            sketches.lengths[at] = Int32(record.count)
            offset += Int64(record.count)
        } length: { Self.rankRecordLength($0) }
        return sketches
    }

    /// All the shingle ranks of one answer to question `index`, from an offset `sketches` gave.
    /// Takes no lock: it runs only after `seal`, when nothing changes any more, and the
    /// similarity search calls it from several threads for every pair it compares.
    /// `length` is the record's, from `StoredSketches.lengths`, so one read does.
    func ranks(_ index: Int, at offset: Int64, length: Int) throws -> [UInt32] {
        var reader = ByteReader(try rankFiles[index].read(at: offset + 8, count: length - 8))
        return (0..<((length - 8) / 4)).map { _ in reader.uint32() }
    }

    /// Question `index`'s review records (`ReviewRecord`) with each one's candidate
    /// position (id order), in position order: one question's at a time, for the review index.
    /// Decoded as they are read: their bytes are never all in memory beside them (37 MB for two
    /// questions at 20,000 candidates). Takes no lock, like `ranks`: the index writer reads
    /// questions in parallel, after `seal`.
    func reviewRecords(_ index: Int) throws -> [(position: Int, record: ReviewRecord)] {
        guard index < reviewFiles.count else { return [] }
        var records: [(position: Int, record: ReviewRecord)] = []
        records.reserveCapacity(entries.count)
        try reviewFiles[index].scanRecords { record in
            let row = Int(record.loadUnaligned(as: UInt32.self))
            var reader = ByteReader(UnsafeRawBufferPointer(rebasing: record[8...]))
            guard let decoded = ReviewRecord.decode(&reader) else {
                throw OutputError(path: folder, message: "a review record of the cohort's working files could not be read back")
            }
            records.append((Int(positionOfRow[row]), decoded))
        } length: { Int($0.loadUnaligned(fromByteOffset: 4, as: UInt32.self)) }
        records.sort { $0.position < $1.position }
        return records
    }

    /// The id of the candidate at `position` (id order), its digest-cache record's length (0: none) and SHA-256.
    func cacheRecordFacts(at position: Int) -> (id: String, length: Int, sha256: [UInt8]) {
        lock.withLock { (entries[position].id, entries[position].cacheLength, entries[position].cacheSHA256) }
    }

    /// The digest-cache record of the candidate at `position` (id order), if it was stored with one.
    func cacheRecord(at position: Int) throws -> [UInt8]? {
        try lock.withLock {
            let entry = entries[position]
            guard entry.cacheLength > 0 else { return nil }
            return try cache.read(at: entry.cacheOffset, count: entry.cacheLength)
        }
    }

    /// The candidate at `position` (id order): its id and report file.
    func candidateFile(at position: Int) throws -> (id: String, file: String) {
        try lock.withLock {
            let texts = try DigestRecords.texts(at: entries[position].stringsOffset, in: strings)
            return (texts.id, texts.file)
        }
    }

    /// A ranks record's size from its header: row and count, then `count` ranks.
    private static func rankRecordLength(_ header: UnsafeRawBufferPointer) -> Int {
        8 + 4 * Int(header.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
    }

    /// Calls `body` with every candidate's question scores (rubric order), in the order stored.
    func forEachScores(_ body: ([Double]) throws -> Void) throws {
        try lock.withLock {
            guard let template else { return }
            var scores = [Double](repeating: 0, count: template.questions.count)
            try numbers.scanRecords({ record in
                var reader = ByteReader(record)
                for index in scores.indices {
                    DigestRecords.seek(&reader, question: index)
                    _ = reader.byte()
                    scores[index] = reader.double()
                }
                try body(scores)
            }, length: DigestRecords.recordLength)
        }
    }
}

/// The layout of the store's records, shared by its writing and reading halves.
enum DigestRecords {
    /// Where question `index` starts in a numbers record.
    static func seek(_ reader: inout ByteReader, question index: Int) {
        reader.seek(questionTable + 4 * index)
        reader.seek(Int(reader.uint32()))
    }

    static let questionTable = 8 + 24
    static func recordLength(_ header: UnsafeRawBufferPointer) -> Int { Int(header.loadUnaligned(as: UInt32.self)) }

    /// A status as one byte: its place in `QuestionResult.Status.allCases`.
    static func statusNumber(_ status: QuestionResult.Status) -> UInt8 {
        UInt8(QuestionResult.Status.allCases.firstIndex(of: status) ?? 0)
    }

    /// A candidate's texts from the strings file.
    package static func texts(at offset: Int64, in strings: SpillFile) throws -> (id: String, name: String?, email: String?, source: String, file: String) {
        var size = ByteReader(try strings.read(at: offset, count: 4))
        var reader = ByteReader(try strings.read(at: offset + 4, count: Int(size.uint32())))
        return (reader.string() ?? "", reader.string(), reader.string(), reader.string() ?? "", reader.string() ?? "")
    }
}

/// One question's sketches across the cohort, flattened so a large cohort costs one array.
package struct StoredSketches: Sendable {
    package var values: [UInt32]
    /// Per candidate (id order), its sketch's range in `values`.
    package var ranges: [Range<Int>]
    /// Per candidate, where its ranks are stored (-1: no answer), and the record's length.
    package var offsets: [Int64]
    var lengths: [Int32]

    package func sketch(_ candidate: Int) -> ArraySlice<UInt32> { values[ranges[candidate]] }
}

/// One candidate as the store gives it back.
package struct StoredCandidate: Sendable {
    package let id: String
    package let name: String?
    package let email: String?
    package let source: String
    package let file: String
    package let total: Double
    package let maxPoints: Double
    package let warnings: Int
    /// One per question, in rubric order.
    package let scores: [Double]
    package let answered: Int
}

/// One question's numbers across the cohort, in id order; rule values are laid out rule by rule.
package struct QuestionColumn: Sendable {
    package let count: Int
    package var answered: [Bool]
    package var score: [Double]
    package var words: [Double]
    package var readingEase: [Double]
    package var met: [Bool]
    package var awarded: [Double]

    init(rules: Int, count: Int) {
        self.count = count
        answered = Array(repeating: false, count: count)
        score = Array(repeating: 0, count: count)
        words = Array(repeating: 0, count: count)
        readingEase = Array(repeating: 0, count: count)
        met = Array(repeating: false, count: rules * count)
        awarded = Array(repeating: 0, count: rules * count)
    }

    package func met(rule: Int) -> ArraySlice<Bool> { met[(rule * count)..<((rule + 1) * count)] }
    package func awarded(rule: Int) -> ArraySlice<Double> { awarded[(rule * count)..<((rule + 1) * count)] }
}
