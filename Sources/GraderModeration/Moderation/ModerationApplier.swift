import GraderEngine
import GraderFoundation

/// The moderation file a run applies: its path, for messages, and what it holds.
public struct ModerationInput: Sendable {
    public let path: String
    public let log: ModerationLog

    public init(path: String, log: ModerationLog) {
        self.path = path
        self.log = log
    }
}

/// What applying the moderation file to the graded answers came to: for the summary, the exit
/// code and the cohort report.
public struct ModerationOutcome: Sendable {
    /// The moderation file read, nil when there was none.
    public var file: String?
    public var applied = 0
    /// Decisions made on answer text that has changed since: not applied (warnings).
    public var stale: [Diagnostic] = []
    /// Decisions whose score the question cannot take: not applied (errors: the run exits 1).
    public var invalid: [Diagnostic] = []
    /// Decisions naming a candidate or question this run does not have (warnings).
    public var unknown: [Diagnostic] = []

    package init(file: String? = nil, stale: [Diagnostic] = [], invalid: [Diagnostic] = [], unknown: [Diagnostic] = []) {
        self.file = file
        self.stale = stale
        self.invalid = invalid
        self.unknown = unknown
    }

    package mutating func merge(_ other: ModerationOutcome) {
        applied += other.applied
        stale += other.stale
        invalid += other.invalid
        unknown += other.unknown
    }

    /// Everything in a fixed order (by line), whatever order the workers finished in.
    package mutating func sort() {
        let byLine: (Diagnostic, Diagnostic) -> Bool = { ($0.line ?? 0, $0.message) < ($1.line ?? 0, $1.message) }
        stale.sort(by: byLine)
        invalid.sort(by: byLine)
        unknown.sort(by: byLine)
    }
}

/// Replaces the rubric's score of each answer a person decided on, in a worker, candidate by
/// candidate: only while the answer is the one the decision was made on (its hash), and only
/// with a score the question can take.
package struct ModerationApplier: Sendable {
    package let input: ModerationInput

    package init(input: ModerationInput) { self.input = input }

    package func apply(to result: inout CandidateResult, outcome: inout ModerationOutcome) {
        let candidate = result.submission.candidate.id
        for index in result.questions.indices {
            let question = result.questions[index].question
            guard let decision = input.log.current(candidate: candidate, question: question.id),
                  let score = decision.score,
                  let line = input.log.line(candidate: candidate, question: question.id) else { continue }
            let who = "the decision of \(decision.moderator.isEmpty ? "a moderator" : decision.moderator) at \(decision.decidedAt) on candidate \(candidate)"
            guard decision.answerSHA256 == ModerationDecision.answerHash(result.questions[index].answer?.text ?? "") else {
                let stale = Diagnostic(.warning, file: input.path, line: line, question: question.id,
                                       "\(who) is stale: the answer has changed since it was made, so it is not applied")
                result.questions[index].warnings.append(stale)
                result.questions[index].staleModeration = decision
                outcome.stale.append(stale)
                continue
            }
            guard score >= 0, score <= question.points + 1e-9 else {
                outcome.invalid.append(Diagnostic(.error, file: input.path, line: line, question: question.id,
                                                  "\(who): score \(NumberText.format(score)) is outside 0–\(NumberText.format(question.points)); not applied"))
                continue
            }
            let automatic = result.questions[index].score
            result.questions[index].moderation = AppliedModeration(decision: decision, automaticScore: automatic,
                                                                   file: input.path, line: line)
            result.questions[index].score = score
            outcome.applied += 1
        }
    }

    /// Decisions in force that name a question the rubric lacks, or a candidate `isGraded` denies
    /// (`belongsHere` leaves out candidates of other shards, who are graded elsewhere).
    package func unknown(rubric: Rubric, isGraded: (String) -> Bool, belongsHere: (String) -> Bool) -> [Diagnostic] {
        let questions = Set(rubric.questions.map(\.id))
        return input.log.inForce.compactMap { entry in
            let decision = entry.decision
            if !questions.contains(decision.questionID) {
                return Diagnostic(.warning, file: input.path, line: entry.line,
                                  "a decision on question '\(decision.questionID)', which rubric \(rubric.id) does not have; not applied")
            }
            if belongsHere(decision.candidateID), !isGraded(decision.candidateID) {
                return Diagnostic(.warning, file: input.path, line: entry.line,
                                  "a decision on candidate '\(decision.candidateID)', who was not graded in this run; not applied")
            }
            return nil
        }
    }
}
