import Foundation
@testable import GraderCohort
@testable import GraderEngine
@testable import GraderFoundation
@testable import GraderModeration
@testable import GraderReports
@testable import GraderWorkflows
import Testing

/// tune.xml written by a real `grader tune` run (`Tuner`, with suggestions, a baseline and a tuned
/// rubric) and read back by `TuneReportReader`: every field of the report comes back (to the
/// places written), so writer and reader cannot drift apart.
@Suite("report formats: tune.xml round trip")
struct TuneFormatRoundTripTests {
    typealias Fixture = ReportFormatFixture

    @Test func everyFieldComesBack() async throws {
        let folder = try Fixture.folder("tune-format")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (submissions, grades) = try Fixture.writeSubmissionsAndGrades(in: folder)
        let rubricPath = folder.appendingPathComponent("shapes.xml").path
        try Data(Fixture.rubricXML.utf8).write(to: URL(fileURLWithPath: rubricPath))
        let baselinePath = folder.appendingPathComponent("baseline.xml").path
        try Data(Fixture.rubricXML.replacingOccurrences(of: #"<criterion id="alpha" points="2">"#, with: #"<criterion id="alpha" points="3">"#).utf8)
            .write(to: URL(fileURLWithPath: baselinePath))
        let output = folder.appendingPathComponent("tune").path
        let options = TuneOptions(gradesFile: grades, submissions: [submissions], output: output, baselineFile: baselinePath,
                                  tunedRubric: folder.appendingPathComponent("tuned.xml").path, jobs: 2, suggest: 3)
        let report = try await Tuner(rubric: try RubricLoader.load(path: rubricPath), baseline: try RubricLoader.load(path: baselinePath),
                                     options: options).run()
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Path.join(output, "tune.xml"))))
        let document = try TuneReportReader(bytes: bytes, name: "tune.xml").document()

        expectEveryOptionalPart(report)
        compareHeader(document.header, report)
        compare(document.overall, report.overall, "overall")
        compare(document.overallTuned, report.overallTuned, "overall tuned")
        compare(document.overallWritten, report.overallWritten, "overall written")
        compare(document.overallSuggested, report.overallSuggested, "overall suggested")
        #expect(document.totals.candidates == report.totals.count)
        Fixture.expectNear(document.totals.pearson, report.totals.pearson, 3, "totals pearson")
        Fixture.expectNear(document.totals.spearman, report.totals.spearman, 3, "totals spearman")
        Fixture.expectNear(document.totals.meanAbsoluteError, report.totals.meanAbsoluteError, 3, "totals MAE")
        try #require(document.questions.count == report.questions.count)
        for (read, written) in zip(document.questions, report.questions) { compareQuestion(read, written) }
        try #require(document.disagreements.count == report.disagreements.count)
        for (read, written) in zip(document.disagreements, report.disagreements) { compareDisagreement(read, written) }
        #expect(document.disagreements.contains { $0.answer.hasSuffix(Fixture.hostile) }, "the hostile answer comes back as written")
        compareAnswerScores(document.answerScores, report.answerScores)
        compareBaseline(document.baseline, report)
        #expect(document.warnings == report.warnings.map(\.description))
        #expect(document.tunedRubricChanges == report.tunedRubricNotes)
        #expect(document.tunedRubricFindings == report.tunedRubricFindings.map(\.description))
        try expectRenamedAttributesFail(bytes)
    }

    /// The run has every optional part, so a reader that missed one would read it as absent.
    private func expectEveryOptionalPart(_ report: TuneReport) {
        #expect(report.overallSuggested != nil && report.baselineOverall != nil && !report.deltas.isEmpty)
        #expect(!report.tunedRubricNotes.isEmpty, "writing the tuned rubric changed something")
        let questions = report.questions
        #expect(questions.contains { $0.tuned != nil && $0.suggested != nil && $0.baseline != nil && $0.fit != nil })
        #expect(questions.contains { !($0.fit?.bands.isEmpty ?? true) }, "a fit with bands")
        #expect(questions.contains { !$0.phrases.isEmpty })
        let suggestions = questions.flatMap(\.suggestions)
        #expect(suggestions.contains { $0.source == "length" }, "a length suggestion: \(suggestions.map(\.label))")
        #expect(suggestions.contains { $0.qwkBefore != nil && $0.qwkAfter != nil && !$0.examples.isEmpty })
        #expect(Set(questions.flatMap { $0.rules.map(\.kind) }) == [.criterion, .element, .penalty])
        #expect(questions.flatMap(\.rules).contains { $0.marked > 0 && $0.precision != nil && $0.recall != nil })
        #expect(report.answerScores.contains { $0.human == nil && $0.fitted != nil }, "c40 nobody graded")
        #expect(report.disagreements.contains { !$0.evidence.isEmpty && !$0.evidence.flatMap(\.matched).isEmpty })
    }

    /// A reader and writer that disagree on a name fail: the renamed attribute is an error naming its element and line.
    private func expectRenamedAttributesFail(_ bytes: [UInt8]) throws {
        let text = String(decoding: bytes, as: UTF8.self)
        let original = try TuneReportReader(bytes: bytes, name: "tune.xml").document()
        for (attribute, renamed) in [(" qwk=\"", " kappa2=\""), (" log-odds=\"", " odds=\""), (" awarded=\"", " gave=\""),
                                     (" fitted=\"", " model=\"")] {
            #expect(text.contains(attribute))
            // An optional attribute renamed reads as absent: the round trip above catches that; a required one is an error.
            let broken = Array(text.replacingOccurrences(of: attribute, with: renamed).utf8)
            let read = try? TuneReportReader(bytes: broken, name: "tune.xml").document()
            #expect(read == nil || read != original, "\(attribute)")
        }
        do {
            _ = try TuneReportReader(bytes: Array(text.replacingOccurrences(of: " log-odds=\"", with: " odds=\"").utf8), name: "tune.xml").document()
            Issue.record("a phrase without log-odds was read")
        } catch {
            #expect("\(error)".contains("<phrase> lacks the attribute log-odds"), "\(error)")
        }
    }

    private func compareHeader(_ header: TuneDocument.Header, _ report: TuneReport) {
        #expect(header.rubricID == report.rubricID && header.rubricFile == report.rubricFile && header.rubricSHA256 == report.rubricSHA256)
        #expect(header.gradesFile == report.gradesFile && header.candidates == report.candidates && header.answers == report.answers)
        #expect(header.rubricID == "shapes-2")
        Fixture.expectNear(header.weightStep, report.step, 2, "weight step")
        Fixture.expectNear(header.margin, report.margin, 2, "margin")
    }

    private func compareQuestion(_ read: TuneDocument.Question, _ written: TuneReport.QuestionReport) {
        let id = written.id
        #expect(read.id == id && read.highAnswers == written.highAnswers && read.lowAnswers == written.lowAnswers)
        Fixture.expectNear(read.points, written.points, 2, "\(id) points")
        Fixture.expectNear(read.scaleStep, written.scale.step, 2, "\(id) scale step")
        compare(read.current, written.current, "\(id) current")
        compare(read.tuned, written.tuned, "\(id) tuned")
        compare(read.suggested, written.suggested, "\(id) suggested")
        compare(read.baseline, written.baseline, "\(id) baseline")
        #expect((read.fit == nil) == (written.fit == nil), "\(id) fit")
        if let fit = read.fit, let original = written.fit { compareFit(fit, original, id) }
        #expect(read.rules.map(\.id) == written.rules.map(\.id) && read.rules.map(\.kind) == written.rules.map(\.kind))
        for (rule, stats) in zip(read.rules, written.rules) { compareRule(rule, stats, "\(id) \(stats.id)") }
        #expect(read.suggestions.count == written.suggestions.count)
        for (suggestion, original) in zip(read.suggestions, written.suggestions) { compareSuggestion(suggestion, original, id) }
        #expect(read.phrases.map(\.text) == written.phrases.map(\.text))
        #expect(read.phrases.map(\.high) == written.phrases.map(\.high) && read.phrases.map(\.low) == written.phrases.map(\.low))
        for (phrase, original) in zip(read.phrases, written.phrases) { Fixture.expectNear(phrase.logOdds, original.logOdds, 3, "\(id) \(phrase.text)") }
    }

    private func compareFit(_ fit: TuneDocument.Fit, _ written: TuneReport.Fit, _ id: String) {
        #expect(fit.folds == written.folds && fit.settings == written.settings && fit.foldSettings == written.foldSettings)
        #expect(fit.written == written.decision.written && fit.withSuggestions == written.decision.withSuggestions)
        #expect(fit.reason == written.decision.reason)
        Fixture.expectNear(fit.base, written.base, 6, "\(id) base")
        Fixture.expectNear(fit.inSampleExact, written.inSample.exact, 3, "\(id) in-sample exact")
        Fixture.expectNear(fit.inSampleMeanAbsoluteError, written.inSample.meanAbsoluteError, 3, "\(id) in-sample MAE")
        #expect(fit.bands.count == written.bands.count)
        for (band, original) in zip(fit.bands, written.bands) {
            Fixture.expectNear(band.from, original.from, 6, "\(id) band from")
            Fixture.expectNear(band.points, original.points, 6, "\(id) band points")
        }
    }

    private func compareRule(_ rule: TuneDocument.Rule, _ stats: TuneReport.RuleStats, _ what: String) {
        Fixture.expectNear(rule.points, stats.points, 2, "\(what) points")
        Fixture.expectNear(rule.fitted, stats.fitted, 3, "\(what) fitted")
        Fixture.expectNear(rule.firesHigh, stats.firesHigh, 3, "\(what) fires high")
        Fixture.expectNear(rule.firesLow, stats.firesLow, 3, "\(what) fires low")
        Fixture.expectNear(rule.pointBiserial, stats.pointBiserial, 3, "\(what) point-biserial")
        #expect(rule.humanMarked == (stats.marked > 0 ? stats.marked : nil), "\(what) marked")
        Fixture.expectNear(rule.precision, stats.marked > 0 ? stats.precision : nil, 3, "\(what) precision")
        Fixture.expectNear(rule.recall, stats.marked > 0 ? stats.recall : nil, 3, "\(what) recall")
    }

    private func compareSuggestion(_ suggestion: TuneDocument.Suggestion, _ written: TuneReport.Suggestion, _ id: String) {
        #expect(suggestion.label == written.label && suggestion.source == written.source && suggestion.kind == written.kind.rawValue)
        #expect(suggestion.matcher == written.matcher && suggestion.examples == written.examples)
        #expect(suggestion.firesHigh == written.firesHigh && suggestion.firesLow == written.firesLow)
        Fixture.expectNear(suggestion.points, written.weight, 6, "\(id) \(written.label) points")
        Fixture.expectNear(suggestion.qwkBefore, written.qwkBefore, 3, "\(id) \(written.label) QWK before")
        Fixture.expectNear(suggestion.qwkAfter, written.qwkAfter, 3, "\(id) \(written.label) QWK after")
    }

    private func compareDisagreement(_ read: TuneDocument.Disagreement, _ written: TuneReport.Disagreement) {
        #expect(read.candidate == written.candidate && read.question == written.question && read.answer == written.text)
        Fixture.expectNear(read.human, written.human, 2, "\(read.candidate) human")
        Fixture.expectNear(read.rubric, written.machine, 2, "\(read.candidate) rubric")
        #expect(read.fired.map(\.rule) == written.evidence.map(\.rule) && read.fired.map(\.matches) == written.evidence.map(\.matched))
        for (fired, original) in zip(read.fired, written.evidence) { Fixture.expectNear(fired.awarded, original.awarded, 2, "\(fired.rule) awarded") }
    }

    private func compareAnswerScores(_ read: [TuneDocument.AnswerScore], _ written: [TuneReport.AnswerScore]) {
        #expect(read.map(\.candidate) == written.map(\.candidate) && read.map(\.question) == written.map(\.question))
        for (score, original) in zip(read, written) {
            let what = "\(score.candidate) \(score.question)"
            Fixture.expectNear(score.rubric, original.rubric, 3, "\(what) rubric")
            Fixture.expectNear(score.human, original.human, 3, "\(what) human")
            Fixture.expectNear(score.fitted, original.fitted, 3, "\(what) fitted")
            #expect(score.answerSHA256 == original.answerSHA256, "\(what) answer-sha256")
            #expect(original.answerSHA256.count == 64, "\(what): a SHA-256 in hex")
        }
    }

    private func compareBaseline(_ read: TuneDocument.Baseline?, _ report: TuneReport) {
        #expect(read?.file == report.baselineFile)
        compare(read?.overall, report.baselineOverall, "baseline overall")
        #expect(read?.candidates.map(\.id) == report.deltas.map(\.id))
        for (delta, original) in zip(read?.candidates ?? [], report.deltas) {
            for (name, value, written) in [("human", delta.human, original.human), ("old", delta.old, original.old),
                                           ("new", delta.new, original.new), ("delta", delta.delta, original.delta)] {
                Fixture.expectNear(value, written, 2, "baseline \(delta.id) \(name)")
            }
        }
    }

    private func compare(_ read: TuneDocument.Scores?, _ written: TuneReport.Scores?, _ what: String) {
        guard let read, let written else {
            #expect(read == nil && written == nil, "\(what): one of read and written is absent")
            return
        }
        #expect(read.count == written.agreement.count, "\(what) n")
        Fixture.expectNear(read.exact, written.agreement.exact, 3, "\(what) exact")
        Fixture.expectNear(read.adjacent, written.agreement.adjacent, 3, "\(what) adjacent")
        Fixture.expectNear(read.meanAbsoluteError, written.agreement.meanAbsoluteError, 3, "\(what) MAE")
        Fixture.expectNear(read.pearson, written.pearson, 3, "\(what) pearson")
        Fixture.expectNear(read.spearman, written.spearman, 3, "\(what) spearman")
        Fixture.expectNear(read.kappa, written.kappa, 3, "\(what) kappa")
        Fixture.expectNear(read.quadraticKappa, written.quadraticKappa, 3, "\(what) QWK")
        let scale = written.confusion.scale
        Fixture.expectNear(read.confusion.lowest, scale.lowest, 2, "\(what) lowest")
        Fixture.expectNear(read.confusion.step, scale.step, 2, "\(what) step")
        var cells: [TuneDocument.Cell] = []
        for (row, counts) in written.confusion.counts.enumerated() {
            for (column, count) in counts.enumerated() where count > 0 {
                cells.append(TuneDocument.Cell(human: scale.value(row), rubric: scale.value(column), count: count))
            }
        }
        #expect(read.confusion.cells.map(\.count) == cells.map(\.count), "\(what) cells")
        for (cell, original) in zip(read.confusion.cells, cells) {
            Fixture.expectNear(cell.human, original.human, 4, "\(what) cell human")
            Fixture.expectNear(cell.rubric, original.rubric, 4, "\(what) cell rubric")
        }
    }
}
