import CSV
import Foundation
import GraderFoundation
import LibXML2
import Testing

/// `<words>` and `<sentences>` through the real binary: `grade` on a small rubric, reading
/// the gradebook, the XML report (score, evidence), the candidate page and `rubric.html`;
/// `check` on a bad bound; `try` on a length rule and on the question.
@Suite("length rules, end to end")
struct LengthRuleCommandTests {
    /// "An answer under 8 words cannot earn full marks" as a penalty; a gate on a define; sentences in an `all`.
    static let rubric = """
    <?xml version="1.0" encoding="UTF-8"?>
    <rubric id="length" version="1">
      <define id="answered-in-full"><words min="3"/></define>
      <question id="q1" points="3" requires="answered-in-full">
        <prompt>How does Python free memory?</prompt>
        <criterion id="refcount" points="2"><keyword>reference counting</keyword></criterion>
        <criterion id="concise" points="1"><all><keyword>cycles</keyword><sentences max="2"/></all></criterion>
        <penalty id="short" points="1"><feedback>Say more: a full answer takes at least 8 words.</feedback><words max="7"/></penalty>
      </question>
    </rubric>
    """

    /// Hand-counted: ann 5 words in 1 sentence (penalised), bob 10 words in 2 sentences, cara 2 words (gate fails).
    static let answers = [
        "ann": "Reference counting, and then cycles.",
        "bob": "Reference counting frees most objects. A collector finds cycles too.",
        "cara": "Reference counting",
    ]

    func setUp() throws -> (folder: Scratch, rubric: String, submissions: String) {
        let folder = try Scratch()
        try Self.rubric.write(toFile: folder.file("rubric.xml"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder.file("subs"), withIntermediateDirectories: true)
        for (name, answer) in Self.answers {
            try "## Q1\n\(answer)\n".write(toFile: folder.file("subs/\(name).md"), atomically: true, encoding: .utf8)
        }
        return (folder, folder.file("rubric.xml"), folder.file("subs"))
    }

    @Test func gradeScoresByLengthAndReportsTheCountAsEvidence() throws {
        let (folder, rubric, submissions) = try setUp()
        let run = try GraderProcess.run(["grade", submissions, "--rubric", rubric, "--out", folder.file("out"), "--jobs", "2"])
        #expect(run.status == 0, "\(run.stderr)")

        let csv = try CSVReader(string: try String(contentsOfFile: folder.file("out/grades.csv"), encoding: .utf8), hasHeaderRow: true)
        var totals: [String: String] = [:]
        while let row = csv.next() { totals[row[0]] = row[3] }
        // ann: refcount 2 + concise 1 - short 1; bob: 2 + 1; cara: the gate fails.
        #expect(totals == ["ann": "2", "bob": "3", "cara": "0"])

        for name in Self.answers.keys.sorted() {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.file("out/candidates/\(name).xml"))))
            try Schemas.report.validate(bytes: bytes, name: name)
        }
        let ann = try XMLTree(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.file("out/candidates/ann.xml")))),
                              name: "ann.xml")
        let question = try #require(ann.root?.firstChild(named: "question"))
        #expect(question.firstChild(named: "profile")?.attribute("words") == "5")
        let short = try #require(question.children(named: "penalty").first)
        #expect(short.attribute("status") == "met" && short.attribute("awarded") == "-1")
        let evidence = short.children(named: "evidence")
        #expect(evidence.map { [$0.attribute("start"), $0.attribute("end"), $0.attribute("via")] }
                == [["0", "0", "5 words (at most 7)"]])
        let concise = try #require(question.children(named: "criterion").first { $0.attribute("id") == "concise" })
        #expect(concise.children(named: "evidence").map { $0.attribute("via") ?? "" } == ["1 sentence (at most 2)", "keyword \"cycles\""])

        let cara = try String(contentsOfFile: folder.file("out/candidates/cara.xml"), encoding: .utf8)
        #expect(cara.contains("credited=\"no\" requires=\"answered-in-full\""))

        let page = try String(contentsOfFile: folder.file("out/candidates/ann.html"), encoding: .utf8)
        #expect(page.contains("Say more: a full answer takes at least 8 words.\n    <div class=\"via\">5 words (at most 7)</div>"))
        #expect(page.contains("<div class=\"via\">1 sentence (at most 2)</div>"))
        #expect(page.contains("<mark title=\"refcount\">Reference counting</mark>"))
        #expect(!page.contains("<mark class=\"penalty\""), "a length, the only penalty met, is not highlighted")
        let bobPage = try String(contentsOfFile: folder.file("out/candidates/bob.html"), encoding: .utf8)
        #expect(!bobPage.contains("words (at most 7)"), "an unmet length rule says nothing")

        let rubricPage = try String(contentsOfFile: folder.file("out/rubric.html"), encoding: .utf8)
        #expect(rubricPage.contains("<div class=\"matcher\">at most 7 words</div>"))
        #expect(rubricPage.contains("<div class=\"matcher\">all(keyword &quot;cycles&quot;, at most 2 sentences)</div>"))
    }

    @Test func checkNamesABadBoundsFileLineAndQuestion() throws {
        let folder = try Scratch()
        let bad = Self.rubric.replacingOccurrences(of: #"<words max="7"/>"#, with: #"<words min="9" max="7"/>"#)
        try bad.write(toFile: folder.file("bad.xml"), atomically: true, encoding: .utf8)
        let message = #"bad.xml:8:104: error: question q1: <words min="9" max="7"> can never hold: min is above max"#
        let check = try GraderProcess.run(["check", folder.file("bad.xml")])
        #expect(check.status == 2)
        #expect(check.stdout.contains(message), "\(check.stdout)")
        let grade = try GraderProcess.run(["grade", folder.path, "--rubric", folder.file("bad.xml"), "--out", folder.file("out")])
        #expect(grade.status == 2 && grade.stderr.contains(message), "\(grade.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("out")), "nothing is written")
    }

    @Test func tryPrintsTheCountAndTheRange() throws {
        let rule = try GraderProcess.run(["try", "--words", ":7"], input: "Reference counting, and then cycles.\n\none two three four five six seven eight\n")
        #expect(rule.status == 0, "\(rule.stderr)")
        #expect(rule.stdout == "1\t5 words (at most 7)\n0\tno answer\n0\t8 words (wanted at most 7)\n")
        // An empty line is a missing answer for every rule (it crashed the one-criterion trial before).
        let regex = try GraderProcess.run(["try", "--regex", "x"], input: "x\n\ny\n")
        #expect(regex.status == 0 && regex.stdout == "1\t0-1:x\n0\t\n0\t\n", "\(regex.stderr)")
        let sentences = try GraderProcess.run(["try", "--sentences", "2:"], input: "One. Two\nOne\n")
        #expect(sentences.stdout == "1\t2 sentences (at least 2)\n0\t1 sentence (wanted at least 2)\n")
        let unshaped = try GraderProcess.run(["try", "--words", "7"], input: "a\n")
        #expect(unshaped.status == 2 && unshaped.stderr.contains("--words takes MIN:MAX, :MAX or MIN:"), "\(unshaped.stderr)")
        let inverted = try GraderProcess.run(["try", "--words", "9:7"], input: "a\n")
        #expect(inverted.status == 2 && inverted.stderr.contains(#"--words: error: <words min="9" max="7"> can never hold"#))

        let (folder, rubric, _) = try setUp()
        defer { withExtendedLifetime(folder) {} }
        let question = try GraderProcess.run(["try", "--rubric", rubric, "--question", "q1"], input: Self.answers["ann"]! + "\n")
        #expect(question.stdout == """
        line 1: 2 of 3
          criterion refcount: +2  0-18:Reference counting
          criterion concise: +1  29-35:cycles  1 sentence (at most 2)
          penalty short: -1  5 words (at most 7)

        """, "\(question.stdout)")
        let help = try GraderProcess.run(["try", "--help"])
        #expect(help.stdout.contains("--words <min:max>") && help.stdout.contains("--sentences <min:max>"))
    }
}
