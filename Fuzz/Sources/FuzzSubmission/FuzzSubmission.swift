import FuzzDriver
@testable import GraderEngine
@testable import GraderFoundation
import PCRE2

/// The rubric, reader and worker every input is graded with, built once.
enum Fixture {
    static let rubric: Rubric = {
        let xml = """
        <rubric id="fuzz"><synonyms id="gc">garbage collector|gc</synonyms>
        <question id="q1" points="5" min-words="3"><prompt>How does garbage collection work?</prompt>
        <model-answer>Reference counting frees objects at zero; a cyclic collector finds cycles.</model-answer>
        <criterion id="a" points="3"><any><keyword stem="yes" typos="1">reference counting</keyword><regex>\\bref[- ]?counts?\\b</regex></any></criterion>
        <criterion id="b" points="2"><near within="5"><keyword stem="yes">cycle</keyword><keyword synonyms="gc"/></near></criterion>
        <penalty id="p" points="1"><all><keyword>**kwargs</keyword><not><keyword>@property</keyword></not></all></penalty>
        </question>
        <question id="q2" points="5"><prompt>Lists and tuples?</prompt>
        <criterion id="c" points="5"><at-least n="2"><keyword>list</keyword><keyword>tuple</keyword><regex flags="">immutable</regex></at-least></criterion>
        </question></rubric>
        """
        return try! RubricLoader.load(bytes: Array(xml.utf8), file: "fuzz.xml")
    }()
    static let reader = SubmissionReader(directory: rubric.directory, maximumFileBytes: 1 << 20)
    static let grader = CandidateGrader(rubric: rubric, maximumFileBytes: 1 << 20)
    static let html = HTMLReportWriter()
    nonisolated(unsafe) static let worker = try! WorkerScratch(rubric: rubric)
}

/// The entry point SwiftPM links as `main`: hands over to libFuzzer's driver.
@_cdecl("FuzzSubmission_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    grader_fuzz_run(argc, argv, fuzzCallback)
}

/// Feeds arbitrary bytes to the submission reader as one candidate file, then grades
/// every answer found against a small rubric and renders both reports, so decoding,
/// front matter, heading splitting, normalising, matching and escaping are all exercised.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    let unit = SubmissionUnit(source: "fuzz.md", isFolder: false, claimedID: "fuzz", id: "fuzz")
    guard case .success(let submission) = Fixture.reader.read(bytes: bytes, unit: unit, scratch: Fixture.worker.patterns) else { return 0 }
    var times = StageTimes()
    let questions = Fixture.rubric.questions.map {
        Fixture.grader.grade($0, answer: submission.answers[$0.id], worker: Fixture.worker, file: "fuzz.md", times: &times)
    }
    let result = CandidateResult(submission: submission, questions: questions)
    guard let xml = try? XMLReportWriter.render(result, rubric: Fixture.rubric) else { fatalError("XML report failed") }
    do {
        try Schemas.report.validate(bytes: xml, name: "fuzz.xml")
    } catch {
        fatalError("report does not validate: \(error)")
    }
    let page = Fixture.html.render(result, rubric: Fixture.rubric)
    precondition(!page.isEmpty)
    return 0
}

/// `fuzz` as the C function pointer libFuzzer's driver takes.
let fuzzCallback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { fuzz($0, $1) }
