/// What a cohort's candidate reports say about moderation: each answer whose score a decision
/// replaced (both scores as the report writes them), and how many decisions were stale.
/// `CandidateDigester` gathers it, from results in `grade` and from the reports' `<moderation>` and
/// `<stale-moderation>` elements in `grader cohort`, so both build the same `ModerationStatistics`.
package struct ModerationFacts: Sendable, Equatable {
    package var answers: [ModeratedAnswer] = []
    /// Decisions not applied because the answer changed since they were made.
    package var stale = 0

    /// True when no report holds a decision, applied or stale: the cohort report then has no moderation section.
    package init(answers: [ModeratedAnswer] = [], stale: Int = 0) {
        self.answers = answers
        self.stale = stale
    }

    package var isEmpty: Bool { answers.isEmpty && stale == 0 }

    package mutating func merge(_ other: ModerationFacts) {
        answers += other.answers
        stale += other.stale
    }
}

/// One answer whose score a decision replaced, as the cohort statistics need it.
package struct ModeratedAnswer: Sendable, Equatable {
    package let candidate: String
    /// The question's index in the rubric (and the report).
    package let question: Int
    package let automatic: Double
    package let moderated: Double

    package init(candidate: String, question: Int, automatic: Double, moderated: Double) {
        self.candidate = candidate
        self.question = question
        self.automatic = automatic
        self.moderated = moderated
    }
}
