import Foundation
@testable import GraderEngine
@testable import GraderFoundation
import Testing

@Suite("form and LMS exports")
struct ExportTests {
    static let questions = """
    <question id="q1" points="1"><prompt>How does Python's garbage collection work?</prompt><criterion id="c" points="1"><keyword>a</keyword></criterion></question>
    <question id="q2" points="1"><prompt>Explain the difference between a list and a tuple.</prompt><criterion id="c" points="1"><keyword>a</keyword></criterion></question>
    <question id="q3" points="1"><prompt>Explain the difference between a set and a tuple.</prompt><criterion id="c" points="1"><keyword>a</keyword></criterion></question>
    """

    func mapping(_ header: [String], overrides: [String: String] = [:]) throws -> ColumnMapping {
        try ColumnMapping(table: ExportTable(file: "x.csv", header: header, rows: []),
                          rubric: try TestSupport.rubric(questions: Self.questions), overrides: overrides)
    }

    func mapped(_ header: [String], overrides: [String: String] = [:]) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try mapping(header, overrides: overrides).answers.map { (header[$0.column], $0.question) })
    }

    @Test func numberedHeadersMapByNumber() throws {
        #expect(try mapped(["Surname", "First name", "Response 1", "Response 2"]) == ["Response 1": "q1", "Response 2": "q2"])
        #expect(try mapped(["Question 3", "Q1"]) == ["Question 3": "q3", "Q1": "q1"])
    }

    @Test func headersNamingAnIdMapByID() throws {
        #expect(try mapped(["q2", "Email"]) == ["q2": "q2"])
    }

    @Test func questionTextMapsByPromptSimilarity() throws {
        let result = try mapping(["Timestamp", "How does Python’s garbage collection work?", "1002: Explain the difference between a list and a tuple."])
        #expect(result.answers.map(\.question) == ["q1", "q2"])
        #expect(result.answers[0].reason.hasPrefix("prompt similarity"))
    }

    @Test func ambiguousTextIsRefused() {
        #expect(throws: InputError.self) { try mapping(["Explain the difference between a tuple"]) }
        do {
            _ = try mapping(["Explain the difference between a tuple"])
        } catch let error as InputError {
            #expect(error.message.contains("ambiguous"))
            // The core names the remedy; only the command line words it as a flag.
            #expect(!error.message.contains("--"))
            #expect(error.remedy == .mapColumn(header: "Explain the difference between a tuple"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func twoColumnsForOneQuestionAreRefused() {
        do {
            _ = try mapping(["Response 1", "Q1"])
            Issue.record("expected a refusal")
        } catch let error as InputError {
            #expect(error.message.contains("both map to q1"))
            #expect(error.remedy == .mapColumn(header: nil))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func overridesWin() throws {
        #expect(try mapped(["Explain the difference between a tuple"], overrides: ["Explain the difference between a tuple": "q3"])
                == ["Explain the difference between a tuple": "q3"])
        #expect(try mapped(["Response 1", "odd header"], overrides: ["2": "q2"]) == ["Response 1": "q1", "odd header": "q2"])
        #expect(throws: InputError.self) { try mapping(["x"], overrides: ["x": "q9"]) }
    }

    @Test func candidateColumnsAreFound() throws {
        let result = try mapping(["Surname", "First name", "Email address", "ID number", "Response 1"])
        #expect(result.lastNameColumn == 0)
        #expect(result.firstNameColumn == 1)
        #expect(result.emailColumn == 2)
        #expect(result.idColumn == 3)
    }

    @Test func delimiterIsDetected() {
        #expect(CSVExportReader.detectDelimiter("a;b;\"c,d\"\n1;2;3") == ";")
        #expect(CSVExportReader.detectDelimiter("a\tb\tc") == "\t")
        #expect(CSVExportReader.detectDelimiter("a,b;c,d") == ",")
    }

    @Test func csvKeepsQuotesNewlinesAndFormulasAsText() throws {
        let csv = "\u{FEFF}Name,Response 1\r\n\"Smith, \"\"Jo\"\"\",\"line one\r\nline two\"\r\n=1+1,<b>x</b>\r\n"
        let table = try CSVExportReader.read(path: "t.csv", bytes: Array(csv.utf8))
        #expect(table.header == ["Name", "Response 1"])
        #expect(table.rows.map(\.cells) == [["Smith, \"Jo\"", "line one\r\nline two"], ["=1+1", "<b>x</b>"]])
        #expect(table.rows.map(\.number) == [2, 4])
    }

    @Test func xlsxSharedInlineRichAndFormulaCells() throws {
        let path = Bundle.module.url(forResource: "exports/form.xlsx", withExtension: nil, subdirectory: "Fixtures")!.path
        let table = try XLSXReader.read(path: path)
        #expect(table.header.prefix(5) == ["ID", "Start time", "Completion time", "Email", "Name"])
        let first = try #require(table.rows.first)
        #expect(first.number == 2)
        #expect(first.cells[0] == "1")
        #expect(first.cells[2] == "46082.41")
        #expect(first.cells[3] == "ann@example.org")
        #expect(first.cells[6] == "A list is mutable while a tuple is immutable, so a tuple is hashable and can be a dictionary key.")
        #expect(table.rows[1].cells[7] == "")
        #expect(XLSXReader.columnIndex("AB12") == 27)
    }

    @Test func malformedRowsAreSkippedByRowAndTheRestRead() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/r.csv"
        let huge = String(repeating: "x", count: 300)
        try Data("Name,Response 1,Response 2\nAnn,a,b\nShort,only\nBig,\(huge),c\nCara,d,e\n".utf8).write(to: URL(fileURLWithPath: path))
        let options = ExportOptions(rubric: try TestSupport.rubric(questions: Self.questions), maximumAnswerBytes: 200)
        let result = ExportReader.read(path: path, options: options)
        #expect(result.units.map(\.claimedID) == ["Ann", "Cara"])
        #expect(result.skipped.map(\.line) == [3, 4])
        #expect(result.skipped[0].message.contains("it has 2 cells, the header has 3"))
        #expect(result.skipped[1].column == 2)
        #expect(result.skipped[1].message.contains("over the answer limit"))
    }

    @Test func unreadableWorkbookIsNamed() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/broken.xlsx"
        try Data("not a zip".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: InputError.self) { try XLSXReader.read(path: path) }
    }
}
