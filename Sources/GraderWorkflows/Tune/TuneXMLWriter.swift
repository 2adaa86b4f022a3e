import GraderFoundation
import GraderReports
import LibXML2

/// `tune.xml`: every number of the tuning report, for scripts and for diffing two runs. The names
/// are `TuneReportFormat`'s; one function per section of the document, in its order.
enum TuneXMLWriter {
    private typealias Format = TuneReportFormat

    package static func render(_ report: TuneReport) throws(XMLError) -> [UInt8] {
        let xml = try XMLWriter()
        try header(report, xml)
        try scores(Format.ScoresElement.overall, report.overall, xml)
        try scores(Format.ScoresElement.overallTuned, report.overallTuned, xml)
        try scores(Format.ScoresElement.overallWritten, report.overallWritten, xml)
        if let suggested = report.overallSuggested { try scores(Format.ScoresElement.overallSuggested, suggested, xml) }
        try totals(report, xml)
        for question in report.questions { try self.question(question, xml) }
        for disagreement in report.disagreements { try self.disagreement(disagreement, xml) }
        try answerScores(report.answerScores, xml)
        try baseline(report, xml)
        try notes(report, xml)
        try xml.endElement()
        return try xml.finish()
    }

    /// `<tune>` and its attributes: what was tuned on what, and how.
    private static func header(_ report: TuneReport, _ xml: XMLWriter) throws(XMLError) {
        try xml.startElement(Format.Root.element)
        try xml.attribute(Format.Root.rubric, report.rubricID)
        try xml.attribute(Format.Root.rubricFile, report.rubricFile)
        try xml.attribute(Format.Root.rubricSHA256, report.rubricSHA256)
        try xml.attribute(Format.Root.gradesFile, report.gradesFile)
        try xml.attribute(Format.Root.candidates, String(report.candidates))
        try xml.attribute(Format.Root.answers, String(report.answers))
        try xml.attribute(Format.Root.weightStep, report.step.map { NumberText.format($0) } ?? Format.Root.automaticStep)
        try xml.attribute(Format.Root.margin, NumberText.format(report.margin))
    }

    /// `<totals>`: candidate totals over the questions people graded.
    private static func totals(_ report: TuneReport, _ xml: XMLWriter) throws(XMLError) {
        try xml.startElement(Format.Totals.element)
        try xml.attribute(Format.Totals.candidates, String(report.totals.count))
        try optional(Format.Totals.pearson, report.totals.pearson, xml)
        try optional(Format.Totals.spearman, report.totals.spearman, xml)
        try xml.attribute(Format.Totals.meanAbsoluteError, number(report.totals.meanAbsoluteError))
        try xml.endElement()
    }

    /// `<question>`: its scores under each rubric, the fit, the rules, the suggestions and the phrases.
    private static func question(_ question: TuneReport.QuestionReport, _ xml: XMLWriter) throws(XMLError) {
        try xml.startElement(Format.Question.element)
        try xml.attribute(Format.Question.id, question.id)
        try xml.attribute(Format.Question.points, NumberText.format(question.points))
        try xml.attribute(Format.Question.highAnswers, String(question.highAnswers))
        try xml.attribute(Format.Question.lowAnswers, String(question.lowAnswers))
        try xml.attribute(Format.Question.scaleStep, NumberText.format(question.scale.step))
        try scores(Format.ScoresElement.current, question.current, xml)
        if let tuned = question.tuned { try scores(Format.ScoresElement.tuned, tuned, xml) }
        if let suggested = question.suggested { try scores(Format.ScoresElement.suggested, suggested, xml) }
        if let baseline = question.baseline { try scores(Format.ScoresElement.baseline, baseline, xml) }
        if let fit = question.fit { try self.fit(fit, xml) }
        for rule in question.rules { try self.rule(rule, xml) }
        for suggestion in question.suggestions { try self.suggestion(suggestion, xml) }
        for phrase in question.phrases {
            try xml.element(Format.Phrase.element, attributes: [Format.Phrase.logOdds: number(phrase.logOdds), Format.Phrase.high: String(phrase.high),
                                                                Format.Phrase.low: String(phrase.low)], text: phrase.text)
        }
        try xml.endElement()
    }

    /// `<fit>`: the fitted model, how it did in sample, whether it was written, its bands and each fold's settings.
    private static func fit(_ fit: TuneReport.Fit, _ xml: XMLWriter) throws(XMLError) {
        try xml.startElement(Format.Fit.element)
        try xml.attribute(Format.Fit.folds, String(fit.folds))
        try xml.attribute(Format.Fit.settings, fit.settings)
        try xml.attribute(Format.Fit.base, NumberText.format(fit.base, places: 6))
        try xml.attribute(Format.Fit.inSampleExact, number(fit.inSample.exact))
        try xml.attribute(Format.Fit.inSampleMeanAbsoluteError, number(fit.inSample.meanAbsoluteError))
        try xml.attribute(Format.Fit.written, fit.decision.written ? Format.yes : Format.no)
        try xml.attribute(Format.Fit.withSuggestions, fit.decision.withSuggestions ? Format.yes : Format.no)
        try xml.attribute(Format.Fit.reason, fit.decision.reason)
        for band in fit.bands {
            try xml.element(Format.Band.element, attributes: [Format.Band.from: NumberText.format(band.from, places: 6),
                                                              Format.Band.points: NumberText.format(band.points, places: 6)])
        }
        for (index, settings) in fit.foldSettings.enumerated() {
            try xml.element(Format.Fold.element, attributes: [Format.Fold.number: String(index + 1), Format.Fold.settings: settings])
        }
        try xml.endElement()
    }

    /// A rule of a question, named by its kind, against the people's scores (and marks, when the grades have them).
    private static func rule(_ rule: TuneReport.RuleStats, _ xml: XMLWriter) throws(XMLError) {
        try xml.startElement(rule.kind.rawValue)
        try xml.attribute(Format.Rule.id, rule.id)
        try xml.attribute(Format.Rule.points, NumberText.format(rule.points))
        try optional(Format.Rule.fitted, rule.fitted, xml)
        try optional(Format.Rule.firesHigh, rule.firesHigh, xml)
        try optional(Format.Rule.firesLow, rule.firesLow, xml)
        try optional(Format.Rule.pointBiserial, rule.pointBiserial, xml)
        if rule.marked > 0 {
            try xml.attribute(Format.Rule.humanMarked, String(rule.marked))
            try optional(Format.Rule.precision, rule.precision, xml)
            try optional(Format.Rule.recall, rule.recall, xml)
        }
        try xml.endElement()
    }

    /// `<suggestion>`: a proposed criterion or penalty, its matcher and the passages it matched.
    private static func suggestion(_ suggestion: TuneReport.Suggestion, _ xml: XMLWriter) throws(XMLError) {
        try xml.startElement(Format.Suggestion.element)
        try xml.attribute(Format.Suggestion.label, suggestion.label)
        try xml.attribute(Format.Suggestion.source, suggestion.source)
        try xml.attribute(Format.Suggestion.kind, suggestion.kind.rawValue)
        try xml.attribute(Format.Suggestion.points, NumberText.format(suggestion.weight, places: 6))
        try optional(Format.Suggestion.qwkBefore, suggestion.qwkBefore, xml)
        try optional(Format.Suggestion.qwkAfter, suggestion.qwkAfter, xml)
        try xml.attribute(Format.Suggestion.firesHigh, String(suggestion.firesHigh))
        try xml.attribute(Format.Suggestion.firesLow, String(suggestion.firesLow))
        try xml.element(Format.Suggestion.matcher, text: suggestion.matcher)
        for example in suggestion.examples { try xml.element(Format.Suggestion.example, text: example) }
        try xml.endElement()
    }

    /// `<disagreement>`: the answer, both scores, and the rules that fired with what they matched.
    private static func disagreement(_ disagreement: TuneReport.Disagreement, _ xml: XMLWriter) throws(XMLError) {
        try xml.startElement(Format.Disagreement.element)
        try xml.attribute(Format.Disagreement.candidate, disagreement.candidate)
        try xml.attribute(Format.Disagreement.question, disagreement.question)
        try xml.attribute(Format.Disagreement.human, NumberText.format(disagreement.human))
        try xml.attribute(Format.Disagreement.rubric, NumberText.format(disagreement.machine))
        try xml.element(Format.Disagreement.answer, text: disagreement.text)
        for evidence in disagreement.evidence {
            try xml.startElement(Format.Fired.element)
            try xml.attribute(Format.Fired.rule, evidence.rule)
            try xml.attribute(Format.Fired.awarded, NumberText.format(evidence.awarded))
            for matched in evidence.matched { try xml.element(Format.Fired.match, text: matched) }
            try xml.endElement()
        }
        try xml.endElement()
    }

    /// `<baseline>`, when tune compared with a baseline rubric: its overall scores and each candidate's totals.
    private static func baseline(_ report: TuneReport, _ xml: XMLWriter) throws(XMLError) {
        guard let baselineFile = report.baselineFile else { return }
        try xml.startElement(Format.Baseline.element)
        try xml.attribute(Format.Baseline.file, baselineFile)
        if let overall = report.baselineOverall { try scores(Format.ScoresElement.overall, overall, xml) }
        for delta in report.deltas {
            try xml.element(Format.CandidateDelta.element, attributes: [
                Format.CandidateDelta.id: delta.id, Format.CandidateDelta.human: NumberText.format(delta.human),
                Format.CandidateDelta.old: NumberText.format(delta.old), Format.CandidateDelta.new: NumberText.format(delta.new),
                Format.CandidateDelta.delta: NumberText.format(delta.delta)])
        }
        try xml.endElement()
    }

    /// Warnings, then what writing the tuned rubric changed and what `check` found in it.
    private static func notes(_ report: TuneReport, _ xml: XMLWriter) throws(XMLError) {
        for warning in report.warnings { try xml.element(Format.Notes.warning, text: warning.description) }
        for note in report.tunedRubricNotes { try xml.element(Format.Notes.tunedRubricChange, text: note) }
        for finding in report.tunedRubricFindings { try xml.element(Format.Notes.tunedRubricFinding, text: finding.description) }
    }

    /// A set of scores compared with the people's, named `name`, with its confusion matrix.
    private static func scores(_ name: String, _ scores: TuneReport.Scores, _ xml: XMLWriter) throws(XMLError) {
        try xml.startElement(name)
        try xml.attribute(Format.Scores.count, String(scores.agreement.count))
        try xml.attribute(Format.Scores.exact, number(scores.agreement.exact))
        try xml.attribute(Format.Scores.adjacent, number(scores.agreement.adjacent))
        try xml.attribute(Format.Scores.meanAbsoluteError, number(scores.agreement.meanAbsoluteError))
        try optional(Format.Scores.pearson, scores.pearson, xml)
        try optional(Format.Scores.spearman, scores.spearman, xml)
        try optional(Format.Scores.kappa, scores.kappa, xml)
        try optional(Format.Scores.quadraticKappa, scores.quadraticKappa, xml)
        try confusion(scores.confusion, xml)
        try xml.endElement()
    }

    /// `<confusion>`: its grid and a `<cell>` per non-empty cell, human score by row.
    private static func confusion(_ confusion: ConfusionMatrix, _ xml: XMLWriter) throws(XMLError) {
        try xml.startElement(Format.Confusion.element)
        let scale = confusion.scale
        try xml.attribute(Format.Confusion.lowest, NumberText.format(scale.lowest))
        try xml.attribute(Format.Confusion.step, NumberText.format(scale.step))
        for (row, counts) in confusion.counts.enumerated() {
            for (column, count) in counts.enumerated() where count > 0 {
                try xml.element(Format.Cell.element, attributes: [Format.Cell.human: NumberText.format(scale.value(row), places: 4),
                                                                  Format.Cell.rubric: NumberText.format(scale.value(column), places: 4),
                                                                  Format.Cell.count: String(count)])
            }
        }
        try xml.endElement()
    }

    /// One empty element per answer, attributes only: 1,000 candidates × 35 questions stay a few MB.
    private static func answerScores(_ scores: [TuneReport.AnswerScore], _ xml: XMLWriter) throws(XMLError) {
        guard !scores.isEmpty else { return }
        try xml.startElement(Format.AnswerScore.list)
        for score in scores {
            try xml.startElement(Format.AnswerScore.element)
            try xml.attribute(Format.AnswerScore.candidate, score.candidate)
            try xml.attribute(Format.AnswerScore.question, score.question)
            try xml.attribute(Format.AnswerScore.rubric, number(score.rubric))
            try optional(Format.AnswerScore.human, score.human, xml)
            try optional(Format.AnswerScore.fitted, score.fitted, xml)
            try xml.attribute(Format.AnswerScore.answerSHA256, score.answerSHA256)
            try xml.endElement()
        }
        try xml.endElement()
    }

    private static func optional(_ name: String, _ value: Double?, _ xml: XMLWriter) throws(XMLError) {
        if let value { try xml.attribute(name, number(value)) }
    }

    package static func number(_ value: Double) -> String { NumberText.format(value, places: 3) }
}
