@testable import GraderCohort
@testable import GraderFoundation
@testable import GraderWorkflows
import Testing

/// Worked example: four candidates, three questions (max 2, 2, 4).
///   A = [2, 1, 0, 1], B = [2, 2, 1, 0], C = [4, 2, 2, 0]; totals T = [8, 5, 3, 1].
///   Sample variances: A 2/3, B 2.75/3 = 0.91667, C 8/3, T 26.75/3 = 8.91667.
///   alpha = 3/2 · (1 − (2/3 + 0.91667 + 8/3) / 8.91667) = 1.5 · (1 − 4.25/8.91667) = 0.78505.
///   Without A: B + C = [6, 4, 3, 0], variance 18.75/3 = 6.25, alpha = 2 · (1 − 3.58333/6.25) = 0.85333.
///   Item-rest r of A: A against T − A = [6, 4, 3, 0]: Sxy = 3, Sxx = 2, Syy = 18.75, r = 3/√37.5 = 0.48990.
///   Upper-lower with n = 4: groups of round(0.27 · 4) = 1; C: (4 − 0)/4 = 1; A: (2 − 1)/2 = 0.5.
@Suite("cohort statistics")
struct CohortStatisticsTests {
    let a: [Double] = [2, 1, 0, 1], b: [Double] = [2, 2, 1, 0], c: [Double] = [4, 2, 2, 0]
    var totals: [Double] { zip(zip(a, b), c).map { $0.0 + $0.1 + $1 } }

    @Test func descriptiveStatisticsOfAWorkedExample() {
        // 2 4 4 4 5 5 7 9: mean 5, squares of deviations sum to 32, sd = √(32/7) = 2.13809;
        // median (4 + 5)/2 = 4.5; Q1 at rank 1.75: 4 + 0.75 · 0 = 4; Q3 at rank 5.25: 5 + 0.25 · (7 − 5) = 5.5.
        let d = Descriptive([9, 4, 5, 4, 2, 7, 4, 5])
        #expect(d.count == 8)
        #expect(d.mean == 5)
        #expect(abs(d.sd - 2.13809) < 1e-5)
        #expect(d.median == 4.5)
        #expect(d.q1 == 4)
        #expect(d.q3 == 5.5)
        #expect(d.min == 2 && d.max == 9)
        #expect(Descriptive([]) == .empty)
        #expect(Descriptive([3]).sd == 0)
    }

    @Test func cronbachAlphaAndAlphaIfDeleted() throws {
        let alpha = try #require(ItemAnalysis.cronbachAlpha([a, b, c]))
        #expect(abs(alpha - 0.78505) < 1e-5)
        let deleted = ItemAnalysis.alphaIfDeleted([a, b, c])
        #expect(abs(try #require(deleted[0]) - 0.85333) < 1e-5)
        #expect(abs(try #require(deleted[1]) - 0.57143) < 1e-5)   // A + C = [6, 3, 2, 1]: var 14/3; 2 · (1 − (2/3 + 8/3)/(14/3)) = 4/7
        #expect(abs(try #require(deleted[2]) - 0.59259) < 1e-5)   // A + B = [4, 3, 1, 1]: var 6.75/3; 2 · (1 − 1.58333/2.25) = 16/27
    }

    @Test func correctedItemTotalCorrelation() throws {
        #expect(abs(try #require(ItemAnalysis.itemRestCorrelation(item: a, totals: totals)) - 0.48990) < 1e-5)
        #expect(abs(try #require(ItemAnalysis.itemRestCorrelation(item: c, totals: totals)) - 0.81650) < 1e-5)
        #expect(ItemAnalysis.pearson([1, 1, 1], [1, 2, 3]) == nil)
    }

    @Test func upperLowerIndexUsesTheTopAndBottom27Percent() {
        let order = [0, 1, 2, 3]   // totals 8, 5, 3, 1: already best first
        #expect(ItemAnalysis.extremeGroupSize(4) == 1)
        #expect(ItemAnalysis.extremeGroupSize(100) == 27)
        #expect(ItemAnalysis.upperLowerIndex(a, order: order, maximum: 2) == 0.5)
        #expect(ItemAnalysis.upperLowerIndex(c, order: order, maximum: 4) == 1)
    }

    @Test func passMarkParsesPointsAndPercentages() {
        #expect(CohortOptions.PassMark("50%") == .percent(50))
        #expect(CohortOptions.PassMark("12.5") == .points(12.5))
        #expect(CohortOptions.PassMark("150%") == nil)
        #expect(CohortOptions.PassMark("half") == nil)
        #expect(CohortOptions.PassMark("40%")?.points(of: 20) == 8)
    }

    @Test func shardsAreStableAndCoverEveryIdOnce() throws {
        #expect(Shard("0/2") == nil && Shard("3/2") == nil && Shard("2") == nil)
        let shards = try (1...3).map { try #require(Shard("\($0)/3")) }
        let ids = (1...300).map { "c\($0)" }
        for id in ids { #expect(shards.filter { $0.contains(id) }.count == 1) }
        // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c: fixed across machines and runs.
        #expect(Shard.fnv1a("a") == 0xAF63_DC4C_8601_EC8C)
        #expect(shards.allSatisfy { shard in ids.filter { shard.contains($0) }.count > 60 })
    }
}
