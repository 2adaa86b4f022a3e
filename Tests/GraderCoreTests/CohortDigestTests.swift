import Foundation
import Testing
@testable import GraderCore

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
        let grader = CandidateGrader(rubric: rubric, maximumFileBytes: 1 << 20)
        let worker = try WorkerScratch(rubric: rubric)
        var times = StageTimes()
        let questions = rubric.questions.map {
            grader.grade($0, answer: submission.answers[$0.id], worker: worker, file: "a.md", times: &times)
        }
        let result = CandidateResult(submission: submission, questions: questions)
        let xml = try XMLReportWriter.render(result, rubric: rubric)
        let fromMemory = DigestReader(rubric: rubric).digest(result, rubric: rubric, file: "c-1.xml")
        let fromReport = try DigestReader(rubric: rubric).digest(bytes: xml, file: "c-1.xml")
        #expect(fromMemory == fromReport)
        #expect(!fromMemory.questions[0].ranks.isEmpty)
        #expect(fromMemory.questions[0].score != 0)
    }
}
