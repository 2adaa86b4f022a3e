import Foundation
import GraderEngine
import Testing

@Suite("grader tune, end to end")
struct TuneCommandTests {
    let rubric = GraderProcess.fixture("rubric.xml")
    let cohort = GraderProcess.fixture("cohort")
    let grades = GraderProcess.fixture("tune/human-grades.csv")

    @Test func writesTheReportsAndNamesTheUnknownCandidate() throws {
        let out = try Scratch()
        let run = try GraderProcess.run(["tune", cohort, "--rubric", rubric, "--graded", grades, "--out", out.path])
        // zed has grades but no submission: reported with its row, left out, exit 1.
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("human-grades.csv:6:1: warning: no submission in \(cohort) has the id 'zed'"))
        #expect(run.stdout.contains("Compared 12 answers of 4 candidates with human grades"))
        let tune = try ReportDocuments.tune(out.file("tune.xml"))
        // q1: rubric 10, 2, 10, 0 against people 9, 3, 10, 0: exact for cara and dan only.
        let q1 = try #require(tune.questions.first { $0.id == "q1" })
        #expect(q1.points == 10)
        #expect(q1.current.count == 4 && q1.current.exact == 0.5 && q1.current.adjacent == 1 && q1.current.meanAbsoluteError == 0.5)
        // q3: rubric 4, 0, 0, 4 and people the same: full agreement.
        let q3 = try #require(tune.questions.first { $0.id == "q3" }?.current)
        #expect(q3.count == 4 && q3.exact == 1 && q3.adjacent == 1 && q3.meanAbsoluteError == 0)
        // refcount fired for ann, bob (by typo) and cara, as the people marked it; dan was marked 0.
        let refcount = try #require(q1.rules.first { $0.id == "refcount" })
        #expect(refcount.humanMarked == 4 && refcount.precision == 1 && refcount.recall == 1)
        let html = try String(contentsOfFile: out.file("tune.html"), encoding: .utf8)
        #expect(html.contains("Content-Security-Policy"))
        #expect(html.contains("<svg"))
        #expect(!html.contains("<script"))
        #expect(!FileManager.default.fileExists(atPath: out.file("candidates")))
    }

    @Test func writesATunedRubricAndNeverTouchesTheInput() throws {
        let out = try Scratch()
        let before = try Data(contentsOf: URL(fileURLWithPath: rubric))
        let tuned = out.file("tuned.xml")
        let run = try GraderProcess.run(["tune", cohort, "--rubric", rubric, "--graded", grades, "--out", out.path,
                                         "--write-rubric", tuned, "--baseline", rubric])
        #expect(run.status == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: rubric)) == before)
        let loaded = try RubricLoader.load(path: tuned)
        #expect(loaded.questions.count == 3)
        #expect(run.stdout.contains("0 candidates' totals changed"))
        let refused = try GraderProcess.run(["tune", cohort, "--rubric", rubric, "--graded", grades, "--write-rubric", rubric])
        #expect(refused.status == 2)
    }

    /// Phrase tallies once depended on which worker graded which answer (a worker dropped the
    /// phrases it saw only in low-scored answers before the merge), so tune.xml changed with --jobs.
    @Test func theSampleTunesToTheSameBytesWhateverTheJobs() throws {
        let root = GraderProcess.packageRoot
        var outputs: [[String: Data]] = []
        for jobs in ["1", "2"] {
            let out = try Scratch()
            let run = try GraderProcess.run(["tune", root.appendingPathComponent("Submissions").path,
                                             "--rubric", root.appendingPathComponent("Rubrics/python-interview.xml").path,
                                             "--graded", root.appendingPathComponent("Rubrics/python-interview.human-grades.csv").path,
                                             "--out", out.path, "--jobs", jobs])
            #expect(run.status == 0, "\(run.stderr)")
            outputs.append(try Scratch.contents(of: out.path))
        }
        #expect(outputs[0]["/tune.xml"] != nil)
        #expect(outputs[0] == outputs[1])
    }

    @Test func badGradesExitTwoWithRowAndColumn() throws {
        let out = try Scratch()
        let run = try GraderProcess.run(["tune", cohort, "--rubric", rubric, "--graded", GraderProcess.fixture("tune/bad-grades.csv"),
                                         "--out", out.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("bad-grades.csv:2:3: error: 'lots' is not a number (column q2)"))
        #expect(!FileManager.default.fileExists(atPath: out.file("tune.xml")))
        #expect(try GraderProcess.run(["tune", "--rubric", rubric, "--graded", grades, "--folds", "1"]).status == 2)
    }
}
