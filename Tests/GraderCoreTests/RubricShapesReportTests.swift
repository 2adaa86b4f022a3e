import Foundation
@testable import GraderCohort
@testable import GraderEngine
@testable import GraderFoundation
@testable import GraderReports
@testable import GraderWorkflows
import LibXML2
import Testing

/// How the new shapes read in a candidate's reports: levels, gates and bands explained in
/// words, never a silent 0, and the XML valid against report.xsd and read back by the cohort.
@Suite("rubric shapes: reports")
struct RubricShapesReportTests {
    static let rubric = """
    <define id="colour"><any><keyword>red</keyword><keyword>blue</keyword></any></define>
    <question id="q1" points="3">
      <prompt>Describe how the heart pumps blood.</prompt>
      <levels id="key" label="key elements">
        <criterion id="atria"><feedback>The atria contract first.</feedback><keyword>atria</keyword></criterion>
        <criterion id="ventricles"><feedback>The ventricles contract next.</feedback><keyword>ventricles</keyword></criterion>
        <criterion id="valves"><feedback>Valves stop &lt;backflow&gt;.</feedback><keyword>valves</keyword></criterion>
        <criterion id="aorta"><feedback>Blood leaves through the aorta.</feedback><keyword>aorta</keyword></criterion>
        <level min="1" points="1"/><level min="3" points="2"/><level min="4" points="3"/>
      </levels>
    </question>
    <question id="q2" points="4" requires="chosen">
      <prompt>Pick a colour for the warning light and say why.</prompt>
      <criterion id="chosen" points="1"><use ref="colour"/></criterion>
      <criterion id="why" points="3" requires="colour"><keyword>bright</keyword></criterion>
    </question>
    <question id="q3" points="3" base="0.5">
      <prompt>Explain.</prompt>
      <criterion id="a" points="1.5"><keyword>alpha</keyword></criterion>
      <criterion id="b" points="0.75"><keyword>beta</keyword></criterion>
      <bands><band from="0" points="0"/><band from="2.5" points="3">Complete: &lt;both&gt; ideas</band></bands>
    </question>
    """

    func report(_ answers: [String: String]) throws -> (CandidateResult, Rubric) {
        let rubric = try TestSupport.rubric(questions: Self.rubric)
        let submission = Submission(candidate: Candidate(id: "c1", name: nil, email: nil), source: "c1.md",
                                    answers: answers.mapValues { Answer(text: $0, file: "c1.md", line: 1) }, warnings: [])
        let worker = try GradingWorker(rubric: rubric)
        var times = StageTimes()
        let questions = rubric.questions.map {
            worker.grade($0, answer: submission.answers[$0.id], file: "c1.md", times: &times).result
        }
        return (CandidateResult(submission: submission, questions: questions), rubric)
    }

    static let answers = ["q1": "atria, valves and ventricles", "q2": "bright, so people see it", "q3": "alpha and beta"]

    @Test func htmlExplainsLevelsGatesAndBandsInWords() throws {
        let (result, rubric) = try report(Self.answers)
        #expect(result.questions.map(\.score) == [2, 0, 3])
        let html = String(decoding: HTMLReportWriter().render(result, rubric: rubric), as: UTF8.self)
        #expect(html.contains("<strong><a href=\"../rubric.html#q1-levels-key\">key</a></strong> — 3 of 4 key elements: 2 points"))
        // Which elements were met and which missed, each with its feedback (escaped).
        #expect(html.contains("<li class=\"element met\"><span class=\"pts\">met</span><strong><a href=\"../rubric.html#q1-elem-atria\">atria</a></strong> — The atria contract first."))
        #expect(html.contains("<li class=\"element met\"><span class=\"pts\">met</span><strong><a href=\"../rubric.html#q1-elem-valves\">valves</a></strong> — Valves stop &lt;backflow&gt;."))
        #expect(html.contains("<li class=\"element unmet\"><span class=\"pts\">missed</span><strong><a href=\"../rubric.html#q1-elem-aorta\">aorta</a></strong> — Blood leaves through the aorta."))
        // A gated criterion is never a silent 0.
        #expect(html.contains("<li class=\"criterion unmet\"><span class=\"pts\">0 / 3</span><strong><a href=\"../rubric.html#q2-crit-why\">why</a></strong>"))
        #expect(html.contains("<div class=\"via\">not credited: requires colour</div>"))
        #expect(html.contains("Question not credited: requires chosen; it scores 0."))
        // 0.5 + 1.5 + 0.75 = 2.75
        #expect(html.contains("base 0.5 points · raw 2.75 → band from 2.5: 3 points — Complete: &lt;both&gt; ideas"))
    }

    @Test func xmlReportHoldsLevelsGatesAndTheBandAndIsValid() throws {
        let (result, rubric) = try report(Self.answers)
        let bytes = try XMLReportWriter.render(result, rubric: rubric)
        try Schemas.report.validate(bytes: bytes, name: "c1.xml")
        let questions = try XMLTree(bytes: bytes, name: "c1.xml").root?.children(named: "question") ?? []
        #expect(questions.count == 3)
        let levels = try #require(questions[0].firstChild(named: "levels"))
        // The group's label, like every rubric text, is the rubric's (rubric.html), not the report's.
        #expect(levels.attribute("id") == "key" && levels.attribute("label") == nil)
        #expect(levels.attribute("met") == "3" && levels.attribute("of") == "4" && levels.attribute("points") == "2")
        #expect(levels.attribute("level-min") == "3")
        #expect(levels.children(named: "element").map { $0.attribute("status") ?? "" } == ["met", "met", "met", "unmet"])
        #expect(questions[0].attribute("raw") == "2")
        #expect(questions[1].attribute("credited") == "no" && questions[1].attribute("requires") == "chosen")
        let why = try #require(questions[1].children(named: "criterion").first { $0.attribute("id") == "why" })
        #expect(why.attribute("status") == "met" && why.attribute("awarded") == "0")
        #expect(why.attribute("credited") == "no" && why.attribute("requires") == "colour")
        #expect(questions[2].attribute("raw") == "2.75" && questions[2].attribute("base") == "0.5")
        let band = try #require(questions[2].firstChild(named: "band"))
        #expect(band.attribute("from") == "2.5" && band.attribute("points") == "3" && band.text.isEmpty)
    }

    @Test func aMissingAnswerToAShapedQuestionIsStillValid() throws {
        let (result, rubric) = try report([:])
        #expect(result.questions.map(\.score) == [0, 0, 0])
        try Schemas.report.validate(bytes: try XMLReportWriter.render(result, rubric: rubric), name: "c1.xml")
    }

    @Test func theCohortReadsElementsAndCreditFromTheReport() throws {
        let (result, rubric) = try report(Self.answers)
        let xml = try XMLReportWriter.render(result, rubric: rubric)
        let fromMemory = CandidateDigester(rubric: rubric).digest(result, rubric: rubric, file: "c1.xml")
        let fromReport = try CandidateDigester(rubric: rubric).digest(bytes: xml, file: "c1.xml")
        #expect(fromMemory == fromReport)
        #expect(fromReport.questions[0].rules.map(\.kind) == [.element, .element, .element, .element])
        #expect(fromReport.questions[0].rules.map(\.met) == [true, true, true, false])
        // `why` matched but was not credited: the cohort counts credit.
        #expect(fromReport.questions[1].rules.map(\.met) == [false, false])
    }
}
