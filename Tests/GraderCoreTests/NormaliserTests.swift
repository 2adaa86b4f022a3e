@testable import GraderEngine
import Testing

@Suite("normalise and profile")
struct NormaliserTests {
    @Test func asciiTakesTheIdentityFastPath() {
        var vocabulary = Vocabulary()
        let text = Normaliser().normalise("plain ascii text", vocabulary: &vocabulary)
        #expect(text.text == "plain ascii text")
        #expect(text.origin.isEmpty)
    }

    @Test func typographyIsFoldedAndOffsetsMapBack() {
        let original = "“Quoted” — ﬁne’s"
        var vocabulary = Vocabulary()
        let text = Normaliser().normalise(original, vocabulary: &vocabulary)
        #expect(text.text == "\"Quoted\" - fine's")
        let fine = text.tokens.first { vocabulary.word($0.word) == "fine" }!
        let range = text.originalRange(of: fine.start..<fine.end)
        #expect(String(decoding: Array(original.utf8)[range], as: UTF8.self) == "ﬁne")
    }

    @Test func zeroWidthAndBidiControlsVanish() {
        #expect(TestSupport.words("gar\u{200B}bage \u{202E}collector") == ["garbage", "collector"])
    }

    @Test func tokensAreCodeAware() {
        var vocabulary = Vocabulary()
        let tokens = Normaliser().normalise("obj.attr @property def f(*args, **kwargs): __init__ gc.collect(). 2*x",
                                            vocabulary: &vocabulary).tokens
        #expect(tokens.map { vocabulary.word($0.word) }
                == ["obj.attr", "@property", "def", "f", "*args", "**kwargs", "__init__", "gc.collect", "2", "x"])
        #expect(vocabulary.word(tokens[1].core) == "property")
        #expect(tokens[7].parts.map { vocabulary.word($0) } == ["gc", "collect"])
        #expect(tokens[0].core == Vocabulary.none)
    }

    @Test func profileMeasuresLengthReadabilityCodeAndCopying() throws {
        let rubric = try TestSupport.rubric(questions: """
        <question id="q1" points="1"><prompt>How does Python's garbage collection work?</prompt>
        <model-answer>Python frees objects by reference counting and a cyclic collector.</model-answer>
        <criterion id="c" points="1"><keyword>x</keyword></criterion></question>
        """)
        let answer = "How does Python's garbage collection work? It uses reference counting.\n\n    x = [1, 2]\n    del x\n"
        let result = try TestSupport.grade(rubric.questions[0], in: rubric, answer)
        let profile = result.profile
        #expect(profile.words == 16)
        #expect(profile.sentences == 3)
        #expect(profile.codeLines == 2)
        #expect(profile.promptOverlap > 0.4 && profile.promptOverlap < 0.6)
        #expect(profile.modelOverlap == 0)
        #expect(profile.readingEase > 0 && profile.readingEase < 120)
    }

    @Test func lexicalDiversityFallsWithRepetition() {
        var counts: [Int32] = []
        #expect(Profiler.movingTypeTokenRatio([0, 1, 2, 3], counts: &counts) == 1)
        #expect(Profiler.movingTypeTokenRatio([5, 5, 5, 5], counts: &counts) == 0.25)
        let long = (0..<200).map { $0 % 10 }
        #expect(Profiler.movingTypeTokenRatio(long, counts: &counts) == 0.2)
        #expect(counts.allSatisfy { $0 == 0 })
    }

    @Test func syllableEstimates() {
        #expect(Syllables.count("python") == 2)
        #expect(Syllables.count("code") == 1)
        #expect(Syllables.count("readable") == 3)
    }
}
