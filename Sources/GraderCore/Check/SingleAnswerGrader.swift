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
    func evidence(of matcher: any Matcher, in text: String) -> [(text: String, via: String)]? {
        let view = AnswerView(worker.normalise(text, with: grader.normaliser), worker: worker)
        guard let outcome = try? matcher.match(view), outcome.matched else { return nil }
        let bytes = Array(text.utf8)
        return outcome.hits.map { hit in
            let range = view.text.originalRange(of: hit.range).clamped(to: 0..<bytes.count)
            return (String(decoding: bytes[range], as: UTF8.self), hit.via)
        }
    }
}
