import GraderEngine
import GraderFoundation
import GraderReports

/// One answer as `grader review` queues it, kept in the review index: its outcome as the
/// candidate report records it (status, score, each rule's outcome, the defines that held, the
/// profile figures the reasons use, whether a person's decision is applied, the hash decisions
/// are made against) and the facts of its text (`AnswerFacts`). The text and the evidence stay in
/// the report, which review reads when a person opens the answer.
package struct ReviewRecord: Sendable, Equatable {
    package struct Rule: Sendable, Hashable {
        package enum Status: UInt8, Sendable, Hashable { case unmet, met, notEvaluated }
        package let status: Status
        /// Met and every requirement satisfied.
        package let credited: Bool
        package let awarded: Double
        /// Why it was not evaluated, when it was not.
        package let notEvaluated: String?

        package init(status: Status, credited: Bool, awarded: Double, notEvaluated: String?) {
            self.status = status
            self.credited = credited
            self.awarded = awarded
            self.notEvaluated = notEvaluated
        }
    }

    package let status: QuestionResult.Status
    /// The report holds a non-empty answer text.
    package let hasText: Bool
    package let score: Double
    package let maxPoints: Double
    package let words: Int
    package let promptOverlap: Double
    /// A person's decision is applied in the report.
    package let moderated: Bool
    /// `ModerationDecision.answerHash` of the text, lower-case hex.
    package let answerSHA256: String
    /// In the report's order (the question's rules in rubric order).
    package let rules: [Rule]
    /// Whether each define the question requires held, in `Question.requiredDefines` order;
    /// empty when the report does not say (one written before reports recorded it).
    package let definesMet: [Bool]
    /// In the digest store: all its facts. In the index: no shingle ranks (they served to group it).
    package var facts: AnswerFacts
    /// The answer's group of the same or nearly the same answers to its question (`NearDuplicates`,
    /// 1-based in leader order), 0 when it stands alone; set when the index is written.
    package var group: UInt32 = 0

    package init(status: QuestionResult.Status, hasText: Bool, score: Double, maxPoints: Double, words: Int, promptOverlap: Double,
                 moderated: Bool, answerSHA256: String, rules: [Rule], definesMet: [Bool], facts: AnswerFacts) {
        self.status = status
        self.hasText = hasText
        self.score = score
        self.maxPoints = maxPoints
        self.words = words
        self.promptOverlap = promptOverlap
        self.moderated = moderated
        self.answerSHA256 = answerSHA256
        self.rules = rules
        self.definesMet = definesMet
        self.facts = facts
    }

    // MARK: Bytes (the index's and the digest store's; see `ReviewIndex` for the file)

    func encode(into record: inout ByteRecord) {
        record.append(DigestRecords.statusNumber(status))
        record.append(UInt8((hasText ? 1 : 0) | (moderated ? 2 : 0)))
        record.append(score)
        record.append(maxPoints)
        record.append(UInt32(clamping: words))
        record.append(promptOverlap)
        record.append(contentsOf: Self.rawHash(answerSHA256))
        record.append(UInt32(rules.count))
        for rule in rules {
            record.append(rule.status.rawValue | (rule.credited ? 0x10 : 0))
            record.append(rule.awarded)
            if rule.status == .notEvaluated { record.append(rule.notEvaluated) }
        }
        record.append(UInt32(definesMet.count))
        for held in definesMet { record.append(UInt8(held ? 1 : 0)) }
        record.append(group)
        record.append(facts.wordsKey)
        record.append(UInt32(facts.ranks.count))
        record.append(contentsOf: facts.ranks)
        record.append(UInt32(facts.modelStems.count))
        for stem in facts.modelStems { record.append(stem) }
    }

    /// The record `encode` wrote; nil when the bytes are damaged (a count past the end).
    static func decode(_ reader: inout ByteReader) -> ReviewRecord? {
        let statuses = QuestionResult.Status.allCases
        let statusNumber = Int(reader.byte())
        let status = statusNumber < statuses.count ? statuses[statusNumber] : .missing
        let flags = reader.byte()
        let score = reader.double(), maxPoints = reader.double()
        let words = Int(reader.uint32())
        let promptOverlap = reader.double()
        let hash = Self.hex(reader.bytes(32))
        var rules: [Rule] = []
        let ruleCount = Int(reader.uint32())
        guard ruleCount <= reader.remaining / 9 else { return nil }
        rules.reserveCapacity(ruleCount)
        for _ in 0..<ruleCount {
            let byte = reader.byte()
            let ruleStatus = Rule.Status(rawValue: byte & 0x0F) ?? .unmet
            let awarded = reader.double()
            let reason = ruleStatus == .notEvaluated ? reader.string() : nil
            rules.append(Rule(status: ruleStatus, credited: byte & 0x10 != 0, awarded: awarded, notEvaluated: reason))
        }
        let defineCount = Int(reader.uint32())
        guard defineCount <= reader.remaining else { return nil }
        let definesMet = (0..<defineCount).map { _ in reader.byte() != 0 }
        let group = reader.uint32()
        let wordsKey = reader.uint64()
        let rankCount = Int(reader.uint32())
        guard rankCount <= reader.remaining / 4 else { return nil }
        let ranks = (0..<rankCount).map { _ in reader.uint32() }
        let stemCount = Int(reader.uint32())
        guard stemCount <= reader.remaining / 2 else { return nil }
        let stems = (0..<stemCount).map { _ in reader.uint16() }
        guard !reader.overrun else { return nil }
        var record = ReviewRecord(status: status, hasText: flags & 1 != 0, score: score, maxPoints: maxPoints, words: words,
                                  promptOverlap: promptOverlap, moderated: flags & 2 != 0, answerSHA256: hash, rules: rules,
                                  definesMet: definesMet, facts: AnswerFacts(wordsKey: wordsKey, ranks: ranks, modelStems: stems))
        record.group = group
        return record
    }

    /// 32 bytes from 64 hex digits (zeros for anything else: an empty hash, libcrypto out of memory).
    static func rawHash(_ hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return [UInt8](repeating: 0, count: 32) }
        func value(_ digit: UInt8) -> UInt8 { digit >= 0x61 ? digit - 0x61 + 10 : digit >= 0x41 ? digit - 0x41 + 10 : digit - 0x30 }
        return (0..<32).map { value(digits[2 * $0]) << 4 | value(digits[2 * $0 + 1]) }
    }

    static func hex(_ raw: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in raw {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
