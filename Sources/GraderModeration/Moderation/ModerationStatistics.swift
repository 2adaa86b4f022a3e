/// How often, and by how much, people disagreed with the rubric: a running measure of its
/// validity, in the cohort report whenever its candidate reports hold a decision, applied or stale.
public struct ModerationStatistics: Sendable, Equatable {
    /// Answers whose score a decision replaced.
    public let moderated: Int
    /// Decisions not applied because the answer changed since.
    public let stale: Int
    /// Every question of the rubric, in its order.
    public let questions: [QuestionModeration]

    /// From what the reports say, for the questions `questionIDs` (the rubric's, in order);
    /// summed in candidate order so any `--jobs`, and `grade` or `grader cohort`, give the same figures.
    package static func of(_ facts: ModerationFacts, questionIDs: [String]) -> ModerationStatistics {
        var perQuestion = Array(repeating: [ModeratedAnswer](), count: questionIDs.count)
        for answer in facts.answers.sorted(by: { ($0.candidate, $0.question) < ($1.candidate, $1.question) })
        where answer.question < perQuestion.count {
            perQuestion[answer.question].append(answer)
        }
        let questions = questionIDs.enumerated().map { index, id in QuestionModeration(id: id, answers: perQuestion[index]) }
        return ModerationStatistics(moderated: facts.answers.count, stale: facts.stale, questions: questions)
    }
}

/// Moderation of one question.
public struct QuestionModeration: Sendable, Equatable {
    public let id: String
    public let moderated: Int
    /// Decisions whose score differs from the rubric's.
    public let disagreed: Int
    /// Mean of moderated − automatic: positive when people give more than the rubric; nil when none was moderated.
    public let meanDifference: Double?
    public let meanAbsoluteDifference: Double?

    init(id: String, answers: [ModeratedAnswer]) {
        self.id = id
        moderated = answers.count
        let differences = answers.map { $0.moderated - $0.automatic }
        disagreed = differences.filter { abs($0) > 1e-9 }.count
        meanDifference = answers.isEmpty ? nil : differences.reduce(0, +) / Double(answers.count)
        meanAbsoluteDifference = answers.isEmpty ? nil : differences.reduce(0) { $0 + abs($1) } / Double(answers.count)
    }
}
