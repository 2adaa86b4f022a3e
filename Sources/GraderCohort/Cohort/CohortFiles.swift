import Foundation
import GraderFoundation
import GraderReports

/// Writes and rebuilds a cohort's files: `index.html`, `cohort.xml` (with `cohort.xsd`),
/// `grades.csv` (with `report.xsd`) and the LMS gradebook asked for. `grader grade` ends
/// here, and `grader cohort` starts from the reports alone, so both write the same bytes.
public enum CohortFiles {
    /// Writes every cohort file of `report` into `output`; the gradebooks come from `store`.
    package static func write(_ report: CohortReport, store: DigestTable, to output: String) throws {
        try streamed(path: Path.join(output, "grades.csv")) { try GradesCSVWriter.write(store, to: $0) }
        for layout in GradebookLayout.allCases {
            let path = Path.join(output, layout.fileName)
            if layout == report.options.gradebook {
                try streamed(path: path) { try GradesCSVWriter.write(store, layout: layout, rubric: report.rubric, to: $0) }
            } else {
                // A gradebook from an earlier run would hold old numbers: remove it.
                try? FileSystem.remove(path)
            }
        }
        try AtomicFile.write(Schemas.reportSource, to: Path.join(output, "report.xsd"))
        try AtomicFile.write(Schemas.cohortSource, to: Path.join(output, "cohort.xsd"))
        try streamed(path: Path.join(output, "cohort.xml")) { try CohortXMLWriter.write(report, to: $0) }
        try streamed(path: Path.join(output, "index.html")) { try CohortHTMLWriter().write(report, to: $0) }
        try streamed(path: Path.join(output, ReviewIndex.fileName)) {
            try ReviewIndex.write(store, rubricSHA256: report.rubric.sha256, to: $0)
        }
    }

    /// Runs the writer of a file that grows with the cohort, naming the file in any error
    /// that does not already name one.
    private static func streamed(path: String, _ write: (String) throws -> Void) throws {
        do {
            try write(path)
        } catch let error as OutputError {
            throw error
        } catch let error as InputError {
            throw error
        } catch {
            throw OutputError(path: path, message: "cannot build the file: \(error)")
        }
    }

    /// Rebuilds the cohort files from the candidate reports of `folders` and their rubric copy
    /// (`rubric.xml`, which must be the same in every folder). One folder and no `output` (or
    /// the same folder): in place. Otherwise the folders' candidate reports (XML and HTML) are
    /// copied into `output/candidates`, which then holds exactly them, and the cohort is built
    /// there. The rubric copy is (re)written beside them: the result equals a single run over all candidates.
    public static func rebuild(folders: [String], output: String?, options: CohortOptions,
                               timing: (String, Duration) -> Void = { _, _ in }) async throws -> CohortReport {
        let clock = ContinuousClock()
        var started = clock.now
        let target = output ?? folders[0]
        let inPlace = folders.count == 1 && URL(fileURLWithPath: folders[0]).standardizedFileURL == URL(fileURLWithPath: target).standardizedFileURL
        let rubric = try RubricCopy.load(folders: folders)
        if !inPlace { try merge(folders, into: target) }
        // In place too: the same bytes, and a page deleted by hand comes back.
        try RubricCopy.write(rubric, to: target)
        let files = try CohortReader.reportFiles(in: target)
        AtomicFile.removeLeftovers(in: target)
        let (store, frequency, moderation) = try await CohortReader.read(files, rubric: rubric, jobs: options.jobs,
                                                                         into: try DigestWriter(in: target))
        timing("read reports", clock.now - started)
        started = clock.now
        let report = try CohortAnalysis.analyse(store, frequency: frequency, moderation: moderation, options: options,
                                                texts: CohortReader.texts(of: rubric), timing: timing)
        started = clock.now
        try write(report, store: store, to: target)
        // A cache: one that cannot be written costs the next grade run its speed, not a result.
        try? DigestCache.write(store, rubricSHA256: rubric.sha256, to: Path.join(target, DigestCache.fileName(shard: nil)))
        timing("write", clock.now - started)
        return report
    }

    /// Copies the candidate reports of `folders` into `output/candidates`, refusing a
    /// candidate reported by two folders, and removes reports of candidates in none of them.
    package static func merge(_ folders: [String], into output: String) throws {
        let candidates = Path.join(output, "candidates")
        do {
            try FileSystem.createFolder(candidates)
        } catch {
            throw OutputError(path: output, message: "cannot create the output folder: \(error.reason)")
        }
        AtomicFile.removeLeftovers(in: candidates)
        var owner: [String: String] = [:]
        for folder in folders {
            let from = Path.join(folder, "candidates")
            guard let names = try? FileSystem.list(from) else {
                throw InputError(file: folder, message: "no candidates/ folder of reports here (run grader grade first)")
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                let ext = Path.fileExtension(name)
                guard ext == "xml" || ext == "html" else { continue }
                if let other = owner[name] {
                    throw InputError(file: Path.join(from, name),
                                           message: "also in \(other): each candidate must be graded in one shard only")
                }
                owner[name] = folder
                let source = Path.join(from, name), destination = Path.join(candidates, name)
                if URL(fileURLWithPath: source).standardizedFileURL == URL(fileURLWithPath: destination).standardizedFileURL { continue }
                try AtomicFile.write(try ReportBytes.read(source), to: destination)
            }
        }
        for name in (try? FileSystem.list(candidates)) ?? [] where owner[name] == nil {
            let ext = Path.fileExtension(name)
            guard ext == "xml" || ext == "html" else { continue }
            try? FileSystem.remove(Path.join(candidates, name))
        }
    }
}
