import PCRE2

extension WorkerScratch {
    /// A worker for `rubric`'s answers. Here, not in `WorkerScratch`, because matching knows
    /// nothing of rubrics (the rubric is built of matchers).
    public convenience init(rubric: Rubric, limits: MatchScratch.Limits = .init()) throws {
        try self.init(language: rubric.language, vocabulary: rubric.vocabulary, keywordStarts: rubric.keywordStarts, limits: limits)
    }
}
