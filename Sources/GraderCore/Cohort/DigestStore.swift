import Foundation

/// A cohort's digests, kept on disk as they are made, so the memory a run needs does not
/// grow with the cohort: per candidate only its id, total and where its records lie stay
/// in memory (about 50 bytes). The cohort analysis reads the store back one question at a
/// time (`column`, `sketches`) and the ranking and gradebooks one candidate at a time.
///
/// Layout, in a private folder removed when the store is released (and, after a crash,
/// by the next run, as a leftover temporary): `numbers` holds a record of numbers per
/// candidate, `strings` the candidate's texts, and `ranks-N` the shingle ranks of question N's
/// answers. All digests must follow one template (the questions and rules of the first),
/// which one rubric guarantees; a report that does not is refused.
final class DigestStore: @unchecked Sendable {
    /// What every digest of the cohort shares: the rubric, its questions and rules. A question's
    /// rules are learnt from the first answer that has them (a missing answer lists none).
    struct Template: Sendable {
        let rubric: RubricIdentity
        let maxPoints: Double
        fileprivate(set) var questions: [QuestionTemplate]

        init(_ digest: CandidateDigest) {
            rubric = digest.rubric
            maxPoints = digest.maxPoints
            questions = digest.questions.map { QuestionTemplate(id: $0.id, maxPoints: $0.maxPoints, rules: $0.rules) }
        }
    }

    struct QuestionTemplate: Sendable {
        let id: String
        let maxPoints: Double
        /// Ids, kinds and points of the rules; `met` and `awarded` here are one digest's.
        let rules: [RuleDigest]
    }

    /// What the store keeps in memory per candidate.
    private struct Entry {
        let id: String
        let total: Double
        let row: Int32
        let numbersOffset: Int64
        let stringsOffset: Int64
    }

    private let lock = NSLock()
    let folder: String
    private var template: Template?
    private var entries: [Entry] = []
    private var numbers: SpillFile
    private var strings: SpillFile
    private var rankFiles: [SpillFile] = []
    /// Each row's position in id order, once `seal` has sorted them.
    private var positionOfRow: [Int32] = []
    private var sealed = false

    /// A store in a new private folder inside `parent`.
    init(in parent: String) throws(OutputError) {
        folder = Path.join(parent, "\(AtomicFile.temporaryPrefix)cohort-\(getpid())-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: folder, message: "cannot create the cohort's working folder: \(error.localizedDescription)")
        }
        numbers = try SpillFile(path: Path.join(folder, "numbers"))
        strings = try SpillFile(path: Path.join(folder, "strings"))
    }

    deinit {
        numbers.close()
        strings.close()
        for file in rankFiles { file.close() }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Candidates stored.
    var count: Int { lock.withLock { entries.count } }

    /// The template every digest follows (nil while the store is empty).
    var shape: Template? { lock.withLock { template } }

    // MARK: Writing

    /// Adds a digest. Throws when it does not follow the cohort's template (another rubric)
    /// or the disk cannot take it.
    func append(_ digest: CandidateDigest) throws {
        try lock.withLock {
            precondition(!sealed, "DigestStore.append after seal")
            if template == nil { try start(with: digest) }
            try check(digest)
            let row = Int32(entries.count)
            entries.append(Entry(id: digest.id, total: digest.total, row: row, numbersOffset: numbers.size, stringsOffset: strings.size))
            try writeStrings(of: digest)
            try writeNumbers(of: digest, row: row)
            for (index, question) in digest.questions.enumerated() where !question.ranks.isEmpty {
                var record = ByteRecord()
                record.reserve(8 + 4 * question.ranks.count)
                record.append(UInt32(bitPattern: row))
                record.append(UInt32(question.ranks.count))
                for value in question.ranks { record.append(value) }
                try rankFiles[index].append(record.bytes)
            }
        }
    }

    private func start(with digest: CandidateDigest) throws(OutputError) {
        template = Template(digest)
        for index in digest.questions.indices {
            rankFiles.append(try SpillFile(path: Path.join(folder, "ranks-\(index)")))
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
            record.append(statusNumber(question.status))
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

    /// Where question `index` starts in a numbers record.
    private static func seek(_ reader: inout ByteReader, question index: Int) {
        reader.seek(Self.questionTable + 4 * index)
        reader.seek(Int(reader.uint32()))
    }

    private static let questionTable = 8 + 24
    private static func recordLength(_ header: UnsafeRawBufferPointer) -> Int { Int(header.loadUnaligned(as: UInt32.self)) }

    /// A status as one byte: its place in `QuestionResult.Status.allCases`.
    private func statusNumber(_ status: QuestionResult.Status) -> UInt8 {
        UInt8(QuestionResult.Status.allCases.firstIndex(of: status) ?? 0)
    }

    // MARK: Reading

    /// Ends writing: flushes the files and puts candidates in id order. Two digests with one
    /// id are an error naming both reports.
    func seal() throws {
        try lock.withLock {
            guard !sealed else { return }
            try numbers.flush()
            try strings.flush()
            for index in rankFiles.indices { try rankFiles[index].flush() }
            let order = entries.indices.sorted { entries[$0].id < entries[$1].id }
            for (a, b) in zip(order, order.dropFirst()) where entries[a].id == entries[b].id {
                let first = try texts(at: entries[a].stringsOffset), second = try texts(at: entries[b].stringsOffset)
                throw InputError(file: second.file, message: "candidate \(first.id) is also reported in \(first.file): each candidate must be graded once")
            }
            positionOfRow = [Int32](repeating: 0, count: entries.count)
            for (position, index) in order.enumerated() { positionOfRow[Int(entries[index].row)] = Int32(position) }
            entries = order.map { entries[$0] }
            sealed = true
        }
    }

    /// Totals in id order.
    var totals: [Double] { lock.withLock { entries.map(\.total) } }

    /// Whether a candidate of this id is stored (a binary search: entries are in id order).
    func contains(id: String) -> Bool {
        lock.withLock {
            precondition(sealed, "DigestStore read before seal")
            var low = 0, high = entries.count
            while low < high {
                let middle = (low + high) / 2
                if entries[middle].id < id { low = middle + 1 } else { high = middle }
            }
            return low < entries.count && entries[low].id == id
        }
    }

    /// The texts and numbers of the candidate at `position` (id order).
    func candidate(at position: Int) throws -> StoredCandidate {
        try lock.withLock {
            precondition(sealed, "DigestStore read before seal")
            let entry = entries[position]
            let texts = try texts(at: entry.stringsOffset)
            var header = ByteReader(try numbers.read(at: entry.numbersOffset, count: 4))
            var reader = ByteReader(try numbers.read(at: entry.numbersOffset, count: Int(header.uint32())))
            reader.seek(8)
            let total = reader.double(), maxPoints = reader.double(), warnings = Int(reader.double())
            var scores: [Double] = [], answered = 0
            for index in template!.questions.indices {
                Self.seek(&reader, question: index)
                if !isMissing(reader.byte()) { answered += 1 }
                scores.append(reader.double())
            }
            return StoredCandidate(id: texts.id, name: texts.name, email: texts.email, source: texts.source, file: texts.file,
                                   total: total, maxPoints: maxPoints, warnings: warnings, scores: scores, answered: answered)
        }
    }

    private func isMissing(_ status: UInt8) -> Bool {
        status == statusNumber(.missing)
    }

    private func texts(at offset: Int64) throws -> (id: String, name: String?, email: String?, source: String, file: String) {
        var size = ByteReader(try strings.read(at: offset, count: 4))
        var reader = ByteReader(try strings.read(at: offset + 4, count: Int(size.uint32())))
        return (reader.string() ?? "", reader.string(), reader.string(), reader.string() ?? "", reader.string() ?? "")
    }

    /// Every candidate's numbers for question `index`, in id order.
    func column(_ index: Int) throws -> QuestionColumn {
        try lock.withLock {
            precondition(sealed, "DigestStore read before seal")
            guard let template else { return QuestionColumn(rules: 0, count: 0) }
            let ruleCount = template.questions[index].rules.count
            var column = QuestionColumn(rules: ruleCount, count: entries.count)
            try numbers.scanRecords({ record in
                var reader = ByteReader(record)
                reader.seek(4)
                let at = Int(positionOfRow[Int(reader.uint32())])
                Self.seek(&reader, question: index)
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
            }, length: Self.recordLength)
            return column
        }
    }

    /// Question `index`'s bottom-k sketches, made of the ranks `keep` accepts, and where each
    /// answer's ranks lie for `ranks(_:at:)`. `values[ranges[i]]` belongs to the candidate at
    /// position i (id order), empty when it has no answer. Like `ranks`, takes no lock: after
    /// `seal` nothing changes, and questions are searched in parallel.
    func sketches(_ index: Int, keep: (UInt32) -> Bool) throws -> StoredSketches {
        precondition(sealed, "DigestStore read before seal")
        var sketches = StoredSketches(values: [], ranges: [Range<Int>](repeating: 0..<0, count: entries.count),
                                      offsets: [Int64](repeating: -1, count: entries.count))
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
            offset += Int64(record.count)
        } length: { Self.rankRecordLength($0) }
        return sketches
    }

    /// All the shingle ranks of one answer to question `index`, from an offset `sketches` gave.
    /// Takes no lock: it runs only after `seal`, when nothing changes any more, and the
    /// similarity search calls it from several threads for every pair it compares.
    func ranks(_ index: Int, at offset: Int64) throws -> [UInt32] {
        precondition(sealed, "DigestStore read before seal")
        let length = try rankFiles[index].read(at: offset, count: 8).withUnsafeBytes { Self.rankRecordLength($0) }
        var reader = ByteReader(try rankFiles[index].read(at: offset + 8, count: length - 8))
        return (0..<((length - 8) / 4)).map { _ in reader.uint32() }
    }

    /// A ranks record's size from its header: row and count, then `count` ranks.
    private static func rankRecordLength(_ header: UnsafeRawBufferPointer) -> Int {
        8 + 4 * Int(header.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
    }

    /// Calls `body` with every candidate's question scores (rubric order), in the order stored.
    func forEachScores(_ body: ([Double]) throws -> Void) throws {
        try lock.withLock {
            precondition(sealed, "DigestStore read before seal")
            guard let template else { return }
            var scores = [Double](repeating: 0, count: template.questions.count)
            try numbers.scanRecords({ record in
                var reader = ByteReader(record)
                for index in scores.indices {
                    Self.seek(&reader, question: index)
                    _ = reader.byte()
                    scores[index] = reader.double()
                }
                try body(scores)
            }, length: Self.recordLength)
        }
    }
}

/// One question's sketches across the cohort, flattened so a large cohort costs one array.
struct StoredSketches: Sendable {
    var values: [UInt32]
    /// Per candidate (id order), its sketch's range in `values`.
    var ranges: [Range<Int>]
    /// Per candidate, where its ranks are stored (-1: no answer).
    var offsets: [Int64]

    func sketch(_ candidate: Int) -> ArraySlice<UInt32> { values[ranges[candidate]] }
}

/// One candidate as the store gives it back.
struct StoredCandidate: Sendable {
    let id: String
    let name: String?
    let email: String?
    let source: String
    let file: String
    let total: Double
    let maxPoints: Double
    let warnings: Int
    /// One per question, in rubric order.
    let scores: [Double]
    let answered: Int
}

/// One question's numbers across the cohort, in id order; rule values are laid out rule by rule.
struct QuestionColumn: Sendable {
    let count: Int
    var answered: [Bool]
    var score: [Double]
    var words: [Double]
    var readingEase: [Double]
    var met: [Bool]
    var awarded: [Double]

    init(rules: Int, count: Int) {
        self.count = count
        answered = Array(repeating: false, count: count)
        score = Array(repeating: 0, count: count)
        words = Array(repeating: 0, count: count)
        readingEase = Array(repeating: 0, count: count)
        met = Array(repeating: false, count: rules * count)
        awarded = Array(repeating: 0, count: rules * count)
    }

    func met(rule: Int) -> ArraySlice<Bool> { met[(rule * count)..<((rule + 1) * count)] }
    func awarded(rule: Int) -> ArraySlice<Double> { awarded[(rule * count)..<((rule + 1) * count)] }
}
