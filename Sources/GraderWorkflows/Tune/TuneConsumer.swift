import GraderEngine
import GraderFoundation
import GraderModeration

/// What `tune` keeps of one candidate.
struct TuneCandidate: Sendable {
    var answers: [TuneAnswer] = []
    var ungraded: [TuneAnswer] = []
    /// Why the submission of a graded candidate could not be read.
    var skipped: Diagnostic?
    /// Whether a person graded the candidate (so it counts as a candidate).
    var isGraded = false
    /// What the moderation file's decisions on the candidate came to, when there is one.
    var moderation: TuneModeration?
}

/// What `tune` does with each candidate of the stream, on one worker: each answer with a human
/// grade (the CSV's, or a moderator's that stands for the answer) becomes a `TuneAnswer` with
/// the baseline rubric's score beside it and its phrases counted; an answer no person graded
/// is kept for the fitted model to score, when its question has human grades at all.
struct TuneConsumer: CandidateConsumer {
    let worker: GradingWorker
    /// The baseline rubric's grader, with a scratch of its own; nil without `--baseline`.
    let baseline: GradingWorker?
    let grades: HumanGrades
    let moderationFile: String?
    private let graded: Set<String>
    /// Only a question with human grades can have a fit, so only its ungraded answers are worth grading.
    private let gradedQuestions: Set<String>
    private let baselineQuestions: [String: Question]
    private var counter: PhraseCounter

    /// Scoring reads only the word count.
    var fullProfile: Bool { false }

    init(worker: GradingWorker, baseline: Rubric?, grades: HumanGrades, moderationFile: String?) throws {
        self.worker = worker
        self.baseline = try baseline.map { try GradingWorker(rubric: $0, profiler: worker.profiler) }
        self.grades = grades
        self.moderationFile = moderationFile
        graded = Set(grades.ids)
        gradedQuestions = Set(grades.questions)
        baselineQuestions = Dictionary((baseline?.questions ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        counter = PhraseCounter(questions: worker.rubric.questions.count)
    }

    /// The human grade of an answer: a moderator's that stands for it, else the CSV's (`TuneModeration.grade` counts the same).
    private func humanScore(_ question: Question, of candidate: String, ruling: ModerationRuling) -> Double? {
        ruling.score ?? grades.scores[candidate]?[question.id]
    }

    func grades(_ question: Question, of submission: Submission, ruling: ModerationRuling) -> Bool {
        humanScore(question, of: submission.candidate.id, ruling: ruling) != nil || gradedQuestions.contains(question.id)
    }

    /// Counts the phrases of an answer a person graded, as high or low by the person's grade.
    mutating func graded(_ answer: GradedAnswer, question index: Int, of submission: Submission, ruling: ModerationRuling,
                         worker: GradingWorker) {
        let question = worker.rubric.questions[index]
        guard let normalised = answer.normalised, answer.result.status == .answered,
              let human = humanScore(question, of: submission.candidate.id, ruling: ruling) else { return }
        counter.count(normalised.tokens, question: index, high: human >= question.points / 2, vocabulary: worker.scratch.vocabulary)
    }

    mutating func consume(_ candidate: StreamedCandidate, worker: GradingWorker, times: inout StageTimes) throws -> TuneCandidate {
        let id = candidate.submission.candidate.id
        var outcome = TuneCandidate(isGraded: graded.contains(id), moderation: moderationFile.map(TuneModeration.init(file:)))
        baseline?.startCandidate()
        let human = grades.scores[id] ?? [:]
        for (index, question) in worker.rubric.questions.enumerated() {
            let answer = candidate.submission.answers[question.id]
            var humanScore = human[question.id]
            if var moderation = outcome.moderation {
                humanScore = moderation.grade(candidate.ruling(index), candidate: id, question: question, fallback: humanScore)
                outcome.moderation = moderation
            }
            guard let result = candidate.answers[index] else { continue }
            guard let humanScore else {
                outcome.ungraded.append(TuneAnswer(result, candidate: id, question: index, human: .nan, baseline: nil, text: answer?.text ?? ""))
                continue
            }
            var baselineScore: Double? = nil
            if let baseline, let old = baselineQuestions[question.id] {
                baselineScore = baseline.grade(old, answer: answer, file: candidate.submission.source, times: &times,
                                               fullProfile: false).result.score
            }
            outcome.answers.append(TuneAnswer(result, candidate: id, question: index, human: humanScore,
                                              baseline: baselineScore, text: answer?.text ?? ""))
        }
        return outcome
    }

    /// Only a graded candidate's unreadable submission is worth a word.
    func skipped(_ unit: SubmissionUnit, _ reason: Diagnostic) -> TuneCandidate {
        TuneCandidate(skipped: graded.contains(unit.id) ? reason : nil)
    }

    /// Per question: phrase → (answers scored high, scored low) that contain it, in this worker's answers.
    func finish() -> [[String: (high: Int, low: Int)]] {
        counter.phrases(vocabulary: worker.scratch.vocabulary)
    }
}
