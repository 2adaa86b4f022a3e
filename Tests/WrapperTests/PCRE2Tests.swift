import PCRE2
import Testing

@Suite("PCRE2 wrapper")
struct PCRE2Tests {
    let scratch = MatchScratch()

    @Test func findsSuccessiveMatchesAsByteRanges() throws {
        let pattern = try Pattern(#"\bref[- ]?counts?\b"#)
        let text = "A ref-count, a REFCOUNT and refcounts."
        let ranges = try pattern.matches(in: text, scratch: scratch)
        let found = ranges.map { String(decoding: Array(text.utf8)[$0], as: UTF8.self) }
        #expect(found == ["ref-count", "REFCOUNT", "refcounts"])
    }

    @Test func unicodePropertiesMakeWordBoundariesWorkOnAccentedText() throws {
        let pattern = try Pattern(#"\bnaïve\b"#)
        #expect(try pattern.firstMatch(in: "a NAÏVE approach", scratch: scratch) != nil)
        #expect(try pattern.firstMatch(in: "naïveté", scratch: scratch) == nil)
    }

    @Test func compileErrorCarriesMessageAndOffset() {
        #expect(throws: PatternCompileError.self) { try Pattern("abc(def") }
        do {
            _ = try Pattern("ab[c")
            Issue.record("expected a compile error")
        } catch {
            #expect(error.offset == 4)
            #expect(error.message.contains("missing terminating ]"))
        }
    }

    @Test func catastrophicPatternHitsTheMatchLimitInsteadOfHanging() throws {
        let pattern = try Pattern(#"(a+)+$"#, options: [])
        let limited = MatchScratch(limits: .init(matchLimit: 10_000))
        let subject = String(repeating: "a", count: 40) + "!"
        #expect(throws: PatternMatchError.matchLimitExceeded) {
            try pattern.matches(in: subject, scratch: limited)
        }
    }

    @Test func emptyMatchesAdvancePastMultibyteCharacters() throws {
        let pattern = try Pattern("x*", options: [])
        let ranges = try pattern.matches(in: "éé", scratch: scratch)
        #expect(ranges == [0..<0, 2..<2, 4..<4])
        #expect(pattern.canMatchEmpty)
    }

    @Test func flagsChangeMeaning() throws {
        #expect(try Pattern("abc", options: []).firstMatch(in: "ABC", scratch: scratch) == nil)
        #expect(try Pattern("abc", options: [.caseless]).firstMatch(in: "ABC", scratch: scratch) != nil)
        #expect(try Pattern("a.c", options: [.dotAll]).firstMatch(in: "a\nc", scratch: scratch) != nil)
        #expect(try Pattern("a.c", options: []).firstMatch(in: "a\nc", scratch: scratch) == nil)
    }
}

@Suite("PCRE2 pattern info")
struct PatternInfoTests {
    @Test func literalStartAndRequiredCharacterAreReported() throws {
        let literal = try Pattern(#"\bgc\b"#).startInfo
        #expect(literal.hasFirstCodeUnit)
        #expect(!literal.scansEveryPosition)
        let required = try Pattern(#"\w+ing"#).startInfo
        #expect(required.hasRequiredCodeUnit)
        #expect(try Pattern("^abc", options: []).startInfo.isAnchored)
    }

    @Test func aPatternWithNothingToSkipAheadWithScansEveryPosition() throws {
        #expect(try Pattern(#"\w+\s+\w+"#).startInfo.scansEveryPosition)
        #expect(try Pattern(#"(?:\w|\s)+!"#, options: []).startInfo.hasRequiredCodeUnit)
        #expect(try Pattern(#"\d*x?"#).startInfo.scansEveryPosition)
    }
}
