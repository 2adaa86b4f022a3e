import Foundation
@testable import GraderCohort
@testable import GraderFoundation
@testable import GraderReports
import Testing

/// The cohort's digests live on disk (`DigestWriter`) so memory stays flat; these tests
/// check that what comes back is what went in, and that the statistics computed from the
/// store equal the worked example of `CohortStatisticsTests`.
@Suite("digest store")
struct DigestStoreTests {
    static let rubric = RubricIdentity(id: "r", version: "1", title: "R", sha256: String(repeating: "a", count: 64))

    static func digest(_ id: String, scores: [Double], missing: Set<Int> = [], ranks: [UInt32] = [], rubric: RubricIdentity = rubric,
                       name: String? = nil) -> CandidateDigest {
        let questions = scores.enumerated().map { index, score in
            let rules = missing.contains(index) ? [] : [
                RuleDigest(id: "c\(index)", kind: .criterion, points: 2, met: score > 0, awarded: score > 0 ? 2 : 0),
                RuleDigest(id: "p\(index)", kind: .penalty, points: 1, met: false, awarded: 0),
            ]
            return QuestionDigest(id: "q\(index + 1)", status: missing.contains(index) ? .missing : .answered, score: score,
                                  maxPoints: 4, words: missing.contains(index) ? 0 : 10 + index, readingEase: 50.5,
                                  rules: rules, ranks: missing.contains(index) ? [] : ranks)
        }
        return CandidateDigest(id: id, name: name, email: "\(id)@example.org", source: "\(id).md", rubric: rubric,
                               total: scores.reduce(0, +), maxPoints: 12, warnings: 1, questions: questions, file: "\(id).xml")
    }

    func withStore<T>(_ body: (DigestWriter, String) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("grader-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try body(try DigestWriter(in: folder), folder)
    }

    @Test func candidatesComeBackInIdOrderWithTheirNumbersAndTexts() throws {
        try withStore { store, _ in
            // Appended out of order, with a missing answer, a nil name and a non-ASCII one.
            try store.append(Self.digest("c2", scores: [2, 2, 1], missing: [2]))
            try store.append(Self.digest("c1", scores: [4, 0, 2], name: "Zoë \"Q\""))
            let store = try store.seal()
            #expect(store.count == 2)
            #expect(store.totals == [6, 5])
            let first = try store.candidate(at: 0), second = try store.candidate(at: 1)
            #expect(first.id == "c1" && first.name == "Zoë \"Q\"" && first.email == "c1@example.org" && first.file == "c1.xml")
            #expect(first.scores == [4, 0, 2] && first.answered == 3 && first.warnings == 1 && first.maxPoints == 12)
            #expect(second.name == nil && second.answered == 2)
            let column = try store.column(0)
            #expect(column.score == [4, 2] && column.words == [10, 10] && column.answered == [true, true])
            #expect(Array(column.met(rule: 0)) == [true, true] && Array(column.awarded(rule: 0)) == [2, 2])
            let third = try store.column(2)
            #expect(third.answered == [true, false] && Array(third.awarded(rule: 0)) == [2, 0])
        }
    }

    @Test func rulesAreLearntFromTheFirstAnswerThatHasThem() throws {
        // The first candidate (by id) did not answer q1: its rules still reach the statistics.
        try withStore { store, _ in
            try store.append(Self.digest("a", scores: [0, 1, 1], missing: [0]))
            try store.append(Self.digest("b", scores: [3, 1, 1]))
            let store = try store.seal()
            #expect(store.shape?.questions[0].rules.map(\.id) == ["c0", "p0"])
            let report = try CohortAnalysis.analyse(store, frequency: ShingleFrequency(questions: 3), options: CohortOptions(),
                                                    texts: { _ in [:] })
            #expect(report.questions[0].rules.map(\.id) == ["c0", "p0"])
            #expect(report.questions[0].rules[0].fired == 0.5)
        }
    }

    @Test func aReportOfAnotherRubricOrARepeatedIdIsRefused() throws {
        try withStore { store, _ in
            try store.append(Self.digest("a", scores: [1, 1, 1]))
            let other = RubricIdentity(id: "r", version: "2", title: nil, sha256: String(repeating: "b", count: 64))
            #expect(throws: InputError.self) { try store.append(Self.digest("b", scores: [1, 1, 1], rubric: other)) }
            try store.append(Self.digest("a", scores: [2, 2, 2]))
            #expect(throws: InputError.self) { try store.seal() }
        }
    }

    @Test func statisticsFromTheStoreMatchTheWorkedExample() throws {
        // CohortStatisticsTests' example: A = [2, 1, 0, 1], B = [2, 2, 1, 0], C = [4, 2, 2, 0].
        let rows: [[Double]] = [[2, 2, 4], [1, 2, 2], [0, 1, 2], [1, 0, 0]]
        try withStore { store, _ in
            for (index, scores) in rows.enumerated() { try store.append(Self.digest("c\(index)", scores: scores)) }
            let store = try store.seal()
            let reliability = try Reliability(store, items: 3)
            #expect(abs(try #require(reliability.alpha) - 0.78505) < 1e-5)
            #expect(abs(try #require(reliability.alphaIfDeleted(0)) - 0.85333) < 1e-5)
            #expect(abs(try #require(reliability.alphaIfDeleted(1)) - 0.57143) < 1e-5)
            #expect(abs(try #require(reliability.alphaIfDeleted(2)) - 0.59259) < 1e-5)
            let report = try CohortAnalysis.analyse(store, frequency: ShingleFrequency(questions: 3), options: CohortOptions(),
                                                    texts: { _ in [:] })
            #expect(abs(try #require(report.questions[0].itemRest) - 0.48990) < 1e-5)
            #expect(report.questions[2].upperLower == 1)
            #expect(try report.ranking.all().map(\.id) == ["c0", "c1", "c2", "c3"])
            #expect(report.answers == 12)
        }
    }

    @Test func sketchesAndRanksComeBackPerQuestion() throws {
        try withStore { store, _ in
            let ranks: [UInt32] = Array(stride(from: 10, to: 400, by: 2))   // 195 ranks, 97 of them multiples of 4
            try store.append(Self.digest("a", scores: [1, 1, 1], ranks: ranks))
            try store.append(Self.digest("b", scores: [1, 1, 1], missing: [1], ranks: ranks))
            let store = try store.seal()
            let sketches = try store.sketches(1) { $0 % 4 == 0 }
            #expect(sketches.sketch(0).count == MinHashSketch.size)
            #expect(sketches.sketch(0).allSatisfy { $0 % 4 == 0 } && sketches.sketch(0).first == 12)
            #expect(sketches.sketch(1).isEmpty && sketches.offsets[1] == -1)
            #expect(try store.ranks(1, at: sketches.offsets[0], length: Int(sketches.lengths[0])) == ranks)
        }
    }

    @Test func theWorkingFolderIsRemovedWithTheStore() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("grader-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let store = try DigestWriter(in: folder)
            try store.append(Self.digest("a", scores: [1, 1, 1]))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 1)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }
}
