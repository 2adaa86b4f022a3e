import PCRE2

/// A compiled matcher: decides whether an answer shows something and says where.
/// Implementations are immutable and shared by every worker; per-worker state
/// (PCRE2 match data, the stemmer) lives in the `AnswerView` they are given.
package protocol Matcher: Sendable {
    func match(_ answer: AnswerView) throws(MatchFailure) -> MatchOutcome
    /// A short readable form, shown in reports next to the criterion.
    var summary: String { get }
}

/// Where in the answer a matcher fired, and which part of it fired.
public struct Hit: Sendable, Equatable {
    /// Byte range in the normalised text.
    public let range: Range<Int>
    /// The tokens the range covers, for proximity.
    package let tokens: Range<Int>
    /// What fired: `keyword "reference counting" (stem)`, `synonym "gc" of collector`, `regex ...`,
    /// or for a length matcher what it counted: `42 words (at most 60)`.
    public let via: String
    /// True for a fact about the whole answer (its length) rather than a passage of it: `range`
    /// and `tokens` are empty, so nothing is highlighted and `near` cannot place it.
    public let wholeAnswer: Bool

    init(range: Range<Int>, tokens: Range<Int>, via: String, wholeAnswer: Bool = false) {
        self.range = range
        self.tokens = tokens
        self.via = via
        self.wholeAnswer = wholeAnswer
    }

    /// Evidence about the whole answer, said in words (`42 words (at most 60)`).
    package static func wholeAnswer(_ via: String) -> Hit { Hit(range: 0..<0, tokens: 0..<0, via: via, wholeAnswer: true) }
}

/// The verdict of one matcher on one answer.
package struct MatchOutcome {
    package var matched: Bool
    package var hits: [Hit]

    static let noMatch = MatchOutcome(matched: false, hits: [])
}

/// A matcher could not decide: a pattern hit PCRE2's match or depth limit.
/// Reported as "not evaluated", never as a silent no-match.
public struct MatchFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public let pattern: String
    public let reason: PatternMatchError
    public var description: String { "regex /\(pattern)/ was not evaluated: \(reason)" }
}

/// How many hits one matcher keeps as evidence; enough to show, bounded for hostile answers.
let maximumHitsPerMatcher = 16
