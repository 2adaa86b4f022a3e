/// The literal text a regex cannot match without, read from its source once at rubric load:
/// a set of lowercased ASCII strings of at least three bytes, one of which every match
/// contains (whatever its case): of each alternative, its longest run of plain characters, or
/// a group every one of whose alternatives has one. `\bref(?:erence)?[\s-]*count\b|\brefcounts?\b`
/// gives `["count", "refcount"]`; `\b(?:one|single)\s+line\b` gives `["line"]`.
/// An answer whose `Trigrams` rule out every one of them is not given to PCRE2 at all.
///
/// The reading is deliberately conservative: it follows plain literals, escapes of
/// punctuation, classes, groups (capturing, `(?:`, named, atomic, lookaround) with their
/// alternatives, and quantifiers; anything else (inline options such as `(?x)`, `\Q`, `\x{..}`,
/// `\p{..}`, backreferences, verbs, extended mode, a `{` that is not a plain quantifier)
/// gives nil, and the regex always runs. A part it does not understand only ever shortens
/// what it requires, never adds to it.
package enum RequiredLiterals {
    /// Shorter literals would rule out too little, and `Trigrams` needs three bytes.
    static let minimumLength = 3

    /// One of the returned literals occurs in any text `source` matches; nil when some
    /// alternative requires no literal of `minimumLength` bytes or more, or the reading stops.
    package static func of(_ source: String, extended: Bool) -> [[UInt8]]? {
        guard !extended else { return nil }
        var parser = Parser(bytes: Array(source.utf8))
        let found = parser.alternation()
        guard !parser.unsupported, parser.index == parser.bytes.count, let found, !found.isEmpty else { return nil }
        var unique: [[UInt8]] = []
        for literal in found where !unique.contains(literal) { unique.append(literal) }
        return unique
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        /// Set when the pattern uses syntax this reading does not follow: the answer is then nil.
        var unsupported = false

        init(bytes: [UInt8]) { self.bytes = bytes }

        private func peek(_ offset: Int = 0) -> UInt8? {
            index + offset < bytes.count ? bytes[index + offset] : nil
        }

        /// Alternatives up to a `)` or the end (not consumed): the union of what each requires,
        /// nil when one requires nothing.
        mutating func alternation() -> [[UInt8]]? {
            var union: [[UInt8]] = []
            var everyAlternative = true
            while true {
                if let required = branch() { union += required } else { everyAlternative = false }
                if unsupported { return nil }
                guard peek() == UInt8(ascii: "|") else { break }
                index += 1
            }
            return everyAlternative ? union : nil
        }

        /// What one alternative requires: its best literal run, or a mandatory group's set.
        private mutating func branch() -> [[UInt8]]? {
            var best: [[UInt8]]? = nil
            var run: [UInt8] = []
            func consider(_ candidate: [[UInt8]]) {
                guard let current = best else { best = candidate; return }
                let shortest = candidate.map(\.count).min() ?? 0, currentShortest = current.map(\.count).min() ?? 0
                if shortest > currentShortest || (shortest == currentShortest && candidate.count < current.count) {
                    best = candidate
                }
            }
            func endRun() {
                if run.count >= RequiredLiterals.minimumLength { consider([run]) }
                run = []
            }
            while let byte = peek(), byte != UInt8(ascii: "|"), byte != UInt8(ascii: ")") {
                var literal: UInt8? = nil
                var group: [[UInt8]]? = nil
                switch byte {
                case UInt8(ascii: "\\"):
                    guard let escaped = peek(1), escaped < 0x80 else { unsupported = true; return nil }
                    index += 2
                    if Self.isAlphanumeric(escaped) {
                        // \Q..\E, \x{..}, \p{..}, \g{..}, \k<..>, \N{..}, \cX, \0 and backreferences take more than one byte.
                        if Array("QEpPxogkNc0123456789".utf8).contains(escaped) { unsupported = true; return nil }
                    } else {
                        literal = escaped
                    }
                case UInt8(ascii: "["):
                    skipClass()
                case UInt8(ascii: "("):
                    group = self.group()
                case UInt8(ascii: "{"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
                    // Not after an atom: PCRE2 reads these in ways this reading does not follow.
                    unsupported = true
                case UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"):
                    index += 1
                default:
                    index += 1
                    // A multi-byte character's bytes are never literals here (case folding beyond ASCII).
                    if byte < 0x80 { literal = byte }
                }
                if unsupported { return nil }
                let (optional, repeated) = quantifier()
                if unsupported { return nil }
                if let literal, !optional {
                    run.append(Trigrams.lowered(literal))
                    if repeated { endRun() }
                } else {
                    endRun()
                    if let group, !optional { consider(group) }
                }
            }
            endRun()
            return best
        }

        /// After an atom: whether it may occur zero times, and whether it may repeat.
        private mutating func quantifier() -> (optional: Bool, repeated: Bool) {
            guard let byte = peek() else { return (false, false) }
            let result: (Bool, Bool)
            switch byte {
            case UInt8(ascii: "?"), UInt8(ascii: "*"):
                index += 1
                result = (true, true)
            case UInt8(ascii: "+"):
                index += 1
                result = (false, true)
            case UInt8(ascii: "{"):
                // Only the plain {n}, {n,} and {n,m}; anything else stops the reading.
                var cursor = index + 1
                var minimum = 0, digits = 0
                while cursor < bytes.count, bytes[cursor] >= UInt8(ascii: "0"), bytes[cursor] <= UInt8(ascii: "9") {
                    minimum = min(minimum * 10 + Int(bytes[cursor] - UInt8(ascii: "0")), 100_000)
                    digits += 1
                    cursor += 1
                }
                if digits > 0, cursor < bytes.count, bytes[cursor] == UInt8(ascii: ",") {
                    cursor += 1
                    while cursor < bytes.count, bytes[cursor] >= UInt8(ascii: "0"), bytes[cursor] <= UInt8(ascii: "9") { cursor += 1 }
                }
                guard digits > 0, cursor < bytes.count, bytes[cursor] == UInt8(ascii: "}") else {
                    unsupported = true
                    return (false, false)
                }
                index = cursor + 1
                result = (minimum == 0, true)
            default:
                return (false, false)
            }
            // A lazy or possessive modifier.
            if let next = peek(), next == UInt8(ascii: "?") || next == UInt8(ascii: "+") { index += 1 }
            return result
        }

        /// A group from its `(` to its `)`: what it requires (nil for a lookaround, which consumes nothing).
        private mutating func group() -> [[UInt8]]? {
            index += 1
            var lookaround = false
            if peek() == UInt8(ascii: "*") { unsupported = true; return nil }
            if peek() == UInt8(ascii: "?") {
                switch peek(1) {
                case UInt8(ascii: ":"), UInt8(ascii: ">"), UInt8(ascii: "|"):
                    index += 2
                case UInt8(ascii: "="), UInt8(ascii: "!"):
                    index += 2
                    lookaround = true
                case UInt8(ascii: "<") where peek(2) == UInt8(ascii: "=") || peek(2) == UInt8(ascii: "!"):
                    index += 3
                    lookaround = true
                case UInt8(ascii: "<"):
                    skipName(from: 2, to: UInt8(ascii: ">"))
                case UInt8(ascii: "P") where peek(2) == UInt8(ascii: "<"):
                    skipName(from: 3, to: UInt8(ascii: ">"))
                case UInt8(ascii: "'"):
                    skipName(from: 2, to: UInt8(ascii: "'"))
                default:
                    // Inline options, comments, recursion, conditions, callouts.
                    unsupported = true
                }
                if unsupported { return nil }
            }
            let inside = alternation()
            guard !unsupported, peek() == UInt8(ascii: ")") else { unsupported = true; return nil }
            index += 1
            return lookaround ? nil : inside
        }

        /// Steps over a group name: `offset` bytes of `(?<`-like opening, then up to `end`.
        private mutating func skipName(from offset: Int, to end: UInt8) {
            var cursor = index + offset
            while cursor < bytes.count, bytes[cursor] != end {
                guard Self.isAlphanumeric(bytes[cursor]) || bytes[cursor] == UInt8(ascii: "_") else { unsupported = true; return }
                cursor += 1
            }
            guard cursor < bytes.count else { unsupported = true; return }
            index = cursor + 1
        }

        /// Steps over a character class, `[` to its `]` (a `]` first, or escaped, is a member).
        private mutating func skipClass() {
            var cursor = index + 1
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "^") { cursor += 1 }
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "]") { cursor += 1 }
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "]") {
                if bytes[cursor] == UInt8(ascii: "\\") {
                    // \Q inside a class, or an escape with braces, is beyond this reading.
                    if cursor + 1 < bytes.count, Array("QEpPxN".utf8).contains(bytes[cursor + 1]) { unsupported = true; return }
                    cursor += 2
                } else if bytes[cursor] == UInt8(ascii: "["), cursor + 1 < bytes.count, bytes[cursor + 1] == UInt8(ascii: ":") {
                    // A POSIX class, [:alpha:].
                    cursor += 2
                    while cursor + 1 < bytes.count, !(bytes[cursor] == UInt8(ascii: ":") && bytes[cursor + 1] == UInt8(ascii: "]")) { cursor += 1 }
                    cursor += 2
                } else {
                    cursor += 1
                }
            }
            guard cursor < bytes.count else { unsupported = true; return }
            index = cursor + 1
        }

        private static func isAlphanumeric(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
    }
}
