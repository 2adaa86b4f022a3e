import Foundation
@testable import GraderEngine
@testable import GraderFoundation
@testable import GraderReports
import LibXML2
import Testing

/// Rubric texts are escaped once per rubric (`ReportFragments`) and copied into every
/// page: these tests catch a fragment that is escaped wrongly, or used for text
/// that is not its own.
@Suite("report fragments")
struct ReportFragmentTests {
    /// A rubric whose prompt, model answer, feedback and regex hold every character
    /// that needs escaping, in text and in attributes.
    static func awkwardRubric(prompt: String = "Is a &lt; b &amp;&amp; \"c\" &gt; 'd'?&#13;Say.") throws -> Rubric {
        try TestSupport.rubric(questions: """
        <question id="q1" points="5"><prompt>\(prompt)</prompt>
        <model-answer>Yes: &lt;b&gt; &amp; "q" — ü</model-answer>
        <criterion id="tuple" points="3"><feedback>Names &lt;b&gt;tuples&lt;/b&gt; &amp; "quotes" 'too'.</feedback><keyword>tuple</keyword></criterion>
        <penalty id="tag" points="1"><feedback>No &lt;tags&gt;.</feedback><regex>&lt;[a-z]+&gt;|"&amp;"|tab&#9;</regex></penalty>
        </question>
        """)
    }

    static func candidate(_ answer: String, graded rubric: Rubric) throws -> CandidateResult {
        let submission = Submission(candidate: Candidate(id: "c1", name: nil, email: nil), source: "c1.md",
                                    answers: ["q1": Answer(text: answer, file: "c1.md", line: 2)], warnings: [])
        return CandidateResult(submission: submission, questions: [try TestSupport.grade(rubric.questions[0], in: rubric, answer)])
    }

    @Test func rubricTextsAreEscapedTheSameOnEveryPageAndKeptOutOfTheXMLReport() throws {
        let rubric = try Self.awkwardRubric()
        let result = try Self.candidate("A tuple <b> and \"&\" here.", graded: rubric)
        let firstXML = try XMLReportWriter.render(result, rubric: rubric)
        let firstHTML = HTMLReportWriter().render(result, rubric: rubric)
        #expect(try XMLReportWriter.render(result, rubric: rubric) == firstXML)
        #expect(HTMLReportWriter().render(result, rubric: rubric) == firstHTML)

        // The XML report names rules by id; the rubric's texts are in rubric.xml and rubric.html only
        // (an evidence's `via` still names the leaf that matched: that is the candidate's).
        let xml = String(decoding: firstXML, as: UTF8.self)
        for text in ["Is a &lt; b", "Yes: &lt;b&gt;", "Names &lt;b&gt;tuples", "<prompt", "<model-answer", "<feedback", "matcher="] {
            #expect(!xml.contains(text), "\(text) in the XML report")
        }
        try Schemas.report.validate(bytes: firstXML, name: "c1.xml")
        let question = try #require(try XMLTree(bytes: firstXML, name: "c1.xml").root?.firstChild(named: "question"))
        #expect(question.firstChild(named: "penalty")?.attribute("id") == "tag")

        // The page keeps the prompt and feedback (escaped), links each rule to rubric.html, and shows no matcher.
        let html = String(decoding: firstHTML, as: UTF8.self)
        #expect(html.contains("<p class=\"prompt\">Is a &lt; b &amp;&amp; &quot;c&quot; &gt; &#39;d&#39;?\rSay. "))
        #expect(html.contains(" — Names &lt;b&gt;tuples&lt;/b&gt; &amp; &quot;quotes&quot; &#39;too&#39;.\n"))
        #expect(html.contains("<strong><a href=\"../rubric.html#q1-pen-tag\">tag</a></strong>"))
        #expect(!html.contains("class=\"matcher\"") && !html.contains("<div class=\"matcher\">regex"))
        #expect(!html.contains("<b>tuples") && !html.contains("<tags>"))

        // rubric.html shows the matcher and model answer once, escaped, at the anchor the page links to.
        let page = String(decoding: RubricHTMLWriter().render(rubric), as: UTF8.self)
        #expect(page.contains("<li class=\"penalty\" id=\"q1-pen-tag\">"))
        #expect(page.contains("<div class=\"matcher\">regex /&lt;[a-z]+&gt;|&quot;&amp;&quot;|tab\t/i</div>"))
        #expect(page.contains("Yes: &lt;b&gt; &amp; &quot;q&quot; — ü"))
        #expect(!page.contains("<b>tuples") && !page.contains("<tags>"))
    }

    /// A result whose question texts differ from the rubric's (the same question id in
    /// another version of the rubric) must show its own texts, never the cached ones.
    @Test func aFragmentIsNeverUsedForOtherText() throws {
        let rubric = try Self.awkwardRubric()
        let edited = try Self.awkwardRubric(prompt: "Edited &lt;prompt&gt; &amp; more")
        let result = try Self.candidate("A tuple.", graded: edited)
        _ = HTMLReportWriter().render(try Self.candidate("A tuple.", graded: rubric), rubric: rubric)   // caches `rubric`
        let html = String(decoding: HTMLReportWriter().render(result, rubric: rubric), as: UTF8.self)
        #expect(html.contains("<p class=\"prompt\">Edited &lt;prompt&gt; &amp; more "))
        #expect(!html.contains("Is a &lt; b"))
    }

    /// Canonically equivalent strings are equal as Swift strings but not as bytes, and
    /// their escaped bytes differ: a fragment must hold the very bytes.
    @Test func fragmentsCompareBytesNotCanonicalEquivalence() {
        let precomposed = "caf\u{E9}", decomposed = "cafe\u{301}"
        #expect(precomposed == decomposed)
        let fragment = ReportFragment(precomposed)
        #expect(fragment.holds(precomposed))
        #expect(fragment.holds(String(decoding: Array(precomposed.utf8), as: UTF8.self)))
        #expect(!fragment.holds(decomposed))
        #expect(fragment.html(for: decomposed) == nil)
    }
}

@Suite("text offsets")
struct TextOffsetsTests {
    /// Checkpointed counting agrees with counting code points from the start, at every
    /// byte offset of texts around the checkpoint stride, ASCII or not.
    @Test func scalarOffsetsMatchCountingFromTheStart() {
        let pieces = ["a", "é", "’", "𝄞", "tuple ", "Zoë"]
        for length in [0, 1, 63, 64, 65, 127, 128, 129, 300] {
            var text = ""
            var index = 0
            while text.utf8.count < length {
                text += pieces[(index * 7 + length) % pieces.count]
                index += 1
            }
            let offsets = TextOffsets(text)
            let bytes = Array(text.utf8)
            for byte in 0...(bytes.count + 2) {
                let expected = bytes[..<min(byte, bytes.count)].filter { $0 & 0xC0 != 0x80 }.count
                #expect(offsets.scalarOffset(ofByte: byte) == expected, "text of \(bytes.count) bytes, offset \(byte)")
            }
        }
    }
}
