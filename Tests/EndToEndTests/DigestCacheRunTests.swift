import Foundation
@testable import GraderCohort
import GraderFoundation
import GraderReports
import Testing

/// `grade` settles a kept candidate from `digests.bin` when the record still vouches for its XML
/// report, and reads the report otherwise: the cache changes how fast a re-run is, never what it writes.
@Suite("digest cache, end to end")
struct DigestCacheRunTests {
    let incremental = IncrementalRunTests()

    /// The gradebook's total for `id` (the column before the maximum).
    func total(of id: String, in out: Scratch) throws -> String {
        let rows = try String(contentsOfFile: out.file("grades.csv"), encoding: .utf8).split(whereSeparator: \.isNewline)
        let row = try #require(rows.first { $0.hasPrefix(id + ",") })
        let cells = row.split(separator: ",", omittingEmptySubsequences: false)
        return String(cells[cells.count - 2])
    }

    /// Rewrites the folder's cache with `id`'s total set to `forged` (and every record's hash made anew).
    func forge(_ id: String, total forged: Double, in out: Scratch) throws {
        let report = try CandidateReportReader.read(bytes: try FileSystem.read(out.file("candidates/ann.xml")), file: "ann.xml")
        let rubricSHA256 = try #require(report.rubric?.sha256)
        let cache = try #require(DigestCache(path: out.file("digests.bin"), rubricSHA256: rubricSHA256))
        let work = try Scratch()
        let writer = try DigestWriter(in: work.path)
        for candidate in ["ann", "bob", "cara", "dan"] {
            var record = try #require(cache.candidate(candidate)).record
            let digest = record.digest
            if candidate == id {
                record.digest = CandidateDigest(id: digest.id, name: digest.name, email: digest.email, source: digest.source, rubric: digest.rubric,
                                                total: forged, maxPoints: digest.maxPoints, warnings: digest.warnings,
                                                questions: digest.questions, file: digest.file)
            }
            try writer.append(record.digest, cacheRecord: record.encoded())
        }
        try DigestCache.write(try writer.seal(), rubricSHA256: rubricSHA256, to: out.file("digests.bin"))
    }

    @Test func aKeptCandidateIsSettledFromItsRecordOnlyWhileItsReportIsTheOneRecorded() throws {
        let cohort = try incremental.editableCohort(), out = try Scratch()
        _ = try incremental.grade(cohort.path, into: out)
        let real = try total(of: "ann", in: out)
        // A forged record shows: the record was read, not the report.
        try forge("ann", total: 99, in: out)
        #expect(incremental.reused(try incremental.grade(cohort.path, into: out)) == 4)
        #expect(try total(of: "ann", in: out) == "99")
        // The report changed by one byte (still the same report to a reader): its record no longer vouches for it.
        let report = out.file("candidates/ann.xml")
        try (try FileSystem.read(report) + Array("\n".utf8)).withUnsafeBytes { try AtomicFile.write($0, to: report) }
        #expect(incremental.reused(try incremental.grade(cohort.path, into: out)) == 4)
        #expect(try total(of: "ann", in: out) == real)
    }

    @Test func aMissingCutOrForeignCacheChangesNothingARunWrites() throws {
        let cohort = try incremental.editableCohort(), out = try Scratch()
        _ = try incremental.grade(cohort.path, into: out)
        let good = try FileSystem.read(out.file("digests.bin"))
        let damaged: [[UInt8]?] = [nil, Array(good.prefix(good.count / 2)), Array(good.prefix(40)), Array("GRADER DIGEST CACHE\n".utf8) + [9, 9, 9, 9]]
        for bytes in damaged {
            if let bytes { try AtomicFile.write(bytes, to: out.file("digests.bin")) } else { try FileSystem.remove(out.file("digests.bin")) }
            #expect(incremental.reused(try incremental.grade(cohort.path, into: out)) == 4)
            try incremental.expectSameAsFromScratch(out, submissions: cohort.path)
        }
    }

    @Test func aShardKeepsItsOwnCacheAndTheMergedFolderGetsOne() throws {
        let shards = try Scratch(), merged = try Scratch()
        let cohort = GraderProcess.fixture("cohort")
        for shard in ["1/2", "2/2"] {
            _ = try incremental.grade(cohort, into: shards, ["--shard", shard])
        }
        #expect(FileSystem.exists(shards.file("digests-1-of-2.bin")) && FileSystem.exists(shards.file("digests-2-of-2.bin")))
        #expect(!FileSystem.exists(shards.file("digests.bin")))
        #expect(try GraderProcess.run(["cohort", shards.path, "--out", merged.path]).status == 0)
        let single = try Scratch()
        _ = try incremental.grade(cohort, into: single)
        #expect(try FileSystem.read(merged.file("digests.bin")) == (try FileSystem.read(single.file("digests.bin"))))
    }
}
