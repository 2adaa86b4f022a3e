import PCRE2

/// Runs one candidate through the stages, on one worker: ingest, then per
/// question normalise, profile, match and score. Pure: it writes nothing.
struct CandidateGrader: Sendable {
    let rubric: Rubric
    let reader: SubmissionReader
    let normaliser = Normaliser()
    let profiler = Profiler()

    init(rubric: Rubric, maximumFileBytes: Int) {
        self.rubric = rubric
        self.reader = SubmissionReader(directory: rubric.directory, maximumFileBytes: maximumFileBytes)
    }

    func grade(_ unit: SubmissionUnit, worker: WorkerScratch, times: inout StageTimes) -> Result<CandidateResult, SubmissionReader.Skip> {
        worker.trimVocabulary()
        let read = times.measure(.ingest) { reader.read(unit, scratch: worker.patterns) }
        switch read {
        case .failure(let skip): return .failure(skip)
        case .success(let submission):
            let questions = rubric.questions.map { question in
                grade(question, answer: submission.answers[question.id], worker: worker, file: submission.source, times: &times)
            }
            return .success(CandidateResult(submission: submission, questions: questions))
        }
    }

    /// Grades one answer (or its absence) to one question.
    func grade(_ question: Question, answer: Answer?, worker: WorkerScratch, file: String, times: inout StageTimes) -> QuestionResult {
        guard let answer, !answer.text.isEmpty else {
            return Scorer.grade(question, answer: answer, view: nil, profile: .empty, file: file)
        }
        let normalised = times.measure(.normalise) { worker.normalise(answer.text, with: normaliser) }
        let profile = times.measure(.profile) {
            profiler.profile(original: answer.text, normalised: normalised, question: question, worker: worker)
        }
        return times.measure(.match) {
            Scorer.grade(question, answer: answer, view: AnswerView(normalised, worker: worker), profile: profile, file: answer.file)
        }
    }
}
