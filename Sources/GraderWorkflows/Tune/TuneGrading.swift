import Foundation
import GraderEngine
import GraderFoundation
import GraderModeration

/// One answer that a person graded, with what the rubric made of it; or, in `TuneGrading.ungraded`,
/// one no person graded, kept only to be scored by the fitted model.
struct TuneAnswer: Sendable {
    package let candidate: String
    /// Index of the question in the rubric.
    package let question: Int
    /// The person's score; NaN for an ungraded answer (never fitted on, never in a figure).
    package let human: Double
    let machine: Double
    /// The score under `--baseline`, when the baseline rubric has this question.
    package let baseline: Double?
    /// Per `Question.rules`: whether each matched, and whether it was credited (matched, gates satisfied).
    package let fired: [Bool]
    package let credited: [Bool]
    /// Per levels group: elements credited, 0 when the group's own gate failed.
    let levelsMet: [Int]
    /// The question's own gate failed: the answer scores clamp(0) whatever its rules do.
    let gatedOff: Bool
    package let status: QuestionResult.Status
    /// The answer as written; empty when missing.
    package let text: String
    /// Its word count as the rubric's `<words>` counts it (the normaliser's tokens): where `--suggest`'s length bands lie.
    package var words: Int = 0
}

/// What grading the cohort gave: the graded answers every figure is computed from, and the
/// answers no person graded, which only get the fitted model's score (for `grader review`'s queue).
struct TuneGrading: Sendable {
    package var answers: [TuneAnswer] = []
    /// Answers without a human grade (of graded and ungraded candidates alike), sorted like `answers`.
    var ungraded: [TuneAnswer] = []
    /// Per question: phrase → (answers scored high, scored low) that contain it.
    package var phrases: [[String: (high: Int, low: Int)]]
    package var skipped: [Diagnostic] = []
    package var candidates = 0
    /// What the moderation file gave, when one was read.
    package var moderation: TuneModeration?

    init(questions: Int, moderation: ModerationInput? = nil) {
        phrases = Array(repeating: [:], count: questions)
        self.moderation = moderation.map { TuneModeration(file: $0.path) }
    }

    mutating func merge(_ other: TuneGrading) {
        answers += other.answers
        ungraded += other.ungraded
        skipped += other.skipped
        candidates += other.candidates
        if let theirs = other.moderation { moderation?.merge(theirs) }
        for index in phrases.indices {
            phrases[index].merge(other.phrases[index]) { ($0.high + $1.high, $0.low + $1.low) }
        }
    }

    /// Grades every submission unit on `jobs` workers, writing nothing. Only candidates in `grades`
    /// count as candidates, and only their unreadable submissions are reported: the others are
    /// graded just so that the fitted model can score their answers.
    package static func run(units: SubmissionUnits, rubric: Rubric, baseline: Rubric?, grades: HumanGrades,
                    moderation: ModerationInput? = nil, jobs: Int, maximumFileBytes: Int) async throws -> TuneGrading {
        let grader = CandidateGrader(rubric: rubric, maximumFileBytes: maximumFileBytes)
        let baselineGrader = baseline.map { CandidateGrader(rubric: $0, maximumFileBytes: maximumFileBytes) }
        var merged = try await WorkerPool.run(units, jobs: jobs) { queue in
            try await work(queue: queue, grader: grader, baseline: baselineGrader, grades: grades, moderation: moderation)
        }.reduce(into: TuneGrading(questions: rubric.questions.count, moderation: moderation)) { $0.merge($1) }
        merged.answers.sort { ($0.candidate, $0.question) < ($1.candidate, $1.question) }
        merged.ungraded.sort { ($0.candidate, $0.question) < ($1.candidate, $1.question) }
        merged.moderation?.stale.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        merged.moderation?.invalid.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        merged.skipped.sort { $0.file < $1.file }
        return merged
    }

    private static func work(queue: WorkQueue<SubmissionUnits>, grader: CandidateGrader, baseline: CandidateGrader?,
                             grades: HumanGrades, moderation: ModerationInput?) async throws -> TuneGrading {
        let rubric = grader.rubric
        let worker = try WorkerScratch(rubric: rubric)
        let baselineWorker = try baseline.map { try WorkerScratch(rubric: $0.rubric) }
        let baselineQuestions = Dictionary((baseline?.rubric.questions ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var outcome = TuneGrading(questions: rubric.questions.count, moderation: moderation)
        var counter = PhraseCounter(questions: rubric.questions.count)
        var times = StageTimes()   // tune reports no stage times; the pipeline measures them anyway
        let graded = Set(grades.ids)
        // Only a question with human grades can have a fit, so only its ungraded answers are worth grading.
        let gradedQuestions = Set(grades.questions)
        while let unit = await queue.next() {
            worker.trimVocabulary()
            baselineWorker?.trimVocabulary()
            switch grader.reader.read(unit, scratch: worker.patterns) {
            case .failure(let skip):
                if graded.contains(unit.id) {
                    outcome.skipped.append(Diagnostic(.error, file: skip.file, "skipped: \(skip.reason)", remedy: skip.remedy))
                }
            case .success(let submission):
                if graded.contains(submission.candidate.id) { outcome.candidates += 1 }
                let human = grades.scores[submission.candidate.id] ?? [:]
                for (index, question) in rubric.questions.enumerated() {
                    let answer = submission.answers[question.id]
                    var humanScore = human[question.id]
                    if let moderation {
                        humanScore = outcome.moderation?.grade(moderation, candidate: submission.candidate.id, question: question,
                                                               answer: answer?.text ?? "", fallback: humanScore)
                    }
                    guard humanScore != nil || gradedQuestions.contains(question.id) else { continue }
                    let (result, normalised) = grader.gradeAnswer(question, answer: answer, worker: worker, file: answer?.file ?? "",
                                                                   times: &times, fullProfile: false)
                    guard let humanScore else {
                        outcome.ungraded.append(TuneAnswer(result, candidate: submission.candidate.id, question: index, human: .nan,
                                                           baseline: nil, text: answer?.text ?? ""))
                        continue
                    }
                    var baselineScore: Double? = nil
                    if let baseline, let baselineWorker, let old = baselineQuestions[question.id] {
                        baselineScore = baseline.gradeAnswer(old, answer: answer, worker: baselineWorker, file: answer?.file ?? "",
                                                          times: &times, fullProfile: false).result.score
                    }
                    let high = humanScore >= question.points / 2
                    if let normalised, result.status == .answered {
                        counter.count(normalised.tokens, question: index, high: high, vocabulary: worker.vocabulary)
                    }
                    outcome.answers.append(TuneAnswer(result, candidate: submission.candidate.id, question: index, human: humanScore,
                                                      baseline: baselineScore, text: answer?.text ?? ""))
                }
            }
            _ = await queue.finishedOne()
        }
        outcome.phrases = counter.phrases(vocabulary: worker.vocabulary)
        return outcome
    }
}

extension TuneAnswer {
    /// What the fit reads of the rubric's `result` for one answer.
    init(_ result: QuestionResult, candidate: String, question: Int, human: Double, baseline: Double?, text: String) {
        self.init(candidate: candidate, question: question, human: human, machine: result.score, baseline: baseline,
                  fired: result.rules.map { $0.state == .met }, credited: result.rules.map(\.credited),
                  levelsMet: result.levels.map { $0.credited ? $0.met : 0 }, gatedOff: !result.unmetRequirements.isEmpty,
                  status: result.status, text: text, words: result.profile.words)
    }
}
