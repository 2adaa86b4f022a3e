import FuzzDriver
@testable import GraderEngine
@testable import GraderFoundation

/// The entry point SwiftPM links as `main`: hands over to libFuzzer's driver.
@_cdecl("FuzzPMatch_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    grader_fuzz_run(argc, argv, fuzzCallback)
}

/// Feeds arbitrary bytes to the pmatch parser: the first line is the expression, the
/// rest a response. A parse error is fine; a crash, a hang or a step count that grows
/// faster than the polynomial bound is not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    let response = parts.count > 1 ? String(parts[1]) : "tom married maud"
    for ignoreCase in [false, true] {
        var options = PMatchOptions()
        options.ignoreCase = ignoreCase
        guard let expression = try? PMatchExpression(String(parts[0]), options: options) else { return 0 }
        let result = expression.match(response)
        precondition(result.ranges.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= response.unicodeScalars.count + 1 })
    }
    return 0
}

/// `fuzz` as the C function pointer libFuzzer's driver takes.
let fuzzCallback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { fuzz($0, $1) }
