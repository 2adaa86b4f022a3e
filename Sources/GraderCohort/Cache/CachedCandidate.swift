import GraderEngine
import GraderFoundation
import GraderModeration
import GraderReports

/// What a re-run needs of a candidate whose reports still stand, kept in the reports folder's
/// digest cache (`DigestCache`) so that it is not rebuilt by parsing the XML report and shingling
/// every answer again: the candidate's digest (scores, rule outcomes, shingle ranks, review
/// record), what the run's summary counts of it (answers, bytes, warnings), the decisions its
/// report holds, and the two hashes that say it still stands (its submission's, and its XML
/// report's bytes as written).
package struct CachedCandidate: Sendable, Equatable {
    package var digest: CandidateDigest
    package let submissionSHA256: String
    /// SHA-256 of the XML report's bytes: a report changed in any way is not this one.
    package let reportSHA256: [UInt8]
    /// The report holds a person's decision, applied or stale (`CandidateReport.Question.holdsDecision`).
    package let holdsDecision: Bool
    package let answers: Int
    package let bytes: Int
    /// As `CandidateReportReader` reads them back from the report.
    package let warnings: [Diagnostic]
    /// The decisions the report holds, as the cohort's moderation figures count them.
    package let moderation: ModerationFacts

    package init(digest: CandidateDigest, submissionSHA256: String, reportSHA256: [UInt8], holdsDecision: Bool,
                 answers: Int, bytes: Int, warnings: [Diagnostic], moderation: ModerationFacts) {
        self.digest = digest
        self.submissionSHA256 = submissionSHA256
        self.reportSHA256 = reportSHA256
        self.holdsDecision = holdsDecision
        self.answers = answers
        self.bytes = bytes
        self.warnings = warnings
        self.moderation = moderation
    }

    /// The record of a report read back (`grader cohort`, or a kept candidate the cache did not
    /// hold): counts and warnings as the report holds them; nil for a report naming no submission hash.
    package static func of(_ report: CandidateReport, digest: CandidateDigest, reportSHA256: [UInt8],
                           moderation: ModerationFacts) -> CachedCandidate? {
        guard let submission = report.submissionSHA256 else { return nil }
        let answers = report.questions.compactMap(\.answer)
        return CachedCandidate(digest: digest, submissionSHA256: submission, reportSHA256: reportSHA256,
                               holdsDecision: report.questions.contains(where: \.holdsDecision), answers: answers.count,
                               bytes: answers.reduce(0) { $0 + $1.text.utf8.count }, warnings: report.warnings, moderation: moderation)
    }

    // MARK: Bytes

    package func encoded() -> [UInt8] {
        var record = ByteRecord()
        record.append(submissionSHA256)
        record.append(UInt32(reportSHA256.count))
        record.append(contentsOf: reportSHA256)
        record.append(UInt8(holdsDecision ? 1 : 0))
        record.append(UInt64(answers))
        record.append(UInt64(bytes))
        record.append(UInt32(warnings.count))
        for warning in warnings {
            record.append(warning.file)
            record.append(UInt64(bitPattern: Int64(warning.line ?? -1)))
            record.append(warning.question)
            record.append(warning.message)
        }
        record.append(UInt32(moderation.answers.count))
        for answer in moderation.answers {
            record.append(UInt32(answer.question))
            record.append(answer.automatic)
            record.append(answer.moderated)
        }
        record.append(UInt32(moderation.stale))
        Self.encode(digest, into: &record)
        return record.bytes
    }

    private static func encode(_ digest: CandidateDigest, into record: inout ByteRecord) {
        // The report's name, not its path: the folder may move, and the run that reads the record knows where it is.
        for text in [digest.id, digest.name, digest.email, digest.source, Path.lastComponent(digest.file)] { record.append(text) }
        record.append(digest.rubric.id)
        record.append(digest.rubric.version)
        record.append(digest.rubric.title)
        record.append(digest.rubric.sha256)
        record.append(digest.total)
        record.append(digest.maxPoints)
        record.append(UInt64(digest.warnings))
        record.append(UInt32(digest.questions.count))
        for question in digest.questions {
            record.append(question.id)
            record.append(DigestRecords.statusNumber(question.status))
            record.append(question.score)
            record.append(question.maxPoints)
            record.append(UInt64(question.words))
            record.append(question.readingEase)
            record.append(UInt32(question.rules.count))
            for rule in question.rules {
                record.append(rule.id)
                record.append(Self.kindNumber(rule.kind))
                record.append(rule.points)
                record.append(UInt8(rule.met ? 1 : 0))
                record.append(rule.awarded)
            }
            // The cohort's ranks are the review record's less those of the prompt's and model answer's
            // shingles: a bit per review rank says which, a tenth of the bytes of the list itself.
            let mask = question.review.flatMap { Self.mask(question.ranks, within: $0.facts.ranks) }
            record.append(UInt8((question.review == nil ? 0 : 1) | (question.countedInFrequency ? 2 : 0) | (mask == nil ? 0 : 4)))
            question.review?.encode(into: &record)
            if let mask {
                record.append(contentsOf: mask)
            } else {
                record.append(UInt32(question.ranks.count))
                record.append(contentsOf: question.ranks)
            }
        }
    }

    /// Reads what `encoded()` wrote; nil for bytes that are not such a record (a damaged cache).
    package static func decode(_ bytes: [UInt8]) -> CachedCandidate? {
        var reader = ByteReader(bytes)
        guard let submission = reader.checkedString(size: bytes.count) else { return nil }
        let hashLength = Int(reader.uint32())
        guard hashLength <= reader.remaining else { return nil }
        let reportHash = reader.bytes(hashLength)
        let holdsDecision = reader.byte() == 1
        let answers = Int(truncatingIfNeeded: reader.uint64()), byteCount = Int(truncatingIfNeeded: reader.uint64())
        let warningCount = Int(reader.uint32())
        guard warningCount <= reader.remaining else { return nil }
        var warnings: [Diagnostic] = []
        for _ in 0..<warningCount {
            guard let file = reader.checkedString(size: bytes.count), reader.remaining >= 8 else { return nil }
            let line = Int64(bitPattern: reader.uint64())
            let question = reader.string()
            guard let message = reader.checkedString(size: bytes.count) else { return nil }
            warnings.append(Diagnostic(.warning, file: file, line: line < 0 ? nil : Int(line), question: question, message))
        }
        let moderatedCount = Int(reader.uint32())
        guard moderatedCount <= reader.remaining / 20 else { return nil }
        var moderation = ModerationFacts()
        // The candidate's id comes with the digest, after the list: the answers are made once it is read.
        var moderated: [(Int, Double, Double)] = []
        for _ in 0..<moderatedCount { moderated.append((Int(reader.uint32()), reader.double(), reader.double())) }
        moderation.stale = Int(reader.uint32())
        guard let digest = decodeDigest(&reader, size: bytes.count), !reader.overrun, reader.remaining == 0 else { return nil }
        moderation.answers = moderated.map { ModeratedAnswer(candidate: digest.id, question: $0.0, automatic: $0.1, moderated: $0.2) }
        return CachedCandidate(digest: digest, submissionSHA256: submission, reportSHA256: reportHash, holdsDecision: holdsDecision,
                               answers: answers, bytes: byteCount, warnings: warnings, moderation: moderation)
    }

    private static func decodeDigest(_ reader: inout ByteReader, size: Int) -> CandidateDigest? {
        guard let id = reader.checkedString(size: size) else { return nil }
        let name = reader.string(), email = reader.string()
        guard let source = reader.checkedString(size: size), let file = reader.checkedString(size: size),
              let rubricID = reader.checkedString(size: size) else { return nil }
        let version = reader.string(), title = reader.string()
        guard let sha256 = reader.checkedString(size: size) else { return nil }
        let total = reader.double(), maxPoints = reader.double(), warnings = Int(truncatingIfNeeded: reader.uint64())
        let questionCount = Int(reader.uint32())
        guard questionCount <= reader.remaining else { return nil }
        var questions: [QuestionDigest] = []
        questions.reserveCapacity(questionCount)
        for _ in 0..<questionCount {
            guard let questionID = reader.checkedString(size: size) else { return nil }
            let statusNumber = Int(reader.byte())
            guard statusNumber < QuestionResult.Status.allCases.count else { return nil }
            let status = QuestionResult.Status.allCases[statusNumber]
            let score = reader.double(), questionMax = reader.double(), words = Int(truncatingIfNeeded: reader.uint64())
            let readingEase = reader.double()
            let ruleCount = Int(reader.uint32())
            guard ruleCount <= reader.remaining else { return nil }
            var rules: [RuleDigest] = []
            for _ in 0..<ruleCount {
                guard let ruleID = reader.checkedString(size: size) else { return nil }
                let kindNumber = Int(reader.byte())
                guard kindNumber < kinds.count else { return nil }
                rules.append(RuleDigest(id: ruleID, kind: kinds[kindNumber], points: reader.double(), met: reader.byte() == 1,
                                        awarded: reader.double()))
            }
            let flags = reader.byte()
            var review: ReviewRecord?
            if flags & 1 != 0 {
                guard let decoded = ReviewRecord.decode(&reader) else { return nil }
                review = decoded
            }
            let ranks: [UInt32]
            if flags & 4 != 0, let review {
                let all = review.facts.ranks
                let mask = reader.bytes((all.count + 7) / 8)
                ranks = all.indices.filter { mask[$0 / 8] & (1 << ($0 % 8)) != 0 }.map { all[$0] }
            } else {
                let rankCount = Int(reader.uint32())
                guard rankCount <= reader.remaining / 4 else { return nil }
                ranks = (0..<rankCount).map { _ in reader.uint32() }
            }
            var question = QuestionDigest(id: questionID, status: status, score: score, maxPoints: questionMax, words: words,
                                          readingEase: readingEase, rules: rules, ranks: ranks)
            question.countedInFrequency = flags & 2 != 0
            question.review = review
            questions.append(question)
        }
        guard !reader.overrun else { return nil }
        return CandidateDigest(id: id, name: name, email: email, source: source,
                               rubric: RubricIdentity(id: rubricID, version: version, title: title, sha256: sha256),
                               total: total, maxPoints: maxPoints, warnings: warnings, questions: questions, file: file)
    }

    /// A bit per rank of `all` (ascending) that is in `ranks` (ascending); nil when some rank of `ranks` is not in `all`.
    static func mask(_ ranks: [UInt32], within all: [UInt32]) -> [UInt8]? {
        var mask = [UInt8](repeating: 0, count: (all.count + 7) / 8)
        var next = 0
        for (index, rank) in all.enumerated() where next < ranks.count && ranks[next] == rank {
            mask[index / 8] |= 1 << (index % 8)
            next += 1
        }
        return next == ranks.count ? mask : nil
    }

    private static let kinds: [ScoredRule.Kind] = [.criterion, .element, .penalty]

    private static func kindNumber(_ kind: ScoredRule.Kind) -> UInt8 {
        UInt8(kinds.firstIndex(of: kind) ?? 0)
    }
}
