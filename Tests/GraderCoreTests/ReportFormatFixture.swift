import Foundation
@testable import GraderCohort
@testable import GraderEngine
@testable import GraderFoundation
@testable import GraderModeration
@testable import GraderReports
@testable import GraderWorkflows
import Testing

/// A rubric with every shape (a define, criteria, a penalty, levels, gates, a base with bands, a
/// length rule, a question nobody answers) and 41 candidates' answers to it, some hostile, one
/// copied, one candidate without human grades: what the report formats' round trips write.
enum ReportFormatFixture {
    static let rubricXML = """
    <rubric id="shapes-2" version="2.1 &quot;β&quot; &amp; &lt;co&gt;">
      <title>Every "shape" &lt;b&gt;bold&lt;/b&gt; &amp; more</title>
      <define id="colour"><any><keyword>red</keyword><keyword>blue</keyword></any></define>
      <question id="q1" points="4">
        <prompt>Explain why alpha matters.</prompt>
        <criterion id="alpha" points="2"><feedback>Alpha.</feedback><keyword>alpha</keyword></criterion>
        <penalty id="wrong" points="1"><feedback>Wrong.</feedback><keyword>wrong</keyword></penalty>
      </question>
      <question id="q2" points="3">
        <prompt>Describe how the heart pumps blood.</prompt>
        <levels id="key" label="key elements">
          <criterion id="atria"><feedback>The atria.</feedback><keyword>atria</keyword></criterion>
          <criterion id="ventricles"><feedback>The ventricles.</feedback><keyword>ventricles</keyword></criterion>
          <criterion id="valves"><feedback>The valves.</feedback><keyword>valves</keyword></criterion>
          <criterion id="aorta"><feedback>The aorta.</feedback><keyword>aorta</keyword></criterion>
          <level min="1" points="1"/><level min="3" points="2"/><level min="4" points="3"/>
        </levels>
      </question>
      <question id="q3" points="4" requires="chosen">
        <prompt>Pick a colour for the warning light and say why.</prompt>
        <criterion id="chosen" points="1"><use ref="colour"/></criterion>
        <criterion id="why" points="3" requires="colour"><keyword>bright</keyword></criterion>
      </question>
      <question id="q4" points="3" base="0.5">
        <prompt>Name the two ideas.</prompt>
        <criterion id="a" points="1.5"><keyword>gradients</keyword></criterion>
        <criterion id="b" points="0.75"><keyword>layers</keyword></criterion>
        <penalty id="short" points="0.5"><words max="3"/></penalty>
        <bands><band from="0" points="0"/><band from="1" points="1"/><band from="2.5" points="3">Both &lt;ideas&gt;</band></bands>
      </question>
      <question id="q5" points="2">
        <prompt>Nobody answers this one.</prompt>
        <criterion id="x" points="2"><keyword>xyzzy</keyword></criterion>
      </question>
    </rubric>
    """

    static func rubric() throws -> Rubric { try RubricLoader.load(bytes: Array(rubricXML.utf8), file: "shapes.xml") }

    static let hostile = #" <script>alert("x&y")</script> ]]> 'q' & Zoë’s ✓"#

    struct Candidate {
        let id: String
        let name: String?
        /// Question id → answer (q5 never answered).
        let answers: [String: String]
        /// Question id → the person's score; empty for the candidate nobody graded.
        let human: [String: Double]
        /// Whether the person marked q1's `alpha` as met.
        let alphaMarked: Bool
    }

    /// c00…c40: q1 scored by people for alpha and for length (2 points off under 20 words, which
    /// no rule of the rubric sees); c13 copied c12's answer to q4; c40 has no human grades.
    static let candidates: [Candidate] = (0...40).map { index in
        let id = String(format: "c%02d", index)
        let alpha = (index / 4) % 2 == 0
        let repeats = 1 + index % 12
        var q1 = (alpha ? "Alpha matters." : "It matters.") + String(repeating: " The answer goes on here.", count: repeats)
        if index % 7 == 3 { q1 += " That is wrong." }
        if index == 7 { q1 += hostile }
        let key = ["atria", "ventricles", "valves", "aorta"].prefix(index % 5)
        let q2 = key.isEmpty ? "The heart beats." : "The " + key.joined(separator: " and ") + " work together."
        let chosen = index % 3 != 0, bright = index % 2 == 0
        let q3 = (chosen ? "I pick red" : "I pick grey") + (bright ? " because it is bright." : " because I like it.")
        let copied = index == 12 || index == 13
        let q4 = copied ? "Gradients flow backwards through every layer <of> the network & settle where the layers meet the loss."
            : index % 8 == 0 ? "No." : (index % 2 == 0 ? "Gradients" : "Momentum") + " and " + (index % 3 == 0 ? "layers" : "noise") + " matter here."
        var human: [String: Double] = [:]
        if index < 40 {
            // c07 (hostile text) is scored full marks, against the rubric: the strongest disagreement.
            let q1Score: Double = index == 7 ? 4 : (alpha ? 2 : 0) + (repeats >= 4 ? 2 : 0)
            let q2Score: Double = [0, 1, 1, 2, 3][index % 5] - (index % 9 == 4 ? 1 : 0)
            let q3Score: Double = chosen ? 1 + (bright ? 3 : 0) - (index % 11 == 5 ? 1 : 0) : 0
            let q4Score: Double = q4 == "No." ? 0 : (q4.hasPrefix("Gradients") ? 2 : 1) + (q4.contains("layers") ? 1 : 0)
            human = ["q1": q1Score, "q2": q2Score, "q3": q3Score, "q4": q4Score]
        }
        return Candidate(id: id, name: index == 7 ? #"Zoë "<b>&amp;</b>" O'Neil"# : (index % 2 == 0 ? "Candidate \(index)" : nil),
                         answers: ["q1": q1, "q2": q2, "q3": q3, "q4": q4], human: human, alphaMarked: alpha)
    }

    /// A fresh empty folder, removed by the caller.
    static func folder(_ prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// One Markdown submission per candidate in `folder/Submissions`, and the grades CSV; returns both paths.
    static func writeSubmissionsAndGrades(in folder: URL) throws -> (submissions: String, grades: String) {
        let submissions = folder.appendingPathComponent("Submissions")
        try FileManager.default.createDirectory(at: submissions, withIntermediateDirectories: true)
        for candidate in candidates {
            var text = "---\nid: \(candidate.id)\n---\n"
            for id in ["q1", "q2", "q3", "q4"] { text += "\n## \(id.uppercased())\n\(candidate.answers[id]!)\n" }
            try Data(text.utf8).write(to: submissions.appendingPathComponent("\(candidate.id).md"))
        }
        var csv = "id,q1,q2,q3,q4,q5,q1.alpha\n"
        for candidate in candidates where !candidate.human.isEmpty {
            let scores = ["q1", "q2", "q3", "q4"].map { NumberText.format(candidate.human[$0]!) }
            csv += "\(candidate.id),\(scores.joined(separator: ",")),,\(candidate.alphaMarked ? 1 : 0)\n"
        }
        let grades = folder.appendingPathComponent("grades.csv")
        try Data(csv.utf8).write(to: grades)
        return (submissions.path, grades.path)
    }

    /// `read` is `written` as the format writes it, rounded to `places` (both absent counts as equal).
    static func expectNear(_ read: Double?, _ written: Double?, _ places: Int, _ what: @autoclosure () -> String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        switch (read, written) {
        case (nil, nil): return
        case let (read?, written?):
            var tolerance = 0.5
            for _ in 0..<places { tolerance /= 10 }
            #expect(abs(read - written) <= tolerance + 1e-9, "\(what()): read \(read), written \(written)", sourceLocation: sourceLocation)
        default:
            Issue.record("\(what()): read \(String(describing: read)), written \(String(describing: written))", sourceLocation: sourceLocation)
        }
    }
}
