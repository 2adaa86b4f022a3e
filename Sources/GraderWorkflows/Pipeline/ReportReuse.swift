import Foundation
import GraderCohort
import GraderEngine
import GraderFoundation
import GraderModeration
import GraderReports
import LibXML2

/// Whether a candidate's reports from an earlier run still stand, so `grader grade` need
/// not grade the candidate again: both files present (the HTML page is written before the
/// XML report, each atomically, so a present XML report means a whole page beside it), the
/// page of the current layout (`isCurrentPage`), and
/// the XML report of the current format, from the same source path, made from the same
/// submission bytes (`SubmissionHash`) with the same rubric (its SHA-256). Nothing else a
/// run is given changes a candidate's reports: the cohort options shape only the cohort
/// files, `--max-file-size` only through what the hash covers, `--map` only through the rows.
///
/// Two inputs besides the submission and the rubric do: a candidate named in the moderation
/// file is always graded again (so a new, changed, withdrawn or stale decision is applied and
/// counted in the cohort's moderation figures; moderated candidates are few), and so is one
/// whose report holds a decision, applied or stale, the file no longer has; with `--student-reports` the
/// candidate's student page must be there too (it is written before the XML report, and
/// removed there when not asked for, so it always belongs to the report beside it).
struct ReportReuse: Sendable {
    package let rubricSHA256: String
    let candidatesFolder: String
    /// The moderation file's rows, nil when the run has none.
    package let moderation: ModerationLog?
    /// Where the student pages are, when the run writes them.
    let studentsFolder: String?
    /// Per question whose gates require named matchers, their ids (`Question.requiredDefines`): a report
    /// must record each one's outcome (`<define held>`) for such an answered question. Reports written
    /// before outcomes were recorded lack them and are graded again, so review's flips can be exact.
    var requiredDefines: [String: [String]] = [:]

    /// `requiredDefines` of `rubric`.
    static func requiredDefines(of rubric: Rubric) -> [String: [String]] {
        var ids: [String: [String]] = [:]
        for question in rubric.questions where !question.requiredDefines.isEmpty {
            ids[question.id] = question.requiredDefines.map(\.id)
        }
        return ids
    }

    /// The XML report of `unit`, read back without its evidence, with the SHA-256 of its bytes,
    /// when it can stand; nil when the candidate must be graded.
    func reusable(_ unit: SubmissionUnit, submissionSHA256: String) -> (report: CandidateReport, reportSHA256: [UInt8])? {
        let xml = Path.join(candidatesFolder, unit.id + ".xml")
        guard standsBesideItsReport(unit), let bytes = try? FileSystem.read(xml) else { return nil }
        // The report's head (before the first question) must name this submission: a changed
        // submission's old report is not parsed at all.
        let head = bytes.prefix(Self.headBytes)
        guard Self.contains(head, Self.submissionMark(submissionSHA256)),
              let report = try? CandidateReportReader.read(bytes: bytes, file: xml, evidence: false),
              report.format == CandidateReportFormat.version,
              report.rubric?.sha256 == rubricSHA256,
              report.submissionSHA256 == submissionSHA256,
              let candidate = report.candidate,
              candidate.id == XMLWriter.sanitised(unit.id),
              candidate.source == XMLWriter.sanitised(unit.source),
              !report.questions.contains(where: \.holdsDecision),
              report.questions.allSatisfy(recordsItsDefines) else { return nil }
        return (report, bytes.withUnsafeBytes(DigestCache.reportHash))
    }

    /// Whether `cached`, the digest cache's record of `unit`, settles it: the record was made for
    /// this submission (its SHA-256) with this rubric, of a report holding no decision, and the
    /// XML report's bytes are those it was made from (their SHA-256), so the report would pass
    /// every check of `reusable` (the checks on the files beside it are made again here).
    func stands(_ unit: SubmissionUnit, submissionSHA256: String, cached: CachedCandidate) -> Bool {
        let digest = cached.digest
        guard cached.submissionSHA256 == submissionSHA256, !cached.holdsDecision, digest.rubric.sha256 == rubricSHA256,
              digest.id == XMLWriter.sanitised(unit.id), digest.source == XMLWriter.sanitised(unit.source),
              standsBesideItsReport(unit) else { return false }
        return DigestCache.reportHash(ofFile: Path.join(candidatesFolder, unit.id + ".xml")) == cached.reportSHA256
    }

    /// What must hold of the files beside a candidate's XML report, and of the moderation file, for it to stand.
    private func standsBesideItsReport(_ unit: SubmissionUnit) -> Bool {
        if moderation?.names(candidate: unit.id) == true { return false }
        if let studentsFolder, !FileSystem.exists(Path.join(studentsFolder, unit.id + ".html")) { return false }
        return Self.isCurrentPage(Path.join(candidatesFolder, unit.id + ".html"))
    }

    /// Whether the candidate's page is there and of the current layout: one that inlined its
    /// style (before `candidate.css`) would look the same but keep the folder from being what a
    /// run from scratch writes, so its candidate is graded again, once. Its first bytes are read,
    /// not the whole page: what a stat cost before, about.
    static func isCurrentPage(_ path: String) -> Bool {
        (try? FileSystem.head(path, count: HTMLReportWriter.pageStart.count)) == HTMLReportWriter.pageStart
    }

    /// Whether the question records the outcome of every named matcher its gates require (a missing
    /// answer has none to record).
    private func recordsItsDefines(_ question: CandidateReport.Question) -> Bool {
        guard let ids = requiredDefines[question.id], question.status != .missing else { return true }
        return question.defines.map(\.id) == ids
    }

    /// `<submission sha256="HEX"`, as `XMLReportWriter` writes it.
    static func submissionMark(_ sha256: String) -> [UInt8] {
        Array("<\(CandidateReportFormat.Submission.tag) \(CandidateReportFormat.Submission.sha256)=\"\(sha256)\"".utf8)
    }

    /// How far into a report its head is looked for; a head is a few hundred bytes unless a
    /// candidate's name or path is very long, and such a report is then graded again.
    static let headBytes = 8192

    package static func contains(_ bytes: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        var index = bytes.startIndex
        while index <= bytes.endIndex - needle.count {
            if bytes[index] == first, bytes[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}

extension WorkerOutcome {
    /// Counts a reused report as `add(_:)` counts a graded candidate: its answers, their
    /// bytes and its warnings, read back from the report.
    package mutating func add(reused report: CandidateReport) {
        for question in report.questions {
            guard let answer = question.answer else { continue }
            answers += 1
            bytes += answer.text.utf8.count
        }
        warnings += report.warnings
        reused += 1
    }

    /// Counts a candidate settled from the digest cache as `add(reused:)` counts its report.
    package mutating func add(reused cached: CachedCandidate) {
        answers += cached.answers
        bytes += cached.bytes
        warnings += cached.warnings
        reused += 1
    }
}
