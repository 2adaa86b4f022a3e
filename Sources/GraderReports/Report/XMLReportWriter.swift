import GraderEngine
import GraderFoundation
import LibXML2

/// Writes a candidate's result as XML valid against `report.xsd`, through libxml2. A report
/// holds only what is the candidate's (answers, scores, rule outcomes by id, evidence,
/// profile, warnings) and names the rubric by id and SHA-256: the rubric's own texts are
/// written once per reports folder, in `rubric.xml` and `rubric.html`.
package enum XMLReportWriter {
    /// Element and attribute names: `CandidateReportFormat`, which `CandidateReportReader` reads with.
    private typealias Format = CandidateReportFormat

    /// `submissionSHA256` (see `SubmissionHash`) lets a later run reuse the report; nil when
    /// the result was not read from files, and the report is then never reused.
    package static func render(_ result: CandidateResult, rubric: Rubric, submissionSHA256: String? = nil) throws(XMLError) -> [UInt8] {
        var xml = XMLText(capacity: 0)
        try write(result, rubric: rubric, submissionSHA256: submissionSHA256, into: &xml)
        return xml.bytes
    }

    /// Writes the report to `path` (atomically, in one `write`), building it in `buffer`, which
    /// a worker keeps from candidate to candidate.
    package static func write(_ result: CandidateResult, rubric: Rubric, submissionSHA256: String?, buffer: inout XMLText,
                              to path: String) throws(OutputError) {
        do {
            try write(result, rubric: rubric, submissionSHA256: submissionSHA256, into: &buffer)
        } catch {
            throw OutputError(path: path, message: "cannot build the XML report: \(error)")
        }
        try buffer.withBytes { bytes throws(OutputError) in try AtomicFile.write(bytes, to: path) }
    }

    /// Writes the report into `xml`, emptied first.
    package static func write(_ result: CandidateResult, rubric: Rubric, submissionSHA256: String?,
                              into xml: inout XMLText) throws(XMLError) {
        xml.startDocument(capacity: 2 * result.answerBytes + 1_024 * result.questions.count)
        try writeReport(result, rubric: rubric, submissionSHA256: submissionSHA256, into: &xml)
        try xml.finish()
    }

    private static func writeReport(_ result: CandidateResult, rubric: Rubric, submissionSHA256: String?,
                                    into xml: inout XMLText) throws(XMLError) {
        try xml.startElement(Format.Report.tag)
        try xml.attribute(Format.Report.format, Format.version)

        let candidate = result.submission.candidate
        try xml.startElement(Format.Candidate.tag)
        try xml.attribute(Format.Candidate.id, candidate.id)
        if let name = candidate.name { try xml.attribute(Format.Candidate.name, name) }
        if let email = candidate.email { try xml.attribute(Format.Candidate.email, email) }
        try xml.attribute(Format.Candidate.source, result.submission.source)
        try xml.endElement()

        try xml.startElement(Format.Rubric.tag)
        try xml.attribute(Format.Rubric.id, rubric.id)
        if let version = rubric.version { try xml.attribute(Format.Rubric.version, version) }
        if let title = rubric.title { try xml.attribute(Format.Rubric.title, title) }
        try xml.attribute(Format.Rubric.sha256, rubric.sha256)
        try xml.endElement()

        if let submissionSHA256 { try xml.element(Format.Submission.tag, attributes: [Format.Submission.sha256: submissionSHA256]) }

        try xml.element(Format.Total.tag, attributes: [Format.Total.score: NumberText.format(result.total),
                                                       Format.Total.max: NumberText.format(result.maxPoints)])

        let warnings = result.warnings
        if !warnings.isEmpty {
            try xml.startElement(Format.Warnings.tag)
            for warning in warnings {
                try xml.startElement(Format.Warning.tag)
                try xml.attribute(Format.Warning.file, warning.file)
                if let line = warning.line { try xml.attribute(Format.Warning.line, String(line)) }
                if let question = warning.question { try xml.attribute(Format.Warning.question, question) }
                try xml.text(warning.message)
                try xml.endElement()
            }
            try xml.endElement()
        }
        let fragments = ReportFragments.of(rubric)
        for index in result.questions.indices {
            try write(result.questions[index], fragments: fragments.question(result.questions[index].question.id), to: &xml)
        }
        try xml.endElement()
    }

    private static func write(_ result: QuestionResult, fragments: ReportFragments.Question?, to xml: inout XMLText) throws(XMLError) {
        try xml.startElement(Format.Question.tag)
        try xml.attribute(Format.Question.id, result.question.id)
        try xml.attribute(Format.Question.status, result.status.rawValue)
        try xml.attribute(Format.Question.score, NumberText.format(result.score))
        try xml.attribute(Format.Question.max, NumberText.format(result.question.points))
        // Only for questions that use them, so reports of additive rubrics stay as they were.
        if result.question.usesShapes {
            if result.status != .missing { try xml.attribute(Format.Question.raw, NumberText.format(result.raw)) }
            if result.question.base != 0 { try xml.attribute(Format.Question.base, NumberText.format(result.question.base)) }
            if !result.unmetRequirements.isEmpty {
                try xml.attribute(Format.Question.credited, Format.notCredited)
                try xml.attribute(Format.Question.requires, Format.list(result.unmetRequirements))
            }
        }
        let offsets = TextOffsets(result.answer?.text ?? "")
        if let answer = result.answer {
            var attributes: KeyValuePairs<String, String> = [Format.Answer.file: answer.file, Format.Answer.line: String(answer.line)]
            if let facts = result.wordFacts {
                let key = String(facts.wordsKey, radix: 16)
                let hex = String(repeating: "0", count: 16 - key.count) + key
                attributes = facts.modelStems.isEmpty
                    ? [Format.Answer.file: answer.file, Format.Answer.line: String(answer.line), Format.Answer.wordsKey: hex]
                    : [Format.Answer.file: answer.file, Format.Answer.line: String(answer.line), Format.Answer.wordsKey: hex,
                       Format.Answer.modelStems: facts.modelStems.map(String.init).joined(separator: " ")]
            }
            try xml.element(Format.Answer.tag, attributes: attributes, text: answer.text)
        }
        let profile = result.profile
        try xml.element(Format.Profile.tag, attributes: [
            Format.Profile.words: String(profile.words),
            Format.Profile.sentences: String(profile.sentences),
            Format.Profile.readingEase: NumberText.format(profile.readingEase),
            Format.Profile.lexicalDiversity: NumberText.format(profile.lexicalDiversity),
            Format.Profile.codeLines: String(profile.codeLines),
            Format.Profile.promptOverlap: NumberText.format(profile.promptOverlap),
            Format.Profile.modelOverlap: NumberText.format(profile.modelOverlap),
        ])
        // Empty (nothing written) unless the question's gates require a named matcher.
        for (define, held) in zip(result.question.requiredDefines, result.definesMet) {
            try xml.element(Format.Define.tag, attributes: [Format.Define.id: define.id,
                                                            Format.Define.held: held ? Format.Define.yes : Format.Define.no])
        }
        // By index, not `for rule in`: that copies each RuleResult (a dozen references) per rule.
        // Rules come in `Question.rules` order: criteria, each group's elements, penalties.
        let criteria = result.question.criteria.count
        let penalties = result.rules.count - result.question.penalties.count
        for index in result.rules.indices where index < criteria {
            try write(result.rules[index], via: fragments?.rule(index)?.via, offsets: offsets, to: &xml)
        }
        var first = criteria
        for group in result.levels {
            try xml.startElement(Format.Levels.tag)
            try xml.attribute(Format.Levels.id, group.id)
            try xml.attribute(Format.Levels.met, String(group.met))
            try xml.attribute(Format.Levels.of, String(group.of))
            try xml.attribute(Format.Levels.points, NumberText.format(group.points))
            if let level = group.level { try xml.attribute(Format.Levels.levelMin, String(level.min)) }
            if !group.unmetRequirements.isEmpty {
                try xml.attribute(Format.Levels.credited, Format.notCredited)
                try xml.attribute(Format.Levels.requires, Format.list(group.unmetRequirements))
            }
            for index in first..<min(first + group.of, result.rules.count) {
                try write(result.rules[index], via: fragments?.rule(index)?.via, offsets: offsets, to: &xml)
            }
            first += group.of
            try xml.endElement()
        }
        for index in result.rules.indices where index >= max(first, penalties) {
            try write(result.rules[index], via: fragments?.rule(index)?.via, offsets: offsets, to: &xml)
        }
        if let band = result.band {
            try xml.element(Format.Band.tag, attributes: [Format.Band.from: NumberText.format(band.from),
                                                          Format.Band.points: NumberText.format(band.points)])
        }
        if let moderation = result.moderation { try write(moderation, to: &xml) }
        if let stale = result.staleModeration { try write(stale: stale, to: &xml) }
        try xml.endElement()
    }

    /// `<moderation>`: the person's score that replaced `auto-score`, why, who, when, and the hash
    /// of the answer it was decided on. It is in the report so that a changed decision changes the report.
    private static func write(_ moderation: AppliedModeration, to xml: inout XMLText) throws(XMLError) {
        let decision = moderation.decision
        try xml.element(Format.Moderation.tag, attributes: [
            Format.Moderation.score: NumberText.format(moderation.score),
            Format.Moderation.autoScore: NumberText.format(moderation.automaticScore),
            Format.Moderation.reason: decision.reason,
            Format.Moderation.moderator: decision.moderator,
            Format.Moderation.decidedAt: decision.decidedAt,
            Format.Moderation.answerSHA256: decision.answerSHA256,
        ])
    }

    /// `<stale-moderation>`: a decision not applied because the answer changed since (`answer-sha256`
    /// is the hash of the text it was made on). The warning beside it says so in words; this is
    /// what `grader cohort` counts, so its moderation figures are those `grade` wrote.
    private static func write(stale decision: ModerationDecision, to xml: inout XMLText) throws(XMLError) {
        try xml.element(Format.StaleModeration.tag, attributes: [
            Format.StaleModeration.score: NumberText.format(decision.score ?? 0),
            Format.StaleModeration.moderator: decision.moderator,
            Format.StaleModeration.decidedAt: decision.decidedAt,
            Format.StaleModeration.answerSHA256: decision.answerSHA256,
        ])
    }

    /// `via` is nil only for a result not of this rubric's questions; its vias are then written whole.
    private static func write(_ rule: RuleResult, via: EvidenceVia?, offsets: TextOffsets, to xml: inout XMLText) throws(XMLError) {
        try xml.startElement(Format.Rule.tag(rule.rule.kind))
        try xml.attribute(Format.Rule.id, rule.rule.id)
        try xml.attribute(Format.Rule.points, NumberText.format(rule.rule.points))
        try xml.attribute(Format.Rule.status, rule.state.label)
        try xml.attribute(Format.Rule.awarded, NumberText.format(rule.awarded))
        if !rule.unmetRequirements.isEmpty {
            try xml.attribute(Format.Rule.credited, Format.notCredited)
            try xml.attribute(Format.Rule.requires, Format.list(rule.unmetRequirements))
        }
        if case .notEvaluated(let reason) = rule.state { try xml.element(Format.NotEvaluated.tag, text: reason) }
        // No text: the matched words are the answer's code points start..<end, in the same report.
        // Copying them was a tenth of a report's bytes.
        // Attribute by attribute, not `element(_:attributes:)`: its list of pairs was an allocation
        // per evidence, and a report has about 16 evidence per answer.
        for evidence in rule.evidence {
            try xml.startElement(Format.Evidence.tag)
            try xml.attribute(Format.Evidence.start, offsets.scalarOffset(ofByte: evidence.range.lowerBound))
            try xml.attribute(Format.Evidence.end, offsets.scalarOffset(ofByte: evidence.range.upperBound))
            try xml.attribute(Format.Evidence.via, via?.compact(evidence.via) ?? evidence.via)
            try xml.endElement()
        }
        try xml.endElement()
    }
}

extension RuleResult.State {
    /// The word reports use for the state (the XML report's `status`, the HTML pages' class).
    package var label: String { CandidateReportFormat.RuleStatus(self).rawValue }
}
