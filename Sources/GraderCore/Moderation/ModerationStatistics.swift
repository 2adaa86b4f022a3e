/// How often, and by how much, people disagreed with the rubric: a running measure of its
/// validity, in the cohort report of a run that applied a moderation file.
public struct ModerationStatistics: Sendable, Equatable {
    /// Answers whose score a decision replaced.
    public let moderated: Int
    /// Decisions not applied because the answer changed since.
    public let stale: Int
    /// Every question of the rubric, in its order.
    public let questions: [QuestionModeration]

    /// From the answers a run moderated, summed in candidate order so any `--jobs` gives the same figures.
    static func of(_ outcome: ModerationOutcome, rubric: Rubric) -> ModerationStatistics {
        var perQuestion = Array(repeating: [ModeratedAnswer](), count: rubric.questions.count)
        for answer in outcome.answers.sorted(by: { ($0.candidate, $0.question) < ($1.candidate, $1.question) })
        where answer.question < perQuestion.count {
            perQuestion[answer.question].append(answer)
        }
        let questions = rubric.questions.enumerated().map { index, question in
            QuestionModeration(id: question.id, answers: perQuestion[index])
        }
        return ModerationStatistics(moderated: outcome.answers.count, stale: outcome.stale.count, questions: questions)
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
