import Foundation

/// Runs the built `grader` executable the way a user does, and captures what it printed.
struct GraderProcess {
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The executable sits beside the test bundle in the build products folder;
    /// `GRADER_BINARY` overrides that.
    static let executable: URL = {
        if let path = ProcessInfo.processInfo.environment["GRADER_BINARY"] { return URL(fileURLWithPath: path) }
        return Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("grader")
    }()

    /// The package root, for tests that use the bundled sample rubric and cohort.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The bundled sample cohort's submissions folder and rubric.
    static var sampleSubmissions: String { packageRoot.appendingPathComponent("Submissions").path }
    static var sampleRubric: String { packageRoot.appendingPathComponent("Rubrics/python-interview.xml").path }

    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")!.path
    }

    /// Runs `program` (the built `grader` unless told otherwise) with `arguments`.
    static func run(_ arguments: [String], in directory: URL? = nil, input: String? = nil,
                    program: URL = executable) throws -> Outcome {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        // Small inputs only: written whole, then closed, before the output is read.
        stdin.fileHandleForWriting.write(Data((input ?? "").utf8))
        try stdin.fileHandleForWriting.close()
        // Read both pipes before waiting, so a chatty run cannot fill a pipe and block.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A temporary folder removed when the value is released.
final class Scratch {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("grader-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    /// Every regular file below `folder`, relative path to contents.
    static func contents(of folder: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = URL(fileURLWithPath: folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let relative = String(url.standardizedFileURL.path.dropFirst(base.standardizedFileURL.path.count))
            result[relative] = try Data(contentsOf: url)
        }
        return result
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
