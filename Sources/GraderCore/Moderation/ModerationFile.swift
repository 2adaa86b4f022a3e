import CSV
import Foundation
import LibCrypto

// PROVISIONAL: the shared contract's API (notes/contract-moderation.md), written on the review
// branch only so `grader review` builds before the moderation branch lands; replaced by that
// branch's Sources/GraderCore/Moderation/ when it is merged.

/// One person's decision on one answer.
public struct ModerationDecision: Sendable, Equatable {
    public var candidateID: String
    public var questionID: String
    /// nil withdraws the decision.
    public var score: Double?
    public var reason: String
    public var moderator: String
    public var decidedAt: String
    public var answerSHA256: String

    public init(candidateID: String, questionID: String, score: Double?, reason: String, moderator: String,
                decidedAt: String, answerSHA256: String) {
        self.candidateID = candidateID
        self.questionID = questionID
        self.score = score
        self.reason = reason
        self.moderator = moderator
        self.decidedAt = decidedAt
        self.answerSHA256 = answerSHA256
    }

    /// Lowercase hex SHA-256 of the answer text's UTF-8 bytes.
    public static func answerHash(_ answerText: String) -> String {
        (try? Digest.sha256Hex(Array(answerText.utf8))) ?? ""
    }
}

/// What a moderation file holds.
public struct ModerationLog: Sendable {
    public var decisions: [ModerationDecision]

    public init(decisions: [ModerationDecision]) { self.decisions = decisions }

    /// The latest row for the answer; nil when there is none or it withdrew the decision.
    public func current(candidate: String, question: String) -> ModerationDecision? {
        guard let last = decisions.last(where: { $0.candidateID == candidate && $0.questionID == question }),
              last.score != nil else { return nil }
        return last
    }
}

/// The CSV file of decisions.
public struct ModerationFile: Sendable {
    public let path: String
    static let header = ["candidate", "question", "score", "reason", "moderator", "decided_at", "answer_sha256"]

    public init(path: String) { self.path = path }

    public func read() throws(InputError) -> ModerationLog {
        guard let data = FileManager.default.contents(atPath: path) else { return ModerationLog(decisions: []) }
        do {
            let reader = try CSVReader(string: String(decoding: data, as: UTF8.self), hasHeaderRow: true)
            var decisions: [ModerationDecision] = []
            var line = 1
            while let row = reader.next() {
                line += 1
                guard row.count == Self.header.count else {
                    throw InputError([Diagnostic(.error, file: path, line: line, "expected \(Self.header.count) cells")])
                }
                decisions.append(ModerationDecision(candidateID: row[0], questionID: row[1], score: Double(row[2]),
                                                    reason: row[3], moderator: row[4], decidedAt: row[5], answerSHA256: row[6]))
            }
            return ModerationLog(decisions: decisions)
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: path, message: "not a readable CSV: \(error)")
        }
    }

    public func record(_ decisions: [ModerationDecision]) throws(OutputError) {
        let lock = open(path + ".lock", O_CREAT | O_RDWR, 0o644)
        guard lock >= 0, flock(lock, LOCK_EX) == 0 else { throw OutputError(path: path, message: "cannot lock") }
        defer { close(lock) }
        var text = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        if text.isEmpty { text = Self.header.joined(separator: ",") + "\r\n" }
        for decision in decisions {
            let cells = [decision.candidateID, decision.questionID, decision.score.map { NumberText.format($0) } ?? "",
                         GradesCSVWriter.neutralised(decision.reason), GradesCSVWriter.neutralised(decision.moderator),
                         decision.decidedAt, decision.answerSHA256]
            text += cells.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") + "\r\n"
        }
        try AtomicFile.write(text, to: path)
    }
}
