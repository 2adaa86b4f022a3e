/// `<use ref="ID"/>`: the named matcher ID, compiled once by the loader and shared by every
/// use; this only gives it the summary of the place it is used in.
package struct DefinedMatcher: Matcher {
    package let named: any Matcher
    package let summary: String

    package func match(_ answer: AnswerView) throws(MatchFailure) -> MatchOutcome {
        try named.match(answer)
    }
}
