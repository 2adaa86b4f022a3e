import Foundation
@testable import GraderEngine
@testable import GraderFoundation
@testable import GraderWorkflows
import Testing

/// The suggestion learner's regularised fit and the guard of `--write-rubric`, on synthetic
/// questions whose human scores follow known rules (or none).
@Suite("tune learner and guard")
struct TuneLearnerTests {
    /// A 5-point question with two 2-point criteria, a and b.
    static let question: Question = {
        let xml = """
        <rubric id="g"><question id="q" points="5"><prompt>p</prompt>
        <criterion id="a" points="2"><keyword>alpha</keyword></criterion>
        <criterion id="b" points="2"><keyword>beta</keyword></criterion>
        </question></rubric>
        """
        return try! RubricLoader.load(bytes: Array(xml.utf8), file: "g.xml").questions[0]
    }()

    /// `n` answers whose criteria fire in a fixed pseudo-random pattern (seed `seed`), scored by
    /// the author as 2a + 2b and by people as `human(a, b, index)`.
    static func answers(_ n: Int, seed: UInt64, human: (Bool, Bool, Int) -> Double) -> [TuneAnswer] {
        var random = SplitMix64(seed: seed)
        return (0..<n).map { index in
            let a = random.next() % 2 == 0, b = random.next() % 3 != 0
            return TuneAnswer(candidate: "c\(seed)-\(index)", question: 0, human: human(a, b, index),
                              machine: (a ? 2 : 0) + (b ? 2 : 0), baseline: nil, fired: [a, b], credited: [a, b],
                              levelsMet: [], gatedOff: false, status: .answered, text: "")
        }
    }

    @Test func shuffledHumanScoresAreNeverWrittenAtThirtyAnswers() {
        // The people's scores are the author's own, shuffled across answers: the rubric's rules say
        // nothing about them, so any "gain" is noise. Ten different shuffles; none may be written.
        for seed in UInt64(1)...10 {
            let plain = Self.answers(30, seed: seed) { a, b, _ in (a ? 2 : 0) + (b ? 2 : 0) }
            var order = Array(plain.indices)
            var random = SplitMix64(seed: seed &* 7919)
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(random.next() % UInt64(i + 1))) }
            let shuffled = plain.indices.map { index in
                let answer = plain[index]
                return TuneAnswer(candidate: answer.candidate, question: 0, human: plain[order[index]].machine, machine: answer.machine,
                                  baseline: nil, fired: answer.fired, credited: answer.credited, levelsMet: [], gatedOff: false,
                                  status: .answered, text: "")
            }
            let tuning = QuestionTuning(question: Self.question, answers: shuffled, folds: 5, step: nil, margin: 0.02)
            let decision = tuning.fit?.decision
            #expect(decision?.written == false, "shuffle \(seed): \(decision?.reason ?? "no fit")")
        }
    }

    @Test func aLenientMarkerIsWrittenAtThirtyAnswers() {
        // People give every answer one point more than the author: a clear effect, written at 30 answers.
        let lenient = Self.answers(30, seed: 3) { a, b, _ in 1 + (a ? 2 : 0) + (b ? 2 : 0) }
        let tuning = QuestionTuning(question: Self.question, answers: lenient, folds: 5, step: nil, margin: 0.02)
        #expect(tuning.fit?.decision.written == true, "\(tuning.fit?.decision.reason ?? "no fit")")
        #expect(tuning.fit?.base == 1)
    }

    @Test func wrongWeightsAreWrittenAtSixtyAnswers() {
        // People give a 3 points and b 1; the author 2 and 2: held out, the tuned weights win.
        let answers = Self.answers(60, seed: 5) { a, b, _ in (a ? 3 : 0) + (b ? 1 : 0) }
        let tuning = QuestionTuning(question: Self.question, answers: answers, folds: 5, step: nil, margin: 0.02)
        #expect(tuning.fit?.decision.written == true, "\(tuning.fit?.decision.reason ?? "no fit")")
    }

    @Test func theFitRecoversAPlantedPhraseAndAPlantedPenalty() throws {
        // 80 answers of a 4-point question with one 1-point rule. People give 1 for the rule, 2 for
        // a phrase the rubric misses, and take 2 off for a phrase of wrong answers; ten more
        // columns fire at random. The learner must take exactly the two planted ones, each on its side.
        var random = SplitMix64(seed: 42)
        let n = 80
        var rows: [[Double]] = [], target: [Double] = []
        var planted = Array(repeating: 0.0, count: n), wrong = Array(repeating: 0.0, count: n)
        var noise = Array(repeating: Array(repeating: 0.0, count: n), count: 10)
        for index in 0..<n {
            let rule = Double(random.next() % 2)
            planted[index] = random.next() % 2 == 0 ? 1 : 0
            wrong[index] = random.next() % 3 == 0 ? 1 : 0
            for column in noise.indices { noise[column][index] = random.next() % 3 == 0 ? 1 : 0 }
            rows.append([rule])
            target.append(min(4, max(0, 1 + rule + 2 * planted[index] - 2 * wrong[index])))
        }
        let problem = FitProblem(rows: rows, target: target, fixed: Array(repeating: nil, count: n), prior: [1],
                                 ridgeLimit: [.infinity], priorBase: 0, authorBands: [], floor: 0, points: 4,
                                 scale: ScoreScale(lowest: 0, highest: 4, step: 1), step: 0.1)
        let columns = [noise[0], noise[1], wrong] + Array(noise[2...]) + [planted]
        let learner = SuggestionLearner(columns: columns, costs: columns.map { _ in 1 }, limit: 5)
        let fold = ModelSelection.folds(keys: (0..<n).map { "c\($0)" }, target: target, k: 5)
        let chosen = learner.selectOnAll(problem, fold: fold, settings: FitSettings(ridge: 1e6, mapping: .author))
        #expect(Set(chosen.map(\.candidate)) == [2, columns.count - 1], "\(chosen)")
        #expect(chosen.first { $0.candidate == 2 }?.isPenalty == true)
        #expect(chosen.first { $0.candidate == columns.count - 1 }?.isPenalty == false)
        // Fitted as features, each is worth well over a point (2 planted; the clamp at 0 and the light
        // pull toward 0 of a suggestion's weight take some off).
        let extended = learner.problem(problem, with: chosen)
        let model = ScoreFit.fit(extended, on: Array(0..<n), settings: FitSettings(ridge: 1e6, mapping: .author))
        for (position, choice) in chosen.enumerated() {
            #expect(model.weights[1 + position] > 1 && model.weights[1 + position] <= 2.5, "\(choice): \(model.weights)")
        }
    }

    @Test func coordinateDescentMatchesTheClosedFormOnOneFeature() {
        // One candidate: ½gw² − cw + λw, w ≥ 0 → w = max(0, (c − λ)/g).
        let system = CoordinateDescent.System(gram: [4], moment: [10], ridge: [0], prior: [0], cost: [1])
        #expect(abs(CoordinateDescent.solve(system, lambda: 2, start: [0])[0] - 2) < 1e-9)
        #expect(CoordinateDescent.solve(system, lambda: 12, start: [0])[0] == 0)
        #expect(abs(CoordinateDescent.lambdaMax(system, start: [0]) - 10) < 1e-12)
        // A rule: ridge ρ toward its prior w₀, no L1: w = (c + ρw₀)/(g + ρ) = (10 + 4·1)/(4 + 4).
        let rule = CoordinateDescent.System(gram: [4], moment: [10], ridge: [4], prior: [1], cost: [0])
        #expect(abs(CoordinateDescent.solve(rule, lambda: 100, start: [0])[0] - 1.75) < 1e-9)
    }
}
