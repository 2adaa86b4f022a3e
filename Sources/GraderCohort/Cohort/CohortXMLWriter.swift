import GraderFoundation
import GraderModeration
import GraderReports
import LibXML2

/// Writes `cohort.xml`, valid against the shipped `cohort.xsd`, through libxml2's writer. The
/// names are `CohortReportFormat`'s; one function per section of the document, in its order.
enum CohortXMLWriter {
    private typealias Format = CohortReportFormat

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
        try xml.startElement(Format.Root.element)
        try xml.attribute(Format.Root.format, Format.version)
        try rubric(report.rubric, xml)
        try run(report, xml)
        try totals(report, xml)
        for question in report.questions { try self.question(question, xml) }
        try ranking(report.ranking, xml, sink: sink)
        try similar(report, xml)
        if let moderation = report.moderation { try self.moderation(moderation, xml) }
        try xml.endElement()
        try sink(try xml.finish())
    }

    /// `<rubric>`: which rubric, by id and SHA-256.
    private static func rubric(_ rubric: RubricIdentity, _ xml: XMLWriter) throws(XMLError) {
        try xml.startElement(Format.Rubric.element)
        try xml.attribute(Format.Rubric.id, rubric.id)
        if let version = rubric.version { try xml.attribute(Format.Rubric.version, version) }
        if let title = rubric.title { try xml.attribute(Format.Rubric.title, title) }
        try xml.attribute(Format.Rubric.sha256, rubric.sha256)
        try xml.endElement()
    }

    /// `<run>`: the cohort's size, the choices the figures depend on, and the stage times when profiled.
    private static func run(_ report: CohortReport, _ xml: XMLWriter) throws(XMLError) {
        try xml.startElement(Format.Run.element)
        try xml.attribute(Format.Run.candidates, String(report.candidates))
        try xml.attribute(Format.Run.answers, String(report.answers))
        try xml.attribute(Format.Run.questions, String(report.questions.count))
        try xml.attribute(Format.Run.max, f(report.maxPoints))
        try xml.attribute(Format.Run.passMark, f(report.passMark))
        try xml.attribute(Format.Run.similarityThreshold, f(report.similarityThreshold))
        if let epoch = report.options.generatedAt { try xml.attribute(Format.Run.generated, CohortHTMLWriter.isoDate(epoch)) }
        for stage in report.options.stageTimes {
            try xml.element(Format.StageTime.element, attributes: [Format.StageTime.name: stage.name,
                                                               Format.StageTime.seconds: NumberText.format(stage.seconds, places: 3)])
        }
        try xml.endElement()
    }

    /// `<totals>`: the distribution of totals, alpha, and the histogram's ten bins.
    private static func totals(_ report: CohortReport, _ xml: XMLWriter) throws(XMLError) {
        try xml.startElement(Format.Totals.element)
        try describe(report.totals, xml)
        if let alpha = report.alpha { try xml.attribute(Format.Totals.alpha, f(alpha, 3)) }
        for (index, count) in report.histogram.enumerated() {
            try xml.element(Format.Bin.element, attributes: [Format.Bin.from: String(index * 10), Format.Bin.to: String(index * 10 + 10),
                                                             Format.Bin.count: String(count)])
        }
        try xml.endElement()
    }

    /// `<question>`: a question's item analysis, its answers' length and reading ease, and its rules.
    private static func question(_ question: QuestionStatistics, _ xml: XMLWriter) throws(XMLError) {
        try xml.startElement(Format.Question.element)
        try xml.attribute(Format.Question.id, question.id)
        try xml.attribute(Format.Question.max, f(question.maxPoints))
        try describe(question.scores, xml)
        try xml.attribute(Format.Question.facility, f(question.facility, 3))
        if let value = question.itemRest { try xml.attribute(Format.Question.itemRest, f(value, 3)) }
        if let value = question.upperLower { try xml.attribute(Format.Question.upperLower, f(value, 3)) }
        try xml.attribute(Format.Question.missing, f(question.missingShare, 3))
        if let value = question.alphaIfDeleted { try xml.attribute(Format.Question.alphaIfDeleted, f(value, 3)) }
        for (name, stats) in [(Format.Question.words, question.words), (Format.Question.readingEase, question.readingEase)] {
            try xml.startElement(name)
            try describe(stats, xml)
            try xml.endElement()
        }
        for rule in question.rules { try self.rule(rule, xml) }
        try xml.endElement()
    }

    /// A rule of a question, named by its kind: how often it fired and how well it tells candidates apart.
    private static func rule(_ rule: RuleStatistics, _ xml: XMLWriter) throws(XMLError) {
        try xml.startElement(rule.kind.rawValue)
        try xml.attribute(Format.Rule.id, rule.id)
        try xml.attribute(Format.Rule.points, f(rule.points))
        try xml.attribute(Format.Rule.fired, f(rule.fired, 3))
        if let value = rule.restCorrelation { try xml.attribute(Format.Rule.restCorrelation, f(value, 3)) }
        if let value = rule.upperLower { try xml.attribute(Format.Rule.upperLower, f(value, 3)) }
        try xml.endElement()
    }

    /// `<candidate>` per line of the ranking, handed to `sink` every 1,000: it grows with the cohort.
    private static func ranking(_ ranking: Ranking, _ xml: XMLWriter, sink: ([UInt8]) throws -> Void) throws {
        var written = 0
        try ranking.forEach { candidate in
            written += 1
            if written.isMultiple(of: 1_000) { try sink(try xml.drain()) }
            try xml.startElement(Format.Candidate.element)
            try xml.attribute(Format.Candidate.rank, String(candidate.rank))
            try xml.attribute(Format.Candidate.id, candidate.id)
            if let name = candidate.name { try xml.attribute(Format.Candidate.name, name) }
            try xml.attribute(Format.Candidate.total, f(candidate.total))
            try xml.attribute(Format.Candidate.max, f(candidate.maxPoints))
            try xml.attribute(Format.Candidate.answered, String(candidate.answered))
            if candidate.atRisk { try xml.attribute(Format.Candidate.atRisk, Format.Candidate.atRiskValue) }
            try xml.endElement()
        }
    }

    /// `<similar>`: the pairs compared (and the cap, when it was reached) and the similar answer pairs.
    private static func similar(_ report: CohortReport, _ xml: XMLWriter) throws(XMLError) {
        try xml.startElement(Format.Similar.element)
        try xml.attribute(Format.Similar.pairsCompared, String(report.pairsCompared))
        try xml.attribute(Format.Similar.pairsSimilar, String(report.pairsSimilar))
        if report.comparisonsSkipped > 0 {
            try xml.attribute(Format.Similar.comparisonsPerAnswer, String(report.options.comparisonsPerAnswer))
            try xml.attribute(Format.Similar.answersAtCap, String(report.answersAtComparisonCap))
            try xml.attribute(Format.Similar.comparisonsSkipped, String(report.comparisonsSkipped))
        }
        for pair in report.similar { try self.pair(pair, xml) }
        try xml.endElement()
    }

    /// `<pair>`: two answers to one question, with each one's passages the other shares.
    private static func pair(_ pair: SimilarPair, _ xml: XMLWriter) throws(XMLError) {
        try xml.startElement(Format.Pair.element)
        try xml.attribute(Format.Pair.question, pair.question)
        try xml.attribute(Format.Pair.first, pair.first)
        try xml.attribute(Format.Pair.second, pair.second)
        try xml.attribute(Format.Pair.similarity, f(pair.similarity, 3))
        try xml.attribute(Format.Pair.sharedShingles, String(pair.sharedShingles))
        for (id, text, ranges) in [(pair.first, pair.firstText, pair.firstShared), (pair.second, pair.secondText, pair.secondShared)] {
            let bytes = Array(text.utf8)
            for range in ranges {
                try xml.element(Format.Shared.element, attributes: [Format.Shared.candidate: id],
                                text: String(decoding: bytes[range], as: UTF8.self))
            }
        }
        try xml.endElement()
    }

    /// `<moderation>`: answers moderated and decisions gone stale, and per question how often and by
    /// how much people disagreed with the rubric (difference = moderated − automatic score).
    private static func moderation(_ moderation: ModerationStatistics, _ xml: XMLWriter) throws(XMLError) {
        try xml.startElement(Format.Moderation.element)
        try xml.attribute(Format.Moderation.moderated, String(moderation.moderated))
        try xml.attribute(Format.Moderation.stale, String(moderation.stale))
        for question in moderation.questions {
            try xml.startElement(Format.ModeratedQuestion.element)
            try xml.attribute(Format.ModeratedQuestion.id, question.id)
            try xml.attribute(Format.ModeratedQuestion.moderated, String(question.moderated))
            try xml.attribute(Format.ModeratedQuestion.disagreed, String(question.disagreed))
            if let value = question.meanDifference { try xml.attribute(Format.ModeratedQuestion.meanDifference, f(value, 3)) }
            if let value = question.meanAbsoluteDifference {
                try xml.attribute(Format.ModeratedQuestion.meanAbsoluteDifference, f(value, 3))
            }
            try xml.endElement()
        }
        try xml.endElement()
    }

    /// A distribution's attributes on the element just started.
    private static func describe(_ stats: Descriptive, _ xml: XMLWriter) throws(XMLError) {
        try xml.attribute(Format.Distribution.count, String(stats.count))
        try xml.attribute(Format.Distribution.mean, f(stats.mean))
        try xml.attribute(Format.Distribution.sd, f(stats.sd))
        try xml.attribute(Format.Distribution.min, f(stats.min))
        try xml.attribute(Format.Distribution.q1, f(stats.q1))
        try xml.attribute(Format.Distribution.median, f(stats.median))
        try xml.attribute(Format.Distribution.q3, f(stats.q3))
        try xml.attribute(Format.Distribution.max, f(stats.max))
    }

    private static func f(_ value: Double, _ places: Int = 2) -> String { NumberText.format(value, places: places) }
}
