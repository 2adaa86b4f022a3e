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
}
