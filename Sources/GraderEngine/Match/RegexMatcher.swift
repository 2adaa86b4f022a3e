import PCRE2

/// A PCRE2 pattern, compiled and JIT-compiled once at rubric load, run on the
/// normalised answer with the worker's match data and limits.
package struct RegexMatcher: Matcher {
    package let pattern: Pattern
    package let summary: String
    /// Literals one of which every match contains (`RequiredLiterals`), or nil: when the
    /// answer's trigrams rule them all out, the pattern cannot match and PCRE2 is not run.
    package let required: [[UInt8]]?
    /// What its evidence says fired, built once here rather than for every hit.
    private let via: String

    package init(pattern: Pattern, summary: String, required: [[UInt8]]? = nil) {
        self.pattern = pattern
        self.summary = summary
        self.required = required
        via = "regex /\(pattern.source)/"
    }

    package func match(_ answer: AnswerView) throws(MatchFailure) -> MatchOutcome {
        if let required {
            let trigrams = answer.trigrams
            if !required.contains(where: trigrams.mayContain) { return .noMatch }
        }
        let ranges: [Range<Int>]
        do {
            ranges = try pattern.matches(in: answer.text.text, scratch: answer.worker.patterns, limit: maximumHitsPerMatcher)
        } catch {
            throw MatchFailure(pattern: pattern.source, reason: error)
        }
        let hits = ranges.map {
            Hit(range: $0, tokens: answer.text.tokenRange(covering: $0), via: via)
        }
        return MatchOutcome(matched: !hits.isEmpty, hits: hits)
    }
}
