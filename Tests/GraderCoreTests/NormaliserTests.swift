import Testing
@testable import GraderCore

@Suite("normalise and profile")
struct NormaliserTests {
    @Test func asciiTakesTheIdentityFastPath() {
        let text = Normaliser().normalise("plain ascii text")
        #expect(text.text == "plain ascii text")
        #expect(text.origin.isEmpty)
    }

    @Test func typographyIsFoldedAndOffsetsMapBack() {
        let original = "“Quoted” — ﬁne’s"
        let text = Normaliser().normalise(original)
        #expect(text.text == "\"Quoted\" - fine's")
        let fine = text.tokens.first { $0.folded == "fine" }!
        let range = text.originalRange(of: fine.start..<fine.end)
        #expect(String(decoding: Array(original.utf8)[range], as: UTF8.self) == "ﬁne")
    }

    @Test func zeroWidthAndBidiControlsVanish() {
        let text = Normaliser().normalise("gar\u{200B}bage \u{202E}collector")
        #expect(text.tokens.map(\.folded) == ["garbage", "collector"])
    }

    @Test func tokensAreCodeAware() {
        let tokens = Normaliser().normalise("obj.attr @property def f(*args, **kwargs): __init__ gc.collect(). 2*x").tokens
        #expect(tokens.map(\.folded) == ["obj.attr", "@property", "def", "f", "*args", "**kwargs", "__init__", "gc.collect", "2", "x"])
        #expect(tokens[1].core == "property")
        #expect(tokens[7].parts == ["gc", "collect"])
    }

    @Test func profileMeasuresLengthReadabilityCodeAndCopying() throws {
        let rubric = try TestSupport.rubric(questions: """
        <question id="q1" points="1"><prompt>How does Python's garbage collection work?</prompt>
        <model-answer>Python frees objects by reference counting and a cyclic collector.</model-answer>
        <criterion id="c" points="1"><keyword>x</keyword></criterion></question>
        """)
        let answer = "How does Python's garbage collection work? It uses reference counting.\n\n    x = [1, 2]\n    del x\n"
        let result = try TestSupport.grade(rubric.questions[0], answer)
        let profile = result.profile
        #expect(profile.words == 16)
        #expect(profile.sentences == 3)
        #expect(profile.codeLines == 2)
        #expect(profile.promptOverlap > 0.4 && profile.promptOverlap < 0.6)
        #expect(profile.modelOverlap == 0)
        #expect(profile.readingEase > 0 && profile.readingEase < 120)
    }

    @Test func lexicalDiversityFallsWithRepetition() {
        #expect(Profiler.movingTypeTokenRatio(["a", "b", "c", "d"]) == 1)
        #expect(Profiler.movingTypeTokenRatio(["a", "a", "a", "a"]) == 0.25)
        let long = (0..<200).map { "w\($0 % 10)" }
        #expect(Profiler.movingTypeTokenRatio(long) == 0.2)
    }

    @Test func syllableEstimates() {
        #expect(Syllables.count("python") == 2)
        #expect(Syllables.count("code") == 1)
        #expect(Syllables.count("readable") == 3)
    }
}
