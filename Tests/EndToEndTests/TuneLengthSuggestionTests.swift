import Foundation
import GraderEngine
import Testing

/// `grader tune --suggest` finding a planted answer-length effect, end to end: people take two
/// points off every answer under 20 words whatever it says; the rubric knows only "alpha".
@Suite("grader tune suggests an answer-length band, end to end")
struct TuneLengthSuggestionTests {
    static let rubricText = """
    <?xml version="1.0" encoding="UTF-8"?>
    <rubric id="length" version="1">
      <question id="q1" points="4">
        <prompt>Name the first letter of the Greek alphabet, and say why it counts.</prompt>
        <criterion id="alpha" points="2">
          <feedback>Alpha matters.</feedback>
          <keyword>alpha</keyword>
        </criterion>
      </question>
    </rubric>

    """

    /// 240 answers of 7 to 62 words: "Alpha matters." or "It matters." and the same filler
    /// sentence 1 to 12 times, so no phrase but "alpha" tells two answers apart. 240, so the
    /// suggestion's light pull toward 0 leaves the fit able to reach 4 points (`check --strict` clean).
    static func cohort() throws -> Scratch {
        let scratch = try Scratch()
        try rubricText.write(toFile: scratch.file("rubric.xml"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: scratch.file("answers"), withIntermediateDirectories: true)
        var csv = "id,q1\n"
        for index in 0..<240 {
            let id = String(format: "c%03d", index)
            let alpha = (index / 12) % 2 == 0, repeats = 1 + index % 12
            let text = (alpha ? "Alpha matters." : "It matters.") + String(repeating: " The answer goes on here.", count: repeats)
            try "---\nid: \(id)\n---\n## Q1\n\(text)\n".write(toFile: scratch.file("answers/\(id).md"), atomically: true, encoding: .utf8)
            csv += "\(id),\((alpha ? 2 : 0) + (2 + 5 * repeats >= 20 ? 2 : 0))\n"
        }
        try csv.write(toFile: scratch.file("grades.csv"), atomically: true, encoding: .utf8)
        return scratch
    }

    static func tune(_ scratch: Scratch, _ extra: [String], out: String) throws -> GraderProcess.Outcome {
        try GraderProcess.run(["tune", scratch.file("answers"), "--rubric", scratch.file("rubric.xml"),
                               "--graded", scratch.file("grades.csv"), "--out", out] + extra)
    }

    @Test func aShortAnswerPenaltyIsSuggestedWrittenAndChecksClean() throws {
        let scratch = try Self.cohort()
        let out = scratch.file("out"), tuned = scratch.file("tuned.xml")
        let run = try Self.tune(scratch, ["--suggest", "3", "--write-rubric", tuned], out: out)
        #expect(run.status == 0, "\(run.stderr)")
        let xml = try String(contentsOfFile: out + "/tune.xml", encoding: .utf8)
        #expect(xml.contains("<suggestion label=\"under 20 words\" source=\"length\" kind=\"penalty\""), "\(xml)")
        #expect(xml.contains("<matcher>&lt;words max=&quot;19&quot;/&gt;</matcher>"), "\(xml)")
        #expect(xml.contains("<example>7 words (at most 19)</example>"), "\(xml)")
        #expect(xml.contains("written=\"yes\" with-suggestions=\"yes\""), "\(xml)")
        // tune.html shows what the band counted as its evidence.
        let html = try String(contentsOfFile: out + "/tune.html", encoding: .utf8)
        #expect(html.contains("under 20 words") && html.contains("7 words (at most 19)"))
        let written = try String(contentsOfFile: tuned, encoding: .utf8)
        #expect(written.contains("<feedback>Under 20 words: too short to earn full marks.</feedback>"), "\(written)")
        #expect(written.contains("<words max=\"19\"/>"))
        // Loaded again, the penalty costs points on exactly the short answers.
        let rubric = try RubricLoader.load(path: tuned)
        let question = try #require(rubric.questions.first)
        let penalty = try #require(question.rules.first { $0.kind == .penalty })
        #expect(penalty.id.hasPrefix("suggested-") && penalty.points > 1, "\(penalty.points)")
        let check = try GraderProcess.run(["check", "--strict", tuned])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func theLengthSuggestionIsTheSameWhateverTheJobs() throws {
        let scratch = try Self.cohort()
        let out = scratch.file("out")
        var outputs: [[String: Data]] = []
        for jobs in ["1", "2"] {
            try? FileManager.default.removeItem(atPath: out)
            let run = try Self.tune(scratch, ["--jobs", jobs, "--suggest", "3", "--write-rubric", out + "/tuned.xml"], out: out)
            #expect(run.status == 0, "\(run.stderr)")
            outputs.append(try Scratch.contents(of: out))
        }
        #expect(outputs[0] == outputs[1])
    }
}
