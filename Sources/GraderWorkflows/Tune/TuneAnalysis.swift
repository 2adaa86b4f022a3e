import Foundation
import GraderEngine
import GraderFoundation
import GraderModeration
import Snowball

/// Turns the graded answers and the human grades into a `TuneReport`: agreement of
/// the author's rubric and of the tuned one (cross-validated) per question and
/// pooled, per-rule statistics, phrase mining and the worst disagreements.
struct TuneAnalysis {
    package let rubric: Rubric
    let grades: HumanGrades
    let grading: TuneGrading
    package let folds: Int
    /// Weight rounding step; nil for a step per question.
    package let step: Double?
    package let margin: Double
    /// Suggested criteria to search for per question (`--suggest N`); 0 for none.
    package let suggest: Int
    let disagreementsShown: Int
    let phrasesShown: Int

    package func report(gradesFile: String, baselineFile: String?, warnings: [Diagnostic]) -> TuneReport {
        let answers = grading.answers
        let byQuestion = Dictionary(grouping: answers, by: \.question)
        let single = SingleAnswerGrader(rubric: rubric)
        var questions: [TuneReport.QuestionReport] = []
        var pooled: (human: [Double], author: [Double], tuned: [Double], written: [Double], suggested: [Double], steps: [Double])
            = ([], [], [], [], [], [])
        var scales: [ScoreScale] = []
        // Questions are fitted side by side, each with its own grader and stemmer (neither is
        // thread-safe); results land in question order, so the report does not depend on the cores.
        let present = rubric.questions.indices.filter { byQuestion[$0]?.isEmpty == false }
        let fitted = Locked([Int: (TuneReport.QuestionReport, QuestionTuning)]())
        let analysis = self
        // The words the rubric's matchers use, read from its XML once for every question.
        let words = suggest > 0 ? (try? Stemmer(language: rubric.language)).map { RubricWords(rubric: rubric, stemmer: $0) } : nil
        DispatchQueue.concurrentPerform(iterations: present.count) { slot in
            let index = present[slot]
            let result = analysis.tune(question: index, answers: byQuestion[index] ?? [], words: words)
            fitted.withLock { $0[index] = result }
        }
        let results = fitted.withLock { $0 }
        for index in present {
            guard let group = byQuestion[index], let (analysed, tuning) = results[index] else { continue }
            questions.append(analysed)
            scales.append(tuning.problem.scale)
            pooled.human += group.map(\.human)
            pooled.author += group.map(\.machine)
            pooled.tuned += tuning.heldOut
            let suggested = tuning.suggestedHeldOut ?? tuning.heldOut
            pooled.suggested += suggested
            let decision = analysed.fit?.decision
            pooled.written += decision?.written == true ? (decision?.withSuggestions == true ? suggested : tuning.heldOut) : group.map(\.machine)
            pooled.steps += Array(repeating: tuning.problem.scale.step, count: group.count)
        }
        let scale = ScoreScale.pooled(scales)
        // Pooled answers are compared each on its own question's grid.
        func pooledScores(_ machine: [Double]) -> TuneReport.Scores {
            TuneReport.Scores(human: pooled.human, machine: machine, scale: scale, steps: pooled.steps)
        }
        let overall = pooledScores(pooled.author)
        let withBaseline = answers.filter { $0.baseline != nil }
        let baselineOverall = baselineFile == nil ? nil
            : TuneReport.Scores(human: withBaseline.map(\.human), machine: withBaseline.map { $0.baseline! }, scale: scale)

        // Totals: candidates graded by people on every question the grades file has.
        let byCandidate = Dictionary(grouping: answers, by: \.candidate)
        let complete = byCandidate.filter { $0.value.count == grades.questions.count }.sorted { $0.key < $1.key }
        let humanTotals = complete.map { $0.value.reduce(0) { $0 + $1.human } }
        let machineTotals = complete.map { $0.value.reduce(0) { $0 + $1.machine } }
        let totalsError = complete.isEmpty ? 0 : zip(humanTotals, machineTotals).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(complete.count)

        let deltas: [TuneReport.CandidateDelta] = baselineFile == nil ? [] : byCandidate.keys.sorted().map { id in
            let own = byCandidate[id]!.filter { $0.baseline != nil }
            return TuneReport.CandidateDelta(id: id, human: own.reduce(0) { $0 + $1.human },
                                             old: own.reduce(0) { $0 + $1.baseline! }, new: own.reduce(0) { $0 + $1.machine })
        }.sorted { (abs($0.delta), $1.id) > (abs($1.delta), $0.id) }

        var report = TuneReport(
            rubricID: rubric.id, rubricFile: rubric.file, rubricSHA256: rubric.sha256, gradesFile: gradesFile,
            baselineFile: baselineFile, candidates: grading.candidates, answers: answers.count,
            overall: overall,
            overallTuned: pooledScores(pooled.tuned), overallWritten: pooledScores(pooled.written),
            overallSuggested: suggest > 0 ? pooledScores(pooled.suggested) : nil,
            margin: margin, baselineOverall: baselineOverall,
            totals: (complete.count, Correlation.pearson(humanTotals, machineTotals),
                     Correlation.spearman(humanTotals, machineTotals), totalsError),
            questions: questions, disagreements: disagreements(answers, single: single), deltas: deltas,
            step: step, warnings: warnings)
        report.answerScores = answerScores(present.compactMap { index in results[index].map { (index, byQuestion[index] ?? [], $0.1) } })
        return report
    }

    /// Every graded answer's scores, and every ungraded answer's where its question has a fit,
    /// from each question's `(index, graded answers, tuning)`; sorted by candidate, then question.
    private func answerScores(_ tuned: [(index: Int, graded: [TuneAnswer], tuning: QuestionTuning)]) -> [TuneReport.AnswerScore] {
        let ungraded = Dictionary(grouping: grading.ungraded, by: \.question)
        var scores: [(question: Int, score: TuneReport.AnswerScore)] = []
        for (index, graded, tuning) in tuned {
            let id = rubric.questions[index].id
            let held = tuning.fit == nil ? nil : tuning.heldOut
            for (position, answer) in graded.enumerated() {
                scores.append((index, .init(candidate: answer.candidate, question: id, rubric: answer.machine, human: answer.human,
                                            fitted: held?[position], answerSHA256: ModerationDecision.answerHash(answer.text))))
            }
            let others = ungraded[index] ?? []
            guard let predicted = tuning.predictions(ofUngraded: others, question: rubric.questions[index]) else { continue }
            for (answer, fitted) in zip(others, predicted) {
                scores.append((index, .init(candidate: answer.candidate, question: id, rubric: answer.machine, human: nil, fitted: fitted,
                                            answerSHA256: ModerationDecision.answerHash(answer.text))))
            }
        }
        return scores.sorted { ($0.score.candidate, $0.question) < ($1.score.candidate, $1.question) }.map(\.score)
    }

    // MARK: - One question

    /// Fits and analyses question `index` on its graded answers.
    private func tune(question index: Int, answers group: [TuneAnswer], words: RubricWords?) -> (TuneReport.QuestionReport, QuestionTuning) {
        let question = rubric.questions[index]
        let single = SingleAnswerGrader(rubric: rubric)
        var context: QuestionTuning.SuggestContext? = nil
        // A stemmer of its own: Snowball's is not thread-safe.
        if let words, let stemmer = try? Stemmer(language: rubric.language) {
            context = QuestionTuning.SuggestContext(
                limit: suggest, counts: grading.phrases[index],
                usedWords: { phrase in
                    words.overlaps(phrase, question: question.id, stemmer: stemmer)
                        || single?.grade(question, phrase).rules.contains { $0.state == .met } == true
                },
                language: rubric.language)
        }
        let tuning = QuestionTuning(question: question, answers: group, folds: folds, step: step, margin: margin, suggest: context)
        return (analyse(question, index: index, group, tuning: tuning, single: single), tuning)
    }

    private func analyse(_ question: Question, index: Int, _ group: [TuneAnswer], tuning: QuestionTuning,
                         single: SingleAnswerGrader?) -> TuneReport.QuestionReport {
        let scale = tuning.problem.scale
        let human = group.map(\.human)
        let current = TuneReport.Scores(human: human, machine: group.map(\.machine), scale: scale)
        let withBaseline = group.filter { $0.baseline != nil }
        let baseline = withBaseline.isEmpty ? nil
            : TuneReport.Scores(human: withBaseline.map(\.human), machine: withBaseline.map { $0.baseline! }, scale: scale)
        let rules = question.rules
        let fitted = tuning.ruleWeights(rules: rules.count)
        let high = group.map { $0.human >= question.points / 2 }
        let answered = group.indices.filter { group[$0].status != .missing }
        var ruleStats: [TuneReport.RuleStats] = []
        for (ruleIndex, rule) in rules.enumerated() {
            let fired = group.map { $0.fired.count > ruleIndex && $0.fired[ruleIndex] }
            let highIndices = answered.filter { high[$0] }, lowIndices = answered.filter { !high[$0] }
            func share(_ indices: [Int]) -> Double? {
                indices.isEmpty ? nil : Double(indices.filter { fired[$0] }.count) / Double(indices.count)
            }
            // Per-criterion human marks, where the CSV has them.
            let column = "\(question.id).\(rule.id)"
            var truePositive = 0, falsePositive = 0, falseNegative = 0, marked = 0
            for (position, answer) in group.enumerated() {
                guard let mark = grades.marks[answer.candidate]?[column] else { continue }
                marked += 1
                if mark && fired[position] { truePositive += 1 }
                if !mark && fired[position] { falsePositive += 1 }
                if mark && !fired[position] { falseNegative += 1 }
            }
            ruleStats.append(TuneReport.RuleStats(
                id: rule.id, kind: rule.kind, points: rule.points, fitted: fitted[ruleIndex],
                firesHigh: share(highIndices), firesLow: share(lowIndices),
                pointBiserial: Correlation.pointBiserial(answered.map { fired[$0] }, answered.map { human[$0] }),
                precision: marked > 0 && truePositive + falsePositive > 0 ? Double(truePositive) / Double(truePositive + falsePositive) : nil,
                recall: marked > 0 && truePositive + falseNegative > 0 ? Double(truePositive) / Double(truePositive + falseNegative) : nil,
                marked: marked))
        }
        let highCount = group.filter { $0.status == .answered && $0.human >= question.points / 2 }.count
        let lowCount = group.filter { $0.status == .answered }.count - highCount
        return TuneReport.QuestionReport(
            id: question.id, points: question.points, scale: scale, current: current,
            tuned: tuning.fit == nil ? nil : TuneReport.Scores(human: human, machine: tuning.heldOut, scale: scale),
            suggested: tuning.suggestedHeldOut.map { TuneReport.Scores(human: human, machine: $0, scale: scale) },
            suggestions: tuning.suggestions,
            baseline: baseline, rules: ruleStats, fit: tuning.fit,
            phrases: phrases(question, counts: grading.phrases[index], high: highCount, low: lowCount, single: single),
            highAnswers: highCount, lowAnswers: lowCount)
    }

    // MARK: - Phrases

    /// Phrases common in high-scored answers and rare in low ones, ranked by smoothed log-odds,
    /// keeping those no rule of the question fires on and none inside a phrase already kept.
    private func phrases(_ question: Question, counts: [String: (high: Int, low: Int)], high: Int, low: Int,
                         single: SingleAnswerGrader?) -> [TuneReport.Phrase] {
        guard high > 0 else { return [] }
        let minimum = max(2, Int((Double(high) * 0.1).rounded(.up)))
        var ranked: [TuneReport.Phrase] = []
        for (text, count) in counts where count.high >= minimum {
            let odds = PhraseMining.logOdds(high: count.high, highTotal: high, low: count.low, lowTotal: low)
            if odds > 0 { ranked.append(TuneReport.Phrase(text: text, logOdds: odds, high: count.high, low: count.low)) }
        }
        ranked.sort { ($0.logOdds, $0.high, $1.text) > ($1.logOdds, $1.high, $0.text) }
        var kept: [TuneReport.Phrase] = []
        for phrase in ranked where kept.count < phrasesShown {
            let words = phrase.text.split(separator: " ")
            if kept.contains(where: { PhraseMining.overlaps(words, $0.text.split(separator: " ")) }) { continue }
            if let single, single.grade(question, phrase.text).rules.contains(where: { $0.state == .met }) { continue }
            kept.append(phrase)
        }
        return kept
    }

    // MARK: - Disagreements

    private func disagreements(_ answers: [TuneAnswer], single: SingleAnswerGrader?) -> [TuneReport.Disagreement] {
        let worst = answers.filter { abs($0.machine - $0.human) > 1e-9 }.sorted {
            let a = abs($0.machine - $0.human) / max(1, rubric.questions[$0.question].points)
            let b = abs($1.machine - $1.human) / max(1, rubric.questions[$1.question].points)
            return (a, $1.candidate, $1.question) > (b, $0.candidate, $0.question)
        }.prefix(disagreementsShown)
        return worst.map { answer in
            let question = rubric.questions[answer.question]
            var evidence: [(rule: String, awarded: Double, matched: [String])] = []
            if let single, !answer.text.isEmpty {
                let bytes = Array(answer.text.utf8)
                for rule in single.grade(question, answer.text).rules where rule.state == .met {
                    let matched = rule.evidence.prefix(4).map { evidence in
                        String(decoding: bytes[max(0, evidence.range.lowerBound)..<min(bytes.count, evidence.range.upperBound)], as: UTF8.self)
                    }
                    evidence.append((rule.rule.id, rule.awarded, matched))
                }
            }
            return TuneReport.Disagreement(candidate: answer.candidate, question: question.id, points: question.points,
                                           human: answer.human, machine: answer.machine, text: answer.text, evidence: evidence)
        }
    }
}

/// The arithmetic of phrase mining.
enum PhraseMining {
    /// Log-odds ratio of a phrase occurring in high- versus low-scored answers, each count
    /// smoothed by ½ (Haldane–Anscombe) so phrases absent from one group stay finite.
    package static func logOdds(high: Int, highTotal: Int, low: Int, lowTotal: Int) -> Double {
        let inHigh = (Double(high) + 0.5) / (Double(highTotal - high) + 0.5)
        let inLow = (Double(low) + 0.5) / (Double(lowTotal - low) + 0.5)
        return Foundation.log(inHigh) - Foundation.log(inLow)
    }

    /// True when one word sequence contains the other.
    static func overlaps(_ a: [Substring], _ b: [Substring]) -> Bool {
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        guard !short.isEmpty else { return false }
        for start in 0...(long.count - short.count) where Array(long[start..<start + short.count]) == short { return true }
        return false
    }
}
