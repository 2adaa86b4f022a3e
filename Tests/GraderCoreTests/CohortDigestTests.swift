import Foundation
@testable import GraderCohort
@testable import GraderEngine
@testable import GraderFoundation
@testable import GraderModeration
@testable import GraderReports
@testable import GraderWorkflows
import Testing

/// `grader grade` digests results in memory; `grader cohort` digests the XML reports.
/// Both must give the same digest, or the two would write different cohort reports.
@Suite("cohort digests")
struct CohortDigestTests {
    @Test func inMemoryDigestEqualsTheDigestOfTheWrittenReport() throws {
        let rubric = try TestSupport.rubric(questions: """
        <question id="q1" points="7.5" min-words="3"><prompt>How does Python's garbage collection work?</prompt>
        <model-answer>Reference counting frees objects at zero; a cyclic collector finds cycles.</model-answer>
        <criterion id="refcount" points="2.25"><keyword stem="yes">reference counting</keyword></criterion>
        <criterion id="cycles" points="5"><near within="4"><keyword stem="yes">cycle</keyword><keyword synonyms="collector"/></near></criterion>
        <penalty id="free" points="1.5"><regex>\\bfree\\s*\\(</regex></penalty></question>
        <question id="q2" points="3"><prompt>Lists?</prompt><criterion id="c" points="3"><keyword>list</keyword></criterion></question>
        """)
        let answers = [
            "q1": Answer(text: "Reference counting (1/3 of it): the gc breaks a cycle; call free() \u{1}, “quoted” & <b>bold</b> ]]> naïve", file: "a.md", line: 3),
            "q2": Answer(text: "", file: "a.md", line: 9),
        ]
        let submission = Submission(candidate: Candidate(id: "c-1", name: "Zoë \u{7}<x>", email: "=cmd"), source: "Submissions/a.md",
                                    answers: answers, warnings: [Diagnostic(.warning, file: "a.md", line: 1, "odd")])
        let worker = try GradingWorker(rubric: rubric)
        var times = StageTimes()
        let questions = rubric.questions.map {
            worker.grade($0, answer: submission.answers[$0.id], file: "a.md", times: &times).result
        }
        let result = CandidateResult(submission: submission, questions: questions)
        let xml = try XMLReportWriter.render(result, rubric: rubric)
        let fromMemory = CandidateDigester(rubric: rubric).digest(result, rubric: rubric, file: "c-1.xml")
        let fromReport = try CandidateDigester(rubric: rubric).digest(bytes: xml, file: "c-1.xml")
        #expect(fromMemory == fromReport)
        #expect(!fromMemory.questions[0].ranks.isEmpty)
        #expect(fromMemory.questions[0].score != 0)
        // What review's index keeps of the answer, equal from either path (so `grade` and `grader cohort` write one index).
        let review = try #require(fromMemory.questions[0].review)
        #expect(review.hasText && !review.facts.ranks.isEmpty && !review.facts.modelStems.isEmpty)
        #expect(review.answerSHA256.count == 64 && review.rules.count == 3)
        #expect(fromMemory.questions[1].review?.hasText == false)
    }

    /// The moderation figures `grade` gathers from results are those `grader cohort` reads back
    /// from the reports: scores as written (10/3 as 3.33), and the stale decisions counted.
    @Test func moderationGatheredInMemoryEqualsWhatTheReportHolds() throws {
        let rubric = try TestSupport.rubric(questions: """
        <question id="q1" points="5"><prompt>p</prompt><criterion id="c" points="1.125"><keyword>tuple</keyword></criterion></question>
        <question id="q2" points="2"><prompt>p</prompt><criterion id="c" points="2"><keyword>list</keyword></criterion></question>
        <question id="q3" points="2"><prompt>p</prompt><criterion id="c" points="2"><keyword>set</keyword></criterion></question>
        """)
        let answers = ["q1": "a tuple", "q2": "a list", "q3": "a set"]
        let result = CandidateResult(
            submission: Submission(candidate: Candidate(id: "c<1>", name: nil, email: nil), source: "c.md",
                                   answers: answers.mapValues { Answer(text: $0, file: "c.md", line: 1) }, warnings: []),
            questions: try rubric.questions.map { try TestSupport.grade($0, in: rubric, answers[$0.id]!) })
        func decision(_ question: String, _ score: Double, on text: String) -> ModerationDecision {
            ModerationDecision(candidateID: "c<1>", questionID: question, score: score, reason: "r", moderator: "m",
                               decidedAt: "2026-12-01T00:00:00Z", answerSHA256: ModerationDecision.answerHash(text))
        }
        let log = ModerationLog(decisions: [decision("q1", 10.0 / 3, on: "a tuple"), decision("q2", 1, on: "a list that changed")])
        var moderated = result, outcome = ModerationOutcome()
        ModerationApplier(input: ModerationInput(path: "m.csv", log: log))
            .apply(ModerationRuling.rulings(log, on: moderated.submission, rubric: rubric), to: &moderated, outcome: &outcome)
        let xml = try XMLReportWriter.render(moderated, rubric: rubric)
        try Schemas.report.validate(bytes: xml, name: "c.xml")
        let inMemory = CandidateDigester(rubric: rubric), fromReport = CandidateDigester(rubric: rubric)
        #expect(inMemory.digest(moderated, rubric: rubric, file: "c.xml") == (try fromReport.digest(bytes: xml, file: "c.xml")))
        #expect(inMemory.moderation == fromReport.moderation)
        #expect(fromReport.moderation == ModerationFacts(
            answers: [ModeratedAnswer(candidate: "c<1>", question: 0, automatic: 1.13, moderated: 3.33)], stale: 1))
        // Unmoderated, a report holds nothing of it.
        let plain = CandidateDigester(rubric: rubric)
        _ = try plain.digest(bytes: try XMLReportWriter.render(result, rubric: rubric), file: "c.xml")
        #expect(plain.moderation.isEmpty)
    }
}
