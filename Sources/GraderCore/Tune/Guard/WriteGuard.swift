/// The guard of `--write-rubric`: a tuned question replaces the author's only where the
/// graded answers show, beyond the noise of their number, that it agrees better with people.
///
/// Every test is on held-out predictions, and each must hold in *every* one of
/// `repetitions` differently seeded fold splits (the least of them is the bound, so one
/// lucky split never decides):
/// 1. **Nested cross-validation of the whole procedure** (settings chosen by inner
///    cross-validation, the fit, and with `--suggest` the suggestion learner): the held-out
///    QWK beats the author's by `margin`, and the per-answer squared error falls by
///    `requiredEvidence` standard errors (a paired t).
/// 2. **A paired randomisation test of the QWK gain.** Under "the tuned rubric is no better
///    than the author's", which of the two scored an answer is a coin toss: swapping the
///    pair on a random half of the answers must give as large a gain as often as not. The
///    real gain must beat all but 5 % of `randomisations` such swaps (p ≤ 0.05).
/// 3. **The written model itself.** The final model is fitted on every answer with settings
///    and suggestions chosen on every answer, while the nested figures are about the procedure.
///    So the very settings and suggestions that would be written are cross-validated on each
///    split again and must pass 1 and 2 as well.
///
/// Why it holds at 30 answers: the danger with few answers is not bias (held-out predictions
/// are honest) but noise: a gain measured on 30 answers, over one split, is one draw of a
/// wide distribution, and QWK on a few score levels jumps with a handful of answers. Test 2
/// measures that width on these very answers and predictions, with no assumption about how
/// QWK is distributed, so the bar rises by itself as n falls (at 30 answers a gain must hold
/// on nearly every answer to pass; at 300 a modest consistent one passes); the paired t does
/// the same for squared error; the repetitions take the split's luck out; test 3 ties the
/// evidence to what is written. Within the noise the author's rubric is kept, which can
/// never lower agreement. (Refitting on shuffled human scores was tried and rejected: it
/// tests "the features say nothing", not "the tuned rubric is no better than the author's",
/// and it refused a plain lenient-marker correction at 40 answers.)
struct WriteGuard {
    /// Cross-validation repetitions over differently seeded folds (repetition 0 gives the report's figures).
    static let repetitions = 5
    /// Random swaps of each answer's tuned and author's scores in the randomisation test.
    static let randomisations = 199
    /// The randomisation test's level: the real gain must beat all but this share of the swaps.
    static let level = 0.05
    /// How many standard errors the tuned rubric's squared error must be below the author's, in every repetition.
    static let requiredEvidence = 2.0

    /// One way of tuning the question the guard weighs: the rules alone, or the rules with suggestions.
    struct Trial {
        /// "" or " with suggestions", for the reason.
        let label: String
        let withSuggestions: Bool
        /// Per repetition: every answer predicted by the whole procedure without its fold (nested).
        let nested: [[Double]]
        /// Per repetition: every answer predicted, without its fold, by the settings and suggestions that would be written.
        let written: [[Double]]
    }

    let human: [Double]
    let author: [Double]
    let scale: ScoreScale
    let margin: Double

    /// The first trial that passes all three tests is written; trials are weighed in the order given.
    func decide(_ trials: [Trial]) -> TuneReport.Decision {
        let authorKappa = Kappa.quadraticWeighted(human: human, machine: author, scale: scale) ?? 0
        var reasons: [String] = []
        for trial in trials {
            switch weigh(trial, authorKappa: authorKappa) {
            case .success(let reason):
                return TuneReport.Decision(written: true, withSuggestions: trial.withSuggestions, reason: reason)
            case .failure(let refusal):
                reasons.append(refusal.reason)
            }
        }
        if reasons.isEmpty { reasons.append("the tuned rubric's QWK is undefined") }
        return TuneReport.Decision(written: false, withSuggestions: false,
                                   reason: reasons.joined(separator: "; ") + "; so the author's weights are kept")
    }

    struct Refusal: Error { let reason: String }

    private func weigh(_ trial: Trial, authorKappa: Double) -> Result<String, Refusal> {
        let nested = trial.nested.map { bound($0, authorKappa: authorKappa) }
        let written = trial.written.map { bound($0, authorKappa: authorKappa) }
        guard !nested.isEmpty, !written.isEmpty else {
            return .failure(Refusal(reason: "the tuned rubric\(trial.label) could not be cross-validated"))
        }
        let meanGain = nested.map(\.gain).reduce(0, +) / Double(nested.count)
        let bar = "the guard asks, in each split, for \(NumberText.format(margin)) QWK, \(NumberText.format(Self.requiredEvidence)) "
            + "standard errors and p ≤ \(NumberText.format(Self.level))"
        let repeated = "over \(nested.count) fold splits of nested cross-validation the tuned rubric\(trial.label) gains "
            + "\(signed(meanGain)) QWK on average over the author's \(Self.show(authorKappa)), at worst \(signed(nested.map(\.gain).min()!)), "
            + "its squared error at worst \(Self.show(nested.map(\.evidence).min()!, places: 1)) standard errors lower, "
            + "randomisation p at worst \(NumberText.format(nested.map(\.p).max()!, places: 3))"
        guard nested.allSatisfy(passes) else {
            return .failure(Refusal(reason: "\(repeated): within the noise (\(bar))"))
        }
        let writtenText = "the settings\(trial.withSuggestions ? " and suggestions" : "") that would be written gain at worst "
            + "\(signed(written.map(\.gain).min()!)) QWK, \(Self.show(written.map(\.evidence).min()!, places: 1)) standard errors, "
            + "p \(NumberText.format(written.map(\.p).max()!, places: 3))"
        guard written.allSatisfy(passes) else {
            return .failure(Refusal(reason: "\(repeated); but \(writtenText): not the model the evidence is about (\(bar))"))
        }
        return .success("\(repeated); \(writtenText): a clear gain (\(bar))")
    }

    private func passes(_ split: (gain: Double, evidence: Double, p: Double)) -> Bool {
        split.gain >= margin - 1e-12 && split.evidence >= Self.requiredEvidence && split.p <= Self.level + 1e-12
    }

    /// One split's QWK gain over the author, paired evidence on squared error, and randomisation p of the gain.
    private func bound(_ predictions: [Double], authorKappa: Double) -> (gain: Double, evidence: Double, p: Double) {
        let gain = (Kappa.quadraticWeighted(human: human, machine: predictions, scale: scale) ?? -.infinity) - authorKappa
        guard gain.isFinite else { return (gain, 0, 1) }
        var atLeast = 0
        var swappedTuned = predictions, swappedAuthor = author
        for index in 0..<Self.randomisations {
            var random = SplitMix64(seed: UInt64(index + 1))
            for answer in human.indices {
                let swap = random.next() & 1 == 1
                swappedTuned[answer] = swap ? author[answer] : predictions[answer]
                swappedAuthor[answer] = swap ? predictions[answer] : author[answer]
            }
            let swappedGain = (Kappa.quadraticWeighted(human: human, machine: swappedTuned, scale: scale) ?? 0)
                - (Kappa.quadraticWeighted(human: human, machine: swappedAuthor, scale: scale) ?? 0)
            if swappedGain >= gain - 1e-12 { atLeast += 1 }
        }
        return (gain, Self.pairedEvidence(human: human, author: author, tuned: predictions),
                Double(1 + atLeast) / Double(1 + Self.randomisations))
    }

    private func signed(_ value: Double) -> String {
        (value >= 0 ? "+" : "") + NumberText.format(value, places: 3)
    }

    static func show(_ value: Double, places: Int = 3) -> String {
        value.isFinite ? NumberText.format(value, places: places) : (value > 0 ? "many" : "undefined")
    }

    /// The mean per-answer drop in squared error from `author` to `tuned`, in standard errors
    /// (a paired t statistic); infinite when every answer improves by the same amount.
    static func pairedEvidence(human: [Double], author: [Double], tuned: [Double]) -> Double {
        pairedDrop(from: human.indices.map { (author[$0] - human[$0]) * (author[$0] - human[$0]) },
                   to: human.indices.map { (tuned[$0] - human[$0]) * (tuned[$0] - human[$0]) })
    }

    /// How many standard errors the mean of `after` lies below the mean of `before`, answer by answer.
    static func pairedDrop(from before: [Double], to after: [Double]) -> Double {
        guard before.count == after.count else { return 0 }
        let drops = zip(before, after).map { $0 - $1 }
        guard drops.count >= 2 else { return 0 }
        let mean = drops.reduce(0, +) / Double(drops.count)
        let variance = drops.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(drops.count - 1)
        let error = (variance / Double(drops.count)).squareRoot()
        if error < 1e-12 { return mean > 1e-12 ? .infinity : 0 }
        return mean / error
    }
}

/// SplitMix64: a tiny fixed pseudo-random sequence, the same on every run and machine.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
