import Foundation
import GraderEngine
import Testing

/// `grader tune` learning from graded answers, end to end, on a cohort made here whose
/// human scores follow known rules: what it must find, what it must keep, what it writes.
@Suite("grader tune fits and suggests, end to end")
struct TuneFitTests {
    /// 40 candidates, three questions:
    /// - q1 (4 points): people give 3 for "idempotent" and 1 for "retry"; the rubric knows only
    ///   "retry" (2 points), so the planted word is what a suggestion must find;
    /// - q2 (2 points): the rubric agrees with the people exactly, so tuning must keep it;
    /// - q3 (4 points): people give one point more than the rubric on every answer (a lenient
    ///   marker), which a base corrects;
    /// - q4 (4 points): people give 4 for "mutable" and take 3 off for the false claim that lists
    ///   are "hashable"; the rubric knows only "mutable", so the planted penalty is what a
    ///   suggestion must find.
    final class Cohort {
        let scratch: Scratch
        var rubric: String { scratch.file("rubric.xml") }
        var submissions: String { scratch.file("answers") }
        var grades: String { scratch.file("grades.csv") }

        static let rubricText = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rubric id="fit" version="1">
          <question id="q1" points="4">
            <prompt>What must be true of a request that a client may send twice?</prompt>
            <model-answer>The client may retry it, so the operation must be idempotent.</model-answer>
            <criterion id="retry" points="2">
              <feedback>Clients retry.</feedback>
              <keyword stem="yes">retry</keyword>
            </criterion>
            <example score="2">We retry it.</example>
          </question>
          <question id="q2" points="2">
            <prompt>How do tuples differ from lists?</prompt>
            <criterion id="immutable" points="2">
              <feedback>Tuples are immutable.</feedback>
              <keyword>immutable</keyword>
            </criterion>
          </question>
          <question id="q3" points="4">
            <prompt>What limits threads in CPython?</prompt>
            <criterion id="gil" points="3">
              <feedback>The global interpreter lock.</feedback>
              <keyword>GIL</keyword>
            </criterion>
          </question>
          <question id="q4" points="4">
            <prompt>What can a list do that a tuple cannot?</prompt>
            <criterion id="mutable" points="4">
              <feedback>Lists are mutable.</feedback>
              <keyword>mutable</keyword>
            </criterion>
          </question>
        </rubric>

        """

        init() throws {
            scratch = try Scratch()
            try Self.rubricText.write(toFile: scratch.file("rubric.xml"), atomically: true, encoding: .utf8)
            try FileManager.default.createDirectory(atPath: scratch.file("answers"), withIntermediateDirectories: true)
            var csv = "id,q1,q2,q3,q4\n"
            for index in 1...40 {
                let id = String(format: "c%02d", index)
                let retry = index % 2 == 0, idempotent = index % 3 != 0, immutable = index % 4 < 2, gil = index % 5 < 3
                let q1 = (retry ? "We retry the call. " : "We send it again. ") + (idempotent ? "The operation is idempotent." : "The operation is fine.")
                let q2 = immutable ? "Tuples are immutable, lists are not." : "Tuples use round brackets."
                let q3 = gil ? "The GIL lets one thread run at a time." : "Threads share memory."
                let mutable = index % 2 == 1, hashable = index % 3 == 1
                let q4 = (mutable ? "Lists are mutable. " : "Lists can grow. ")
                    + (hashable ? "Lists are hashable too." : index % 3 == 0 ? "Tuples stay fixed." : "Tuples never change.")
                try "---\nid: \(id)\n---\n## Q1\n\(q1)\n\n## Q2\n\(q2)\n\n## Q3\n\(q3)\n\n## Q4\n\(q4)\n"
                    .write(toFile: scratch.file("answers/\(id).md"), atomically: true, encoding: .utf8)
                csv += "\(id),\((idempotent ? 3 : 0) + (retry ? 1 : 0)),\(immutable ? 2 : 0),\(gil ? 4 : 1),\(max(0, (mutable ? 4 : 1) - (hashable ? 3 : 0)))\n"
            }
            try csv.write(toFile: scratch.file("grades.csv"), atomically: true, encoding: .utf8)
        }

        func tune(_ extra: [String], out: String) throws -> GraderProcess.Outcome {
            try GraderProcess.run(["tune", submissions, "--rubric", rubric, "--graded", grades, "--out", out] + extra)
        }
    }

    /// The `<question id="...">` element of tune.xml.
    func question(_ id: String, in xml: String) -> String {
        guard let start = xml.range(of: "<question id=\"\(id)\""), let end = xml.range(of: "</question>", range: start.upperBound..<xml.endIndex)
        else { return "" }
        return String(xml[start.lowerBound..<end.upperBound])
    }

    @Test func suggestFindsThePlantedWordAndNeverOneTheRubricUses() throws {
        let cohort = try Cohort()
        let out = cohort.scratch.file("out")
        let tuned = cohort.scratch.file("tuned.xml")
        let run = try cohort.tune(["--suggest", "3", "--write-rubric", tuned], out: out)
        #expect(run.status == 0, "\(run.stderr)")
        let xml = try String(contentsOfFile: out + "/tune.xml", encoding: .utf8)
        let q1 = question("q1", in: xml)
        #expect(q1.contains("<suggestion label=\"“idempotent”"), "\(q1)")
        #expect(!q1.contains("label=\"“retr"), "a suggestion reuses the rubric's own word: \(q1)")
        #expect(q1.contains("written=\"yes\" with-suggestions=\"yes\""))
        let written = try String(contentsOfFile: tuned, encoding: .utf8)
        #expect(written.contains("<!-- Suggested by grader tune from the graded answers"))
        #expect(written.contains("<keyword stem=\"yes\">idempotent</keyword>"))
        // The written rubric checks clean, its example re-scored to what the tuned q1 gives it.
        let check = try GraderProcess.run(["check", "--strict", tuned])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func suggestFindsAPlantedPenaltyAndWritesItAsOne() throws {
        let cohort = try Cohort()
        let out = cohort.scratch.file("out")
        let tuned = cohort.scratch.file("tuned.xml")
        let run = try cohort.tune(["--suggest", "3", "--write-rubric", tuned], out: out)
        #expect(run.status == 0, "\(run.stderr)")
        let q4 = question("q4", in: try String(contentsOfFile: out + "/tune.xml", encoding: .utf8))
        #expect(q4.contains("<suggestion label=\"“hashable”\" source=\"phrase\" kind=\"penalty\""), "\(q4)")
        #expect(!q4.contains("kind=\"criterion\""), "only the planted penalty: \(q4)")
        #expect(q4.contains("written=\"yes\" with-suggestions=\"yes\""), "\(q4)")
        let written = try String(contentsOfFile: tuned, encoding: .utf8)
        #expect(written.contains("<penalty id=\"suggested-1\""), "\(written)")
        #expect(written.contains("<feedback>Says “hashable”, common in answers people scored low.</feedback>"))
        // Loaded again, the written penalty costs points on exactly the answers that claim it.
        let rubric = try RubricLoader.load(path: tuned)
        let penalty = try #require(rubric.questions.first { $0.id == "q4" }?.rules.first { $0.id == "suggested-1" })
        #expect(penalty.kind == .penalty && penalty.points > 1, "\(penalty.points)")
        let check = try GraderProcess.run(["check", "--strict", tuned])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func theGuardKeepsAQuestionTheAuthorAlreadyGotRight() throws {
        let cohort = try Cohort()
        let out = cohort.scratch.file("out")
        let tuned = cohort.scratch.file("tuned.xml")
        let run = try cohort.tune(["--write-rubric", tuned], out: out)
        #expect(run.status == 0, "\(run.stderr)")
        let q2 = question("q2", in: try String(contentsOfFile: out + "/tune.xml", encoding: .utf8))
        #expect(q2.contains("<current n=\"40\" exact=\"1\""))
        #expect(q2.contains("written=\"no\""), "\(q2)")
        let original = Cohort.rubricText
        let written = try String(contentsOfFile: tuned, encoding: .utf8)
        func section(_ text: String) -> Substring? {
            guard let start = text.range(of: "<question id=\"q2\""), let end = text.range(of: "</question>", range: start.upperBound..<text.endIndex)
            else { return nil }
            return text[start.lowerBound..<end.upperBound]
        }
        #expect(section(written) != nil && section(written) == section(original))
    }

    @Test func aBaseCorrectsALenientMarker() throws {
        let cohort = try Cohort()
        let out = cohort.scratch.file("out")
        let run = try cohort.tune(["--write-rubric", cohort.scratch.file("tuned.xml")], out: out)
        #expect(run.status == 0, "\(run.stderr)")
        let q3 = question("q3", in: try String(contentsOfFile: out + "/tune.xml", encoding: .utf8))
        // The author scores 3 and 0 where people give 4 and 1: off by one on every answer.
        #expect(q3.contains("<current n=\"40\" exact=\"0\" adjacent=\"1\" mae=\"1\""), "\(q3)")
        // Held out, the tuned question is exact, and its fitted base is the missing point.
        #expect(q3.contains("<tuned n=\"40\" exact=\"1\""), "\(q3)")
        #expect(q3.contains("base=\"1\""), "\(q3)")
        let written = try RubricLoader.load(path: cohort.scratch.file("tuned.xml"))
        #expect(written.questions.first { $0.id == "q3" }?.base == 1)
    }

    @Test func theOutputIsTheSameWhateverTheJobs() throws {
        let cohort = try Cohort()
        var outputs: [[String: Data]] = []
        // One folder for both runs, in turn: the reports name the tuned rubric's path.
        let out = cohort.scratch.file("out")
        for jobs in ["1", "2"] {
            try? FileManager.default.removeItem(atPath: out)
            let run = try cohort.tune(["--jobs", jobs, "--suggest", "2", "--write-rubric", out + "/tuned.xml"], out: out)
            #expect(run.status == 0, "\(run.stderr)")
            outputs.append(try Scratch.contents(of: out))
        }
        #expect(outputs[0].keys.sorted() == ["/tune.html", "/tune.xml", "/tune.xsd", "/tuned.xml"])
        #expect(outputs[0] == outputs[1])
    }
}
