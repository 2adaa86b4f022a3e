import GraderEngine
import GraderFoundation

/// Grades one text as the answer to one question, exactly as a grading run would (the same
/// `GradingWorker.grade` the stream's workers call), for the rubric's own texts: model answers
/// and examples.
struct SingleAnswerGrader {
    let worker: GradingWorker

    /// Nil when Snowball has no stemmer for the rubric's language.
    init?(rubric: Rubric) {
        guard let worker = try? GradingWorker(rubric: rubric) else { return nil }
        self.worker = worker
    }

    /// `text` graded as the answer to `question`; its warnings point at `line` of the rubric.
    package func grade(_ question: Question, _ text: String, line: Int = 1) -> QuestionResult {
        var times = StageTimes()
        let file = worker.rubric.file
        return worker.grade(question, answer: Answer(text: text, file: file, line: line), file: file, times: &times).result
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
        let view = AnswerView(worker.normalise(text), worker: worker.scratch)
        let outcome = try matcher.match(view)
        guard outcome.matched else { return nil }
        let length = text.utf8.count
        return outcome.hits.map { Evidence(range: view.text.originalRange(of: $0.range).clamped(to: 0..<length), via: $0.via,
                                            wholeAnswer: $0.wholeAnswer) }
    }
}
