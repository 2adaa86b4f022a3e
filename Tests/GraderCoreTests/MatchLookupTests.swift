@testable import GraderEngine
import PCRE2
import Testing

/// The one-pass match: keywords found through the answer's `TokenOccurrences` instead of a scan
/// of every token, and regexes skipped when `Trigrams` rule out every literal `RequiredLiterals`
/// says a match needs. Both must change nothing but the time: each is checked against the plain
/// way on the same answers, and on the cases where a careless shortcut would skip a real match.
@Suite("match lookup and regex prefilter")
struct MatchLookupTests {
    // MARK: What a regex requires

    static func required(_ pattern: String, extended: Bool = false) -> [String]? {
        RequiredLiterals.of(pattern, extended: extended)?.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func plainAlternativesEachGiveTheirLongestRun() {
        #expect(Self.required(#"\bref(?:erence)?[\s-]*count(?:s|ing|er|ed)?\b|\brefcounts?\b|\bgetrefcount\b"#)
                == ["count", "refcount", "getrefcount"])
        #expect(Self.required(#"\bstand[\s-]?alone\b|\bone[\s-]off\b"#) == ["stand", "one"], "of equal runs, the first")
        #expect(Self.required("Tuple") == ["tuple"], "lowercased, for a caseless or a case-sensitive pattern alike")
    }

    @Test func aMandatoryGroupGivesEveryAlternative() {
        #expect(Self.required(#"\b(?:one|single)\s+(?:line|expression)\b"#) == ["line", "expression"],
                "of two groups, the one whose shortest alternative is longer")
        #expect(Self.required(#"\b(?:threads|processes)\s+(?:run|go)\b"#) == ["threads", "processes"], "a group with a two-letter alternative requires nothing")
        #expect(Self.required(#"\bgc\.\w+|\b(?:garbage|cyclic)\s+collector\b"#) == ["gc.", "collector"],
                "the longer run beats a group whose shortest alternative is shorter")
    }

    @Test func optionalPartsAndShortAlternativesRequireNothing() {
        #expect(Self.required("(?:reference)?counting") == ["counting"])
        #expect(Self.required("colou?r") == ["colo"], "the optional u ends the run")
        #expect(Self.required("abc|x") == nil, "one alternative needs no literal of three bytes")
        #expect(Self.required("a*bc") == nil)
        #expect(Self.required("ab+cd") == nil, "runs are cut at a repeat: ab, then cd")
        #expect(Self.required("abc+d") == ["abc"])
        #expect(Self.required(#"(?<!not )\bfree\b"#) == ["free"], "a lookbehind's text is not consumed")
        #expect(Self.required("(?=abc)xy") == nil)
        #expect(Self.required(#"\[\s*\]"#) == nil)
        #expect(Self.required(#"a\.b\.c"#) == ["a.b.c"])
    }

    @Test func syntaxBeyondTheReadingGivesNothing() {
        for pattern in [#"(?i)abc"#, #"(?x)a b c"#, #"\Qabc\E"#, #"\x{61}bc"#, #"(abc)\1"#, #"(*UCP)abc"#, #"ab{ 2 }cde"#, "(?#note)abc"] {
            #expect(Self.required(pattern) == nil, "\(pattern)")
        }
        #expect(Self.required("abc", extended: true) == nil)
    }

    // MARK: Trigrams

    @Test func trigramsFindLiteralsWhateverTheirCase() {
        let trigrams = Trigrams("Reference COUNTING in CPython")
        for literal in ["reference", "counting", "cpython", "ref", "e c"] {
            #expect(trigrams.mayContain(Array(literal.utf8)), "\(literal)")
        }
        #expect(!trigrams.mayContain(Array("generational".utf8)))
        #expect(!trigrams.mayContain(Array("xyz".utf8)))
        #expect(Trigrams("the \u{212A}ernel").mayContain(Array("ker".utf8)), "a caseless k also matches the Kelvin sign")
    }

    // MARK: The prefilter never skips a real match

    /// A regex matcher as the loader builds it, and the same pattern with no prefilter.
    static func regexPair(_ source: String, flags: String = "i") throws -> (filtered: RegexMatcher, plain: RegexMatcher) {
        let rubric = try TestSupport.rubric(matcher: "<regex flags=\"\(flags)\">\(source)</regex>")
        let filtered = try #require(rubric.questions[0].criteria[0].matcher as? RegexMatcher)
        return (filtered, RegexMatcher(pattern: filtered.pattern, summary: filtered.summary, required: nil))
    }

    static func outcome(_ matcher: any Matcher, _ text: String, rubric: Rubric) throws -> [Range<Int>] {
        let worker = try WorkerScratch(rubric: rubric)
        let view = AnswerView(worker.normalise(text, with: Normaliser()), worker: worker)
        return try matcher.match(view).hits.map(\.range)
    }

    @Test(arguments: [
        // Caseless: the literal is lowercase, the answer is not.
        (#"\bref(?:erence)?[\s-]*count(?:s|ing)?\b"#, "i", "Python uses REFERENCE COUNTING."),
        // Case-sensitive: still found through the lowercased trigrams.
        (#"\bGIL\b"#, "", "the GIL serialises bytecode"),
        // Alternation: only the second alternative occurs.
        (#"\bstand[\s-]?alone\b|\bone[\s-]off\b"#, "i", "a quick One-Off script"),
        // A mandatory group's alternatives: only the last one occurs.
        (#"\b(?:must|should|have\s+to)\s+free\s+memory\b"#, "i", "you Have To free memory yourself"),
        // Typographic apostrophe folded to ASCII before matching: the literal has the ASCII one.
        (#"\bdoesn't\s+affect\b"#, "i", "it doesn’t affect the copy"),
    ])
    func thePrefilterKeepsEveryMatch(_ pattern: String, _ flags: String, _ answer: String) throws {
        let (filtered, plain) = try Self.regexPair(pattern, flags: flags)
        #expect(filtered.required != nil, "the case needs a prefilter to test it")
        let rubric = try TestSupport.rubric(matcher: "<regex flags=\"\(flags)\">\(pattern)</regex>")
        let expected = try Self.outcome(plain, answer, rubric: rubric)
        #expect(!expected.isEmpty)
        #expect(try Self.outcome(filtered, answer, rubric: rubric) == expected)
    }

    @Test func thePrefilterSkipsAnAnswerWithoutTheLiteral() throws {
        let (filtered, _) = try Self.regexPair(#"\bgenerational\b|\bgenerations?\b"#)
        let rubric = try TestSupport.rubric(matcher: #"<regex>\bgenerational\b|\bgenerations?\b</regex>"#)
        let worker = try WorkerScratch(rubric: rubric)
        let view = AnswerView(worker.normalise("reference counting frees objects", with: Normaliser()), worker: worker)
        #expect(try !filtered.match(view).matched)
        #expect(!(filtered.required ?? []).contains(where: view.trigrams.mayContain), "skipped by the trigrams, not by PCRE2")
    }

    // MARK: Keywords through the index

    /// Every start position tried in order, as before the index: the reference the lookup must equal.
    static func fullScan(_ matcher: KeywordMatcher, _ answer: AnswerView) -> [Hit] {
        var hits: [Hit] = []
        let tokens = answer.text.tokens
        let stems = answer.tokenStems
        for phrase in matcher.phrases where phrase.words.count <= tokens.count {
            for start in 0...(tokens.count - phrase.words.count) {
                let all = phrase.words.indices.allSatisfy { offset in
                    let word = phrase.words[offset]
                    let misspellings = word.typoAllowance > 0 ? answer.misspellings(of: word) : []
                    return KeywordMatcher.compare(tokens[start + offset], at: start + offset, with: word,
                                                  misspellings: misspellings, stems: stems) != nil
                }
                guard all else { continue }
                hits.append(Hit(range: tokens[start].start..<tokens[start + phrase.words.count - 1].end,
                                tokens: start..<(start + phrase.words.count), via: ""))
                if hits.count >= maximumHitsPerMatcher { break }
            }
        }
        return hits.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    @Test(arguments: [
        (#"<keyword stem="yes">reference count</keyword>"#, "References counted: the reference count drops; a reference, counting."),
        (#"<keyword synonyms="collector"/>"#, "The GC and a cycle detector, the garbage collector, gc.collect() and Garbage Collector."),
        (#"<keyword typos="1">reference counting</keyword>"#, "refrence counting, reference countng, reference counting"),
        (#"<keyword typos="1" stem="yes">generator</keyword>"#, "genreators and generators and a generator, genrator"),
        (#"<keyword>gc</keyword>"#, "gc.collect() then @gc and gc.gc"),
        (#"<keyword stem="yes">copy</keyword>"#, String(repeating: "copies copy copied ", count: 12)),
    ])
    func theLookupFindsWhatAFullScanFinds(_ keyword: String, _ answer: String) throws {
        let rubric = try TestSupport.rubric(matcher: keyword)
        let matcher = try #require(rubric.questions[0].criteria[0].matcher as? KeywordMatcher)
        let worker = try WorkerScratch(rubric: rubric)
        let view = AnswerView(worker.normalise(answer, with: Normaliser()), worker: worker)
        let expected = Self.fullScan(matcher, view)
        #expect(!expected.isEmpty)
        let found = try matcher.match(view).hits
        #expect(found.map(\.range) == expected.map(\.range))
        #expect(found.map(\.tokens) == expected.map(\.tokens))
    }

    @Test func aMisspeltFirstWordIsStillFound() throws {
        // The misspelling is no rubric word: the index cannot list it, so the matcher must scan.
        let result = try TestSupport.match(#"<keyword typos="1">reference counting</keyword>"#, "it does refrence counting")
        #expect(result.met)
        #expect(result.evidence == ["refrence counting"])
    }

    @Test func theIndexDescribesOnlyTheAnswerItWasBuiltFor() throws {
        let rubric = try TestSupport.rubric(matcher: "<keyword>tuple</keyword>")
        let matcher = try #require(rubric.questions[0].criteria[0].matcher as? KeywordMatcher)
        let worker = try WorkerScratch(rubric: rubric)
        let first = AnswerView(worker.normalise("a tuple here", with: Normaliser()), worker: worker)
        let second = AnswerView(worker.normalise("no such word", with: Normaliser()), worker: worker)
        #expect(try matcher.match(first).matched)
        #expect(try !matcher.match(second).matched)
        // Back to the first view after the second rebuilt the worker's index: rebuilt again, not stale.
        #expect(try matcher.match(first).hits.map(\.tokens) == [1..<2])
    }
}
