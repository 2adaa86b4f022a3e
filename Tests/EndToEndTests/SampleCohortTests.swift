import Foundation
import GraderCohort
import GraderEngine
import GraderFoundation
import GraderModeration
import GraderReports
import GraderWorkflows
import Testing

/// The bundled sample (`Submissions/`, written by scripts/make_sample_cohort.py) is a user's
/// first impression, so it must read like real candidates writing in their own words. These
/// test the sample, not the similarity detector: graded with the defaults, it shows the copies
/// planted in it (c021 took 14 answers of c014; yara-haddad reworded 5 of c025's) and hardly
/// anything else, and its human grades cover exactly the candidates it holds.
@Suite("the bundled sample cohort, end to end")
struct SampleCohortTests {
    static let submissions = GraderProcess.packageRoot.appendingPathComponent("Submissions").path
    static let rubrics = GraderProcess.packageRoot.appendingPathComponent("Rubrics").path
    static let humanGrades = GraderProcess.packageRoot.appendingPathComponent("Rubrics/python-interview.human-grades.csv").path

    /// The planted copies, as the candidate pairs cohort.xml names them.
    static let planted: [String: Int] = ["c014 c021": 14, "c025 yara-haddad": 5]
    /// Answer pairs that two honest candidates may reach by chance: "at most a handful".
    static let handful = 5


    @Test func similarAnswersAreThePlantedCopiesAndAHandfulMore() throws {
        let out = try Scratch()
        let run = try GraderProcess.run(["grade", Self.submissions, "--rubric", Self.rubrics, "--out", out.path])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let similar = try ReportDocuments.cohort(out.file("cohort.xml")).similar
        // The candidate pair ("first second") of each similar answer pair.
        let pairs = similar.pairs.map { "\($0.first) \($0.second)" }
        var perCandidatePair: [String: Int] = [:]
        for pair in pairs { perCandidatePair[pair, default: 0] += 1 }

        // The verbatim copy is found on nearly every copied answer; the reworded one on most.
        #expect(perCandidatePair["c014 c021", default: 0] >= 12, "\(perCandidatePair)")
        #expect(perCandidatePair["c025 yara-haddad", default: 0] >= 3, "\(perCandidatePair)")
        for (pair, copied) in Self.planted { #expect(perCandidatePair[pair, default: 0] <= copied, "\(pair)") }
        let others = pairs.filter { Self.planted[$0] == nil }
        #expect(others.count <= Self.handful, "similar answers of candidates who did not copy: \(others)")

        // The summary a new user reads says the same: the verbatim copy first.
        #expect(run.stderr.contains("Similar answers (≥ 0.5): \(pairs.count) answer pairs; strongest: c014 & c021 (\(perCandidatePair["c014 c021", default: 0]) questions)"),
                "stderr: \(run.stderr)")
        #expect(similar.pairsSimilar == pairs.count)
    }

    @Test func humanGradesCoverEveryCandidateOfTheSample() throws {
        let out = try Scratch()
        let run = try GraderProcess.run(["tune", Self.submissions, "--rubric", Self.rubrics, "--graded", Self.humanGrades, "--out", out.path])
        // Exit 0: no grade row without a submission, no bad cell; every answer compared.
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("Compared 1540 answers of 44 candidates with human grades"), "stdout: \(run.stdout)")
    }
}
