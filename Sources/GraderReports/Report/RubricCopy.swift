import Foundation
import GraderEngine
import GraderFoundation
import LibCrypto

/// A reports folder's one copy of its rubric: `rubric.xml`, the exact bytes the reports
/// were graded with (their SHA-256 is what every candidate report and `cohort.xml` name),
/// and `rubric.html`, the page the candidate pages link to. The rubric is always one file
/// (a rubric folder holds exactly one, `RubricLoader.resolve`), so its copy is one file too.
/// The candidate pages' stylesheet (`CandidateStylesheet`) is written with it: grade and cohort
/// both write a folder's per-cohort files here.
public enum RubricCopy {
    package static let fileName = "rubric.xml"

    /// Writes `rubric.xml`, `rubric.html` and `candidate.css` into `folder`.
    package static func write(_ rubric: Rubric, to folder: String) throws(OutputError) {
        try AtomicFile.write(rubric.bytes, to: Path.join(folder, fileName))
        try AtomicFile.write(RubricHTMLWriter().render(rubric), to: Path.join(folder, RubricAnchor.page))
        try CandidateStylesheet.write(to: folder)
    }

    /// The rubric the reports of `folders` were graded with, loaded from their copies, which
    /// must all be the same rubric (shards graded with different rubric versions cannot merge).
    package static func load(folders: [String]) throws(InputError) -> Rubric {
        var first: (folder: String, sha256: String, bytes: [UInt8])?
        for folder in folders {
            let path = Path.join(folder, fileName)
            guard FileSystem.exists(Path.join(folder, "candidates")) else {
                throw InputError(file: folder, message: "no candidates/ folder of reports here (run grader grade first)")
            }
            guard let bytes = try? FileSystem.read(path) else {
                throw InputError(file: folder, message: "no \(fileName) here: the reports were written by a Grader before report "
                                 + "format \(CandidateReportFormat.version), which keeps the rubric once per folder; "
                                 + "re-run grader grade to rewrite them")
            }
            let sha256: String
            do {
                sha256 = try Digest.sha256Hex(bytes)
            } catch {
                throw InputError(file: path, message: "cannot compute the rubric's SHA-256: \(error)")
            }
            if let first, first.sha256 != sha256 {
                throw InputError(file: folder, message: "graded with another rubric than \(first.folder): its \(fileName) has sha256 "
                                 + "\(sha256), \(first.folder)'s has \(first.sha256); grade every shard with the same rubric")
            }
            if first == nil { first = (folder, sha256, bytes) }
        }
        guard let first else { throw InputError(file: ".", message: "no folder of reports named") }
        return try RubricLoader.load(bytes: first.bytes, file: Path.join(first.folder, fileName))
    }
}
