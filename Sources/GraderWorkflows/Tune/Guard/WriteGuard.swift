import GraderFoundation

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
///    real gain must beat all but 1 % of `randomisations` such swaps (p ≤ `level`).
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
    /// Random swaps of each answer's tuned and author's scores in the randomisation test: enough that
    /// the Monte Carlo error of p near the level (±0.003) rarely decides (199 let a borderline question flip).
    static let randomisations = 999
    /// The randomisation test's level. 0.01, not the usual 0.05, because the guard decides for
    /// every question of a rubric at once: at 0.05 a 35-question rubric would take about two
    /// questions on noise alone, at 0.01 one in three rubrics would take one.
    static let level = 0.01
    /// How many standard errors the tuned rubric's squared error must be below the author's, in every repetition.
    static let requiredEvidence = 2.0

    /// One way of tuning the question the guard weighs: the rules alone, or the rules with suggestions.
    struct Trial {
        /// "" or " with suggestions", for the reason.
        package let label: String
        package let withSuggestions: Bool
        /// Fold splits available (`repetitions`).
        let splits: Int
        /// Split `r`: every answer predicted by the whole procedure without its fold (nested). Asked for
        /// lazily, in order: a trial that fails on split 0 never costs the other splits' fits.
        let nested: (Int) -> [Double]
        /// Split `r`: every answer predicted, without its fold, by the settings and suggestions that would be written.
        package let written: (Int) -> [Double]
    }

    package let human: [Double]
    let author: [Double]
    package let scale: ScoreScale
    package let margin: Double

    /// The first trial that passes every test is written; trials are weighed in the order given.
    package func decide(_ trials: [Trial]) -> TuneReport.Decision {
        let figures = Figures(human: human, author: author, scale: scale)
        var reasons: [String] = []
        for trial in trials {
            switch weigh(trial, figures) {
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

    package struct Refusal: Error { let reason: String }

    private var bar: String {
        "the guard asks, in each of \(Self.repetitions) fold splits, for \(NumberText.format(margin)) QWK, "
            + "\(NumberText.format(Self.requiredEvidence)) standard errors and p ≤ \(NumberText.format(Self.level))"
    }

    /// Cheap tests on every split first (nested, then written), the randomisation tests last; the first failure refuses.
    private func weigh(_ trial: Trial, _ figures: Figures) -> Result<String, Refusal> {
        let authorKappa = figures.authorKappa
        let tuned = "the tuned rubric\(trial.label)"
        let settings = "the settings\(trial.withSuggestions ? " and suggestions" : "") that would be written"
        var nested: [(predictions: [Double], gain: Double, evidence: Double)] = []
        var written: [(predictions: [Double], gain: Double, evidence: Double)] = []
        func describe(_ what: String, split: Int, _ gain: Double, _ evidence: Double, p: Double? = nil) -> String {
            "in fold split \(split + 1) of \(trial.splits), \(what) \(what == tuned ? "gains" : "gain") \(signed(gain)) QWK over the author's "
                + "\(Self.show(authorKappa)), its squared error \(Self.show(evidence, places: 1)) standard errors lower"
                + (p.map { ", randomisation p \(NumberText.format($0, places: 3))" } ?? "")
        }
        for (source, what, into) in [(trial.nested, tuned, 0), (trial.written, settings, 1)] {
            for split in 0..<trial.splits {
                let predictions = source(split)
                let gain = figures.gain(predictions), evidence = Self.pairedEvidence(human: human, author: author, tuned: predictions)
                guard gain >= margin - 1e-12, evidence >= Self.requiredEvidence else {
                    return .failure(Refusal(reason: "\(describe(what, split: split, gain, evidence)): within the noise (\(bar))"))
                }
                if into == 0 { nested.append((predictions, gain, evidence)) } else { written.append((predictions, gain, evidence)) }
            }
        }
        var worstP = 0.0
        for (what, runs) in [(tuned, nested), (settings, written)] {
            for (split, run) in runs.enumerated() {
                let p = figures.randomisationP(run.predictions, gain: run.gain)
                worstP = max(worstP, p)
                guard p <= Self.level + 1e-12 else {
                    return .failure(Refusal(reason: "\(describe(what, split: split, run.gain, run.evidence, p: p)): within the noise (\(bar))"))
                }
            }
        }
        let gains = nested.map(\.gain)
        return .success("over \(trial.splits) fold splits of nested cross-validation \(tuned) gains "
                        + "\(signed(gains.reduce(0, +) / Double(gains.count))) QWK on average over the author's \(Self.show(authorKappa)), "
                        + "at worst \(signed(gains.min() ?? 0)), its squared error at worst "
                        + "\(Self.show(nested.map(\.evidence).min() ?? 0, places: 1)) standard errors lower; \(settings) gain at worst "
                        + "\(signed(written.map(\.gain).min() ?? 0)) QWK; randomisation p at worst \(NumberText.format(worstP, places: 3)): "
                        + "a clear gain (\(bar))")
    }

    /// QWK of the answers' scores from their categories on the question's grid, computed once, so
    /// the randomisation test's hundreds of swapped comparisons are a pass of arithmetic each.
    struct Figures {
        package let human: [Double]
        let author: [Double]
        package let scale: ScoreScale
        let authorKappa: Double
        private let humanCategories: [Double]
        private let authorCategories: [Double]

        init(human: [Double], author: [Double], scale: ScoreScale) {
            self.human = human
            self.author = author
            self.scale = scale
            authorKappa = Kappa.quadraticWeighted(human: human, machine: author, scale: scale) ?? 0
            humanCategories = human.map { Double(scale.category($0)) }
            authorCategories = author.map { Double(scale.category($0)) }
        }

        /// QWK gain over the author; −∞ when the tuned QWK is undefined.
        func gain(_ predictions: [Double]) -> Double {
            (Kappa.quadraticWeighted(human: human, machine: predictions, scale: scale) ?? -.infinity) - authorKappa
        }

        /// The share of random swaps (each answer's tuned and author's score exchanged with
        /// probability ½) whose QWK gain is at least `gain`, counting the real one: p of the paired
        /// randomisation test. It stops once p is past the level.
        func randomisationP(_ predictions: [Double], gain: Double) -> Double {
            let n = Double(human.count)
            var sumH = 0.0, squaresH = 0.0
            for h in humanCategories { sumH += h; squaresH += h * h }
            /// QWK from the observed squared disagreement and the machine's sums (as `Kappa`).
            func kappa(_ observed: Double, _ sum: Double, _ squares: Double) -> Double {
                let expected = squaresH + squares - 2 * sumH * sum / n
                return expected > 1e-12 ? 1 - observed / expected : 0
            }
            // Unswapped sums of each arm; a swap moves only answers where the two scores differ, by a fixed step.
            var observedT = 0.0, sumT = 0.0, squaresT = 0.0, observedA = 0.0, sumA = 0.0, squaresA = 0.0
            var steps: [(observed: Double, sum: Double, squares: Double)] = []
            for answer in humanCategories.indices {
                let h = humanCategories[answer], t = Double(scale.category(predictions[answer])), a = authorCategories[answer]
                observedT += (h - t) * (h - t); sumT += t; squaresT += t * t
                observedA += (h - a) * (h - a); sumA += a; squaresA += a * a
                if t != a { steps.append(((h - a) * (h - a) - (h - t) * (h - t), a - t, a * a - t * t)) }
            }
            var atLeast = 0
            for index in 0..<WriteGuard.randomisations {
                var random = SplitMix64(seed: UInt64(index + 1))
                var moved = (observed: 0.0, sum: 0.0, squares: 0.0)
                var bits: UInt64 = 0
                for (position, step) in steps.enumerated() {
                    if position % 64 == 0 { bits = random.next() }
                    // Without a branch: a coin toss is one the CPU cannot predict. An answer left in place
                    // adds ±0, which leaves every sum as it was (they start at +0), so p is the same to the bit.
                    let swap = Double(bits & 1)
                    moved.observed += swap * step.observed; moved.sum += swap * step.sum; moved.squares += swap * step.squares
                    bits >>= 1
                }
                let swappedGain = kappa(observedT + moved.observed, sumT + moved.sum, squaresT + moved.squares)
                    - kappa(observedA - moved.observed, sumA - moved.sum, squaresA - moved.squares)
                if swappedGain >= gain - 1e-12 { atLeast += 1 }
                // Already past the level: the remaining swaps cannot bring p back under it.
                if Double(1 + atLeast) / Double(1 + WriteGuard.randomisations) > WriteGuard.level + 1e-12 { break }
            }
            return Double(1 + atLeast) / Double(1 + WriteGuard.randomisations)
        }
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

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
