import GraderFoundation
import GraderModeration
import LibXML2

/// Writes `cohort.xml`, valid against the shipped `cohort.xsd`, through libxml2's writer.
enum CohortXMLWriter {
    package static let formatVersion = "1"

    /// The whole document in memory (for tests and small cohorts).
    package static func render(_ report: CohortReport) throws -> [UInt8] {
        var document: [UInt8] = []
        try render(report) { document += $0 }
        return document
    }

    /// Writes `cohort.xml` to `path` a piece at a time: the ranking grows with the cohort.
    package static func write(_ report: CohortReport, to path: String) throws {
        let file = try AtomicFile.Streaming(to: path)
        try render(report) { try file.append($0) }
        try file.commit()
    }

    /// Hands the document to `sink` in pieces.
    private static func render(_ report: CohortReport, sink: ([UInt8]) throws -> Void) throws {
        let xml = try XMLWriter()
        try xml.startElement("cohort")
        try xml.attribute("format", formatVersion)
        try xml.startElement("rubric")
        try xml.attribute("id", report.rubric.id)
        if let version = report.rubric.version { try xml.attribute("version", version) }
        if let title = report.rubric.title { try xml.attribute("title", title) }
        try xml.attribute("sha256", report.rubric.sha256)
        try xml.endElement()

        try xml.startElement("run")
        try xml.attribute("candidates", String(report.candidates))
        try xml.attribute("answers", String(report.answers))
        try xml.attribute("questions", String(report.questions.count))
        try xml.attribute("max", f(report.maxPoints))
        try xml.attribute("pass-mark", f(report.passMark))
        try xml.attribute("similarity-threshold", f(report.similarityThreshold))
        if let epoch = report.options.generatedAt { try xml.attribute("generated", CohortHTMLWriter.isoDate(epoch)) }
        for stage in report.options.stageTimes {
            try xml.element("stage", attributes: ["name": stage.name, "seconds": NumberText.format(stage.seconds, places: 3)])
        }
        try xml.endElement()

        try xml.startElement("totals")
        try describe(report.totals, xml)
        if let alpha = report.alpha { try xml.attribute("alpha", f(alpha, 3)) }
        for (index, count) in report.histogram.enumerated() {
            try xml.element("bin", attributes: ["from": String(index * 10), "to": String(index * 10 + 10), "count": String(count)])
        }
        try xml.endElement()

        for question in report.questions {
            try xml.startElement("question")
            try xml.attribute("id", question.id)
            try xml.attribute("max", f(question.maxPoints))
            try describe(question.scores, xml)
            try xml.attribute("facility", f(question.facility, 3))
            if let value = question.itemRest { try xml.attribute("item-rest", f(value, 3)) }
            if let value = question.upperLower { try xml.attribute("upper-lower", f(value, 3)) }
            try xml.attribute("missing", f(question.missingShare, 3))
            if let value = question.alphaIfDeleted { try xml.attribute("alpha-if-deleted", f(value, 3)) }
            try xml.startElement("words")
            try describe(question.words, xml)
            try xml.endElement()
            try xml.startElement("reading-ease")
            try describe(question.readingEase, xml)
            try xml.endElement()
            for rule in question.rules {
                try xml.startElement(rule.kind.rawValue)
                try xml.attribute("id", rule.id)
                try xml.attribute("points", f(rule.points))
                try xml.attribute("fired", f(rule.fired, 3))
                if let value = rule.restCorrelation { try xml.attribute("rest-correlation", f(value, 3)) }
                if let value = rule.upperLower { try xml.attribute("upper-lower", f(value, 3)) }
                try xml.endElement()
            }
            try xml.endElement()
        }

        var written = 0
        try report.ranking.forEach { candidate in
            written += 1
            if written.isMultiple(of: 1_000) { try sink(try xml.drain()) }
            try xml.startElement("candidate")
            try xml.attribute("rank", String(candidate.rank))
            try xml.attribute("id", candidate.id)
            if let name = candidate.name { try xml.attribute("name", name) }
            try xml.attribute("total", f(candidate.total))
            try xml.attribute("max", f(candidate.maxPoints))
            try xml.attribute("answered", String(candidate.answered))
            if candidate.atRisk { try xml.attribute("at-risk", "true") }
            try xml.endElement()
        }

        try xml.startElement("similar")
        try xml.attribute("pairs-compared", String(report.pairsCompared))
        try xml.attribute("pairs-similar", String(report.pairsSimilar))
        if report.comparisonsSkipped > 0 {
            try xml.attribute("comparisons-per-answer", String(report.options.comparisonsPerAnswer))
            try xml.attribute("answers-at-cap", String(report.answersAtComparisonCap))
            try xml.attribute("comparisons-skipped", String(report.comparisonsSkipped))
        }
        for pair in report.similar {
            try xml.startElement("pair")
            try xml.attribute("question", pair.question)
            try xml.attribute("first", pair.first)
            try xml.attribute("second", pair.second)
            try xml.attribute("similarity", f(pair.similarity, 3))
            try xml.attribute("shared-shingles", String(pair.sharedShingles))
            for (id, text, ranges) in [(pair.first, pair.firstText, pair.firstShared), (pair.second, pair.secondText, pair.secondShared)] {
                let bytes = Array(text.utf8)
                for range in ranges {
                    try xml.element("shared", attributes: ["candidate": id], text: String(decoding: bytes[range], as: UTF8.self))
                }
            }
            try xml.endElement()
        }
        try xml.endElement()
        if let moderation = report.moderation { try write(moderation, to: xml) }
        try xml.endElement()
        try sink(try xml.finish())
    }

    /// `<moderation>`: answers moderated and decisions gone stale, and per question how often and by
    /// how much people disagreed with the rubric (difference = moderated − automatic score).
    private static func write(_ moderation: ModerationStatistics, to xml: XMLWriter) throws(XMLError) {
        try xml.startElement("moderation")
        try xml.attribute("moderated", String(moderation.moderated))
        try xml.attribute("stale", String(moderation.stale))
        for question in moderation.questions {
            try xml.startElement("question")
            try xml.attribute("id", question.id)
            try xml.attribute("moderated", String(question.moderated))
            try xml.attribute("disagreed", String(question.disagreed))
            if let value = question.meanDifference { try xml.attribute("mean-difference", f(value, 3)) }
            if let value = question.meanAbsoluteDifference { try xml.attribute("mean-absolute-difference", f(value, 3)) }
            try xml.endElement()
        }
        try xml.endElement()
    }

    private static func describe(_ stats: Descriptive, _ xml: XMLWriter) throws(XMLError) {
        try xml.attribute("n", String(stats.count))
        try xml.attribute("mean", f(stats.mean))
        try xml.attribute("sd", f(stats.sd))
        try xml.attribute("min", f(stats.min))
        try xml.attribute("q1", f(stats.q1))
        try xml.attribute("median", f(stats.median))
        try xml.attribute("q3", f(stats.q3))
        try xml.attribute("highest", f(stats.max))
    }

    private static func f(_ value: Double, _ places: Int = 2) -> String { NumberText.format(value, places: places) }
}
