/// How a report's `<evidence via>` names what fired. A matcher's hit says `regex /PATTERN/`,
/// which `grader check` and `grader try` show as it is; in a candidate report the pattern is the
/// rubric's text (repeated on every evidence, it was a sixth of a report's bytes), so it becomes
/// `regex N`: the Nth regex of the rule's matcher, in the order `rubric.html` shows the matcher.
/// What follows the pattern (`(within 6 words)`) is kept.
struct EvidenceVia: Sendable {
    /// The rule's regex sources in the order its summary writes them.
    let regexes: [String]

    init(_ matcher: any Matcher) {
        var regexes: [String] = []
        Self.collectRegexes(matcher, into: &regexes)
        self.regexes = regexes
    }

    /// Walks the matcher tree as `RubricLoader` builds its summary, so "regex 2" is the second
    /// `regex /…/` a reader finds in the rule's matcher on `rubric.html`.
    private static func collectRegexes(_ matcher: any Matcher, into regexes: inout [String]) {
        switch matcher {
        case let regex as RegexMatcher: regexes.append(regex.pattern.source)
        case let near as NearMatcher: for term in near.terms { collectRegexes(term, into: &regexes) }
        case let all as AllMatcher: for child in all.children { collectRegexes(child, into: &regexes) }
        case let any as AnyMatcher: for child in any.children { collectRegexes(child, into: &regexes) }
        case let atLeast as AtLeastMatcher: for child in atLeast.children { collectRegexes(child, into: &regexes) }
        case let not as NotMatcher: collectRegexes(not.child, into: &regexes)
        case let defined as DefinedMatcher: collectRegexes(defined.named, into: &regexes)
        default: break
        }
    }

    /// `via` as the report writes it. A via that names no regex of this rule is kept whole.
    func compact(_ via: String) -> String {
        let prefix = "regex /"
        guard !regexes.isEmpty, via.hasPrefix(prefix) else { return via }
        let afterPrefix = via.dropFirst(prefix.count)
        // The longest pattern the via starts with, followed by "/" and the end or a space: a
        // pattern may itself hold "/", and what a wrapping matcher appends starts with a space.
        var best: (number: Int, rest: Substring)?
        var bestLength = -1
        for (index, source) in regexes.enumerated() where source.utf8.count > bestLength && afterPrefix.hasPrefix(source) {
            let rest = afterPrefix.dropFirst(source.count)
            guard rest.hasPrefix("/"), rest.count == 1 || rest.dropFirst().hasPrefix(" ") else { continue }
            best = (index + 1, rest.dropFirst())
            bestLength = source.utf8.count
        }
        guard let best else { return via }
        return "regex \(best.number)" + best.rest
    }
}
