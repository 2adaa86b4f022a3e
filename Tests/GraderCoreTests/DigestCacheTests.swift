import Foundation
@testable import GraderCohort
@testable import GraderFoundation
@testable import GraderModeration
@testable import GraderReports
import Testing

/// The digest cache (`DigestCache`, `CachedCandidate`) settles a re-run's unchanged candidates
/// without parsing their reports: a record must come back exactly as it went in (or the cohort
/// files of a re-run would differ from a first run's), and a damaged file must cost only speed.
@Suite("digest cache")
struct DigestCacheTests {
    static let rubric = RubricIdentity(id: "r", version: nil, title: "R \"quoted\"", sha256: String(repeating: "d", count: 64))

    static func cached(_ id: String, moderated: Bool = false) -> CachedCandidate {
        let all: [UInt32] = [3, 9, 27, 81, 243, 729]
        let answered = QuestionDigest(id: "q1", status: .answered, score: 2.5, maxPoints: 4, words: 12, readingEase: 61.25,
                                      rules: [RuleDigest(id: "c", kind: .criterion, points: 3, met: true, awarded: 2.5),
                                              RuleDigest(id: "e", kind: .element, points: 1, met: false, awarded: 0),
                                              RuleDigest(id: "p", kind: .penalty, points: 1, met: false, awarded: 0)],
                                      ranks: [9, 81, 729])
        var first = answered
        first.countedInFrequency = true
        first.review = ReviewRecord(status: .answered, hasText: true, score: 2.5, maxPoints: 4, words: 12, promptOverlap: 0.25,
                                    moderated: moderated, answerSHA256: String(repeating: "a", count: 64),
                                    rules: [ReviewRecord.Rule(status: .met, credited: true, awarded: 2.5, notEvaluated: nil),
                                            ReviewRecord.Rule(status: .notEvaluated, credited: false, awarded: 0, notEvaluated: "regex timed out"),
                                            ReviewRecord.Rule(status: .unmet, credited: false, awarded: 0, notEvaluated: nil)],
                                    definesMet: [true, false], facts: AnswerFacts(wordsKey: 42, ranks: all, modelStems: [1, 4]))
        // A missing answer (no rules, no ranks) and one whose ranks are not within its review's (stored as a list).
        var missing = QuestionDigest(id: "q2", status: .missing, score: 0, maxPoints: 2, words: 0, readingEase: 0, rules: [], ranks: [])
        missing.review = ReviewRecord(status: .missing, hasText: false, score: 0, maxPoints: 2, words: 0, promptOverlap: 0, moderated: false,
                                      answerSHA256: String(repeating: "b", count: 64), rules: [], definesMet: [], facts: .none)
        var odd = answered
        odd.countedInFrequency = true
        odd.review = first.review.map { review in
            var review = review
            review.facts = AnswerFacts(wordsKey: 7, ranks: [1, 2], modelStems: [])
            return review
        }
        let digest = CandidateDigest(id: id, name: "Zoë", email: nil, source: "\(id).md", rubric: rubric, total: 5, maxPoints: 10,
                                     warnings: 1, questions: [first, missing, odd], file: "\(id).xml")
        return CachedCandidate(digest: digest, submissionSHA256: String(repeating: "5", count: 64), reportSHA256: Array(0..<32),
                               holdsDecision: moderated, answers: 2, bytes: 345,
                               warnings: [Diagnostic(.warning, file: "\(id).md", line: 3, question: "q1", "odd <text> & more"),
                                          Diagnostic(.warning, file: "\(id).md", line: nil, question: nil, "whole file")],
                               moderation: ModerationFacts(answers: moderated ? [ModeratedAnswer(candidate: id, question: 0, automatic: 2.5, moderated: 3)] : [],
                                                           stale: moderated ? 1 : 0))
    }

    @Test func aRecordNamesItsReportByNameNotByTheFolderItWasIn() throws {
        var record = Self.cached("c1")
        record.digest = record.digest.reported(in: "/somewhere/reports/candidates/c1.xml")
        #expect(CachedCandidate.decode(record.encoded()) == Self.cached("c1"))
    }

    @Test func aRecordComesBackExactlyAsItWentIn() throws {
        for moderated in [false, true] {
            let record = Self.cached("c1", moderated: moderated)
            let decoded = try #require(CachedCandidate.decode(record.encoded()))
            #expect(decoded == record)
            #expect(decoded.encoded() == record.encoded())
        }
    }

    @Test func theCohortRanksAreAMaskOverTheReviewRanksOnlyWhenTheyLieWithinThem() {
        #expect(CachedCandidate.mask([9, 81, 729], within: [3, 9, 27, 81, 243, 729]) == [0b0010_1010])
        #expect(CachedCandidate.mask([], within: [3, 9]) == [0])
        #expect(CachedCandidate.mask([10], within: [3, 9, 27]) == nil)
        #expect(CachedCandidate.mask([3, 5], within: [3, 9]) == nil)
    }

    @Test func aCutOrDamagedRecordIsNotMistakenForOne() {
        let bytes = Self.cached("c1", moderated: true).encoded()
        for length in [0, 1, 10, bytes.count / 2, bytes.count - 1] {
            #expect(CachedCandidate.decode(Array(bytes.prefix(length))) == nil, "cut at \(length)")
        }
        #expect(CachedCandidate.decode(bytes + [0]) == nil)
    }

    func inFolder(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("grader-cache-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    /// The cache of a store whose candidates were appended out of order, one without a record.
    func writeCache(in folder: String) throws -> String {
        let writer = try DigestWriter(in: folder)
        for id in ["c3", "c1", "c2"] {
            let record = Self.cached(id)
            try writer.append(record.digest, cacheRecord: id == "c2" ? nil : record.encoded())
        }
        let path = Path.join(folder, DigestCache.fileName(shard: nil))
        try DigestCache.write(try writer.seal(), rubricSHA256: Self.rubric.sha256, to: path)
        return path
    }

    @Test func theFileHoldsEachRecordByIdAndOnlyForItsRubric() throws {
        try inFolder { folder in
            let path = try writeCache(in: folder)
            let cache = try #require(DigestCache(path: path, rubricSHA256: Self.rubric.sha256))
            #expect(cache.candidate("c1")?.record == Self.cached("c1"))
            #expect(cache.candidate("c3")?.record == Self.cached("c3"))
            // The bytes come back as stored: a run that keeps the candidate stores them again as they are.
            #expect(cache.candidate("c1")?.bytes == Self.cached("c1").encoded())
            #expect(cache.candidate("c2") == nil)
            #expect(cache.candidate("c4") == nil)
            #expect(DigestCache(path: path, rubricSHA256: String(repeating: "e", count: 64)) == nil)
            #expect(DigestCache(path: Path.join(folder, "none.bin"), rubricSHA256: Self.rubric.sha256) == nil)
            #expect(DigestCache.fileName(shard: (2, 5)) == "digests-2-of-5.bin")
        }
    }

    @Test func aDamagedFileGivesNoRecordItDidNotHold() throws {
        try inFolder { folder in
            let path = try writeCache(in: folder)
            let good = try FileSystem.read(path)
            for length in stride(from: 0, to: good.count, by: max(1, good.count / 40)) {
                try AtomicFile.write(Array(good.prefix(length)), to: path)
                let cache = DigestCache(path: path, rubricSHA256: Self.rubric.sha256)
                for id in ["c1", "c3"] {
                    let record = cache?.candidate(id)?.record
                    #expect(record == nil || record == Self.cached(id), "cut at \(length)")
                }
            }
            var flipped = good
            for offset in stride(from: 40, to: good.count, by: 53) { flipped[offset] ^= 0x5A }
            try AtomicFile.write(flipped, to: path)
            // A flipped byte inside a record could still decode (a score changed): its hash in the table keeps it out.
            let cache = DigestCache(path: path, rubricSHA256: Self.rubric.sha256)
            for id in ["c1", "c3"] {
                let record = cache?.candidate(id)?.record
                #expect(record == nil || record == Self.cached(id))
            }
        }
    }
}

