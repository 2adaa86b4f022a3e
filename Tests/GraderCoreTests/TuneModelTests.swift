import Foundation
@testable import GraderEngine
@testable import GraderFoundation
@testable import GraderWorkflows
import Snowball
import Testing

/// The model `grader tune` fits, on small systems whose answers are known exactly.
@Suite("tune model")
struct TuneModelTests {
    func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-6) -> Bool { TestSupport.close(a, b, tolerance) }

    /// A problem over two criteria on a 0–4 question, marked in whole points.
    func problem(rows: [[Double]], target: [Double], prior: [Double] = [2, 2], fixed: [Double?]? = nil,
                 step: Double = 0.001) -> FitProblem {
        FitProblem(rows: rows, target: target, fixed: fixed ?? Array(repeating: nil, count: rows.count),
                   prior: prior, ridgeLimit: prior.map { _ in .infinity }, priorBase: 0, authorBands: [], floor: 0, points: 4,
                   scale: ScoreScale(lowest: 0, highest: 4, step: 1), step: step)
    }

    @Test func aWeakPullRecoversTheExactWeightsAndTheIntercept() {
        // y = 0.5 + 1·a + 3·b exactly, on all four combinations of (a, b), twice each.
        let rows: [[Double]] = [[0, 0], [1, 0], [0, 1], [1, 1], [0, 0], [1, 0], [0, 1], [1, 1]]
        let target = rows.map { 0.5 + $0[0] + 3 * $0[1] }
        let model = ScoreFit.fit(problem(rows: rows, target: target), on: Array(rows.indices),
                                 settings: FitSettings(ridge: 1e-9, mapping: .author))
        #expect(close(model.weights[0], 1, 1e-3) && close(model.weights[1], 3, 1e-3))
        #expect(close(model.base, 0.5, 1e-3))
    }

    @Test func aStrongPullKeepsTheAuthorsWeightsAndFitsOnlyTheBase() {
        // The people give every answer one point more than the author's weights (2 each) do:
        // with λ huge the weights stay 2 and 2, and the base absorbs the lenient marker: +1.
        let rows: [[Double]] = [[0, 0], [1, 0], [0, 1], [1, 1]]
        let target = rows.map { 1 + 2 * $0[0] + 2 * $0[1] }
        let model = ScoreFit.fit(problem(rows: rows, target: target), on: Array(rows.indices),
                                 settings: FitSettings(ridge: 1e6, mapping: .author))
        #expect(close(model.weights[0], 2, 1e-3) && close(model.weights[1], 2, 1e-3))
        #expect(close(model.base, 1, 1e-3))
    }

    @Test func theRidgeMovesWeightsPartWayTowardTheAuthor() {
        // One criterion, fired on half of 4 answers; people give it 3 points, the author 1.
        // Centred: x − x̄ = ±½, so Σ(x−x̄)² = 1 and Σ(x−x̄)(y−ȳ) = 4·½·(3/2) = 3. With λ = 1:
        // w = (3 + 1·1) / (1 + 1) = 2, halfway between the data's 3 and the author's 1.
        let rows: [[Double]] = [[1], [0], [1], [0]]
        let model = ScoreFit.fit(problem(rows: rows, target: [3, 0, 3, 0], prior: [1]), on: [0, 1, 2, 3],
                                 settings: FitSettings(ridge: 1, mapping: .author))
        #expect(close(model.weights[0], 2))
        // b = ȳ − x̄·w = 1.5 − 0.5·2 = 0.5.
        #expect(close(model.base, 0.5))
    }

    @Test func noWeightTurnsNegativeSoAPenaltyStaysAPenalty() {
        // A criterion that fires on the low answers would need a negative weight: it is held at 0.
        // A penalty (feature −1) that fires on low answers keeps a positive weight: it still costs points.
        let rows: [[Double]] = [[1, 0], [1, 0], [0, -1], [0, 0], [0, 0], [0, -1]]
        let target: [Double] = [0, 0, 0, 3, 3, 0]
        let model = ScoreFit.fit(problem(rows: rows, target: target, prior: [1, 1]), on: Array(rows.indices),
                                 settings: FitSettings(ridge: 1e-9, mapping: .author))
        #expect(model.weights[0] == 0)
        #expect(model.weights[1] > 1)
        #expect(model.weights.allSatisfy { $0 >= 0 })
    }

    @Test func cutPointsAreTheBestNonDecreasingMapOntoTheGrid() {
        // raw 0, 1, 2 against 2, 0, 2 on levels 0, 1, 2: non-decreasing maps cost
        // (0,0,2) 4, (1,1,1) 3, (2,2,2) 4, (1,1,2) 1+1+0 = 2, the least.
        let bands = CutPoints.fit(raw: [0, 1, 2], target: [2, 0, 2], scale: ScoreScale(lowest: 0, highest: 2, step: 1),
                                  floor: 0, points: 2, step: 0.01)
        #expect(bands.map(\.points) == [1, 2])
        #expect(bands.map(\.from) == [0, 2])
        // A lenient rubric (raw 2 where people give 1, raw 4 where they give 2) is mapped back down.
        let lenient = CutPoints.fit(raw: [0, 2, 2, 4], target: [0, 1, 1, 2], scale: ScoreScale(lowest: 0, highest: 2, step: 1),
                                    floor: 0, points: 2, step: 0.01)
        #expect(lenient.map(\.points) == [1, 2])
        #expect(lenient.map(\.from) == [1, 3])
        #expect(ScoreModel.band(2.9, lenient) == 1 && ScoreModel.band(3, lenient) == 2 && ScoreModel.band(0.5, lenient) == nil)
        // A cut reads well: the shortest decimal nearest the middle of the raw scores it separates.
        #expect(CutPoints.between(1.3, 1.72, 0.01) == 1.5)
        #expect(CutPoints.between(1.3, 1.38, 0.01) == 1.34)
        #expect(CutPoints.between(0.25, 0.26, 0.01) == 0.26)
        #expect(CutPoints.between(0.25, 0.253, 0.01) == 0.253)
    }

    @Test func foldsAreStratifiedAndTheSameOnEveryRun() {
        let keys = (0..<20).map { "c\($0)" }
        let target = (0..<20).map { Double($0 % 4) }
        let folds = ModelSelection.folds(keys: keys, target: target, k: 5)
        #expect(folds == ModelSelection.folds(keys: keys, target: target, k: 5))
        // Every fold holds answers of both the lowest and the highest scores.
        for fold in 0..<5 {
            let scores = Set(keys.indices.filter { folds[$0] == fold }.map { target[$0] })
            #expect(scores.count >= 3)
        }
    }

    @Test func nestedCrossValidationCorrectsALenientAuthorOnUnseenAnswers() {
        // 40 answers; two criteria each fired on half; the people give 1 + a + b, the author 2a + 2b:
        // held out, the tuned model should be nearly exact while the author is off by about one point.
        var rows: [[Double]] = [], target: [Double] = []
        for i in 0..<40 {
            let a = Double(i % 2), b = Double((i / 2) % 2)
            rows.append([a, b])
            target.append(1 + a + b)
        }
        let fitted = problem(rows: rows, target: target)
        let fold = ModelSelection.folds(keys: (0..<40).map { "c\($0)" }, target: target, k: 5)
        let nested = ModelSelection.nestedPredictions(fitted, fold: fold)
        let author = rows.map { fitted.authorModel.predict($0, in: fitted) }
        let tunedError = zip(nested.predictions, target).map { abs($0 - $1) }.reduce(0, +) / 40
        let authorError = zip(author, target).map { abs($0 - $1) }.reduce(0, +) / 40
        #expect(tunedError < 0.05)
        #expect(authorError > 0.4)
        #expect(nested.settings.count == 5)
        let scale = fitted.scale
        #expect((Kappa.quadraticWeighted(human: target, machine: nested.predictions, scale: scale) ?? 0)
                > (Kappa.quadraticWeighted(human: target, machine: author, scale: scale) ?? 0) + 0.05)
    }

    @Test func fixedAnswersKeepTheirScore() {
        let fitted = problem(rows: [[1, 0], [0, 0]], target: [3, 0], fixed: [nil, 0])
        let model = ScoreModel(weights: [5, 5], base: 2, bands: [], mapping: .author)
        #expect(fitted.predict(0, model) == 4) // 2 + 5 clamped to the question's 4 points
        #expect(fitted.predict(1, model) == 0) // missing: the fit cannot move it
    }

    @Test func theGuardWritesOnlyAClearGain() {
        let scale = ScoreScale(lowest: 0, highest: 4, step: 1)
        let human: [Double] = [0, 1, 2, 3, 4, 0, 1, 2, 3, 4]
        let guardian = { (author: [Double]) in WriteGuard(human: human, author: author, scale: scale, margin: 0.02) }
        func trial(_ tuned: [Double], written: [Double]? = nil) -> WriteGuard.Trial {
            WriteGuard.Trial(label: "", withSuggestions: false, splits: WriteGuard.repetitions, nested: { _ in tuned },
                             written: { _ in written ?? tuned })
        }
        // The author is off by one everywhere; the tuned rubric is exact: a clear gain on every answer.
        let lenient = human.map { min(4, $0 + 1) }
        #expect(guardian(lenient).decide([trial(human)]).written)
        // Tuned worse than the author: kept.
        let worse = guardian(human).decide([trial(lenient)])
        #expect(!worse.written && worse.reason.contains("the author's weights are kept"))
        // Better on one answer of ten, the same elsewhere: a QWK gain, but within the noise.
        var once = human
        once[0] = 2
        let noise = guardian(once).decide([trial(human)])
        #expect(!noise.written, "\(noise.reason)")
        // Paired evidence: one answer better by 4 of ten → mean 0.4, SD 1.265, SE 0.4 → t = 1.
        #expect(abs(WriteGuard.pairedEvidence(human: human, author: once, tuned: human) - 1) < 1e-9)
        // A clear nested gain, but the settings that would be written do no better than the author: kept.
        let unlike = guardian(lenient).decide([trial(human, written: lenient)])
        #expect(!unlike.written && unlike.reason.contains("the settings that would be written gain +0 QWK"), "\(unlike.reason)")
    }

    @Test func kappaFromScoresEqualsTheMatrixForm() {
        // The worked 3-category matrix of TuneStatisticsTests, written out as score pairs.
        let cells: [(Int, Int, Int)] = [(0, 0, 2), (0, 1, 1), (1, 0, 1), (1, 1, 3), (1, 2, 1), (2, 1, 1), (2, 2, 1)]
        var human: [Double] = [], machine: [Double] = []
        for (h, m, count) in cells {
            human += Array(repeating: Double(h), count: count)
            machine += Array(repeating: Double(m), count: count)
        }
        #expect(close(Kappa.quadraticWeighted(human: human, machine: machine, scale: ScoreScale(lowest: 0, highest: 2, step: 1)), 0.591837))
        // The same scores in eighths of a point on a 0–0.25 scale give the same kappa.
        #expect(close(Kappa.quadraticWeighted(human: human.map { $0 / 8 }, machine: machine.map { $0 / 8 },
                                              scale: ScoreScale(lowest: 0, highest: 0.25, step: 0.125)), 0.591837))
    }

    @Test func theScaleIsTheCoarsestStepTheHumanScoresLieOn() {
        #expect(ScoreScale(lowest: 0, highest: 1, human: [0, 0.125, 0.5, 1]).step == 0.125)
        #expect(ScoreScale(lowest: 0, highest: 10, human: [0, 3, 7]).step == 1)
        #expect(ScoreScale(lowest: 0, highest: 1, human: [0, 0.25, 0.75]).categories == 5)
    }

    @Test func phrasesSeenOnlyInLowAnswersSurviveTheWorkersMerge() {
        // Worker A sees "weak reference" in a high answer, worker B in a low one. Before the fix,
        // B dropped it (no high answer of its own), so the merged low count depended on the split.
        func counted(_ text: String, high: Bool) -> [[String: (high: Int, low: Int)]] {
            var vocabulary = Vocabulary()
            let tokens = Normaliser().normalise(text, vocabulary: &vocabulary).tokens
            var counter = PhraseCounter(questions: 1)
            counter.count(tokens, question: 0, high: high, vocabulary: vocabulary)
            return counter.phrases(vocabulary: vocabulary)
        }
        var merged = TuneGrading(questions: 1)
        var a = TuneGrading(questions: 1), b = TuneGrading(questions: 1)
        a.phrases = counted("weak reference", high: true)
        b.phrases = counted("weak reference", high: false)
        merged.merge(a)
        merged.merge(b)
        #expect(merged.phrases[0]["weak reference"]?.high == 1)
        #expect(merged.phrases[0]["weak reference"]?.low == 1)
    }
}

/// The fit's picture of the author's rubric must be the rubric: for every answer the weights
/// can move, the author's model predicts exactly the score grading gives, levels, gates,
/// base and bands included. Otherwise "the author's rubric" and "the tuned one" would be
/// compared on different footings.
@Suite("tune model: the author's rubric as a model")
struct AuthorModelTests {
    @Test func theAuthorsModelScoresEveryAnswerAsGradingDoes() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../EndToEndTests/Fixtures/shapes/rubric.xml").standardizedFileURL.path
        let rubric = try RubricLoader.load(path: file)
        let words = ["atria", "ventricles", "valves", "aorta", "red", "visible", "contrast", "convention", "heat", "vapour", "water"]
        for question in rubric.questions {
            var answers: [TuneAnswer] = []
            var scores: [Double] = []
            // Every subset of a few words, as answers: 2^11 is plenty of combinations of what fires.
            for mask in 0..<(1 << words.count) where mask % 7 == 0 {
                let text = words.indices.filter { mask & (1 << $0) != 0 }.map { words[$0] }.joined(separator: " and ")
                guard !text.isEmpty else { continue }
                let result = try TestSupport.grade(question, in: rubric, text)
                answers.append(TuneAnswer(candidate: "c\(mask)", question: 0, human: result.score, machine: result.score, baseline: nil,
                                          fired: result.rules.map { $0.state == .met }, credited: result.rules.map(\.credited),
                                          levelsMet: result.levels.map { $0.credited ? $0.met : 0 },
                                          gatedOff: !result.unmetRequirements.isEmpty, status: result.status, text: text))
                scores.append(result.score)
            }
            let tuning = QuestionTuning(question: question, answers: answers, folds: 2, step: nil, margin: 0.02)
            let author = tuning.problem.authorModel
            for index in answers.indices {
                #expect(abs(tuning.problem.predict(index, author) - scores[index]) < 1e-9,
                        "\(question.id): \(answers[index].text) scores \(scores[index]), the author's model \(tuning.problem.predict(index, author))")
            }
        }
    }
}

/// `--suggest` never proposes a word a matcher of the question already looks for, wherever it is written.
@Suite("tune suggestions: words the rubric uses")
struct RubricWordsTests {
    @Test func wordsInsideNearDefinesSynonymsRegexAndPmatchCountAsUsed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rubric-words-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("r.xml").path
        try """
        <rubric id="w"><synonyms id="lock">mutex|semaphore</synonyms>
        <define id="colour"><keyword>crimson</keyword></define>
        <question id="q1" points="4"><prompt>Explain threads.</prompt><model-answer>Threads share memory.</model-answer>
          <criterion id="a" points="1"><near within="4"><keyword stem="yes">collector</keyword><keyword synonyms="lock">lock</keyword></near></criterion>
          <criterion id="b" points="1"><regex>\\bdeadlocks?\\b</regex></criterion>
          <criterion id="c" points="1"><pmatch><expression>match_w(starvation)</expression></pmatch></criterion>
          <criterion id="d" points="1"><use ref="colour"/></criterion>
        </question></rubric>
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let rubric = try RubricLoader.load(path: file)
        let stemmer = try Stemmer(language: "english")
        let words = RubricWords(rubric: rubric, stemmer: stemmer)
        for used in ["collectors", "semaphores", "mutex", "deadlock", "starvation", "crimson", "the lock held"] {
            #expect(words.overlaps(used, question: "q1", stemmer: stemmer), "\(used)")
        }
        // The prompt and model answer are not matchers: their words may still be suggested.
        for free in ["memory", "threads share", "scheduler", "match"] {
            #expect(!words.overlaps(free, question: "q1", stemmer: stemmer), "\(free)")
        }
    }
}

/// An answer no person graded is scored by the rules-alone model fitted on every graded answer:
/// the same features give the same score as that model gives a graded answer, and an answer the
/// weights cannot move (missing) keeps the rubric's score.
@Suite("tune model: ungraded answers")
struct UngradedPredictionTests {
    @Test func anUngradedAnswerGetsTheFinalModelsScoreOfItsFeatures() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../EndToEndTests/Fixtures/shapes/rubric.xml").standardizedFileURL.path
        let rubric = try RubricLoader.load(path: file)
        let question = rubric.questions[0]
        let words = ["atria", "ventricles", "valves", "aorta", "red", "visible", "contrast", "heat", "vapour"]
        func answer(_ mask: Int, human: Double?, status: QuestionResult.Status? = nil) throws -> TuneAnswer {
            let text = words.indices.filter { mask & (1 << $0) != 0 }.map { words[$0] }.joined(separator: " and ")
            let result = try TestSupport.grade(question, in: rubric, text)
            return TuneAnswer(candidate: "c\(mask)", question: 0, human: human ?? .nan,
                              machine: status == .missing ? 0 : result.score, baseline: nil,
                              fired: result.rules.map { $0.state == .met }, credited: result.rules.map(\.credited),
                              levelsMet: result.levels.map { $0.credited ? $0.met : 0 },
                              gatedOff: !result.unmetRequirements.isEmpty, status: status ?? result.status, text: text)
        }
        // A lenient marker: a point above the rubric, up to the question's maximum.
        let graded = try (1..<(1 << words.count)).filter { $0 % 5 == 0 }.map { mask in
            let machine = try answer(mask, human: 0).machine
            return try answer(mask, human: min(question.points, machine + 1))
        }
        let tuning = QuestionTuning(question: question, answers: graded, folds: 3, step: nil, margin: 0.02)
        let model = try #require(tuning.rulesModel)
        let ungraded = try graded.prefix(6).map { try answer(Int($0.candidate.dropFirst())!, human: nil) }
        let predicted = try #require(tuning.predictions(ofUngraded: ungraded, question: question))
        for index in ungraded.indices {
            #expect(abs(predicted[index] - tuning.problem.predict(index, model)) < 1e-9)
        }
        #expect(zip(predicted, ungraded).contains { abs($0 - $1.machine) > 1e-9 }, "the fit learned nothing from the lenient marker")
        let missing = try answer(5, human: nil, status: .missing)
        #expect(tuning.predictions(ofUngraded: [missing], question: question) == [0])
    }
}
