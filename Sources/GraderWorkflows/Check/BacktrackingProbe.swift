import PCRE2

/// Finds patterns prone to catastrophic backtracking by running them, under a
/// low match limit, on short strings built to make nested or overlapping
/// quantifiers try every way of splitting them: runs of one character, of two
/// alternating ones, of words and separators, each ended by a character the
/// pattern is unlikely to want. A linear pattern needs a few thousand steps on
/// such a string; an exponential one (`(a+)+$`, `(\w+\s?)+$`) needs millions.
struct BacktrackingProbe {
    /// Steps allowed per attempt: ~100× what a linear pattern needs on these subjects.
    static let matchLimit: UInt32 = 200_000
    package static let repeats = 24

    private let scratch = MatchScratch(limits: .init(matchLimit: matchLimit, depthLimit: 5_000, jitStackBytes: 256 * 1024))

    /// The first subject on which `pattern` hit a limit, or nil.
    func firstExplosion(_ pattern: Pattern) -> String? {
        for subject in Self.subjects(for: pattern.source) {
            do {
                _ = try pattern.firstMatch(in: subject, scratch: scratch)
            } catch {
                switch error {
                case .matchLimitExceeded, .depthLimitExceeded, .heapLimitExceeded, .jitStackExhausted: return subject
                case .failed: continue
                }
            }
        }
        return nil
    }

    /// Adversarial subjects for `source`: built from the characters the pattern itself names,
    /// plus a letter, a digit and the usual separators.
    static func subjects(for source: String) -> [String] {
        var alphabet: [Character] = ["a", "1", " ", "-", ".", "_"]
        var previous: Character? = nil
        for character in source where character.isASCII && !alphabet.contains(character) && alphabet.count < 14 {
            // Skip escape letters (`\w`, `\s`, `\b`): they are classes, not characters the pattern wants.
            defer { previous = character }
            if previous == "\\" { continue }
            if character.isLetter || character.isNumber || " -.,:;'_=/".contains(character) { alphabet.append(character) }
        }
        var subjects: [String] = []
        for terminator in ["!", "\u{1}"] {
            for first in alphabet {
                subjects.append(String(repeating: String(first), count: repeats * 2) + terminator)
                for second in alphabet where second != first {
                    subjects.append(String(repeating: String([first, second]), count: repeats) + terminator)
                }
            }
            subjects.append(String(repeating: "word ", count: repeats / 2) + terminator)
            subjects.append(String(repeating: "ab-", count: repeats / 2) + terminator)
        }
        return subjects
    }
}
