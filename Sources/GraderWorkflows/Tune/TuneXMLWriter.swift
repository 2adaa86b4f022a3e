import GraderFoundation
import LibXML2

/// `tune.xml`: every number of the tuning report, for scripts and for diffing two runs.
enum TuneXMLWriter {
    package static func render(_ report: TuneReport) throws(XMLError) -> [UInt8] {
        let xml = try XMLWriter()
        try xml.startElement("tune")
        try xml.attribute("rubric", report.rubricID)
        try xml.attribute("rubric-file", report.rubricFile)
        try xml.attribute("rubric-sha256", report.rubricSHA256)
        try xml.attribute("grades-file", report.gradesFile)
        try xml.attribute("candidates", String(report.candidates))
        try xml.attribute("answers", String(report.answers))
        try xml.attribute("weight-step", report.step.map { NumberText.format($0) } ?? "auto")
        try xml.attribute("margin", NumberText.format(report.margin))
        try scores("overall", report.overall, xml)
        try scores("overall-tuned", report.overallTuned, xml)
        try scores("overall-written", report.overallWritten, xml)
        if let suggested = report.overallSuggested { try scores("overall-suggested", suggested, xml) }
        try xml.startElement("totals")
        try xml.attribute("candidates", String(report.totals.count))
        try optional("pearson", report.totals.pearson, xml)
        try optional("spearman", report.totals.spearman, xml)
        try xml.attribute("mae", number(report.totals.meanAbsoluteError))
        try xml.endElement()
        for question in report.questions {
            try xml.startElement("question")
            try xml.attribute("id", question.id)
            try xml.attribute("points", NumberText.format(question.points))
            try xml.attribute("high-answers", String(question.highAnswers))
            try xml.attribute("low-answers", String(question.lowAnswers))
            try xml.attribute("scale-step", NumberText.format(question.scale.step))
            try scores("current", question.current, xml)
            if let tuned = question.tuned { try scores("tuned", tuned, xml) }
            if let suggested = question.suggested { try scores("suggested", suggested, xml) }
            if let baseline = question.baseline { try scores("baseline", baseline, xml) }
            if let fit = question.fit {
                try xml.startElement("fit")
                try xml.attribute("folds", String(fit.folds))
                try xml.attribute("settings", fit.settings)
                try xml.attribute("base", NumberText.format(fit.base, places: 6))
                try xml.attribute("in-sample-exact", number(fit.inSample.exact))
                try xml.attribute("in-sample-mae", number(fit.inSample.meanAbsoluteError))
                try xml.attribute("written", fit.decision.written ? "yes" : "no")
                try xml.attribute("with-suggestions", fit.decision.withSuggestions ? "yes" : "no")
                try xml.attribute("reason", fit.decision.reason)
                for band in fit.bands {
                    try xml.element("band", attributes: ["from": NumberText.format(band.from, places: 6),
                                                         "points": NumberText.format(band.points, places: 6)])
                }
                for (index, settings) in fit.foldSettings.enumerated() {
                    try xml.element("fold", attributes: ["n": String(index + 1), "settings": settings])
                }
                try xml.endElement()
            }
            for rule in question.rules {
                try xml.startElement(rule.kind.rawValue)
                try xml.attribute("id", rule.id)
                try xml.attribute("points", NumberText.format(rule.points))
                try optional("fitted", rule.fitted, xml)
                try optional("fires-high", rule.firesHigh, xml)
                try optional("fires-low", rule.firesLow, xml)
                try optional("point-biserial", rule.pointBiserial, xml)
                if rule.marked > 0 {
                    try xml.attribute("human-marked", String(rule.marked))
                    try optional("precision", rule.precision, xml)
                    try optional("recall", rule.recall, xml)
                }
                try xml.endElement()
            }
            for suggestion in question.suggestions {
                try xml.startElement("suggestion")
                try xml.attribute("label", suggestion.label)
                try xml.attribute("source", suggestion.source)
                try xml.attribute("kind", suggestion.kind.rawValue)
                try xml.attribute("points", NumberText.format(suggestion.weight, places: 6))
                try optional("cv-qwk-before", suggestion.qwkBefore, xml)
                try optional("cv-qwk-after", suggestion.qwkAfter, xml)
                try xml.attribute("fires-high", String(suggestion.firesHigh))
                try xml.attribute("fires-low", String(suggestion.firesLow))
                try xml.element("matcher", text: suggestion.matcher)
                for example in suggestion.examples { try xml.element("example", text: example) }
                try xml.endElement()
            }
            for phrase in question.phrases {
                try xml.element("phrase", attributes: ["log-odds": number(phrase.logOdds), "high": String(phrase.high),
                                                       "low": String(phrase.low)], text: phrase.text)
            }
            try xml.endElement()
        }
        for disagreement in report.disagreements {
            try xml.startElement("disagreement")
            try xml.attribute("candidate", disagreement.candidate)
            try xml.attribute("question", disagreement.question)
            try xml.attribute("human", NumberText.format(disagreement.human))
            try xml.attribute("rubric", NumberText.format(disagreement.machine))
            try xml.element("answer", text: disagreement.text)
            for evidence in disagreement.evidence {
                try xml.startElement("fired")
                try xml.attribute("rule", evidence.rule)
                try xml.attribute("awarded", NumberText.format(evidence.awarded))
                for matched in evidence.matched { try xml.element("match", text: matched) }
                try xml.endElement()
            }
            try xml.endElement()
        }
        try answerScores(report.answerScores, xml)
        if let baselineFile = report.baselineFile {
            try xml.startElement("baseline")
            try xml.attribute("file", baselineFile)
            if let overall = report.baselineOverall { try scores("overall", overall, xml) }
            for delta in report.deltas {
                try xml.element("candidate", attributes: ["id": delta.id, "human": NumberText.format(delta.human),
                                                          "old": NumberText.format(delta.old), "new": NumberText.format(delta.new),
                                                          "delta": NumberText.format(delta.delta)])
            }
            try xml.endElement()
        }
        for warning in report.warnings { try xml.element("warning", text: warning.description) }
        for note in report.tunedRubricNotes { try xml.element("tuned-rubric-change", text: note) }
        for finding in report.tunedRubricFindings { try xml.element("tuned-rubric-finding", text: finding.description) }
        try xml.endElement()
        return try xml.finish()
    }

    private static func scores(_ name: String, _ scores: TuneReport.Scores, _ xml: XMLWriter) throws(XMLError) {
        try xml.startElement(name)
        try xml.attribute("n", String(scores.agreement.count))
        try xml.attribute("exact", number(scores.agreement.exact))
        try xml.attribute("adjacent", number(scores.agreement.adjacent))
        try xml.attribute("mae", number(scores.agreement.meanAbsoluteError))
        try optional("pearson", scores.pearson, xml)
        try optional("spearman", scores.spearman, xml)
        try optional("kappa", scores.kappa, xml)
        try optional("qwk", scores.quadraticKappa, xml)
        try xml.startElement("confusion")
        let scale = scores.confusion.scale
        try xml.attribute("lowest", NumberText.format(scale.lowest))
        try xml.attribute("step", NumberText.format(scale.step))
        for (row, counts) in scores.confusion.counts.enumerated() {
            for (column, count) in counts.enumerated() where count > 0 {
                try xml.element("cell", attributes: ["human": NumberText.format(scale.value(row), places: 4),
                                                     "rubric": NumberText.format(scale.value(column), places: 4), "count": String(count)])
            }
        }
        try xml.endElement()
        try xml.endElement()
    }

    /// One empty element per answer, attributes only: 1,000 candidates × 35 questions stay a few MB.
    private static func answerScores(_ scores: [TuneReport.AnswerScore], _ xml: XMLWriter) throws(XMLError) {
        guard !scores.isEmpty else { return }
        try xml.startElement("answer-scores")
        for score in scores {
            try xml.startElement("answer-score")
            try xml.attribute("candidate", score.candidate)
            try xml.attribute("question", score.question)
            try xml.attribute("rubric", number(score.rubric))
            try optional("human", score.human, xml)
            try optional("fitted", score.fitted, xml)
            try xml.endElement()
        }
        try xml.endElement()
    }

    private static func optional(_ name: String, _ value: Double?, _ xml: XMLWriter) throws(XMLError) {
        if let value { try xml.attribute(name, number(value)) }
    }

    package static func number(_ value: Double) -> String { NumberText.format(value, places: 3) }
}
