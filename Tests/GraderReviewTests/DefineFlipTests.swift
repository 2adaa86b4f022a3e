import GraderEngine
@testable import GraderReview
import Testing

/// A question whose heavy criterion is gated on a named matcher (`requires="colour"`): a flip is
/// scored with the matcher's outcome the report recorded, so when the matcher did not hold the gated
/// criterion's flip changes nothing, and the heaviest flip is another one.
private let gatedRubric: Rubric = {
    let xml = """
    <rubric id="define-flips" version="1">
      <define id="colour"><any><keyword>red</keyword><keyword>blue</keyword></any></define>
      <question id="g1" points="10">
        <prompt>Pick a colour for the warning light and say why.</prompt>
        <criterion id="why" points="6" requires="colour"><keyword>bright</keyword></criterion>
        <criterion id="named" points="1.5"><keyword>light</keyword></criterion>
      </question>
    </rubric>
    """
    return try! RubricLoader.load(bytes: Array(xml.utf8), file: "define-flips.xml")
}()

private func gatedAnswer(met: Set<String>, held: [String: Bool]) -> ReviewAnswer {
    let question = gatedRubric.questions[0]
    let rules = question.rules.map { rule in
        ReviewAnswer.Rule(id: rule.id, kind: rule.kind, status: met.contains(rule.id) ? .met : .unmet, awarded: 0,
                          credited: true, notEvaluated: nil, evidence: [])
    }
    return ReviewAnswer(candidate: "ann", question: "g1", status: "answered", text: "it is grey because grey is calm", score: 0,
                        max: question.points, rules: rules, levels: [], words: 7, promptOverlap: 0, report: "ann.xml",
                        definesHeld: held)
}

@Suite("review queue: flips with the named matchers' recorded outcomes")
struct DefineFlipTests {
    private let question = gatedRubric.questions[0]

    @Test func theRubricGatesOnADefine() {
        #expect(question.requiredDefines.map(\.id) == ["colour"])
    }

    /// colour did not hold: "why" met would still be gated out (+0), so the heaviest flip is "named", +1.5 of 10.
    @Test func aGateOnADefineThatDidNotHoldBlocksTheFlip() {
        let reasons = Uncertainty.flips(gatedAnswer(met: [], held: ["colour": false]), question: question)
        #expect(reasons.count == 1)
        #expect(reasons.first?.kind == .flip)
        #expect(reasons.first?.weight == 0.15)
        #expect(reasons.first?.text == "if named were met, the score would change by +1.5 of 10")
    }

    /// A met rule kept out by the gate: unmet, it loses nothing either.
    @Test func aMetRuleTheGateKeptOutLosesNothingWhenFlipped() {
        let reasons = Uncertainty.flips(gatedAnswer(met: ["why"], held: ["colour": false]), question: question)
        #expect(reasons.map(\.text) == ["if named were met, the score would change by +1.5 of 10"])
    }

    /// colour held: the gated criterion's flip is the full 6.
    @Test func aGateOnADefineThatHeldLetsTheFlipCount() {
        let reasons = Uncertainty.flips(gatedAnswer(met: [], held: ["colour": true]), question: question)
        #expect(reasons.first?.weight == 0.6)
        #expect(reasons.first?.text == "if why were met, the score would change by +6 of 10")
    }

    /// A report written before outcomes were recorded: each define counts as held (the old, approximate, flip).
    @Test func aReportWithoutOutcomesFallsBackToHeld() {
        let reasons = Uncertainty.flips(gatedAnswer(met: [], held: [:]), question: question)
        #expect(reasons.first?.text == "if why were met, the score would change by +6 of 10")
    }
}
