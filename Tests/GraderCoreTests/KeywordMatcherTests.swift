import Testing

@Suite("keyword matcher")
struct KeywordMatcherTests {
    @Test func matchesOnWordBoundariesIgnoringCase() throws {
        #expect(try TestSupport.match("<keyword>tuple</keyword>", "A Tuple is fixed.").met)
        #expect(try !TestSupport.match("<keyword>tuple</keyword>", "Tuples are fixed.").met)
        #expect(try !TestSupport.match("<keyword>list</keyword>", "a listing of things").met)
    }

    @Test func curlyApostropheIsABoundary() throws {
        let result = try TestSupport.match("<keyword>django</keyword>", "Django’s ORM is batteries-included.")
        #expect(result.met)
        #expect(result.evidence == ["Django"])
    }

    @Test func dottedNamesMatchWholeAndByPart() throws {
        #expect(try TestSupport.match("<keyword>gc.collect</keyword>", "call gc.collect() to force it").evidence == ["gc.collect"])
        #expect(try TestSupport.match("<keyword>collect</keyword>", "call gc.collect() to force it").met)
        #expect(try TestSupport.match("<keyword>gc</keyword>", "call gc.collect() to force it").met)
        #expect(try !TestSupport.match("<keyword>gc collect</keyword>", "call gc.collect() now").met)
    }

    @Test func codeTokensSurviveWithTheirSigils() throws {
        #expect(try TestSupport.match("<keyword>**kwargs</keyword>", "def f(*args, **kwargs): pass").evidence == ["**kwargs"])
        #expect(try TestSupport.match("<keyword>kwargs</keyword>", "def f(*args, **kwargs): pass").met)
        #expect(try TestSupport.match("<keyword>@property</keyword>", "use @property on the getter").met)
        #expect(try TestSupport.match("<keyword>__init__</keyword>", "the __init__ method runs").evidence == ["__init__"])
        #expect(try !TestSupport.match("<keyword>init</keyword>", "the __init__ method runs").met)
    }

    @Test func accentInsensitive() throws {
        #expect(try TestSupport.match("<keyword>naive</keyword>", "a naïve approach").evidence == ["naïve"])
        #expect(try TestSupport.match("<keyword>naïve</keyword>", "a NAIVE approach").met)
    }

    @Test func stemmingJoinsInflections() throws {
        let result = try TestSupport.match("<keyword stem=\"yes\">collection</keyword>", "objects are collected later")
        #expect(result.met)
        #expect(result.via.first?.contains("inflection") == true)
        #expect(try !TestSupport.match("<keyword>collection</keyword>", "objects are collected later").met)
    }

    @Test func typoAllowanceAcceptsAMisspelling() throws {
        let result = try TestSupport.match("<keyword typos=\"1\">reference</keyword>", "it uses refrence counting")
        #expect(result.evidence == ["refrence"])
        #expect(result.via.first?.contains("misspelt \"refrence\"") == true)
        #expect(try !TestSupport.match("<keyword>reference</keyword>", "it uses refrence counting").met)
        #expect(try !TestSupport.match("<keyword typos=\"1\">reference</keyword>", "it uses refrnce counting here").met)
    }

    @Test func shortWordsGetNoTypoAllowance() throws {
        #expect(try !TestSupport.match("<keyword typos=\"2\">gil</keyword>", "a gul is a bird").met)
    }

    @Test func transpositionCountsAsOneEdit() throws {
        #expect(try TestSupport.match("<keyword typos=\"1\">generator</keyword>", "a genreator yields").met)
    }

    @Test func phrasesNeedConsecutiveWords() throws {
        #expect(try TestSupport.match("<keyword>reference counting</keyword>", "Reference  counting, basically").met)
        #expect(try !TestSupport.match("<keyword>reference counting</keyword>", "reference and counting").met)
        #expect(try TestSupport.match("<keyword stem=\"yes\">reference count</keyword>", "references counted").met)
    }

    @Test func synonymsNameWhichAlternativeFired() throws {
        let result = try TestSupport.match("<keyword synonyms=\"collector\"/>", "the GC finds cycles")
        #expect(result.met)
        #expect(result.via == ["synonym \"gc\" (collector)"])
        #expect(try TestSupport.match("<keyword synonyms=\"collector\">collector</keyword>", "a cycle detector runs").met)
    }
}
