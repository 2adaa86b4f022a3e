import Foundation
@testable import GraderCohort
@testable import GraderFoundation
@testable import GraderReports
import Testing

/// The review index keeps a question's near-duplicate groups from the index it replaces when that
/// question's answers are what they were (`CarriedGroups`): the file must be the same bytes either
/// way, groups must be searched again for a question whose answers changed, and an old file that
/// cannot be trusted must only cost the search, never change the result.
@Suite("review index: groups carried from the index before")
struct CarriedGroupsTests {
    static let rubric = RubricIdentity(id: "r", version: "1", title: "R", sha256: String(repeating: "c", count: 64))

    /// Ranks of an answer: `base` shared by its family, `own` its own; families 0 and 1 are near-duplicates within.
    static func ranks(family: UInt32, variant: UInt32) -> [UInt32] {
        let shared = (0..<40).map { family * 10_000 + UInt32($0) }
        return (shared + [family * 10_000 + 5_000 + variant]).sorted()
    }

    static func digest(_ number: Int, family: [UInt32], edited: Bool = false) -> CandidateDigest {
        let id = String(format: "c%02d", number)
        let questions = family.enumerated().map { index, family in
            let ranks = edited && index == 1 ? (0..<41).map { 900_000 + UInt32($0) } : Self.ranks(family: family, variant: UInt32(number))
            var question = QuestionDigest(id: "q\(index + 1)", status: .answered, score: 1, maxPoints: 2, words: 40, readingEase: 50,
                                          rules: [RuleDigest(id: "c", kind: .criterion, points: 2, met: true, awarded: 1)], ranks: ranks)
            question.review = ReviewRecord(status: .answered, hasText: true, score: 1, maxPoints: 2, words: 40, promptOverlap: 0,
                                           moderated: false, answerSHA256: String(repeating: "0", count: 64),
                                           rules: [ReviewRecord.Rule(status: .met, credited: true, awarded: 1, notEvaluated: nil)],
                                           definesMet: [], facts: AnswerFacts(wordsKey: UInt64(number * 100 + index),
                                                                              ranks: ranks, modelStems: []))
            return question
        }
        return CandidateDigest(id: id, name: nil, email: nil, source: "\(id).md", rubric: rubric, total: 2, maxPoints: 4,
                               warnings: 0, questions: questions, file: "\(id).xml")
    }

    /// Writes the index of `digests` into `folder` (over whatever index is there); returns the questions carried.
    static func writeIndex(_ digests: [CandidateDigest], in folder: String) throws -> Int {
        let writer = try DigestWriter(in: folder)
        for digest in digests { try writer.append(digest) }
        let store = try writer.seal()
        return try ReviewIndex.write(store, rubricSHA256: rubric.sha256, to: Path.join(folder, ReviewIndex.fileName))
    }

    static func cohort(editing: Bool = false) -> [CandidateDigest] {
        (1...30).map { number in
            digest(number, family: [UInt32(number % 3), UInt32(number % 2)], edited: editing && number == 7)
        }
    }

    func inFolder(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("grader-carried-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    @Test func unchangedQuestionsKeepTheirGroupsAndTheFileIsTheSameBytes() throws {
        try inFolder { folder in
            let path = Path.join(folder, ReviewIndex.fileName)
            #expect(try Self.writeIndex(Self.cohort(), in: folder) == 0)
            let first = try FileSystem.read(path)
            #expect(try Self.writeIndex(Self.cohort(), in: folder) == 2)
            #expect(try FileSystem.read(path) == first)
            // The groups are there to carry: families make groups of two or more in both questions.
            let index = try #require(try ReviewIndex.read(path))
            #expect(index.questions.allSatisfy { $0.records.contains { $0.record.group > 0 } })
        }
    }

    @Test func aQuestionWhoseAnswersChangedIsSearchedAgainAndMatchesAFreshIndex() throws {
        var carried: [UInt8] = [], fresh: [UInt8] = []
        try inFolder { folder in
            _ = try Self.writeIndex(Self.cohort(), in: folder)
            // One answer to q2 edited: q1 is carried, q2 searched.
            #expect(try Self.writeIndex(Self.cohort(editing: true), in: folder) == 1)
            carried = try FileSystem.read(Path.join(folder, ReviewIndex.fileName))
        }
        try inFolder { folder in
            #expect(try Self.writeIndex(Self.cohort(editing: true), in: folder) == 0)
            fresh = try FileSystem.read(Path.join(folder, ReviewIndex.fileName))
        }
        // The bytes are a fresh index's.
        #expect(!carried.isEmpty && carried == fresh)
    }

    @Test func anOldIndexThatCannotBeTrustedCostsTheSearchNotTheResult() throws {
        try inFolder { folder in
            let path = Path.join(folder, ReviewIndex.fileName)
            _ = try Self.writeIndex(Self.cohort(), in: folder)
            let good = try FileSystem.read(path)
            // Cut short, bytes flipped after the header, another version, garbage: nothing carried, the same file written.
            var flipped = good
            for offset in stride(from: good.count / 2, to: good.count, by: 97) { flipped[offset] ^= 0xFF }
            var otherVersion = good
            otherVersion[ReviewIndex.magic.count] &+= 1
            for damaged in [Array(good.prefix(good.count / 3)), flipped, otherVersion, Array("not an index".utf8)] {
                try AtomicFile.write(damaged, to: path)
                let carried = try Self.writeIndex(Self.cohort(), in: folder)
                #expect(carried == 0 || damaged == flipped)
                #expect(try FileSystem.read(path) == good)
            }
        }
    }
}
