import GraderFoundation

/// `<words min="N" max="M"/>` and `<sentences .../>`: holds when the answer's word (sentence)
/// count is within `[min, max]`, both inclusive, either open. The counts are the profile's
/// (`AnswerLength`), so a report's `words` and the rule never disagree; matching compares
/// two integers. "An answer under 15 words cannot earn full marks" is
/// `<penalty points="1"><words max="14"/></penalty>`, or a gate on a `<define>`.
///
/// A fact about the whole answer, not a passage: its one hit has no span (nothing is
/// highlighted, and `near` cannot place it) and says what was counted,
/// `42 words (at most 60)`.
package struct LengthMatcher: Matcher {
    package let unit: LengthUnit
    package let bounds: LengthBounds
    /// `at most 14 words`: how `rubric.html`, `grader check` and the summaries of wrapping matchers read it.
    package let summary: String

    init(unit: LengthUnit, bounds: LengthBounds) {
        self.unit = unit
        self.bounds = bounds
        summary = bounds.describe(unit)
    }

    package func match(_ answer: AnswerView) -> MatchOutcome {
        let count = self.count(answer)
        guard bounds.contains(count) else { return .noMatch }
        return MatchOutcome(matched: true, hits: [.wholeAnswer(measure(count))])
    }

    package func count(_ answer: AnswerView) -> Int {
        switch unit {
        case .words: return answer.wordCount
        case .sentences: return answer.sentenceCount
        }
    }

    /// `42 words (at most 60)`: the evidence of a match.
    package func measure(_ count: Int) -> String { "\(Plural.count(count, unit.singular)) (\(bounds.range))" }

    /// `70 words (wanted 15 to 60)`: why it did not match, for `grader try`.
    package func shortfall(_ count: Int) -> String { "\(Plural.count(count, unit.singular)) (wanted \(bounds.range))" }
}

/// What a length matcher counts; the raw value is its element's name.
public enum LengthUnit: String, Sendable, CaseIterable {
    case words, sentences

    package var singular: String {
        switch self {
        case .words: return "word"
        case .sentences: return "sentence"
        }
    }
}

/// The counts a length matcher accepts: `min...max`, both inclusive, either open, never both.
package struct LengthBounds: Sendable, Equatable {
    package let min: Int?
    package let max: Int?

    package func contains(_ count: Int) -> Bool {
        if let min, count < min { return false }
        if let max, count > max { return false }
        return true
    }

    /// The range alone: `at most 60`, `at least 15`, `15 to 60`, `exactly 3`.
    package var range: String {
        switch (min, max) {
        case let (min?, max?): return min == max ? "exactly \(min)" : "\(min) to \(max)"
        case let (min?, nil): return "at least \(min)"
        case let (nil, max?): return "at most \(max)"
        case (nil, nil): return "any number"
        }
    }

    /// The range with its unit: `at most 14 words`, `at least 1 sentence`, `15 to 60 words`.
    package func describe(_ unit: LengthUnit) -> String {
        // The noun agrees with a single bound ("at most 1 word"); a span of counts is plural.
        let single: Int? = min == nil ? max : max == nil || max == min ? min : nil
        return "\(range) " + (single.map { Plural.noun($0, unit.singular, unit.rawValue) } ?? unit.rawValue)
    }

    /// What is wrong with a length matcher's attributes, in the author's terms.
    package struct Problem: Error, Equatable {
        package let message: String
    }

    /// The bounds `min` and `max` (attribute values as written, nil when absent) give: whole
    /// numbers, 0 or more, spaces around them ignored as the schema's integer types do, at
    /// least one of them, and `min` not above `max`.
    package static func parse(min: String?, max: String?, unit: LengthUnit) throws(Problem) -> LengthBounds {
        let element = "<\(unit.rawValue)>"
        guard min != nil || max != nil else {
            throw Problem(message: "\(element) needs min, max or both, e.g. <\(unit.rawValue) max=\"14\"/> for at most 14 \(unit.rawValue)")
        }
        let lower = try number(min, name: "min", element: element)
        let upper = try number(max, name: "max", element: element)
        if let lower, let upper, lower > upper {
            throw Problem(message: "<\(unit.rawValue) min=\"\(lower)\" max=\"\(upper)\"> can never hold: min is above max")
        }
        return LengthBounds(min: lower, max: upper)
    }

    private static func number(_ text: String?, name: String, element: String) throws(Problem) -> Int? {
        guard let text else { return nil }
        let trimmed = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        guard !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let value = Int(trimmed), value <= maximumCount else {
            throw Problem(message: "\(element) \(name)=\"\(text.debugDescriptionBody)\" is not a whole number from 0 to \(maximumCount)")
        }
        return value
    }

    /// Larger than any answer a file-size limit lets through, small enough that no count overflows.
    static let maximumCount = 100_000_000
}
