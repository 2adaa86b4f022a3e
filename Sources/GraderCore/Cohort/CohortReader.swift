import Foundation
import LibXML2

/// Reads a folder's (or several folders') candidate reports into digests, `jobs` files at
/// a time, one file in memory per worker. The result is sorted by candidate id.
public enum CohortReader {
    /// The candidate reports (`candidates/*.xml`) of an output folder, sorted by name.
    public static func reportFiles(in folder: String) throws(CohortInputError) -> [String] {
        let candidates = SubmissionDiscovery.join(folder, "candidates")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: candidates) else {
            throw CohortInputError(file: folder, message: "no candidates/ folder of reports here (run grader grade first)")
        }
        return names.filter { SubmissionDiscovery.fileExtension($0) == "xml" && !$0.hasPrefix(".") }
            .sorted().map { SubmissionDiscovery.join(candidates, $0) }
    }

    /// Digests of `files`, sorted by id, with the cohort's shingle frequencies. Duplicate ids are an error.
    public static func read(_ files: [String], jobs: Int) async throws -> ([CandidateDigest], ShingleFrequency) {
        let workers = max(1, min(jobs, files.count))
        let results = try await withThrowingTaskGroup(of: ([CandidateDigest], ShingleFrequency?).self) { group in
            for worker in 0..<workers {
                group.addTask {
                    let reader = DigestReader()
                    var digests: [CandidateDigest] = []
                    for index in stride(from: worker, to: files.count, by: workers) {
                        digests.append(try reader.digest(bytes: try bytes(of: files[index]), file: files[index]))
                    }
                    return (digests, reader.frequency)
                }
            }
            var all: [([CandidateDigest], ShingleFrequency?)] = []
            for try await result in group { all.append(result) }
            return all
        }
        return try merge(results)
    }

    /// Puts workers' digests and frequencies together, sorted by id.
    static func merge(_ parts: [([CandidateDigest], ShingleFrequency?)]) throws(CohortInputError) -> ([CandidateDigest], ShingleFrequency) {
        let digests = parts.flatMap(\.0).sorted { $0.id < $1.id }
        for (a, b) in zip(digests, digests.dropFirst()) where a.id == b.id {
            throw CohortInputError(file: b.file, message: "candidate \(a.id) is also reported in \(a.file): each candidate must be graded once")
        }
        let questions = digests.first?.questions.count ?? 0
        var frequency = ShingleFrequency(questions: questions)
        for case let part? in parts.map(\.1) where part.answers.count == questions { frequency.merge(part) }
        return (digests, frequency)
    }

    static func bytes(of file: String) throws(CohortInputError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CohortInputError(file: file, message: "cannot read the report")
        }
        return [UInt8](data)
    }

    /// Re-reads the answers, prompts and model answers of a candidate's report.
    public static let texts: CohortAnalysis.TextLoader = { digest throws(CohortInputError) in
        let tree: XMLTree
        do {
            tree = try XMLTree(bytes: try bytes(of: digest.file), name: digest.file)
        } catch let error as CohortInputError {
            throw error
        } catch {
            throw CohortInputError(file: digest.file, message: "not a readable report: \(error)")
        }
        var result: [Int: (answer: String, prompt: String, model: String)] = [:]
        for (index, question) in (tree.root?.children(named: "question") ?? []).enumerated() {
            guard let answer = question.firstChild(named: "answer")?.text else { continue }
            result[index] = (answer, question.firstChild(named: "prompt")?.text ?? "", question.firstChild(named: "model-answer")?.text ?? "")
        }
        return result
    }
}
