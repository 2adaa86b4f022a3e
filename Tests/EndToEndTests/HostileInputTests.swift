import Foundation
import GraderFoundation
import Testing

/// Submissions written to break the grader: each is either skipped with a reason
/// that names the file, or graded with its text kept as text. Large files are made
/// at test time rather than committed.
@Suite("hostile submissions, end to end")
struct HostileInputTests {
    let rubric = GraderProcess.fixture("rubric.xml")

    func write(_ bytes: [UInt8], _ name: String, in folder: Scratch) throws {
        let url = URL(fileURLWithPath: folder.file(name))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    @Test func corpusIsGradedOrSkippedWithReasonsAndNothingCrashes() throws {
        let input = try Scratch(), out = try Scratch()
        try write(Array("## Q1\nreference counting frees objects ".utf8) + [0xC3, 0x28, 0xFF] + Array(" at zero\n".utf8), "invalid-utf8.md", in: input)
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "## Q1\nréférence counting: the count reaches zero.\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try write(utf16, "utf16.md", in: input)
        try write(Array("## Q1\nnul\u{0}byte\n".utf8), "nul.md", in: input)
        try write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D] + Array(repeating: 0x01, count: 500), "picture.txt", in: input)
        try write(Array("## Q1\n".utf8) + Array(repeating: UInt8(ascii: "a"), count: 17 << 20), "huge.md", in: input)
        try write(Array(("## Q1\n" + String(repeating: "reference counting and cycles ", count: 350_000)).utf8), "one-line.md", in: input)
        try write(Array(String(repeating: "## Q2\nTuples are immutable.\n", count: 5_000).utf8), "repeated.md", in: input)
        try write(Array("---\nid: never-closed\n## Q1\nreference counting\n".utf8), "unclosed.md", in: input)
        try write(Array("---\nid: ../../etc/passwd\n---\n## Q1\nreference counting\n".utf8), "traversal.md", in: input)
        try write(Array("---\nid: /abs/path\u{7}\u{1B}[31m\n---\n## Q1\nreference counting\n".utf8), "control.md", in: input)
        try write(Array("---\nid: twin\n---\n## Q1\nreference counting\n".utf8), "twin-a.md", in: input)
        try write(Array("---\nid: twin\n---\n## Q1\nreference counting\n".utf8), "twin-b.md", in: input)
        try write(Array("---\nname: \"<svg onload=alert(1)>\"\nemail: =cmd|' /C calc'!A0\n---\n## Q1\n<script>alert(1)</script><img src=x onerror=alert(2)><svg><script>x</script></svg> ]]> &amp;\n".utf8), "payload.md", in: input)
        try write(Array("## Q1\nref\u{202E}erence\u{200B} counting \u{2066}drops\u{2069} to zero\n".utf8), "bidi.md", in: input)
        try write([], "empty.md", in: input)

        let run = try GraderProcess.run(["grade", input.path, "--rubric", rubric, "--out", out.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("nul.md: error: skipped: it contains NUL bytes"))
        #expect(run.stderr.contains("picture.txt: error: skipped:") && run.stderr.contains("binary"))
        #expect(run.stderr.contains("huge.md: error: skipped: it is \(6 + (17 << 20)) bytes, over the limit of \(16 << 20); raise it with --max-file-size"))
        #expect(run.stderr.contains("empty.md: error: skipped: it is empty"))
        #expect(run.stderr.contains("Graded 11 candidates"))

        let reports = Set(try FileManager.default.contentsOfDirectory(atPath: out.file("candidates")))
        for id in ["invalid-utf8", "utf16", "one-line", "repeated", "unclosed", "etc-passwd", "abs-path-31m", "twin", "twin-2", "payload", "bidi"] {
            #expect(reports.contains("\(id).xml") && reports.contains("\(id).html"), "missing report for \(id): \(reports.sorted())")
        }
        #expect(reports.allSatisfy { !$0.hasPrefix(".") })
        for name in reports where name.hasSuffix(".xml") {
            try Schemas.report.validate(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: out.file("candidates/\(name)")))), name: name)
        }
        let payload = try String(contentsOfFile: out.file("candidates/payload.html"), encoding: .utf8)
        #expect(!payload.contains("<script>alert") && !payload.contains("<img src=x") && !payload.contains("<svg"))
        #expect(payload.contains("&lt;svg onload=alert(1)&gt;"))
        let grades = try String(contentsOfFile: out.file("grades.csv"), encoding: .utf8)
        #expect(grades.contains("'=cmd|' /C calc'!A0"))
        #expect(!grades.contains(",=cmd"))
        let bidi = try String(contentsOfFile: out.file("candidates/bidi.xml"), encoding: .utf8)
        #expect(bidi.contains("status=\"met\""), "zero-width and bidi controls must not hide 'reference counting'")
    }
}
