import FuzzDriver
@testable import GraderEngine
@testable import GraderFoundation

/// The rubric, reader and worker every input is graded with, built once.
enum Fixture {
    static let rubric: Rubric = {
        let xml = """
        <rubric id="fuzz">
        <question id="q1" points="1"><prompt>How does garbage collection work?</prompt><criterion id="a" points="1"><keyword>x</keyword></criterion></question>
        <question id="q2" points="1"><prompt>Explain lists and tuples.</prompt><criterion id="a" points="1"><keyword>x</keyword></criterion></question>
        </rubric>
        """
        return try! RubricLoader.load(bytes: Array(xml.utf8), file: "fuzz.xml")
    }()
}

/// The entry point SwiftPM links as `main`: hands over to libFuzzer's driver.
@_cdecl("FuzzCSV_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    grader_fuzz_run(argc, argv, fuzzCallback)
}

/// Feeds arbitrary bytes to the CSV export reader and the column mapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    guard let table = try? CSVExportReader.read(path: "fuzz.csv", bytes: bytes) else { return 0 }
    if let mapping = try? ColumnMapping(table: table, rubric: Fixture.rubric, overrides: [:]) {
        for choice in mapping.answers { precondition(choice.column < table.header.count) }
    }
    return 0
}

/// `fuzz` as the C function pointer libFuzzer's driver takes.
let fuzzCallback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { fuzz($0, $1) }
