import GraderEngine

/// What the moderation file says of one answer: the one reading of a decision, made once per
/// answer by `CandidateStream`. A decision counts only while the answer is the one it was made
/// on (its hash) and only with a score the question can take. Each command then uses the
/// ruling its own way: `grade` reports the moderator's score in place of the rubric's
/// (`ModerationApplier`), `tune` takes it as the human grade of the answer (`TuneModeration`).
package enum ModerationRuling: Sendable, Equatable {
    /// No decision in force for this answer (none made, or the latest row withdrew it).
    case none
    /// A decision made on other text: the answer has changed since, so it does not count.
    case stale(ModerationDecision, line: Int)
    /// A decision whose score is outside 0…the question's points: it does not count.
    case outOfRange(ModerationDecision, score: Double, line: Int)
    /// The moderator's score stands for this answer.
    case stands(ModerationDecision, score: Double, line: Int)

    init(_ log: ModerationLog, candidate: String, question: Question, answer: String) {
        guard let decision = log.current(candidate: candidate, question: question.id), let score = decision.score,
              let line = log.line(candidate: candidate, question: question.id) else {
            self = .none
            return
        }
        if decision.answerSHA256 != ModerationDecision.answerHash(answer) {
            self = .stale(decision, line: line)
        } else if score < 0 || score > question.points + 1e-9 {
            self = .outOfRange(decision, score: score, line: line)
        } else {
            self = .stands(decision, score: score, line: line)
        }
    }

    /// The moderator's score, when it stands.
    package var score: Double? {
        if case .stands(_, let score, _) = self { return score }
        return nil
    }

    /// Rulings on every answer of a submission, in the rubric's question order.
    package static func rulings(_ log: ModerationLog, on submission: Submission, rubric: Rubric) -> [ModerationRuling] {
        guard log.names(candidate: submission.candidate.id) else { return [] }
        return rubric.questions.map { question in
            ModerationRuling(log, candidate: submission.candidate.id, question: question,
                             answer: submission.answers[question.id]?.text ?? "")
        }
    }
}
