/// What a cohort's candidate reports say about moderation: each answer whose score a decision
/// replaced (both scores as the report writes them), and how many decisions were stale.
/// `CandidateDigester` gathers it, from results in `grade` and from the reports' `<moderation>` and
/// `<stale-moderation>` elements in `grader cohort`, so both build the same `ModerationStatistics`.
struct ModerationFacts: Sendable, Equatable {
    var answers: [ModeratedAnswer] = []
    /// Decisions not applied because the answer changed since they were made.
    var stale = 0

    /// True when no report holds a decision, applied or stale: the cohort report then has no moderation section.
    var isEmpty: Bool { answers.isEmpty && stale == 0 }

    mutating func merge(_ other: ModerationFacts) {
        answers += other.answers
        stale += other.stale
    }
}

/// One answer whose score a decision replaced, as the cohort statistics need it.
struct ModeratedAnswer: Sendable, Equatable {
    let candidate: String
    /// The question's index in the rubric (and the report).
    let question: Int
    let automatic: Double
    let moderated: Double
}
