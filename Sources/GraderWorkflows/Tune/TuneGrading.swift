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

    /// Adds one candidate's answers, in candidate order.
    mutating func add(_ candidate: TuneCandidate) {
        answers += candidate.answers
        ungraded += candidate.ungraded
        if let skip = candidate.skipped { skipped.append(skip) }
        if candidate.isGraded { candidates += 1 }
        if let theirs = candidate.moderation { moderation?.merge(theirs) }
    }

    /// Adds one worker's phrase counts.
    mutating func add(phrases other: [[String: (high: Int, low: Int)]]) {
        for index in phrases.indices {
            phrases[index].merge(other[index]) { ($0.high + $1.high, $0.low + $1.low) }
        }
    }

    /// Grades every submission unit through the candidate stream, writing nothing. Only candidates
    /// in `grades` count as candidates, and only their unreadable submissions are reported: the
    /// others are graded just so that the fitted model can score their answers.
    static func run(units: SubmissionUnits, rubric: Rubric, baseline: Rubric?, grades: HumanGrades,
                    moderation: ModerationInput? = nil, jobs: Int, maximumFileBytes: Int) async throws -> TuneGrading {
        let stream = CandidateStream(rubric: rubric, maximumFileBytes: maximumFileBytes, moderation: moderation?.log, jobs: jobs)
        let streamed = try await stream.run(units, consumer: { worker in
            try TuneConsumer(worker: worker, baseline: baseline, grades: grades, moderationFile: moderation?.path)
        }, into: TuneGrading(questions: rubric.questions.count, moderation: moderation), collect: { $0.add($1) })
        var merged = streamed.collected
        for phrases in streamed.summaries { merged.add(phrases: phrases) }
        merged.answers.sort { ($0.candidate, $0.question) < ($1.candidate, $1.question) }
        merged.ungraded.sort { ($0.candidate, $0.question) < ($1.candidate, $1.question) }
        merged.moderation?.stale.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        merged.moderation?.invalid.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        merged.skipped.sort { $0.file < $1.file }
        return merged
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
