import GraderEngine
import GraderFoundation

/// What `tune` learns from the moderation file: a moderator's score is a human grade of that
/// answer, and overrides the grades CSV's for it. A decision is used only while the answer is
/// the one it was made on; a stale one is skipped with a note (the CSV's grade, if any, stands).
public struct TuneModeration: Sendable {
    public let file: String
    /// Answers whose human grade came from the moderation file.
    public package(set) var used = 0
    /// Decisions made on answers that changed since: not used (notes).
    public package(set) var stale: [Diagnostic] = []
    /// Decisions whose score the question cannot take: not used (warnings).
    public package(set) var invalid: [Diagnostic] = []


    package init(file: String) { self.file = file }

    package mutating func merge(_ other: TuneModeration) {
        used += other.used
        stale += other.stale
        invalid += other.invalid
    }

    /// The human grade of one answer: the moderator's where a decision on this very answer
    /// stands, else the CSV's (`fallback`), recording why a decision was not used.
    package mutating func grade(_ input: ModerationInput, candidate: String, question: Question, answer: String,
                        fallback: Double?) -> Double? {
        guard let decision = input.log.current(candidate: candidate, question: question.id), let score = decision.score else {
            return fallback
        }
        let line = input.log.line(candidate: candidate, question: question.id)
        guard decision.answerSHA256 == ModerationDecision.answerHash(answer) else {
            stale.append(Diagnostic(.note, file: input.path, line: line, question: question.id,
                                    "the decision on candidate \(candidate) is stale (the answer changed since); not used"))
            return fallback
        }
        guard score <= question.points + 1e-9 else {
            invalid.append(Diagnostic(.warning, file: input.path, line: line, question: question.id,
                                      "candidate \(candidate): score \(NumberText.format(score)) is outside 0–\(NumberText.format(question.points)); not used"))
            return fallback
        }
        used += 1
        return score
    }
}

extension HumanGrades {
    /// No grades: what `tune --moderation` starts from without a grades CSV.
    package static var none: HumanGrades {
        HumanGrades(ids: [], rows: [:], scores: [:], marks: [:], questions: [], criterionColumns: [])
    }

    /// These grades with the candidates and questions the moderation file decided on added (in
    /// rubric order), and the line of each candidate only the moderation file grades.
    package func adding(_ log: ModerationLog, rubric: Rubric) -> (HumanGrades, moderationOnly: [String: Int]) {
        var ids = self.ids, known = Set(self.ids)
        var moderationOnly: [String: Int] = [:]
        var decided = Set(questions)
        for entry in log.inForce where rubric.questions.contains(where: { $0.id == entry.decision.questionID }) {
            decided.insert(entry.decision.questionID)
            if !known.contains(entry.decision.candidateID) {
                known.insert(entry.decision.candidateID)
                ids.append(entry.decision.candidateID)
                moderationOnly[entry.decision.candidateID] = entry.line
            }
        }
        let grades = HumanGrades(ids: ids, rows: rows, scores: scores, marks: marks,
                                 questions: rubric.questions.map(\.id).filter(decided.contains), criterionColumns: criterionColumns)
        return (grades, moderationOnly)
    }
}
