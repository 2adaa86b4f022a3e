import Foundation
import GraderFoundation
import Testing

@Suite("grader cohort, end to end")
struct CohortCommandTests {
    let rubric = GraderProcess.fixture("rubric.xml")
    let cohort = GraderProcess.fixture("cohort")
    static let sampleRubric = GraderProcess.packageRoot.appendingPathComponent("Rubrics").path
    static let sample = GraderProcess.packageRoot.appendingPathComponent("Submissions").path

    @Test func gradeWritesAValidCohortReport() throws {
        let out = try Scratch()
        let run = try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", out.path, "--pass", "50%"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let xml = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out.file("cohort.xml"))))
        try Schemas.cohort.validate(bytes: xml, name: "cohort.xml")
        #expect(FileManager.default.contents(atPath: out.file("cohort.xsd")) == Data(Schemas.cohortSource))
        let text = String(decoding: xml, as: UTF8.self)
        // Totals ann 20, cara 14, dan 4, bob 2 of 20: mean 10, pass mark 10 → bob and dan at risk.
        #expect(text.contains("<candidate rank=\"1\" id=\"ann\""))
        #expect(text.contains("id=\"bob\" name=\"Bob, Jr.\" total=\"2\" max=\"20\" answered=\"2\" at-risk=\"true\""))
        #expect(text.contains("mean=\"10\""))
        let html = try String(contentsOfFile: out.file("index.html"), encoding: .utf8)
        #expect(html.contains("<a href=\"candidates/ann.html\">ann</a>"))
        #expect(html.contains("<svg class=\"chart\""))
        #expect(run.stderr.contains("At risk (below 10): 2: bob, dan"))
    }

    @Test func cohortRebuildsInPlaceByteForByte() throws {
        let out = try Scratch()
        #expect(try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", out.path, "--gradebook", "canvas"]).status == 0)
        let graded = try Scratch.contents(of: out.path)
        for file in ["index.html", "cohort.xml", "grades.csv", "grades-canvas.csv"] { try FileManager.default.removeItem(atPath: out.file(file)) }
        let rebuilt = try GraderProcess.run(["cohort", out.path, "--gradebook", "canvas"])
        #expect(rebuilt.status == 0, "stderr: \(rebuilt.stderr)")
        #expect(try Scratch.contents(of: out.path) == graded)
    }

    @Test func shardsMergedEqualOneRunByteForByte() throws {
        let whole = try Scratch(), shards = try Scratch(), merged = try Scratch()
        let options = ["--rubric", Self.sampleRubric, "--pass", "45%", "--similarity-threshold", "0.6", "--gradebook", "moodle", "--quiet"]
        #expect(try GraderProcess.run(["grade", Self.sample, "--out", whole.path] + options).status == 0)
        for k in 1...2 {
            let run = try GraderProcess.run(["grade", Self.sample, "--out", shards.file("s\(k)"), "--shard", "\(k)/2", "--jobs", "\(k)"] + options)
            #expect(run.status == 0, "stderr: \(run.stderr)")
        }
        let first = try FileManager.default.contentsOfDirectory(atPath: shards.file("s1/candidates")).count
        let second = try FileManager.default.contentsOfDirectory(atPath: shards.file("s2/candidates")).count
        #expect(first > 20 && second > 20 && first + second == 88)   // 44 candidates, XML + HTML each
        let merge = try GraderProcess.run(["cohort", shards.file("s1"), shards.file("s2"), "--out", merged.path,
                                           "--pass", "45%", "--similarity-threshold", "0.6", "--gradebook", "moodle"])
        #expect(merge.status == 0, "stderr: \(merge.stderr)")
        let expected = try Scratch.contents(of: whole.path), actual = try Scratch.contents(of: merged.path)
        #expect(expected.keys.sorted() == actual.keys.sorted())
        for (name, bytes) in expected where actual[name] != bytes { Issue.record("\(name) differs after the merge") }
        #expect(expected["/index.html"] != nil && expected["/grades-moodle.csv"] != nil)
    }

    @Test func aCandidateInTwoShardsOrNoOutIsRefused() throws {
        let one = try Scratch(), two = try Scratch(), out = try Scratch()
        #expect(try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", one.path]).status == 0)
        #expect(try GraderProcess.run(["grade", cohort, "--rubric", rubric, "--out", two.path]).status == 0)
        let twice = try GraderProcess.run(["cohort", one.path, two.path, "--out", out.path])
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("each candidate must be graded in one shard only"))
        #expect(try GraderProcess.run(["cohort", one.path, two.path]).status == 2)
        let empty = try GraderProcess.run(["cohort", out.file("nothing")])
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("no candidates/ folder"))
        #expect(try GraderProcess.run(["grade", "--shard", "3/2"]).status == 2)
        #expect(try GraderProcess.run(["grade", "--pass", "half"]).status == 2)
        #expect(try GraderProcess.run(["grade", "--gradebook", "blackboard"]).status == 2)
    }
}
