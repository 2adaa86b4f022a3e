import Foundation
import Testing

/// `grader try`: one matcher over responses, one per line, from stdin or a file.
@Suite struct TryCommandTests {
    @Test func pmatchPrintsVerdictsAndSpans() throws {
        let outcome = try GraderProcess.run(["try", "--pmatch", "match_mow(tom|thomas marr* maud)"],
                                            input: "tom married maud\nmaud marries thomas\nsid and jane\n")
        #expect(outcome.status == 0)
        #expect(outcome.stdout == "1\t0-3:tom  4-11:married  12-16:maud\n1\t0-4:maud  5-12:marries  13-19:thomas\n0\t\n")
    }

    @Test func caseMattersUnlessAsked() throws {
        let plain = try GraderProcess.run(["try", "--pmatch", "match(tom)"], input: "Tom\n")
        #expect(plain.stdout == "0\t\n")
        let ignoring = try GraderProcess.run(["try", "--pmatch", "match(tom)", "--ignore-case"], input: "Tom\n")
        #expect(ignoring.stdout == "1\t0-3:Tom\n")
    }

    @Test func synonymsAndConvertToSpace() throws {
        let outcome = try GraderProcess.run(["try", "--pmatch", "match_w(kitty sat)", "--synonym", "kitty=cat|puss",
                                             "--convert-to-space", "\""], input: "the \"puss\"sat\n")
        #expect(outcome.stdout == "1\t5-9:puss  10-13:sat\n")
    }

    /// OU allows an empty set of dividers; `--name=` passes it (the parser alone read it as a missing value).
    @Test func anEmptyEqualsValueIsAnEmptySet() throws {
        let stripped = try GraderProcess.run(["try", "--pmatch", "match(tom)"], input: "tom.\n")
        #expect(stripped.stdout == "1\t0-4:tom.\n")
        let none = try GraderProcess.run(["try", "--pmatch", "match(tom)", "--sentence-dividers="], input: "tom.\n")
        #expect(none.status == 0, "\(none.stderr)")
        #expect(none.stdout == "0\t\n")
        let caseSensitive = try GraderProcess.run(["try", "--regex", "tom", "--flags="], input: "Tom\ntom\n")
        #expect(caseSensitive.stdout == "0\t\n1\t0-3:tom\n", "\(caseSensitive.stderr)")
        let beforeFile = try GraderProcess.run(["try", "--pmatch", "match(tom)", "--convert-to-space=", "/nonexistent/responses.txt"])
        #expect(beforeFile.stderr.contains("/nonexistent/responses.txt: cannot read the file"), "the file stays an argument")
    }

    @Test func anEqualsValueMayStartWithADash() throws {
        let outcome = try GraderProcess.run(["try", "--pmatch", "match_w(cat)", "--word-dividers=-"], input: "tom-cat\ntom cat\n")
        #expect(outcome.stdout == "1\t4-7:cat\n0\t\n", "\(outcome.stderr)")
    }

    @Test func helpNamesInvisibleDividers() throws {
        let help = try GraderProcess.run(["try", "--help"])
        #expect(help.stdout.contains("(default: space,"))
        #expect(help.stdout.contains("form feed, newline, return, tab)"))
        #expect(!help.stdout.contains("\t\n"))
    }

    @Test func anInvalidExpressionIsAUsageErrorWithItsPosition() throws {
        let outcome = try GraderProcess.run(["try", "--pmatch", "match_mow(tom maud"], input: "tom maud\n")
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("at character 19: missing closing bracket"))
        #expect(outcome.stdout.isEmpty)
    }

    @Test func keywordAndRegexReadAFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("try-\(UUID().uuidString).txt")
        try "Reference counts drop\ngc.collect() runs\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let keyword = try GraderProcess.run(["try", "--keyword", "reference count", "--stem", file.path])
        #expect(keyword.stdout == "1\t0-16:Reference counts\n0\t\n")
        let regex = try GraderProcess.run(["try", "--regex", #"\bgc\.\w+"#, file.path])
        #expect(regex.stdout == "0\t\n1\t0-10:gc.collect\n")
    }

    @Test func exactlyOneMatcherIsRequired() throws {
        #expect(try GraderProcess.run(["try", "--regex", "a", "--keyword", "b"]).status == 2)
        #expect(try GraderProcess.run(["try"]).status == 2)
        #expect(try GraderProcess.run(["try", "--regex", "a", "--ignore-case"]).status == 2)
    }
}
