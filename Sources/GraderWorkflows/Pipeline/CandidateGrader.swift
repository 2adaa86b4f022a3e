import GraderEngine
import GraderFoundation
import PCRE2

/// Runs one candidate through the stages, on one worker: ingest, then per
/// question normalise, profile, match and score. Pure: it writes nothing.
struct CandidateGrader: Sendable {
    package let rubric: Rubric
    let reader: SubmissionReader
    package let normaliser = Normaliser()
    let profiler = Profiler()

    init(rubric: Rubric, maximumFileBytes: Int) {
        self.rubric = rubric
        self.reader = SubmissionReader(directory: rubric.directory, maximumFileBytes: maximumFileBytes)
    }

    func grade(_ unit: SubmissionUnit, fileBytes: [UInt8]? = nil, worker: WorkerScratch, times: inout StageTimes) -> Result<CandidateResult, SubmissionReader.Skip> {
        worker.trimVocabulary()
        let read = times.measure(.ingest) { reader.read(unit, fileBytes: fileBytes, scratch: worker.patterns) }
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
        gradeAnswer(question, answer: answer, worker: worker, file: file, times: &times).result
    }

    /// The one per-answer pipeline: normalise, profile, match and score. With `fullProfile`
    /// false only the word count is profiled (all that scoring reads: `tune` needs no reading
    /// ease). The normalised text comes back for callers that mine it (tune's phrase counts).
    func gradeAnswer(_ question: Question, answer: Answer?, worker: WorkerScratch, file: String, times: inout StageTimes,
                     fullProfile: Bool = true) -> (result: QuestionResult, normalised: NormalisedText?) {
        guard let answer, !answer.text.isEmpty else {
            return (Scorer.grade(question, answer: answer, view: nil, profile: .empty, file: file), nil)
        }
        let normalised = times.measure(.normalise) { worker.normalise(answer.text, with: normaliser) }
        let profile = times.measure(.profile) { () -> AnswerProfile in
            guard fullProfile else {
                var words = AnswerProfile.empty
                words.words = normalised.tokens.count
                return words
            }
            return profiler.profile(original: answer.text, normalised: normalised, question: question, worker: worker)
        }
        let result = times.measure(.match) {
            Scorer.grade(question, answer: answer, view: AnswerView(normalised, worker: worker), profile: profile, file: answer.file)
        }
        return (result, normalised)
    }
}
