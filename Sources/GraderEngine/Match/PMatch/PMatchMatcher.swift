/// `<pmatch>` in a rubric: an OU pattern-match expression as a `Matcher`. The expression is
/// compiled at rubric load; per answer the normalised text is split into OU's words and
/// matched. Evidence is the run of words each placed term (or `_` block) covered.
struct PMatchMatcher: Matcher {
    package let expression: PMatchExpression
    package let summary: String

    package func match(_ answer: AnswerView) throws(MatchFailure) -> MatchOutcome {
        let text = answer.text.text
        let result = expression.match(text)
        guard result.matched else { return .noMatch }
        // Code-point offsets (the text is NFKC, hence already NFC) to byte offsets.
        var byteOffsets: [Int] = []
        byteOffsets.reserveCapacity(text.unicodeScalars.count + 1)
        var offset = 0
        for scalar in text.unicodeScalars {
            byteOffsets.append(offset)
            offset += UTF8.width(scalar)
        }
        byteOffsets.append(offset)
        let hits = result.ranges.prefix(maximumHitsPerMatcher).map { range -> Hit in
            let bytes = byteOffsets[range.lowerBound]..<byteOffsets[range.upperBound]
            return Hit(range: bytes, tokens: answer.text.tokenRange(covering: bytes), via: summary)
        }
        return MatchOutcome(matched: true, hits: Array(hits))
    }
}
