import Foundation
@testable import GraderEngine
import Testing

/// Levels by count, named matchers, gates, bands and base points: each scored by hand.
@Suite("rubric shapes: scoring")
struct RubricShapesTests {
    static let heart = """
    <question id="q1" points="3">
      <prompt>Describe how the heart pumps blood.</prompt>
      <levels id="key" label="key elements">
        <feedback>Four key elements of the cardiac cycle.</feedback>
        <criterion id="atria"><feedback>The atria contract first.</feedback><keyword>atria</keyword></criterion>
        <criterion id="ventricles"><feedback>The ventricles contract next.</feedback><keyword>ventricles</keyword></criterion>
        <criterion id="valves"><feedback>Valves stop backflow.</feedback><keyword>valves</keyword></criterion>
        <criterion id="aorta"><feedback>Blood leaves through the aorta.</feedback><keyword>aorta</keyword></criterion>
        <level min="1" points="1"/>
        <level min="3" points="2"/>
        <level min="4" points="3"/>
      </levels>
    </question>
    """

    func grade(_ question: String, _ answer: String) throws -> QuestionResult {
        let rubric = try TestSupport.rubric(questions: question)
        return try TestSupport.grade(rubric.questions[0], in: rubric, answer)
    }

    // MARK: Levels

    /// "3 points: four key elements; 2 points: three; 1 point: one or two; 0: other".
    @Test(arguments: [
        ("the blood goes round and round", 0, 0.0, nil as Int?),
        ("the atria squeeze", 1, 1, 1),
        ("the atria then the ventricles", 2, 1, 1),
        ("atria, ventricles and valves", 3, 2, 3),
        ("atria, ventricles, valves and the aorta", 4, 3, 4),
    ])
    func levelsMapTheCountOfMetElementsToPoints(answer: String, met: Int, score: Double, level: Int?) throws {
        let result = try grade(Self.heart, answer)
        #expect(result.score == score)
        #expect(result.levels.count == 1)
        #expect(result.levels[0].met == met && result.levels[0].of == 4)
        #expect(result.levels[0].level?.min == level)
        #expect(result.levels[0].points == score)
        #expect(result.raw == score)
        #expect(result.rules.allSatisfy { $0.rule.kind == .element && $0.awarded == 0 && $0.rule.group == "key" })
        #expect(result.rules.filter(\.credited).count == met)
    }

    @Test func rulesAreCriteriaThenEachGroupsElementsThenPenalties() throws {
        let rubric = try TestSupport.rubric(questions: """
        <question id="q1" points="5" clamp="yes"><prompt>Explain.</prompt>
          <criterion id="c1" points="1"><keyword>one</keyword></criterion>
          <levels id="g1"><criterion id="e1"><keyword>two</keyword></criterion><criterion id="e2"><keyword>three</keyword></criterion>
            <level min="1" points="1"/></levels>
          <criterion id="c2" points="1"><keyword>four</keyword></criterion>
          <levels id="g2"><criterion id="e3"><keyword>five</keyword></criterion><level min="1" points="2"/></levels>
          <penalty id="p" points="1"><keyword>six</keyword></penalty>
        </question>
        """)
        let question = rubric.questions[0]
        #expect(question.rules.map(\.id) == ["c1", "c2", "e1", "e2", "e3", "p"])
        #expect(question.rules.map(\.kind) == [.criterion, .criterion, .element, .element, .element, .penalty])
        #expect(question.criteria.map(\.id) == ["c1", "c2"] && question.levels.map(\.id) == ["g1", "g2"])
        #expect(question.levels[0].label == "elements")
        // one (1) + g1 with two (1) + g2 with five (2) - six (1) = 3
        #expect(try TestSupport.grade(question, in: rubric, "one two five six").score == 3)
    }

    @Test func aLevelsTableIsSortedByMinAndTheLaterOfEqualMinsWins() throws {
        let rubric = try TestSupport.rubric(questions: """
        <question id="q1" points="3"><prompt>Explain.</prompt>
          <levels id="g"><criterion id="a"><keyword>a1</keyword></criterion><criterion id="b"><keyword>b1</keyword></criterion>
            <level min="2" points="3"/><level min="1" points="1"/><level min="1" points="2"/></levels>
        </question>
        """)
        #expect(rubric.questions[0].levels[0].table == [Level(min: 1, points: 1), Level(min: 1, points: 2), Level(min: 2, points: 3)])
        #expect(try TestSupport.grade(rubric.questions[0], in: rubric, "a1").score == 2)
    }

    // MARK: Named matchers

    static let sign = """
    <define id="colour"><any><keyword>red</keyword><keyword>blue</keyword><regex>\\bgreen\\b</regex></any></define>
    <question id="q1" points="6">
      <prompt>Choose a colour for the sign and explain your choice.</prompt>
      <define id="warm"><keyword>warm</keyword></define>
      <criterion id="named" points="1"><near within="3"><use ref="colour"/><keyword>sign</keyword></near></criterion>
      <criterion id="explains" points="2" requires="colour"><keyword stem="yes">visible</keyword></criterion>
      <levels id="reasons" label="reasons">
        <criterion id="contrast"><all><use ref="colour"/><keyword>contrast</keyword></all></criterion>
        <criterion id="feel"><any><use ref="warm"/><keyword>calm</keyword></any></criterion>
        <level min="1" points="1"/>
        <level min="2" points="3"/>
      </levels>
    </question>
    """

    @Test(arguments: [
        // named 1 + explains 2 + both reasons 3
        ("a red sign is visible and has contrast, and feels warm", 6.0, [String]()),
        // no colour: explains fires but is gated; contrast needs the colour too
        ("the sign is visible, with contrast", 0, ["colour"]),
        // explains 2 + one reason (calm) 1; no sign near the colour
        ("blue, because it is calm and visible", 3, []),
    ])
    func aNamedMatcherIsSharedByCriterionGateAndLevels(answer: String, score: Double, explainsUnmet: [String]) throws {
        let result = try grade(Self.sign, answer)
        #expect(result.score == score)
        #expect(result.rules.first { $0.rule.id == "explains" }?.unmetRequirements == explainsUnmet)
        #expect(result.question.requiredDefines.map(\.id) == ["colour"])
    }

    @Test func aDefineIsCompiledOnceAndItsSummaryShowsWhereItIsUsed() throws {
        let rubric = try TestSupport.rubric(questions: Self.sign)
        // `colour` is used in three places and required once; its regex is compiled once.
        #expect(rubric.regexSites.filter { $0.pattern.source == "\\bgreen\\b" }.count == 1)
        #expect(rubric.defines.map(\.id) == ["colour"] && rubric.questions[0].defines.map(\.id) == ["warm"])
        let named = try #require(rubric.questions[0].rules.first { $0.id == "named" })
        #expect(named.summary == "near(3: colour=any(keyword \"red\", keyword \"blue\", regex /\\bgreen\\b/i), keyword \"sign\")")
    }

    @Test func aDefineWorksInsideNotAndAtLeast() throws {
        let question = """
        <define id="pet"><any><keyword>cat</keyword><keyword>dog</keyword></any></define>
        <question id="q1" points="2"><prompt>Explain.</prompt>
          <criterion id="two" points="1"><at-least n="2"><use ref="pet"/><keyword>fish</keyword><keyword>bird</keyword></at-least></criterion>
          <criterion id="none" points="1"><not><use ref="pet"/></not></criterion>
        </question>
        """
        #expect(try grade(question, "a cat and a fish").score == 1)
        #expect(try grade(question, "a fish and a bird").score == 2)
        #expect(try grade(question, "a dog").score == 0)
    }

    // MARK: Gates

    static let trait = """
    <question id="q1" points="10">
      <prompt>Describe an adaptation and the evidence for it.</prompt>
      <criterion id="trait" points="2"><keyword>beak</keyword></criterion>
      <criterion id="evidence" points="3" requires="trait"><keyword>fossil</keyword></criterion>
      <criterion id="chain" points="1" requires="evidence"><keyword>dated</keyword></criterion>
      <levels id="extra" label="extras" requires="trait">
        <criterion id="finch"><keyword>finch</keyword></criterion>
        <level min="1" points="2"/>
      </levels>
      <criterion id="needs-levels" points="2" requires="extra"><keyword>island</keyword></criterion>
    </question>
    """

    @Test func everyGateSatisfiedCreditsEverything() throws {
        let result = try grade(Self.trait, "beak fossil dated finch island")
        #expect(result.score == 10)
        #expect(result.rules.allSatisfy { $0.credited && $0.unmetRequirements.isEmpty })
        #expect(result.levels[0].points == 2 && result.levels[0].credited)
    }

    @Test func gatesByCriterionChainLevelsAndLevelsGroupWithholdCredit() throws {
        let result = try grade(Self.trait, "fossil dated finch island")
        #expect(result.score == 0 && result.raw == 0)
        let unmet = Dictionary(uniqueKeysWithValues: result.rules.map { ($0.rule.id, $0.unmetRequirements) })
        #expect(unmet == ["trait": [], "evidence": ["trait"], "chain": ["evidence"], "finch": [], "needs-levels": ["extra"]])
        #expect(result.rules.first { $0.rule.id == "evidence" }?.state == .met)
        #expect(result.rules.first { $0.rule.id == "evidence" }?.awarded == 0)
        #expect(result.levels[0].met == 1 && result.levels[0].level?.points == 2)
        #expect(result.levels[0].points == 0 && result.levels[0].unmetRequirements == ["trait"])
    }

    @Test func aLevelsGroupReachingNoLevelDoesNotSatisfyWhatRequiresIt() throws {
        // trait 2 + evidence 3; no finch, so `extra` reaches no level and needs-levels is gated.
        let result = try grade(Self.trait, "beak fossil island")
        #expect(result.score == 5)
        #expect(result.rules.first { $0.rule.id == "needs-levels" }?.unmetRequirements == ["extra"])
        #expect(result.levels[0].unmetRequirements.isEmpty && result.levels[0].level == nil)
    }

    static let gated = """
    <question id="q1" points="4" floor="-1" requires="colour-chosen">
      <prompt>Pick a colour for the warning light.</prompt>
      <criterion id="colour-chosen" points="1"><keyword>red</keyword></criterion>
      <criterion id="why" points="3"><keyword>bright</keyword></criterion>
      <penalty id="wrong" points="2"><keyword>grey</keyword></penalty>
    </question>
    """

    @Test(arguments: [
        ("red because it is bright", 4.0, 4.0, [String]()),
        ("bright", 0, 3, ["colour-chosen"]),
        // clamp(0), not the floor of -1 that the raw -2 would reach
        ("grey", 0, -2, ["colour-chosen"]),
        ("red and grey", -1, -1, []),
    ])
    func aQuestionGateScoresClampOfZero(answer: String, score: Double, raw: Double, unmet: [String]) throws {
        let result = try grade(Self.gated, answer)
        #expect(result.score == score)
        #expect(result.raw == raw)
        #expect(result.unmetRequirements == unmet)
    }

    // MARK: Bands and base

    static let banded = """
    <question id="q1" points="3">
      <prompt>Explain.</prompt>
      <criterion id="a" points="1.5"><keyword>alpha</keyword></criterion>
      <criterion id="b" points="1"><keyword>beta</keyword></criterion>
      <criterion id="c" points="0.25"><keyword>gamma</keyword></criterion>
      <bands>
        <band from="1" points="1">Partial</band>
        <band from="2.5" points="3">Complete: both ideas</band>
        <band from="1.75" points="2">Most</band>
      </bands>
    </question>
    """

    @Test(arguments: [
        ("nothing useful", 0.0, 0.0, nil as Double?),
        ("beta", 1, 1, 1),          // at `from`: inclusive
        ("beta gamma", 1.25, 1, 1),
        ("alpha", 1.5, 1, 1),
        ("alpha gamma", 1.75, 2, 1.75),
        ("alpha beta", 2.5, 3, 2.5),
        ("alpha beta gamma", 2.75, 3, 2.5),
    ])
    func bandsMapTheRawScoreInclusiveAtFrom(answer: String, raw: Double, score: Double, band: Double?) throws {
        let result = try grade(Self.banded, answer)
        #expect(result.raw == raw)
        #expect(result.score == score)
        #expect(result.band?.from == band)
    }

    @Test func basePointsStartEveryAnsweredQuestionButNotAMissingOne() throws {
        let question = """
        <question id="q1" points="5" base="1" min-words="3" short-scores-zero="yes"><prompt>Explain.</prompt>
          <criterion id="a" points="2"><keyword>alpha</keyword></criterion>
          <criterion id="b" points="2"><keyword>beta</keyword></criterion>
        </question>
        """
        #expect(try grade(question, "nothing of use here").score == 1)
        #expect(try grade(question, "alpha is the first one").score == 3)
        #expect(try grade(question, "alpha and beta both").score == 5)
        #expect(try grade(question, "alpha beta").score == 0)
        let rubric = try TestSupport.rubric(questions: question)
        #expect(QuestionGrading.grade(rubric.questions[0], answer: nil, view: nil, profile: .empty, file: "f").score == 0)
    }

    @Test func aRubricWithoutShapesUsesNone() throws {
        let question = try TestSupport.rubric(questions: ScoringTests.question).questions[0]
        #expect(!question.usesShapes && question.base == 0 && question.levels.isEmpty && question.bands.isEmpty)
        #expect(question.rules.map(\.id) == ["mutable", "immutable", "hashable", "wrong"])
    }

    // MARK: The pure function the tuner calls

    @Test func scoreRescoresWithOtherWeights() throws {
        let question = try TestSupport.rubric(questions: Self.trait).questions[0]
        // rules: trait, evidence, chain, needs-levels, finch
        #expect(question.rules.map(\.id) == ["trait", "evidence", "chain", "needs-levels", "finch"])
        let met = [true, true, false, true, true]
        let own = QuestionGrading.score(question, met: met, definesMet: [])
        #expect(own.score == 9 && own.raw == 9)
        var weights = ScoringWeights(question)
        weights.base = 0.5
        weights.points = [1, 1, 1, 1, 0]
        weights.tables = [[Level(min: 1, points: 4)]]
        // 0.5 + trait 1 + evidence 1 + needs-levels 1 + extra 4 = 7.5
        let fitted = QuestionGrading.score(question, met: met, definesMet: [], weights: weights)
        #expect(fitted.raw == 7.5 && fitted.score == 7.5)
        weights.bands = [Band(from: 0, points: 2), Band(from: 7.5, points: 8)]
        #expect(QuestionGrading.score(question, met: met, definesMet: [], weights: weights).score == 8)
        // Without the trait everything downstream is gated.
        let gated = QuestionGrading.score(question, met: [false, true, true, true, true], definesMet: [])
        #expect(gated.credited == [false, false, false, false, true] && gated.score == 0)
        #expect(gated.unmetRequirements == [[], ["trait"], ["evidence"], ["extra"], []])
    }
}
