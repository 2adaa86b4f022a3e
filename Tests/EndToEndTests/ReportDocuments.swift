import Foundation
import GraderCohort
import GraderEngine
import GraderFoundation
import GraderModeration
import GraderReports
import GraderWorkflows

/// `cohort.xml` and `tune.xml` as the binary wrote them, read with the formats' own readers (the
/// ones review uses), so the tests check figures rather than spellings of attributes.
enum ReportDocuments {
    static func cohort(_ path: String) throws -> CohortDocument {
        try cohort(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), name: path)
    }

    static func cohort(bytes: [UInt8], name: String = "cohort.xml") throws -> CohortDocument {
        try CohortReportReader(bytes: bytes, name: name).document()
    }

    static func tune(_ path: String) throws -> TuneDocument {
        try TuneReportReader(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), name: path).document()
    }

    /// A moderation question's figures in one line, `id moderated disagreed mean mean-absolute` ("-" when absent).
    static func line(_ question: CohortDocument.ModeratedQuestion) -> String {
        let mean = question.meanDifference.map { NumberText.format($0, places: 3) } ?? "-"
        let absolute = question.meanAbsoluteDifference.map { NumberText.format($0, places: 3) } ?? "-"
        return "\(question.id) \(question.moderated) \(question.disagreed) \(mean) \(absolute)"
    }
}
