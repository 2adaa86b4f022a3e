import Foundation
@testable import GraderEngine
import Testing

/// The pmatch matcher beyond OU's suite: parse errors and their positions, the rubric
/// element, evidence, and the bound on work for long answers.
@Suite struct PMatchMatcherTests {
    private func error(_ expression: String) -> PMatchSyntaxError? {
        do { _ = try PMatchExpression(expression); return nil } catch { return error }
    }

    @Test func aMissingBracketIsReportedWhereTheTextEnds() {
        let found = error("match_w(tom maud")
        #expect(found?.kind == .missingClosingBracket)
        #expect(found?.offset == 16)
    }

    @Test func illegalOptionsNameTheLetter() {
        let found = error("match_mz(tom)")
        #expect(found?.kind == .illegalOptions)
        #expect(found?.offset == 7)
    }

    @Test func aTrailingOrIsReportedAtTheBar() {
        let found = error("match(tom|)")
        #expect(found?.kind == .endsWithOr)
        #expect(found?.offset == 9)
    }

    @Test func aSpaceBeforeUnderscoreIsADanglingDelimiter() {
        #expect(error("match(tom _ maud)")?.kind == .endsWithDelimiter)
    }

    @Test func textAfterTheExpressionIsRejected() {
        let found = error("match(tom) x")
        #expect(found?.kind == .unrecognisedExpression)
        #expect(found?.offset == 11)
    }

    @Test func notMayNotHoldNot() {
        #expect(error("not(not(match(a)))")?.kind == .unrecognisedSubcontents)
    }

    @Test func evidenceIsTheWordsPlaced() throws {
        let expression = try PMatchExpression("match_mow(tom|thomas marr* maud)")
        let result = expression.match("Yesterday maud married thomas")
        #expect(result.matched)
        // maud 10..<14, married 15..<22, thomas 23..<29.
        #expect(result.ranges == [10..<14, 15..<22, 23..<29])
    }

    @Test func proximityBlocksAreOneRange() throws {
        let result = try PMatchExpression("match_w(tom_maud)").match("so tom married maud")
        #expect(result.ranges == [3..<19])
    }

    @Test func sixTermsOnTwoThousandWordsStayWithinAFixedNumberOfSteps() throws {
        let expression = try PMatchExpression("match_mow(alpha beta|bet gamma delta epsilon zeta*)")
        let filler = ["the", "water", "cycle", "moves", "heat", "around", "earth", "and", "ocean", "air"]
        var words = (0..<2_000).map { filler[$0 % filler.count] }
        for (index, word) in ["zetas", "delta", "alpah", "gamma", "beta", "epsilon"].enumerated() { words[index * 300 + 7] = word }
        let result = expression.match(words.joined(separator: " "))
        #expect(result.matched)
        // 6 blocks, 64 masks: n·(1 + B·E) transitions plus one word comparison per distinct word and term.
        #expect(result.steps < 2_000 * (1 + 6 * 2) + 6 * 16)
        let miss = expression.match(words.filter { $0 != "beta" }.joined(separator: " "))
        #expect(!miss.matched)
        #expect(miss.steps < 2_000 * (1 + 6 * 2) + 6 * 16)
    }

    @Test func stepsGrowLinearlyWithTheAnswer() throws {
        let expression = try PMatchExpression("match_ow(a_b [c d] e|f)")
        func steps(_ count: Int) -> Int {
            expression.match(Array(repeating: "a b c d e x", count: count / 6).joined(separator: " ")).steps
        }
        let small = steps(200), large = steps(2_000)
        #expect(large <= small * 12)
    }

    @Test func theRubricElementMatchesWithOUsOptions() throws {
        let matcher = """
        <pmatch ignore-case="yes"><synonym word="gc">collector</synonym>\
        <expression>match_mow(garbage gc)</expression></pmatch>
        """
        let hit = try TestSupport.match(matcher, "The Garbage collector frees cycles.")
        #expect(hit.met)
        #expect(hit.evidence == ["Garbage", "collector"])
        #expect(try !TestSupport.match(matcher, "The garbage truck.").met)
    }

    @Test func caseMattersByDefaultAsInOU() throws {
        #expect(try !TestSupport.match("<pmatch><expression>match(cat)</expression></pmatch>", "Cat").met)
    }

    @Test func aBadExpressionIsARubricErrorWithItsLine() {
        #expect {
            _ = try TestSupport.rubric(matcher: "<pmatch>\n<expression>match_mow(tom maud</expression></pmatch>")
        } throws: { error in
            let text = "\(error)"
            return text.contains("test.xml:4") && text.contains("missing closing bracket")
        }
    }
}

/// Inputs the fuzzer found, kept as regression tests: each file is the fuzzer's input
/// (the expression on the first line, the response after it), run as the fuzz target does.
@Suite("pmatch fuzz findings")
struct PMatchFuzzFindingTests {
    /// A word of a hundred `*` took more than 13 s per response before runs of `*` were collapsed.
    @Test func longRunsOfWildcardsStayCheap() throws {
        let bytes = try #require(FileManager.default.contents(atPath: TestSupport.fixture("pmatch/fuzz-timeout-wildcards.bin")))
        let text = String(decoding: bytes, as: UTF8.self)
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let started = ContinuousClock.now
        for ignoreCase in [false, true] {
            var options = PMatchOptions()
            options.ignoreCase = ignoreCase
            let expression = try PMatchExpression(String(parts[0]), options: options)
            _ = expression.match(String(parts[1]))
        }
        #expect(ContinuousClock.now - started < .seconds(2))
    }
}
