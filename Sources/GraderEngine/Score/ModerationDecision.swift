import Foundation
import LibCrypto

/// One person's decision on one answer: the points they give it, why, who they are and when,
/// and the hash of the answer text they read, so a decision on text that has since changed
/// is recognised as stale instead of silently applied to a different answer.
public struct ModerationDecision: Sendable, Equatable {
    public var candidateID: String
    public var questionID: String
    /// The person's points for the question; nil withdraws an earlier decision (back to the automatic score).
    public var score: Double?
    public var reason: String
    public var moderator: String
    /// ISO 8601 UTC to the second, e.g. `2026-12-01T23:59:07Z`.
    public var decidedAt: String
    /// Lower-case hex SHA-256 of the answer's UTF-8 bytes as graded (see `answerHash(_:)`).
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

    /// Whether this row withdraws the decision before it.
    public var isWithdrawal: Bool { score == nil }

    /// The hash a decision records: SHA-256 of the answer text exactly as graded (the text of the
    /// candidate report's `<answer>`: decoded, line endings made LF, before normalisation).
    /// A missing answer is hashed as the empty text.
    public static func answerHash(_ answerText: String) -> String {
        // libcrypto fails only when out of memory; an empty hash then never matches, so the
        // decision is reported stale rather than applied to an answer it was not made on.
        (try? Digest.sha256Hex(Array(answerText.utf8))) ?? ""
    }

    /// `date` in the form `decided_at` holds.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }
}
