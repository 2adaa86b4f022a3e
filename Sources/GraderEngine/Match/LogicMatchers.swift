/// `all`: every child matches. A definite miss wins over a child that could not be evaluated.
package struct AllMatcher: Matcher {
    package let children: [any Matcher]
    package let summary: String

    package func match(_ answer: AnswerView) throws(MatchFailure) -> MatchOutcome {
        var hits: [Hit] = []
        var failure: MatchFailure?
        for index in children.indices {
            do {
                let outcome = try children[index].match(answer)
                if !outcome.matched { return .noMatch }
                hits += outcome.hits
            } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
        return MatchOutcome(matched: true, hits: hits)
    }
}

/// `any`: at least one child matches; evidence from every child that did.
/// A match wins over a child that could not be evaluated.
package struct AnyMatcher: Matcher {
    package let children: [any Matcher]
    package let summary: String

    package func match(_ answer: AnswerView) throws(MatchFailure) -> MatchOutcome {
        try AtLeastMatcher.match(required: 1, of: children, answer)
    }
}

/// `at-least n`: n or more children match.
package struct AtLeastMatcher: Matcher {
    package let required: Int
    package let children: [any Matcher]
    package let summary: String

    package func match(_ answer: AnswerView) throws(MatchFailure) -> MatchOutcome {
        try Self.match(required: required, of: children, answer)
    }

    /// Shared with `any` (n = 1), which would otherwise build an `AtLeastMatcher` per answer.
    static func match(required: Int, of children: [any Matcher], _ answer: AnswerView) throws(MatchFailure) -> MatchOutcome {
        var hits: [Hit] = []
        var matched = 0
        var undecided: MatchFailure?
        var undecidedCount = 0
        for index in children.indices {
            do {
                let outcome = try children[index].match(answer)
                if outcome.matched {
                    matched += 1
                    hits += outcome.hits
                }
            } catch {
                undecided = undecided ?? error
                undecidedCount += 1
            }
        }
        if matched >= required { return MatchOutcome(matched: true, hits: hits) }
        // Only when the undecided children could have tipped the balance is the answer unknown.
        if let undecided, matched + undecidedCount >= required { throw undecided }
        return .noMatch
    }
}

/// `not`: matches when its child does not. Carries no evidence.
package struct NotMatcher: Matcher {
    package let child: any Matcher
    package let summary: String

    package func match(_ answer: AnswerView) throws(MatchFailure) -> MatchOutcome {
        MatchOutcome(matched: !(try child.match(answer).matched), hits: [])
    }
}
