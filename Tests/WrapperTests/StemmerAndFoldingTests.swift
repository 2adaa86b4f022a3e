import Snowball
import Testing
import UTF8Proc

@Suite("Snowball and utf8proc wrappers")
struct StemmerAndFoldingTests {
    @Test func englishStemsJoinInflections() throws {
        let stemmer = try Stemmer(language: "english")
        #expect(stemmer.stem("collected") == stemmer.stem("collection"))
        #expect(stemmer.stem("decorators") == stemmer.stem("decorator"))
        #expect(stemmer.stem("running") == "run")
    }

    @Test func unknownLanguageIsATypedError() {
        #expect(throws: StemmerError.self) { try Stemmer(language: "klingon") }
        #expect(Stemmer.availableLanguages.contains("english"))
    }

    @Test func nfkcFoldsCompatibilityForms() throws {
        #expect(try UnicodeFolding.apply(.nfkc, to: "ﬁle ①") == "file 1")
        #expect(try UnicodeFolding.apply(.nfkc, to: "e\u{301}") == "é")
    }

    @Test func matchingFormIgnoresCaseAccentsAndInvisibles() throws {
        let form: UnicodeFolding.Form = [.nfkc, .caseFold, .stripMarks, .dropIgnorable]
        #expect(try UnicodeFolding.apply(form, to: "NAÏVE Straße") == "naive strasse")
        #expect(try UnicodeFolding.apply(form, to: "zero\u{200B}width") == "zerowidth")
    }
}
