import Foundation
import GraderEngine
import GraderFoundation
import GraderModeration
import GraderReports

/// Reads a folder's (or several folders') candidate reports into a digest store, `jobs`
/// files at a time, one file in memory per worker.
public enum CohortReader {
    /// The candidate reports (`candidates/*.xml`) of an output folder, sorted by name.
    public static func reportFiles(in folder: String) throws(InputError) -> [String] {
        let candidates = Path.join(folder, "candidates")
        guard let names = try? FileSystem.list(candidates) else {
            throw InputError(file: folder, message: "no candidates/ folder of reports here (run grader grade first)")
        }
        return names.filter { Path.fileExtension($0) == "xml" && !$0.hasPrefix(".") }
            .sorted().map { Path.join(candidates, $0) }
    }

    /// Digests `files` (reports graded with `rubric`) into `store` and seals it (candidates sorted by id, a duplicate id an
    /// error): returns the sealed digests, the cohort's shingle frequencies and the decisions the
    /// reports hold. Each worker holds one report at a time.
    package static func read(_ files: [String], rubric: Rubric, jobs: Int,
                     into store: DigestWriter) async throws -> (DigestTable, ShingleFrequency, ModerationFacts) {
        var parts: [(ShingleFrequency?, ModerationFacts)] = try await WorkerPool.run(files, jobs: jobs) { queue in
            let digester = CandidateDigester(rubric: rubric)
            while let file = await queue.next() {
                let bytes = try ReportBytes.read(file)
                let report = try CandidateReportReader.read(bytes: bytes, file: file, evidence: false)
                let digest = try digester.digest(report, file: file)
                // The same digest-cache record `grade` writes, so a folder rebuilt here re-runs as fast.
                let cached = CachedCandidate.of(report, digest: digest, reportSHA256: bytes.withUnsafeBytes(DigestCache.reportHash),
                                                moderation: digester.candidateModeration)
                try store.append(digest, cacheRecord: cached?.encoded())
            }
            return (digester.frequency, digester.moderation)
        }
        let moderation = parts.reduce(into: ModerationFacts()) { $0.merge($1.1) }
        var frequencies = parts.map(\.0)
        // The frequencies (megabytes each) are referenced once, so `merging` can empty them as it goes.
        parts.removeAll()
        let sealed = try store.seal()
        return (sealed, ShingleFrequency.merging(&frequencies, questions: sealed.shape?.questions.count ?? 0), moderation)
    }

    /// Re-reads the answers of a candidate's report; the prompts and model answers are the
    /// rubric's (as sanitised as a report's text would be), which reports no longer repeat.
    package static func texts(of rubric: Rubric) -> CohortAnalysis.TextLoader {
        let sources = QuestionSources.of(rubric)
        return { file throws(InputError) in
            let report = try CandidateReportReader.read(bytes: try ReportBytes.read(file), file: file, evidence: false)
            var result: [Int: (answer: String, prompt: String, model: String)] = [:]
            for (index, question) in report.questions.enumerated() where index < sources.count {
                guard let answer = question.answer?.text else { continue }
                result[index] = (answer, sources[index].prompt, sources[index].modelAnswer)
            }
            return result
        }
    }
}
