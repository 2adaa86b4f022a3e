/// An OU pattern-match expression, parsed. Mirrors OU's grammar:
/// `match_all(…)`, `match_any(…)` and `not(…)` combine `match_OPTIONS(…)` leaves; a leaf is a
/// sequence of terms joined by a space or `_`; a term is alternatives (`a|b|[c d]`) of words,
/// numbers and bracketed phrases; a phrase is a sequence of single-word alternatives.
indirect enum PMatchNode: Sendable {
    case all([PMatchNode])
    case any([PMatchNode])
    case not(PMatchNode)
    case match(PMatchLeaf)
}

/// One `match_OPTIONS(…)`: its options and its terms.
struct PMatchLeaf: Sendable {
    package var words: PMatchWordOptions
    package var phrase: PMatchPhraseOptions
    var sequence: PMatchSequence<PMatchTerm>
    /// The source text, for summaries and errors.
    package var source: String
}

/// How two neighbouring terms are joined.
enum PMatchJoin: Sendable, Equatable {
    /// A space: the next term anywhere (order and gaps as the options allow).
    case space
    /// `_`: the next term follows within the proximity, in the same sentence.
    case proximity
}

/// Terms and the joins between them (`joins.count == terms.count - 1`).
struct PMatchSequence<Term: Sendable>: Sendable {
    package var terms: [Term]
    var joins: [PMatchJoin]
}

/// One position of a leaf: alternatives that each match one word, or a bracketed phrase.
struct PMatchTerm: Sendable {
    package var words: [PMatchWordPattern]
    package var phrases: [PMatchSequence<[PMatchWordPattern]>]
}

/// A word of the expression: literal characters and wildcards, or a number compared by value.
enum PMatchWordPattern: Sendable, Equatable {
    case word([PMatchCharacter])
    case number(Double, text: String)
}

/// One character position of a word pattern.
enum PMatchCharacter: Sendable, Equatable {
    /// A character written as itself, or escaped with `\` (OU counts both as normal characters).
    case literal(Unicode.Scalar)
    /// `?`: any one character.
    case any
    /// `*`: any run of characters, possibly empty.
    case anyRun
}

/// An expression that does not parse: what is wrong and where (a code-point offset).
public struct PMatchSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// OU's kinds of error, so ported tests can check the kind rather than the wording.
    public enum Kind: String, Sendable {
        case missingClosingBracket, unrecognisedSubcontents, endsWithOr, endsWithDelimiter
        case illegalOptions, unrecognisedExpression, tooManyTerms
    }
    public let kind: Kind
    /// Code-point offset into the expression, counted from 0.
    public let offset: Int
    public let message: String
    public var description: String { "at character \(offset + 1): \(message)" }
}
