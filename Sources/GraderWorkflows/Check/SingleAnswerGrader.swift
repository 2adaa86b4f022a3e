import GraderEngine
import GraderFoundation

/// Grades one text as the answer to one question, exactly as a grading run would,
/// for the rubric's own texts: model answers and examples.
struct SingleAnswerGrader {
    let grader: CandidateGrader
    let worker: WorkerScratch

    init?(rubric: Rubric) {
        guard let worker = try? WorkerScratch(rubric: rubric) else { return nil }
        self.grader = CandidateGrader(rubric: rubric, maximumFileBytes: 1 << 30)
        self.worker = worker
    }

    func grade(_ question: Question, _ text: String, line: Int = 1) -> QuestionResult {
        var times = StageTimes()
        return grader.grade(question, answer: Answer(text: text, file: grader.rubric.file, line: line),
                            worker: worker, file: grader.rubric.file, times: &times)
    }

    /// The passages of `text` a matcher fires on, with what fired; nil when it does not fire
    /// (or cannot be decided).
    package func evidence(of matcher: any Matcher, in text: String) -> [(text: String, via: String)]? {
        guard let evidence = try? fire(matcher, on: text) else { return nil }
        let bytes = Array(text.utf8)
        return evidence.map { (String(decoding: bytes[$0.range], as: UTF8.self), $0.via) }
    }

    /// Runs one matcher alone on `text` as grading normalises it (a named matcher has no rule
    /// of its own to grade): its evidence in the original text, in the matcher's order; nil when it does not fire.
    func fire(_ matcher: any Matcher, on text: String) throws(MatchFailure) -> [Evidence]? {
        let view = AnswerView(worker.normalise(text, with: grader.normaliser), worker: worker)
        let outcome = try matcher.match(view)
        guard outcome.matched else { return nil }
        let length = text.utf8.count
        return outcome.hits.map { Evidence(range: view.text.originalRange(of: $0.range).clamped(to: 0..<length), via: $0.via,
                                            wholeAnswer: $0.wholeAnswer) }
    }
}
