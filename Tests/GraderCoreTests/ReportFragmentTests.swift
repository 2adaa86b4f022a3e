import Foundation
import LibXML2
import Testing
@testable import GraderCore

/// Rubric texts are escaped once per rubric (`ReportFragments`) and copied into every
/// report: these tests catch a fragment that is escaped wrongly, or used for text
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

    @Test func rubricTextsAreEscapedTheSameOnEveryReport() throws {
        let rubric = try Self.awkwardRubric()
        let result = try Self.candidate("A tuple <b> and \"&\" here.", graded: rubric)
        let firstXML = try XMLReportWriter.render(result, rubric: rubric)
        let firstHTML = HTMLReportWriter().render(result, rubric: rubric)
        #expect(try XMLReportWriter.render(result, rubric: rubric) == firstXML)
        #expect(HTMLReportWriter().render(result, rubric: rubric) == firstHTML)

        let xml = String(decoding: firstXML, as: UTF8.self)
        #expect(xml.contains("<prompt>Is a &lt; b &amp;&amp; &quot;c&quot; &gt; 'd'?&#13;Say.</prompt>"))
        #expect(xml.contains("<model-answer>Yes: &lt;b&gt; &amp; &quot;q&quot; — ü</model-answer>"))
        #expect(xml.contains("<feedback>Names &lt;b&gt;tuples&lt;/b&gt; &amp; &quot;quotes&quot; 'too'.</feedback>"))
        #expect(xml.contains("matcher=\"regex /&lt;[a-z]+&gt;|&quot;&amp;&quot;|tab&#9;/i\""))
        try Schemas.report.validate(bytes: firstXML, name: "c1.xml")

        // Read back, every rubric text is the rubric's own.
        let question = try #require(try XMLTree(bytes: firstXML, name: "c1.xml").root?.firstChild(named: "question"))
        let rules = rubric.questions[0].criteria + rubric.questions[0].penalties
        #expect(question.firstChild(named: "prompt")?.text == rubric.questions[0].prompt)
        #expect(question.firstChild(named: "model-answer")?.text == rubric.questions[0].modelAnswer)
        #expect(question.firstChild(named: "penalty")?.attribute("matcher") == rules[1].summary)
        #expect(question.firstChild(named: "penalty")?.firstChild(named: "feedback")?.text == rules[1].feedback)

        let html = String(decoding: firstHTML, as: UTF8.self)
        #expect(html.contains("<p class=\"prompt\">Is a &lt; b &amp;&amp; &quot;c&quot; &gt; &#39;d&#39;?\rSay.</p>"))
        #expect(html.contains(" — Names &lt;b&gt;tuples&lt;/b&gt; &amp; &quot;quotes&quot; &#39;too&#39;.\n"))
        #expect(html.contains("<div class=\"matcher\">regex /&lt;[a-z]+&gt;|&quot;&amp;&quot;|tab\t/i</div>"))
        #expect(!html.contains("<b>tuples") && !html.contains("<tags>"))
    }

    /// A result whose question texts differ from the rubric's (the same question id in
    /// another version of the rubric) must show its own texts, never the cached ones.
    @Test func aFragmentIsNeverUsedForOtherText() throws {
        let rubric = try Self.awkwardRubric()
        let edited = try Self.awkwardRubric(prompt: "Edited &lt;prompt&gt; &amp; more")
        let result = try Self.candidate("A tuple.", graded: edited)
        _ = try XMLReportWriter.render(try Self.candidate("A tuple.", graded: rubric), rubric: rubric)   // caches `rubric`
        let xml = String(decoding: try XMLReportWriter.render(result, rubric: rubric), as: UTF8.self)
        let html = String(decoding: HTMLReportWriter().render(result, rubric: rubric), as: UTF8.self)
        #expect(xml.contains("<prompt>Edited &lt;prompt&gt; &amp; more</prompt>"))
        #expect(html.contains("<p class=\"prompt\">Edited &lt;prompt&gt; &amp; more</p>"))
        #expect(!xml.contains("Is a &lt; b"))
        #expect(!html.contains("Is a &lt; b"))
    }

    /// Canonically equivalent strings are equal as Swift strings but not as bytes, and
    /// their escaped bytes differ: a fragment must hold the very bytes.
    @Test func fragmentsCompareBytesNotCanonicalEquivalence() {
        let precomposed = "caf\u{E9}", decomposed = "cafe\u{301}"
        #expect(precomposed == decomposed)
        let fragment = ReportFragment(precomposed, xml: .text)
        #expect(fragment.holds(precomposed))
        #expect(fragment.holds(String(decoding: Array(precomposed.utf8), as: UTF8.self)))
        #expect(!fragment.holds(decomposed))
        #expect(fragment.html(for: decomposed) == nil)
        #expect(fragment.xml(for: decomposed) == nil)
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
