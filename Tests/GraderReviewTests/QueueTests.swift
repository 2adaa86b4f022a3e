import Foundation
import GraderEngine
import GraderCohort
@testable import GraderReview
import Testing

/// A rubric with the shapes the queue's reasons read: an additive question with one heavy
/// criterion, a levels group, and a question with bands.
private let rubric: Rubric = {
    let xml = """
    <rubric id="queue-test" version="1">
      <question id="q1" points="10" min-words="5">
        <prompt>Explain how reference counting frees memory.</prompt>
        <criterion id="heavy" points="6"><keyword>count</keyword></criterion>
        <criterion id="light" points="2"><keyword>zero</keyword></criterion>
        <criterion id="other" points="2"><keyword>free</keyword></criterion>
      </question>
      <question id="q2" points="3">
        <prompt>Describe how the heart pumps blood.</prompt>
        <levels id="key" label="key elements">
          <criterion id="atria"><keyword>atria</keyword></criterion>
          <criterion id="ventricles"><keyword>ventricles</keyword></criterion>
          <criterion id="valves"><keyword>valves</keyword></criterion>
          <criterion id="aorta"><keyword>aorta</keyword></criterion>
          <level min="1" points="1"/>
          <level min="3" points="2"/>
          <level min="4" points="3"/>
        </levels>
      </question>
      <question id="q3" points="3">
        <prompt>Explain evaporation.</prompt>
        <criterion id="heat" points="1.5"><keyword>heat</keyword></criterion>
        <criterion id="vapour" points="0.75"><keyword>vapour</keyword></criterion>
        <bands>
          <band from="0" points="0">No understanding</band>
          <band from="1" points="1">Partial</band>
          <band from="2.25" points="3">Complete</band>
        </bands>
      </question>
    </rubric>
    """
    return try! RubricLoader.load(bytes: Array(xml.utf8), file: "queue-test.xml")
}()

private func question(_ id: String) -> Question { rubric.questions.first { $0.id == id }! }

private func answer(_ candidate: String, _ questionID: String, met: Set<String>, notEvaluated: Set<String> = [],
                    status: String = "answered", text given: String? = nil, score: Double = 0,
                    overlap: Double = 0, moderated: Bool = false) -> ReviewAnswer {
    let question = question(questionID)
    // Unless a test says otherwise, every answer's text is its own, so no two form a group.
    let text = given ?? "an answer of a few words here by \(candidate) to \(questionID)"
    let rules = question.rules.map { rule in
        ReviewAnswer.Rule(id: rule.id, kind: rule.kind,
                          status: notEvaluated.contains(rule.id) ? .notEvaluated : met.contains(rule.id) ? .met : .unmet,
                          awarded: met.contains(rule.id) ? rule.points : 0, credited: true, notEvaluated: notEvaluated.contains(rule.id) ? "timed out" : nil,
                          evidence: [])
    }
    return ReviewAnswer(candidate: candidate, question: questionID, status: status, text: text, score: score, max: question.points,
                        rules: rules, levels: [], words: text.split(separator: " ").count, promptOverlap: overlap, report: "\(candidate).xml",
                        moderated: moderated)
}

private func folder(_ answers: [ReviewAnswer], similar: [AnswerKey: (other: String, similarity: Double)] = [:],
                    fitted: FittedScores = FittedScores()) -> ReviewFolder {
    ReviewFolder(path: "Reports", rubric: rubric, answers: answers.sorted { $0.key < $1.key }, similar: similar, fitted: fitted)
}

@Suite("review queue: reasons and order")
struct QueueTests {
    @Test func theHeaviestFlipIsTheReasonAndItsWeightIsItsShareOfTheQuestion() {
        let reasons = Uncertainty.reasons(answer("ann", "q1", met: ["light", "other"]), question: question("q1"), similar: nil)
        #expect(reasons.count == 1)
        #expect(reasons[0].kind == .flip)
        #expect(reasons[0].weight == 0.6)
        #expect(reasons[0].text.contains("heavy") && reasons[0].text.contains("+6"))
    }

    @Test func aFlipPastTheCapChangesTheScoreOnlyUpToTheMaximum() {
        // All met: 10 of 10; flipping "heavy" loses 6, the most any flip changes.
        let full = Uncertainty.reasons(answer("ann", "q1", met: ["heavy", "light", "other"]), question: question("q1"), similar: nil)
        #expect(full.first?.text.contains("−6") == true)
    }

    @Test func oneElementMoreCrossesALevelBoundary() {
        // 2 of 4 elements: level 1 (1 point); a third reaches level 2 (2 points); one fewer keeps level 1.
        let reasons = Uncertainty.reasons(answer("ann", "q2", met: ["atria", "ventricles"]), question: question("q2"), similar: nil)
        let boundary = reasons.first { $0.kind == .levelBoundary }
        #expect(boundary != nil)
        #expect(abs((boundary?.weight ?? 0) - 1.0 / 3) < 1e-9)
        #expect(boundary?.text.contains("more") == true)
    }

    @Test func aFlipInABandedQuestionIsABandBoundary() {
        // heat alone: raw 1.5, band "Partial" (1); with vapour raw 2.25 reaches "Complete" (3).
        let reasons = Uncertainty.reasons(answer("ann", "q3", met: ["heat"]), question: question("q3"), similar: nil)
        #expect(reasons.first?.kind == .bandBoundary)
        #expect(reasons.first?.weight == 2.0 / 3)
    }

    @Test func notEvaluatedTooShortCopiedAndSimilarAreReasonsWithTheirWeights() {
        let skipped = Uncertainty.reasons(answer("ann", "q1", met: [], notEvaluated: ["heavy"]), question: question("q1"), similar: nil)
        #expect(skipped.first { $0.kind == .notEvaluated }?.weight == 1)
        #expect(skipped.first { $0.kind == .notEvaluated }?.text.contains("timed out") == true)
        let short = Uncertainty.reasons(answer("bob", "q1", met: [], status: "too-short", text: "count"), question: question("q1"), similar: nil)
        #expect(short.map(\.kind) == [.tooShort])   // a too-short answer's score is not its rules': no flip
        let copied = Uncertainty.reasons(answer("cara", "q1", met: ["heavy", "light", "other"], overlap: 0.75), question: question("q1"),
                                         similar: ("dan", 0.9))
        #expect(copied.first { $0.kind == .promptOverlap }?.weight == 0.75)
        #expect(copied.first { $0.kind == .similar }?.weight == 0.45)
        #expect(copied.first { $0.kind == .similar }?.text.contains("dan") == true)
        let little = Uncertainty.reasons(answer("dan", "q1", met: ["heavy", "light", "other"], overlap: 0.2), question: question("q1"), similar: nil)
        #expect(!little.contains { $0.kind == .promptOverlap })
    }

    @Test func aGapBetweenTheFittedModelAndTheRubricWeighsItsShareOfTheQuestion() {
        let scored = answer("ann", "q1", met: ["light", "other"], score: 4)
        let gap = Uncertainty.reasons(scored, question: question("q1"), similar: nil,
                                      fitted: FittedScores.Score(fitted: 9, rubric: 4)).first { $0.kind == .fittedGap }
        #expect(gap?.weight == 0.5)
        #expect(gap?.text == "the fitted model scores this answer 9, the rubric 4")
        let lower = Uncertainty.reasons(scored, question: question("q1"), similar: nil, fitted: FittedScores.Score(fitted: 1.5, rubric: 4))
        #expect(lower.first { $0.kind == .fittedGap }?.weight == 0.25)
        let agreeing = Uncertainty.reasons(scored, question: question("q1"), similar: nil, fitted: FittedScores.Score(fitted: 4, rubric: 4))
        #expect(!agreeing.contains { $0.kind == .fittedGap })
    }

    @Test func theFittedGapAddsToTheOtherReasonsAndMovesAnAnswerUpTheQueue() {
        let answers = [answer("amy", "q1", met: ["light", "other"]),           // 0.6
                       answer("cat", "q2", met: ["atria", "ventricles"])]      // 1/3: below the threshold alone
        #expect(ReviewQueue(folder(answers)).items.map { $0.answer.key.description } == ["amy · q1"])
        let fitted = FittedScores(byAnswer: [AnswerKey(candidate: "cat", question: "q2"): .init(fitted: 3, rubric: 1)])   // + 2/3
        let queue = ReviewQueue(folder(answers, fitted: fitted))
        #expect(queue.items.map { $0.answer.key.description } == ["cat · q2", "amy · q1"])
        #expect(queue.items.first?.reasons.first?.kind == .fittedGap)
        #expect(abs((queue.items.first?.uncertainty ?? 0) - 1) < 1e-9)
    }

    @Test func missingAnswersHaveNoReasonsAndAreNotReviewed() {
        let missing = answer("ann", "q1", met: [], status: "missing", text: "")
        #expect(Uncertainty.reasons(missing, question: question("q1"), similar: nil).isEmpty)
        #expect(ReviewQueue(folder([missing])).reviewable == 0)
    }

    @Test func theQueueIsMostUncertainFirstTiesByCandidateThenQuestionAndKeepsOnlyDoubtfulAnswers() {
        let queue = ReviewQueue(folder([
            answer("zed", "q1", met: ["light"], text: "zed's own words"),      // 0.6, unlike amy's answer
            answer("amy", "q1", met: ["light", "other"]),                      // 0.6, before zed
            answer("bob", "q1", met: [], notEvaluated: ["heavy"]),             // 1 + a flip of light/other 0.2
            answer("cat", "q2", met: ["atria", "ventricles"]),                 // 1/3 < threshold: not in the queue
            answer("amy", "q3", met: ["heat"]),                                // 2/3
        ]))
        #expect(queue.items.map { $0.answer.key.description } == ["bob · q1", "amy · q3", "amy · q1", "zed · q1"])
        #expect(queue.items.map(\.uncertainty) == queue.items.map(\.uncertainty).sorted(by: >))
        #expect(queue.item(AnswerKey(candidate: "cat", question: "q2")) != nil)
        #expect(queue.reviewable == 5)
    }

    @Test func nextSkipsDecidedAnswersAndWrapsRound() {
        // Three patterns of the same doubt (0.6) and three texts, so all three are in the queue.
        let queue = ReviewQueue(folder(zip(["a", "b", "c"], [["light", "other"], [], ["light"]] as [Set<String>]).map { answer($0, "q1", met: $1, text: "the answer of \($0)") }))
        let a = AnswerKey(candidate: "a", question: "q1"), b = AnswerKey(candidate: "b", question: "q1"), c = AnswerKey(candidate: "c", question: "q1")
        #expect(queue.next(after: nil, in: queue.items, isDone: { _ in false })?.answer.key == a)
        #expect(queue.next(after: a, in: queue.items, isDone: { $0 == b })?.answer.key == c)
        #expect(queue.next(after: c, in: queue.items, isDone: { $0 == b })?.answer.key == a)
        #expect(queue.next(after: a, in: queue.items, isDone: { _ in true }) == nil)
    }

    @Test func theRandomSampleIsFixedBySeedAndIdsNotByOrderOrContent() {
        let answers = (0..<200).map { answer(String(format: "c%03d", $0), "q1", met: $0 % 3 == 0 ? ["heavy"] : []) }
        let first = ReviewQueue(folder(answers)).sample.map(\.answer.key)
        let shuffled = ReviewQueue(folder(answers.reversed())).sample.map(\.answer.key)
        #expect(first.count == 20)
        #expect(first == shuffled)
        #expect(Set(first).count == 20)
        // Not simply the first ids: the draw spreads over the cohort.
        #expect(first.map(\.candidate) != answers.prefix(20).map(\.candidate))
        #expect(ReviewQueue.sampleSize(of: 1000) == 50)
        #expect(ReviewQueue.sampleSize(of: 7) == 7)
    }
}

@Suite("review groups")
struct AnswerGroupTests {
    private let long = "Reference counting keeps a count of the references to each object and frees the object as soon as its count drops to zero"

    @Test func answersTheSameAfterNormalisationFormOneIdenticalGroup() {
        let groups = AnswerGroups(folder([
            answer("ann", "q1", met: [], text: "The GC frees “unused” memory."),
            answer("bob", "q1", met: [], text: "the gc   frees \"unused\" MEMORY"),
            answer("cara", "q1", met: [], text: "Something else entirely, about cycles."),
        ]))
        #expect(groups.groups.count == 1)
        #expect(groups.groups[0].members.map(\.candidate) == ["ann", "bob"])
        #expect(groups.groups[0].identical)
        #expect(groups.group(of: AnswerKey(candidate: "cara", question: "q1")) == nil)
    }

    @Test func nearlyTheSameAnswersJoinTheirLeaderAndUnlikeOnesStayApart() {
        let groups = AnswerGroups(folder([
            answer("ann", "q1", met: [], text: long + "."),
            answer("bob", "q1", met: [], text: long + " again."),
            answer("cara", "q1", met: [], text: "Garbage collection traces reachable objects from the roots and sweeps the rest away periodically"),
            answer("dan", "q2", met: [], text: long + "."),   // another question: never grouped with q1's
        ]))
        #expect(groups.groups.count == 1)
        #expect(groups.groups[0].members.map(\.candidate) == ["ann", "bob"])
        #expect(!groups.groups[0].identical)
        #expect(groups.group(of: AnswerKey(candidate: "dan", question: "q2")) == nil)
    }

    /// Thousands of distinct answers written from one pool of sentences (the bench cohort's worst
    /// case, where every answer shares phrasing with hundreds) with planted near-copies of two of
    /// them: each copy joins its own leader, nothing else is grouped, and the search stays bounded.
    @Test func nearCopiesAreFoundAmongThousandsOfAnswersSharingPhrasing() {
        let pool = (0..<60).map { "sentence \($0) says that objects number \($0 * 7) are freed when the count of references drops" }
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var answers = (0..<3000).map { index in
            answer(String(format: "c%05d", index), "q1", met: [], text: (0..<6).map { _ in pool[next(pool.count)] }.joined(separator: ". "))
        }
        let first = answers[10].text, second = answers[2000].text
        answers.append(answer("x-copy-1", "q1", met: [], text: first + " Indeed."))
        answers.append(answer("x-copy-2", "q1", met: [], text: second + " Also true."))
        answers.append(answer("x-copy-3", "q1", met: [], text: "Honestly, " + first))
        let groups = AnswerGroups(folder(answers))
        let grouped = groups.groups.filter { !$0.identical }
        #expect(grouped.count == 2)
        #expect(groups.group(of: AnswerKey(candidate: "x-copy-1", question: "q1"))?.members.first?.candidate == "c00010")
        #expect(groups.group(of: AnswerKey(candidate: "x-copy-3", question: "q1"))?.members.first?.candidate == "c00010")
        #expect(groups.group(of: AnswerKey(candidate: "x-copy-2", question: "q1"))?.members.first?.candidate == "c02000")
    }

    @Test func jaccardIsExactAndRuledOutBySizeAlone() {
        #expect(NearDuplicates.jaccard([1, 2, 3, 4], [1, 2, 3, 5]) == 3.0 / 5)
        #expect(NearDuplicates.jaccard([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1]) == 0)
        #expect(NearDuplicates.jaccard([], []) == 0)
    }

    /// `isNear` stops early, so it must agree with the exact `jaccard` everywhere, the boundary
    /// (J exactly 0.8, as 4 shared of 5 and 5, or 8 of 10 and 8) included.
    @Test func isNearAgreesWithJaccardOnEverySmallPairAndAtTheBoundary() {
        #expect(NearDuplicates.isNear([1, 2, 3, 4, 5], [1, 2, 3, 4, 6]) == false)   // 4 / 6
        #expect(NearDuplicates.isNear(Array(1...10), Array(1...8)) == true)          // 8 / 10, exactly 0.8
        #expect(NearDuplicates.isNear(Array(1...10), Array(1...7)) == false)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let universe = UInt32.random(in: 1...40, using: &generator)
            let a = Set((0..<Int.random(in: 0...30, using: &generator)).map { _ in UInt32.random(in: 0...universe, using: &generator) }).sorted()
            let b = Set((0..<Int.random(in: 0...30, using: &generator)).map { _ in UInt32.random(in: 0...universe, using: &generator) }).sorted()
            #expect(NearDuplicates.isNear(a, b) == (NearDuplicates.jaccard(a, b) >= NearDuplicates.threshold), "\(a) \(b)")
        }
    }
}

@Suite("review order: worth, novelty, export")
struct ReviewOrderTests {
    private func keys(_ entries: [ReviewOrder.Entry]) -> [String] { entries.map { $0.item.answer.key.description } }

    @Test func answersWithTheSameRulesMetShareTheirWorthSoAnUnlikeOneComesSecond() {
        // Five answers with the same rules met (doubt 0.6 each), one unlike them with doubt 1/3.
        let same = (1...5).map { answer("c\($0)", "q1", met: ["light", "other"], text: "answer number \($0) with its own words") }
        let queue = ReviewQueue(folder(same + [answer("zed", "q2", met: ["atria", "ventricles"])]))
        let order = queue.order.entries
        // After c1, each other c is worth 0.6 / 2 = 0.3 < 1/3: the unlike answer comes second.
        #expect(keys(order) == ["c1 · q1", "zed · q2", "c2 · q1", "c3 · q1", "c4 · q1", "c5 · q1"])
        #expect(order.map(\.samePattern) == [0, 0, 1, 2, 3, 4])
        #expect(abs(order[2].worth - 0.3) < 1e-12 && abs(order[3].worth - 0.2) < 1e-12)
        #expect(order.map(\.worth) == order.map(\.worth).sorted(by: >))
        // The web queue is the head of the order: the answers whose worth reaches the threshold.
        #expect(queue.items.map(\.answer.key) == order.prefix(1).map(\.item.answer.key))
    }

    @Test func aNearIdenticalGroupsSecondMemberIsDiscountedForTheGroupAndThePattern() {
        let answers = [answer("ann", "q1", met: ["light", "other"], text: "The GC frees unused memory."),
                       answer("bob", "q1", met: ["light", "other"], text: "the gc frees UNUSED memory"),
                       answer("cat", "q1", met: ["light"], text: "Something else about cycles.")]
        let order = ReviewQueue(folder(answers)).order.entries
        #expect(keys(order) == ["ann · q1", "cat · q1", "bob · q1"])
        #expect(order[2].sameGroup == 1 && order[2].samePattern == 1)
        #expect(abs(order[2].worth - 0.15) < 1e-12)
    }

    @Test func moderatedAnswersComeLastAndCountAsDecidedForTheOthers() {
        let decided = answer("amy", "q1", met: ["light", "other"], text: "one text of amy's", moderated: true)
        let queue = ReviewQueue(folder([decided, answer("bob", "q1", met: ["light", "other"], text: "bob writes other words"),
                                        answer("cat", "q1", met: ["light"], text: "cat's answer")]))
        #expect(keys(queue.order.entries) == ["cat · q1", "bob · q1", "amy · q1"])
        #expect(queue.order.entries[1].samePattern == 1)
        #expect(queue.order.entries[2].worth == 0)
        #expect(queue.items.map(\.answer.candidate) == ["cat"])
    }

    @Test func theOrderHoldsEveryAnswerWithTextOnceAndItsHeadIsTheWebQueue() {
        let answers = (0..<60).map { index in
            answer(String(format: "c%02d", index), ["q1", "q2", "q3"][index % 3],
                   met: [["heavy"], ["light"], [], ["atria", "ventricles"], ["heat"]][index % 5] as Set<String>,
                   text: "answer \(index) " + String(repeating: "word\(index % 7) ", count: index % 4 + 1))
        } + [answer("gone", "q1", met: [], status: "missing", text: "")]
        let queue = ReviewQueue(folder(answers))
        let order = queue.order.entries.map(\.item.answer.key)
        #expect(order.count == 60)
        #expect(Set(order).count == 60)
        #expect(!order.contains(AnswerKey(candidate: "gone", question: "q1")))
        #expect(Array(order.prefix(queue.items.count)) == queue.items.map(\.answer.key))
        #expect(queue.order.entries.dropFirst(queue.items.count).allSatisfy { $0.worth < ReviewQueue.threshold })
        // The same answers in another order give the same order.
        #expect(ReviewQueue(folder(answers.reversed())).order.entries.map(\.item.answer.key) == order)
    }

    @Test func theExportIsTheOrderOneRowEachWithRanksGroupsAndHashes() throws {
        let answers = [answer("ann", "q1", met: ["light", "other"], text: "The GC frees unused memory."),
                       answer("bob", "q1", met: ["light", "other"], text: "the gc frees UNUSED memory"),
                       answer("cat", "q2", met: ["atria"])]
        let queue = ReviewQueue(folder(answers))
        let rows = QueueExport.rows(queue)
        #expect(rows.map { $0[0] } == ["1", "2", "3"])
        #expect(rows.map { "\($0[1]) · \($0[2])" } == keys(queue.order.entries))
        #expect(rows.first { $0[1] == "ann" }?[6] == "G1" && rows.first { $0[1] == "bob" }?[6] == "G1")
        #expect(rows.first { $0[1] == "cat" }?[6] == "")
        #expect(rows.first { $0[1] == "ann" }?[7] == answers[0].hash)
        #expect(rows[0][5].hasPrefix("flip: if heavy were met"))
        #expect(rows.first { $0[1] == "bob" }?[5].contains("group: 1 near-identical answer ranked above") == true)
        // worth is the doubt after the discount: bob, below his near-identical ann, is worth less than his doubt.
        let bob = try #require(rows.first { $0[1] == "bob" })
        let entry = try #require(queue.entry(AnswerKey(candidate: "bob", question: "q1")))
        #expect(abs(Double(bob[3])! - entry.worth) < 1e-4 && abs(Double(bob[4])! - entry.item.uncertainty) < 1e-4)
        #expect(entry.worth < entry.item.uncertainty)
        let text = String(decoding: try QueueExport.bytes(queue), as: UTF8.self)
        #expect(text.hasPrefix("rank,candidate,question,worth,doubt,reasons,group,answer_sha256\r\n"))
        #expect(text.components(separatedBy: "\r\n").count == 5)   // header, three rows, and the empty tail
        #expect(try QueueExport.bytes(queue) == QueueExport.bytes(ReviewQueue(folder(answers.reversed()))))
    }

    @Test func hostileIdsAndReasonsAreQuotedAndGuardedAgainstFormulas() throws {
        let hostile = "=HYPERLINK(\"http://x\",\"a, b\")\nnext"
        let queue = ReviewQueue(folder([answer(hostile, "q1", met: ["light"]), answer("'@sum", "q1", met: []),
                                        answer("+1", "q1", met: ["heavy"])]))
        let text = String(decoding: try QueueExport.bytes(queue), as: UTF8.self)
        #expect(text.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"a, b\"\")\nnext\",q1,"))
        #expect(text.contains(",'+1,q1,"))
        #expect(text.contains(",''@sum,q1,"))   // reversible: one more guard before a cell that starts with one
        #expect(!text.contains(",=") && !text.contains(",+") && !text.contains(",@"))
    }

    @Test func theExportRefusesAPathInsideTheReportsFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("queue-export-\(UInt64.random(in: 0...UInt64.max))").path
        try FileManager.default.createDirectory(atPath: folder + "/Reports/candidates", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(QueueExport.placementProblem(folder + "/Reports/queue.csv", reportsFolder: folder + "/Reports")?.contains("inside the reports folder") == true)
        #expect(QueueExport.placementProblem(folder + "/Reports/candidates/new/q.csv", reportsFolder: folder + "/Reports/") != nil)
        #expect(QueueExport.placementProblem(folder + "/Reports/../queue.csv", reportsFolder: folder + "/Reports") == nil)
        #expect(QueueExport.placementProblem(folder + "/Reports-queue.csv", reportsFolder: folder + "/Reports") == nil)
        #expect(QueueExport.placementProblem("-", reportsFolder: folder + "/Reports") == nil)
        #expect(QueueExport.placementProblem("", reportsFolder: folder + "/Reports")?.contains("needs a file name") == true)
    }
}

/// One question with a model answer: the second opinion's material.
private let modelRubric: Rubric = {
    let xml = """
    <rubric id="opinion-test" version="1">
      <question id="m1" points="4">
        <prompt>Why do leaves change colour in autumn?</prompt>
        <model-answer>Chlorophyll breaks down in autumn, revealing carotenoids that were hidden by the green pigment.</model-answer>
        <criterion id="chlorophyll" points="4"><keyword>chlorophyll</keyword></criterion>
      </question>
    </rubric>
    """
    return try! RubricLoader.load(bytes: Array(xml.utf8), file: "opinion-test.xml")
}()

private func modelAnswer(_ candidate: String, _ text: String, score: Double) -> ReviewAnswer {
    let rule = ReviewAnswer.Rule(id: "chlorophyll", kind: .criterion, status: score > 0 ? .met : .unmet, awarded: score,
                                 credited: true, notEvaluated: nil, evidence: [])
    return ReviewAnswer(candidate: candidate, question: "m1", status: "answered", text: text, score: score, max: 4,
                        rules: [rule], levels: [], words: text.split(separator: " ").count, promptOverlap: 0, report: "\(candidate).xml")
}

@Suite("review queue: the model answer's second opinion")
struct SecondOpinionTests {
    @Test func aStemEveryAnswerUsesWeighsNothingAndARareOneMost() {
        // The model answer's stems, sorted: carotenoid (0), chlorophyl (1), the (2).
        let answers: [[UInt16]] = [[1, 2], [2], [0, 1, 2], [2]]
        let coverage = SecondOpinion.coverages(modelStems: 3, answers: answers)
        #expect(coverage[1] == 0 && coverage[3] == 0)           // "the" alone: in every answer, no weight
        #expect(abs(coverage[2] - 1) < 1e-12)                     // all of the model answer's stems
        #expect(coverage[0] > 0 && coverage[0] < 0.5)             // the commoner of the two content stems
        #expect(SecondOpinion.coverages(modelStems: 1, answers: [[0], [0]]) == [0, 0])
    }

    @Test func quantileMappingGivesTheScoreAtTheSameRank() {
        // Ranks that agree give each answer its own score; reversed ranks swap them.
        #expect(SecondOpinion.quantileMapped([0.1, 0.5, 0.9], onto: [0, 2, 4]) == [0, 2, 4])
        #expect(SecondOpinion.quantileMapped([0.9, 0.5, 0.1], onto: [0, 2, 4]) == [4, 2, 0])
        // Tied values share their mid-rank.
        #expect(SecondOpinion.quantileMapped([0.5, 0.5, 0.5, 0.5], onto: [0, 0, 4, 4]) == [4, 4, 4, 4])
    }

    @Test func aParaphraseOfTheModelAnswerTheRulesMissedIsDoubtedWithAReadableReason() throws {
        let answers = [
            modelAnswer("a", "Chlorophyll goes and the leaf is yellow.", score: 4),
            modelAnswer("b", "Chlorophyll is green.", score: 4),
            modelAnswer("c", "The green pigment breaks down in autumn, revealing the hidden carotenoids.", score: 0),
            modelAnswer("d", "Because it is cold.", score: 0),
            modelAnswer("e", "The tree is sleeping.", score: 0),
        ]
        let folder = ReviewFolder(path: "Reports", rubric: modelRubric, answers: answers, similar: [:], fitted: FittedScores())
        let opinions = SecondOpinion(folder)
        let paraphrase = try #require(opinions.byAnswer[AnswerKey(candidate: "c", question: "m1")])
        #expect(paraphrase.expected == 4 && paraphrase.coverage > 0.5)
        let item = try #require(ReviewQueue(folder).item(AnswerKey(candidate: "c", question: "m1")))
        let reason = try #require(item.reasons.first { $0.kind == .secondOpinion })
        #expect(reason.weight == 1)
        #expect(reason.text.hasPrefix("says ") && reason.text.contains("of the model answer's key words")
                && reason.text.hasSuffix("scores 4 of 4 do, but scores 0"))
        // An answer the two orderings agree on gets no such reason.
        let cold = try #require(ReviewQueue(folder).item(AnswerKey(candidate: "d", question: "m1")))
        #expect(!cold.reasons.contains { $0.kind == .secondOpinion })
    }

    @Test func tooFewAnswersOrNoModelAnswerGiveNoOpinion() {
        let few = (0..<(SecondOpinion.minimumAnswers - 1)).map { modelAnswer("c\($0)", "chlorophyll \($0)", score: 4) }
        #expect(SecondOpinion(ReviewFolder(path: "Reports", rubric: modelRubric, answers: few, similar: [:], fitted: FittedScores())).byAnswer.isEmpty)
        let q1 = (0..<6).map { answer("c\($0)", "q1", met: []) }
        #expect(SecondOpinion(folder(q1)).byAnswer.isEmpty)
    }
}
