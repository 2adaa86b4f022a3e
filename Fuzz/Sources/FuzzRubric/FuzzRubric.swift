import FuzzDriver
@testable import GraderEngine
@testable import GraderFoundation

/// The entry point SwiftPM links as `main`: hands over to libFuzzer's driver.
@_cdecl("FuzzRubric_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    grader_fuzz_run(argc, argv, fuzzCallback)
}

/// Feeds arbitrary bytes to the rubric loader: safe XML parse, schema validation,
/// matcher compilation. Any outcome but a crash, hang or leak is fine.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    if let rubric = try? RubricLoader.load(bytes: bytes, file: "fuzz.xml") {
        precondition(!rubric.questions.isEmpty)
    }
    return 0
}

/// `fuzz` as the C function pointer libFuzzer's driver takes.
let fuzzCallback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { fuzz($0, $1) }
