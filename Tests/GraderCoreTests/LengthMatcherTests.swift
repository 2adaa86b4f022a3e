@testable import GraderEngine
@testable import GraderFoundation
import PCRE2
import Testing

/// `<words>` and `<sentences>`: the counts (hand-computed on tricky texts), the loader's
/// checks, the matcher inside logic, defines, levels and gates, and its evidence.
@Suite("length matchers")
struct LengthMatcherTests {
    /// Words and sentences of `text` as the profile and the matchers count them.
    static func counts(_ text: String) -> (words: Int, sentences: Int) {
        var vocabulary = Vocabulary()
        let normalised = Normaliser().normalise(text, vocabulary: &vocabulary)
        return (AnswerLength.words(normalised), AnswerLength.sentences(normalised))
    }

    /// Each text with its words and sentences, counted by hand from the rules in `AnswerLength`.
    static let fixtures: [(text: String, words: Int, sentences: Int)] = [
        ("", 0, 0),
        ("  \n\t ", 0, 0),
        ("?!...", 0, 0),                                   // punctuation alone is no word, so no sentence
        ("Yes", 1, 1),                                     // no terminal punctuation: 1 sentence
        ("don't stop", 3, 1),                              // don + t + stop
        ("don’t stop.", 3, 1),                             // the curly apostrophe is folded first
        ("a well-known fact", 4, 1),                       // well + known
        ("Python 3.12 came out in 2023.", 6, 1),           // 3.12 is one word, and its dot ends nothing
        ("call a.b() then gc.collect()", 4, 1),            // code: a.b and gc.collect are one word each
        ("Wait... what?!", 2, 2),                          // an ellipsis before a space ends a sentence
        ("Really… yes", 2, 2),                             // … is NFKC "..."
        ("Line one\nLine two", 4, 1),                      // a newline alone ends no sentence
        ("First.\nSecond.", 2, 2),
        ("e.g. this is it.", 4, 2),                        // no abbreviation list: "e.g." ends one
        ("Hello!!! World", 2, 2),                          // a run of marks is one end
        ("Yes . No", 2, 2),
        ("One. Two. Three.   ", 3, 3),                     // trailing spaces after the last end
        ("x = 1  # set x", 4, 1),                          // x, 1, set, x: symbols are no words
    ]

    @Test(arguments: fixtures.indices)
    func wordsAndSentencesAreCountedAsDocumented(_ index: Int) {
        let fixture = Self.fixtures[index]
        let counted = Self.counts(fixture.text)
        #expect(counted.words == fixture.words, "words of \(fixture.text.debugDescription)")
        #expect(counted.sentences == fixture.sentences, "sentences of \(fixture.text.debugDescription)")
    }

    /// The profile counted sentences with this regex before `AnswerLength` replaced it with a
    /// scan; on every text the scan must give what the regex gave, or reports would change.
    @Test func theScanCountsSentencesAsTheProfilesRegexDid() throws {
        let sentenceEnd = try Pattern(#"[.!?]+(?=\s|$)"#, options: [])
        let scratch = MatchScratch()
        let alphabet: [String] = ["a", "b", "1", "é", ".", ".", "!", "?", " ", " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}",
                                  "\u{A0}", "\u{85}", "\u{2028}", "\u{2026}", "-", "'", "(", ")"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<3000 {
            let text = (0..<next(14)).map { _ in alphabet[next(alphabet.count)] }.joined()
            var vocabulary = Vocabulary()
            let normalised = Normaliser().normalise(text, vocabulary: &vocabulary)
            var expected = 0
            if !normalised.tokens.isEmpty {
                let ends = try sentenceEnd.matches(in: normalised.text, scratch: scratch, limit: Int.max).count
                let last = normalised.text.unicodeScalars.last { !$0.properties.isWhitespace }
                let unpunctuated = last.map { !".!?".unicodeScalars.contains($0) } ?? false
                expected = max(1, ends + (unpunctuated ? 1 : 0))
            }
            #expect(AnswerLength.sentences(normalised) == expected, "\(text.debugDescription)")
        }
    }

    // MARK: - Matching

    @Test func boundsAreInclusiveAndEitherMayBeOpen() throws {
        let between = #"<words min="3" max="5"/>"#
        #expect(try !TestSupport.match(between, "one two").met)
        #expect(try TestSupport.match(between, "one two three").met)
        #expect(try TestSupport.match(between, "one two three four five").met)
        #expect(try !TestSupport.match(between, "one two three four five six").met)
        #expect(try TestSupport.match(#"<words max="2"/>"#, "don't").met, "don't is two words")
        #expect(try !TestSupport.match(#"<words max="2"/>"#, "don't go").met)
        #expect(try TestSupport.match(#"<words min="2"/>"#, "a.b() is called").met)
        #expect(try TestSupport.match(#"<sentences min="2" max="2"/>"#, "It frees. It collects").met)
        #expect(try !TestSupport.match(#"<sentences min="2"/>"#, "It frees, it collects, e.g when idle").met)
    }

    @Test func theEvidenceIsTheCountAndTheRangeWithNoSpan() throws {
        let rubric = try TestSupport.rubric(matcher: #"<words max="14"/>"#)
        let result = try TestSupport.grade(rubric.questions[0], in: rubric, "  Reference counting frees objects.")
        let evidence = try #require(result.rules[0].evidence.first)
        #expect(result.rules[0].evidence.count == 1)
        #expect(evidence.via == "4 words (at most 14)")
        #expect(evidence.wholeAnswer && evidence.range == 0..<0)
        #expect(result.profile.words == 4, "the profile and the matcher count alike")
        #expect(try TestSupport.match(#"<sentences min="1"/>"#, "One.").via == ["1 sentence (at least 1)"])
        #expect(try TestSupport.match(#"<words min="2" max="3"/>"#, "a b").via == ["2 words (2 to 3)"])
        #expect(try TestSupport.match(#"<words min="1" max="1"/>"#, "a").via == ["1 word (exactly 1)"])
    }

    @Test func summariesReadAsEnglish() throws {
        func summary(_ matcher: String) throws -> String { try TestSupport.rubric(matcher: matcher).questions[0].rules[0].summary }
        #expect(try summary(#"<words max="14"/>"#) == "at most 14 words")
        #expect(try summary(#"<words min="1"/>"#) == "at least 1 word")
        #expect(try summary(#"<sentences min="2" max="4"/>"#) == "2 to 4 sentences")
        #expect(try summary(#"<sentences min="1" max="1"/>"#) == "exactly 1 sentence")
        #expect(try summary(#"<not><words max="14"/></not>"#) == "not(at most 14 words)")
    }

    @Test func lengthRulesCombineWithEveryLogicalMatcher() throws {
        let all = #"<all><keyword>tuple</keyword><words min="4"/></all>"#
        #expect(try TestSupport.match(all, "a tuple is immutable").met)
        #expect(try !TestSupport.match(all, "a tuple").met)
        #expect(try TestSupport.match(all, "a tuple is immutable").evidence == ["", "tuple"], "the length's empty span first, in text order")
        let any = #"<any><keyword>tuple</keyword><sentences min="3"/></any>"#
        #expect(try TestSupport.match(any, "One. Two. Three.").met)
        #expect(try !TestSupport.match(any, "One. Two.").met)
        let not = #"<not><words max="3"/></not>"#
        #expect(try TestSupport.match(not, "one two three four").met)
        #expect(try !TestSupport.match(not, "one two three").met)
        let atLeast = #"<at-least n="2"><keyword>list</keyword><words min="5"/><sentences max="1"/></at-least>"#
        #expect(try TestSupport.match(atLeast, "a list of things").met)
        #expect(try !TestSupport.match(atLeast, "A list. Of things").met)
        #expect(try TestSupport.match(atLeast, "Five words in one sentence").met)
        // A length has no place in the answer, so a near cannot place it.
        #expect(try !TestSupport.match(#"<near within="9"><words min="1"/><keyword>list</keyword></near>"#, "a list").met)
    }

    @Test func definesLevelsPenaltiesAndGatesTakeLengthRules() throws {
        let rubric = try TestSupport.rubric(questions: """
        <question id="q1" points="4" requires="long-enough">
          <prompt>Explain.</prompt>
          <define id="long-enough"><words min="5"/></define>
          <criterion id="gc" points="2"><keyword>collector</keyword></criterion>
          <levels id="style" label="style points">
            <criterion id="brief"><use ref="brief"/></criterion>
            <criterion id="sentences"><sentences min="2"/></criterion>
            <level min="2" points="1"/>
          </levels>
          <penalty id="short" points="1"><words max="7"/></penalty>
        </question>
        """, defines: #"<define id="brief"><words max="20"/></define>"#)
        let question = rubric.questions[0]
        // 4 words: the question's gate does not hold.
        let short = try TestSupport.grade(question, in: rubric, "The collector runs. Often.")
        #expect(short.score == 0 && short.unmetRequirements == ["long-enough"])
        // 6 words, 2 sentences: gc 2 + style 1 - short 1.
        let middling = try TestSupport.grade(question, in: rubric, "The collector runs. It frees memory.")
        #expect(middling.score == 2)
        #expect(middling.levels[0].met == 2)
        // 8 words in 2 sentences: no penalty.
        let full = try TestSupport.grade(question, in: rubric, "The cyclic collector runs. It frees unreachable memory.")
        #expect(full.score == 3)
    }

    // MARK: - Loader errors

    func errors(_ matcher: String, defines: String = "") -> [Diagnostic] {
        do {
            _ = try TestSupport.rubric(questions: """
            <question id="q1" points="1"><prompt>Explain.</prompt>
            <criterion id="c" points="1">\(matcher)</criterion></question>
            """, defines: defines)
            return []
        } catch let error as InputError {
            return error.diagnostics
        } catch {
            return [Diagnostic(.error, file: "?", "\(error)")]
        }
    }

    @Test func badBoundsAreErrorsNamingFileLineColumnAndQuestion() throws {
        let cases: [(String, String)] = [
            (#"<words min="20" max="10"/>"#, #"<words min="20" max="10"> can never hold: min is above max"#),
            (#"<words min="-3"/>"#, #"<words> min="-3" is not a whole number from 0 to 100000000"#),
            (#"<sentences max="two"/>"#, #"<sentences> max="two" is not a whole number from 0 to 100000000"#),
            (#"<words max=""/>"#, #"<words> max="" is not a whole number from 0 to 100000000"#),
            (#"<words max="1.5"/>"#, #"<words> max="1.5" is not a whole number from 0 to 100000000"#),
            (#"<words max="99999999999999999999"/>"#, #"is not a whole number from 0 to 100000000"#),
            (#"<words/>"#, #"<words> needs min, max or both, e.g. <words max="14"/> for at most 14 words"#),
            (#"<not><sentences/></not>"#, #"<sentences> needs min, max or both"#),
        ]
        for (matcher, message) in cases {
            let found = errors(matcher)
            #expect(found.count == 1, "\(matcher): \(found)")
            let error = try #require(found.first)
            #expect(error.severity == .error && error.file == "test.xml" && error.question == "q1", "\(error)")
            #expect(error.line == 3 && error.column != nil, "\(error)")
            #expect(error.message.contains(message), "\(error.message)")
        }
        #expect(errors(#"<words min=" 5 " max="5"/>"#).isEmpty, "spaces around a number are ignored, as for the schema's integers")
        #expect(errors(#"<words min="0" max="0"/>"#).isEmpty)
        let wide = errors(#"<use ref="d"/>"#, defines: #"<define id="d"><words min="3" max="2"/></define>"#)
        #expect(wide.count == 1 && wide.first?.question == nil && wide.first?.line == 1, "\(wide)")
    }
}

extension TestSupport {
    /// A rubric with rubric-wide `defines` before the given question elements.
    static func rubric(questions: String, defines: String) throws -> Rubric {
        try RubricLoader.load(bytes: Array("<rubric id=\"t\">\(synonyms)\(defines)\n\(questions)</rubric>".utf8), file: "test.xml")
    }
}
