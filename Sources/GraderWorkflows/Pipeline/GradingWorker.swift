import GraderEngine
import GraderFoundation

/// One answer graded, with its normalised text for a command that mines it (tune's phrase
/// counts, in `CandidateConsumer.graded`); the text's word ids belong to the worker's
/// vocabulary, so it is used before the worker starts its next candidate.
struct GradedAnswer {
    let result: QuestionResult
    let normalised: NormalisedText?
}

/// A rubric's grader bound to one worker's scratch: the one way Grader grades an answer.
/// The workers of `CandidateStream` (grade, tune), `check` (model answers, examples, lints)
/// and `try` each hold one, so an answer scores the same wherever it is graded.
///
/// Not `Sendable`: it owns the scratch (PCRE2 match data, the stemmer, the vocabulary), which
/// one task uses at a time. The rubric's compiled patterns and the profiler are shared.
final class GradingWorker {
    let rubric: Rubric
    let scratch: WorkerScratch
    let profiler: Profiler
    private let normaliser = Normaliser()

    /// Fails only when Snowball has no stemmer for the rubric's language.
    init(rubric: Rubric, profiler: Profiler = Profiler()) throws {
        self.rubric = rubric
        self.scratch = try WorkerScratch(rubric: rubric)
        self.profiler = profiler
    }

    /// Called between candidates: never while tokens of an answer are alive.
    func startCandidate() {
        scratch.trimVocabulary()
    }

    /// Normalises `text` as grading does, into this worker's vocabulary.
    func normalise(_ text: String) -> NormalisedText {
        scratch.normalise(text, with: normaliser)
    }

    /// The one per-answer pipeline: normalise, profile, match and score an answer (or its
    /// absence) to `question`. With `fullProfile` false only the word count is profiled (all
    /// that scoring reads: `tune` needs no reading ease). `file` names a missing answer's
    /// source in its warnings.
    package func grade(_ question: Question, answer: Answer?, file: String, times: inout StageTimes,
               fullProfile: Bool = true) -> GradedAnswer {
        guard let answer, !answer.text.isEmpty else {
            return GradedAnswer(result: QuestionGrading.grade(question, answer: answer, view: nil, profile: .empty, file: file), normalised: nil)
        }
        let normalised = times.measure(.normalise) { normalise(answer.text) }
        let profile = times.measure(.profile) { () -> AnswerProfile in
            guard fullProfile else {
                var words = AnswerProfile.empty
                words.words = normalised.tokens.count
                return words
            }
            return profiler.profile(original: answer.text, normalised: normalised, question: question, worker: scratch)
        }
        var result = times.measure(.match) {
            QuestionGrading.grade(question, answer: answer, view: AnswerView(normalised, worker: scratch), profile: profile, file: answer.file)
        }
        result.wordFacts = times.measure(.normalise) { scratch.wordFacts(normalised.tokens, question: question) }
        return GradedAnswer(result: result, normalised: normalised)
    }
}
