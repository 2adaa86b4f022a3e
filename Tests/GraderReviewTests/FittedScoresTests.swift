import Foundation
import GraderEngine
@testable import GraderReview
import Testing

/// `tune/tune.xml` as review reads it: used only when it names the reports' rubric and is a valid tuning report.
@Suite("review: the fitted model's scores from tune.xml")
struct FittedScoresTests {
    private let rubric = try! RubricLoader.load(bytes: Array("""
        <rubric id="fitted-test" version="1"><question id="q1" points="4"><prompt>Why?</prompt>
        <criterion id="a" points="4"><keyword>because</keyword></criterion></question></rubric>
        """.utf8), file: "fitted-test.xml")

    private func folder(tuneXML: String?) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fitted-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/tune", withIntermediateDirectories: true)
        if let tuneXML { try Data(tuneXML.utf8).write(to: URL(fileURLWithPath: folder + "/tune/tune.xml")) }
        return folder
    }

    private func tuneXML(sha256: String, scores: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <tune rubric="fitted-test" rubric-file="r.xml" rubric-sha256="\(sha256)" grades-file="g.csv" candidates="2" answers="2" weight-step="auto" margin="0.02">
        <totals candidates="2" mae="0"/><answer-scores>\(scores)</answer-scores></tune>
        """
    }

    /// The reports' answers, each with its automatic score.
    private func answers(_ scores: [String: Double]) -> [ReviewAnswer] {
        scores.map { candidate, score in
            ReviewAnswer(candidate: candidate, question: "q1", status: "answered", text: "because", score: score, max: 4, rules: [], levels: [],
                         words: 1, promptOverlap: 0, report: "\(candidate).xml")
        }
    }

    private var reported: [ReviewAnswer] { answers(["ann": 4, "bob": 0, "cy": 0]) }

    @Test func scoresWithAFitAreReadAndThoseWithoutAreLeftOut() throws {
        let path = try folder(tuneXML: tuneXML(sha256: rubric.sha256, scores: """
            <answer-score candidate="ann" question="q1" rubric="4" human="1" fitted="1.5"/>\
            <answer-score candidate="bob" question="q1" rubric="0" fitted="2"/>\
            <answer-score candidate="cy" question="q1" rubric="0" human="0"/>
            """))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fitted = FittedScores.load(folder: path, rubric: rubric, answers: reported)
        #expect(fitted.note == nil)
        #expect(fitted.byAnswer == [AnswerKey(candidate: "ann", question: "q1"): .init(fitted: 1.5, rubric: 4),
                                    AnswerKey(candidate: "bob", question: "q1"): .init(fitted: 2, rubric: 0)])
    }

    @Test func anotherRubricsTuneReportIsLeftOutWithANote() throws {
        let path = try folder(tuneXML: tuneXML(sha256: String(repeating: "0", count: 64),
                                               scores: #"<answer-score candidate="ann" question="q1" rubric="4" fitted="1"/>"#))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fitted = FittedScores.load(folder: path, rubric: rubric, answers: reported)
        #expect(fitted.byAnswer.isEmpty)
        #expect(fitted.note?.contains("another rubric") == true)
    }

    @Test func anInvalidOrAbsentTuneReportGivesNoScores() throws {
        let invalid = try folder(tuneXML: tuneXML(sha256: rubric.sha256, scores: #"<answer-score candidate="ann" question="q1" rubric="lots"/>"#))
        let absent = try folder(tuneXML: nil)
        defer { try? FileManager.default.removeItem(atPath: invalid); try? FileManager.default.removeItem(atPath: absent) }
        let bad = FittedScores.load(folder: invalid, rubric: rubric, answers: reported)
        #expect(bad.byAnswer.isEmpty && bad.note?.contains("not a tuning report") == true)
        let none = FittedScores.load(folder: absent, rubric: rubric, answers: reported)
        #expect(none.byAnswer.isEmpty && none.note == nil)
    }

    /// A tune.xml made from other answers (graded before the answers changed, or from another
    /// cohort) is left out with a note naming an answer that differs.
    @Test func aTuneReportOfOtherAnswersIsLeftOutWithANote() throws {
        let path = try folder(tuneXML: tuneXML(sha256: rubric.sha256, scores: """
            <answer-score candidate="ann" question="q1" rubric="4" human="1" fitted="1.5"/>\
            <answer-score candidate="bob" question="q1" rubric="4" fitted="2"/>
            """))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let changed = FittedScores.load(folder: path, rubric: rubric, answers: reported)
        #expect(changed.byAnswer.isEmpty)
        #expect(changed.note?.contains("other answers than these reports") == true)
        #expect(changed.note?.contains("bob q1 scored 4 there, 0 here") == true)
        let otherCohort = FittedScores.load(folder: path, rubric: rubric, answers: answers(["ann": 4]))
        #expect(otherCohort.byAnswer.isEmpty)
        #expect(otherCohort.note?.contains("1 answer not in the reports") == true)
        let same = FittedScores.load(folder: path, rubric: rubric, answers: answers(["ann": 4, "bob": 4]))
        #expect(same.note == nil && same.byAnswer.count == 2)
    }

    /// tune.xml records each answer's SHA-256: an answer whose text changed is another answer,
    /// even when it scores the same (where only scores are recorded, that goes unseen).
    @Test func anAnswerWhoseTextChangedIsSeenByItsHash() throws {
        let hash = ModerationDecision.answerHash("because")   // the reports' text, as `answers` makes them
        let other = ModerationDecision.answerHash("because it is")
        func scores(bob: String) -> String {
            """
            <answer-score candidate="ann" question="q1" rubric="4" fitted="1.5" answer-sha256="\(hash)"/>\
            <answer-score candidate="bob" question="q1" rubric="4" fitted="2" answer-sha256="\(bob)"/>
            """
        }
        let changed = try folder(tuneXML: tuneXML(sha256: rubric.sha256, scores: scores(bob: other)))
        let unchanged = try folder(tuneXML: tuneXML(sha256: rubric.sha256, scores: scores(bob: hash)))
        defer { for path in [changed, unchanged] { try? FileManager.default.removeItem(atPath: path) } }
        let same = answers(["ann": 4, "bob": 4])
        let stale = FittedScores.load(folder: changed, rubric: rubric, answers: same)
        #expect(stale.byAnswer.isEmpty)
        #expect(stale.note?.contains("1 answer changed since; e.g. bob q1 has another text here than tune graded") == true, "\(stale.note ?? "no note")")
        let fresh = FittedScores.load(folder: unchanged, rubric: rubric, answers: same)
        #expect(fresh.note == nil && fresh.byAnswer.count == 2)
    }
}
