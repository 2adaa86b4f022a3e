import Foundation
import GraderEngine

/// How a report's `<evidence via>` names what fired. A matcher's hit says `regex /PATTERN/`,
/// which `grader check` and `grader try` show as it is; in a candidate report the pattern is the
/// rubric's text (repeated on every evidence, it was a sixth of a report's bytes), so it becomes
/// `regex N`: the Nth regex of the rule's matcher, in the order `rubric.html` shows the matcher.
/// What follows the pattern (`(within 6 words)`) is kept.
struct EvidenceVia: Sendable {
    /// Each of the rule's regexes as a hit's via begins, `regex /SOURCE/`, in UTF-8, in the order
    /// its summary writes them. Bytes, not Strings: comparing Characters (grapheme by grapheme,
    /// for every regex evidence) made the XML report twice as slow to write; and compared with
    /// `memcmp`, as the generic `elementsEqual` was 3 % of the report stage.
    private let prefixes: [[UInt8]]

    init(_ matcher: any Matcher) {
        var regexes: [String] = []
        Self.collectRegexes(matcher, into: &regexes)
        prefixes = regexes.map { Array("regex /\($0)/".utf8) }
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
        guard !prefixes.isEmpty else { return via }
        var contiguous = via   // contiguous UTF-8 (a no-op for the matchers' native strings)
        let compacted: String? = contiguous.withUTF8 { bytes in
            guard let (number, length) = regex(beginning: bytes) else { return nil }
            return "regex \(number)" + String(decoding: UnsafeBufferPointer(rebasing: bytes[length...]), as: UTF8.self)
        }
        return compacted ?? via
    }

    /// The number of the longest regex whose `regex /SOURCE/` begins `bytes` and is followed by
    /// the end or a space, and that prefix's length: a pattern may itself hold "/", and what a
    /// wrapping matcher appends (`(within 6 words)`) starts with a space.
    private func regex(beginning bytes: UnsafeBufferPointer<UInt8>) -> (number: Int, length: Int)? {
        var best: (number: Int, length: Int)?
        for index in prefixes.indices {
            let length = prefixes[index].count
            guard length > (best?.length ?? 0), bytes.count >= length,
                  bytes.count == length || bytes[length] == UInt8(ascii: " "),
                  Self.begins(bytes, with: prefixes[index]) else { continue }
            best = (index + 1, length)
        }
        return best
    }

    /// Whether `bytes` (at least as long as `prefix`) begins with `prefix`.
    private static func begins(_ bytes: UnsafeBufferPointer<UInt8>, with prefix: [UInt8]) -> Bool {
        prefix.withUnsafeBufferPointer { prefix in
            guard let expected = prefix.baseAddress, let actual = bytes.baseAddress else { return prefix.isEmpty }
            return memcmp(expected, actual, prefix.count) == 0
        }
    }
}
