import Foundation
@testable import GraderFoundation
@testable import GraderModeration
@testable import GraderWorkflows
import Testing

/// Every statistic of `grader tune` against a small example worked by hand.
@Suite("tune statistics")
struct TuneStatisticsTests {
    func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { TestSupport.close(a, b, tolerance) }

    @Test func agreementCountsExactAndAdjacentScoresAndMeanError() {
        // Pairs (h, m): (3,3) exact, (2,3) adjacent, (0,2) neither, (4,4.4) rounds to 4: exact.
        let agreement = Agreement(human: [3, 2, 0, 4], machine: [3, 3, 2, 4.4])
        #expect(agreement.exact == 0.5)
        #expect(agreement.adjacent == 0.75)
        // |0| + |1| + |2| + |0.4| = 3.4, over 4.
        #expect(close(agreement.meanAbsoluteError, 0.85))
    }

    @Test func pearsonOnAWorkedExample() {
        // x = 1,2,3,4; y = 2,4,5,4. Means 2.5 and 3.75; deviations x: -1.5 -0.5 0.5 1.5,
        // y: -1.75 0.25 1.25 0.25. Sxy = 2.625+(-0.125)+0.625+0.375 = 3.5; Sxx = 5; Syy = 4.75.
        // r = 3.5 / sqrt(5 * 4.75) = 3.5 / 4.873397 = 0.718185.
        #expect(close(Correlation.pearson([1, 2, 3, 4], [2, 4, 5, 4]), 0.718185, 1e-6))
        #expect(Correlation.pearson([1, 1, 1], [1, 2, 3]) == nil)
    }

    @Test func spearmanRanksTiesByTheirMean() {
        // y = 2,4,5,4 ranks as 1, 2.5, 4, 2.5; x ranks 1..4. Deviations of y ranks from 2.5:
        // -1.5 0 1.5 0 → Sxy = 2.25 + 0.75 = 3 (x dev -1.5 -0.5 0.5 1.5), Syy = 4.5, Sxx = 5.
        // rho = 3 / sqrt(22.5) = 0.632456.
        #expect(Correlation.ranks([2, 4, 5, 4]) == [1, 2.5, 4, 2.5])
        #expect(close(Correlation.spearman([1, 2, 3, 4], [2, 4, 5, 4]), 0.632456, 1e-6))
    }

    @Test func pointBiserialIsPearsonWithAZeroOneVariable() {
        // fired 1,1,0,0 vs scores 8,6,4,2: deviations 0.5 0.5 -0.5 -0.5 and 3 1 -1 -3;
        // Sxy = 1.5+0.5+0.5+1.5 = 4; Sxx = 1; Syy = 20; r = 4 / sqrt(20) = 0.894427.
        #expect(close(Correlation.pointBiserial([true, true, false, false], [8, 6, 4, 2]), 0.894427, 1e-6))
    }

    @Test func cohensKappaOnAKnownTable() {
        // Rows person, columns rubric: [[20, 5], [10, 15]], n = 50. po = 35/50 = 0.7.
        // Row sums 25, 25; column sums 30, 20: pe = (25*30 + 25*20)/2500 = 0.5. kappa = 0.2/0.5 = 0.4.
        let matrix = ConfusionMatrix(counts: [[20, 5], [10, 15]])
        #expect(close(matrix.cohensKappa, 0.4))
    }

    @Test func quadraticWeightedKappaOnASmallKnownMatrix() {
        // 3 categories, n = 10: [[2,1,0],[1,3,1],[0,1,1]]. Weights (i-j)²/4: 0.25 off by one, 1 off by two.
        // Observed: 4 cells off by one → 4 * 0.25 = 1.0.
        // Rows 3,5,2; columns 3,5,2. Expected E_ij = r_i c_j / 10:
        // off by one: (0,1) 1.5 (1,0) 1.5 (1,2) 1.0 (2,1) 1.0 → 5.0 * 0.25 = 1.25; off by two: (0,2) .6 (2,0) .6 → 1.2.
        // QWK = 1 - 1.0 / 2.45 = 0.591837.
        let matrix = ConfusionMatrix(counts: [[2, 1, 0], [1, 3, 1], [0, 1, 1]])
        #expect(close(matrix.quadraticWeightedKappa, 0.591837, 1e-6))
        #expect(close(ConfusionMatrix(counts: [[3, 0], [0, 2]]).quadraticWeightedKappa, 1))
    }

    @Test func confusionMatrixRoundsScoresIntoWholePointCells() {
        let matrix = ConfusionMatrix(human: [0, 1, 2, 2], machine: [0.4, 1.6, 2, 7], scale: ScoreScale(lowest: 0, highest: 2, step: 1))
        #expect(matrix.counts == [[1, 0, 0], [0, 0, 1], [0, 0, 2]])
    }

    @Test func nnlsSolvesATinyExactSystem() {
        // [[1,0],[0,1],[1,1]] x = [1,2,3] has the exact solution x = (1, 2).
        let x = NonNegativeLeastSquares.solve(rows: [[1, 0], [0, 1], [1, 1]], target: [1, 2, 3])
        #expect(close(x[0], 1, 1e-9) && close(x[1], 2, 1e-9))
    }

    @Test func nnlsHoldsAWeightAtZeroWhenTheFreeFitIsNegative() {
        // Rows (1, k) for k = 1,2,3 against 3,2,1: the free fit is 4 - k (a negative slope).
        // With x2 = 0 the best x1 is the mean, 2; the gradient at (2, 0) in x2 is
        // 1(2-3) + 2(2-2) + 3(2-1) = 2 > 0, so x2 stays at 0: x = (2, 0).
        let x = NonNegativeLeastSquares.solve(rows: [[1, 1], [1, 2], [1, 3]], target: [3, 2, 1])
        #expect(close(x[0], 2, 1e-9) && x[1] == 0)
        let y = NonNegativeLeastSquares.solve(rows: [[1, 0], [0, 1]], target: [2, -1])
        #expect(close(y[0], 2, 1e-9) && y[1] == 0)
    }

    @Test func logOddsFavoursPhrasesOfHighScoredAnswers() {
        // In 8 of 10 high answers and 1 of 10 low: ln(8.5/2.5) - ln(1.5/9.5) = 1.223775 + 1.845827 = 3.069602.
        #expect(close(PhraseMining.logOdds(high: 8, highTotal: 10, low: 1, lowTotal: 10), 3.069602, 1e-6))
        #expect(PhraseMining.logOdds(high: 5, highTotal: 10, low: 5, lowTotal: 10) == 0)
        #expect(PhraseMining.overlaps(["weak", "reference"], ["a", "weak", "reference", "cycle"]))
        #expect(!PhraseMining.overlaps(["weak"], ["strong", "reference"]))
    }

    @Test func humanGradesReportBadCellsByRowAndColumn() throws {
        let rubric = try TestSupport.rubric(questions: """
        <question id="q1" points="4"><prompt>p</prompt><criterion id="c" points="4"><feedback>f</feedback><keyword>x</keyword></criterion></question>
        """)
        let (grades, problems) = HumanGrades.parse("id,name,q1,q9,q1.c,q1.nope\nann,Ann,3,,1,\nbob,,many,,2,\nann,,1,,,\ncat,,5,,,\n",
                                                   file: "g.csv", rubric: rubric)
        #expect(grades == nil)
        let described = problems.map(\.description)
        #expect(described.contains("g.csv:1:4: error: column 'q9' is not a question of rubric t (nor question.criterion)"))
        #expect(described.contains("g.csv:1:6: error: column 'q1.nope': question q1 has no criterion or penalty 'nope'"))
        #expect(described.contains("g.csv:3:3: error: 'many' is not a number (column q1)"))
        #expect(described.contains("g.csv:3:5: error: '2' is not a 0/1 mark (column q1.c)"))
        #expect(described.contains("g.csv:4:1: error: candidate 'ann' was already graded on row 2"))
        #expect(described.contains("g.csv:5:3: error: 5 is outside question q1's range 0–4"))
        let (good, none) = HumanGrades.parse("id,q1,q1.c\nann,3,1\nbob,,0\n", file: "g.csv", rubric: rubric)
        #expect(none.isEmpty)
        #expect(good?.scores["ann"]?["q1"] == 3 && good?.scores["bob"]?["q1"] == nil)
        #expect(good?.marks["bob"]?["q1.c"] == false)
    }
}
