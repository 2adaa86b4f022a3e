import GraderEngine
import GraderFoundation
import LibXML2

/// Writes a candidate's result as XML valid against `report.xsd`, through libxml2. A report
/// holds only what is the candidate's (answers, scores, rule outcomes by id, evidence,
/// profile, warnings) and names the rubric by id and SHA-256: the rubric's own texts are
/// written once per reports folder, in `rubric.xml` and `rubric.html`.
package enum XMLReportWriter {
    /// Format 2 dropped the rubric's texts (prompts, model answers, feedback, matchers, labels)
    /// and added `<submission sha256>`; format 3 dropped each `<evidence>`'s copy of the matched
    /// text, which its start and end offsets into `<answer>` give, and names a regex in `via` by
    /// its number in the rule's matcher (`EvidenceVia`), not its pattern. Readers refuse other formats.
    package static let formatVersion = "3"

    /// `submissionSHA256` (see `SubmissionHash`) lets a later run reuse the report; nil when
    /// the result was not read from files, and the report is then never reused.
    package static func render(_ result: CandidateResult, rubric: Rubric, submissionSHA256: String? = nil) throws(XMLError) -> [UInt8] {
        let xml = try XMLWriter()
        try write(result, rubric: rubric, submissionSHA256: submissionSHA256, into: xml)
        return try xml.finish()
    }

    /// Writes the report to `path` (atomically), building it in `buffer`, which a worker
    /// keeps from candidate to candidate.
    package static func write(_ result: CandidateResult, rubric: Rubric, submissionSHA256: String?, buffer: XMLBuffer,
                      to path: String) throws(OutputError) {
        do {
            let xml = try XMLWriter(reusing: buffer)
            try write(result, rubric: rubric, submissionSHA256: submissionSHA256, into: xml)
            try xml.finish { bytes in try AtomicFile.write(bytes, to: path) }
        } catch let error as OutputError {
            throw error
        } catch {
            throw OutputError(path: path, message: "cannot build the XML report: \(error)")
        }
    }

    private static func write(_ result: CandidateResult, rubric: Rubric, submissionSHA256: String?,
                              into xml: XMLWriter) throws(XMLError) {
        try xml.startElement("report")
        try xml.attribute("format", formatVersion)

        let candidate = result.submission.candidate
        try xml.startElement("candidate")
        try xml.attribute("id", candidate.id)
        if let name = candidate.name { try xml.attribute("name", name) }
        if let email = candidate.email { try xml.attribute("email", email) }
        try xml.attribute("source", result.submission.source)
        try xml.endElement()

        try xml.startElement("rubric")
        try xml.attribute("id", rubric.id)
        if let version = rubric.version { try xml.attribute("version", version) }
        if let title = rubric.title { try xml.attribute("title", title) }
        try xml.attribute("sha256", rubric.sha256)
        try xml.endElement()

        if let submissionSHA256 { try xml.element("submission", attributes: ["sha256": submissionSHA256]) }

        try xml.element("total", attributes: ["score": NumberText.format(result.total), "max": NumberText.format(result.maxPoints)])

        let warnings = result.warnings
        if !warnings.isEmpty {
            try xml.startElement("warnings")
            for warning in warnings {
                try xml.startElement("warning")
                try xml.attribute("file", warning.file)
                if let line = warning.line { try xml.attribute("line", String(line)) }
                if let question = warning.question { try xml.attribute("question", question) }
                try xml.text(warning.message)
                try xml.endElement()
            }
            try xml.endElement()
        }
        let fragments = ReportFragments.of(rubric)
        for index in result.questions.indices {
            try write(result.questions[index], fragments: fragments.question(result.questions[index].question.id), to: xml)
        }
        try xml.endElement()
    }

    private static func write(_ result: QuestionResult, fragments: ReportFragments.Question?, to xml: XMLWriter) throws(XMLError) {
        try xml.startElement("question")
        try xml.attribute("id", result.question.id)
        try xml.attribute("status", result.status.rawValue)
        try xml.attribute("score", NumberText.format(result.score))
        try xml.attribute("max", NumberText.format(result.question.points))
        // Only for questions that use them, so reports of additive rubrics stay as they were.
        if result.question.usesShapes {
            if result.status != .missing { try xml.attribute("raw", NumberText.format(result.raw)) }
            if result.question.base != 0 { try xml.attribute("base", NumberText.format(result.question.base)) }
            if !result.unmetRequirements.isEmpty {
                try xml.attribute("credited", "no")
                try xml.attribute("requires", result.unmetRequirements.joined(separator: " "))
            }
        }
        let offsets = TextOffsets(result.answer?.text ?? "")
        if let answer = result.answer {
            try xml.element("answer", attributes: ["file": answer.file, "line": String(answer.line)], text: answer.text)
        }
        let profile = result.profile
        try xml.element("profile", attributes: [
            "words": String(profile.words),
            "sentences": String(profile.sentences),
            "reading-ease": NumberText.format(profile.readingEase),
            "lexical-diversity": NumberText.format(profile.lexicalDiversity),
            "code-lines": String(profile.codeLines),
            "prompt-overlap": NumberText.format(profile.promptOverlap),
            "model-overlap": NumberText.format(profile.modelOverlap),
        ])
        // By index, not `for rule in`: that copies each RuleResult (a dozen references) per rule.
        // Rules come in `Question.rules` order: criteria, each group's elements, penalties.
        let criteria = result.question.criteria.count
        let penalties = result.rules.count - result.question.penalties.count
        for index in result.rules.indices where index < criteria {
            try write(result.rules[index], via: fragments?.rule(index)?.via, offsets: offsets, to: xml)
        }
        var first = criteria
        for group in result.levels {
            try xml.startElement("levels")
            try xml.attribute("id", group.id)
            try xml.attribute("met", String(group.met))
            try xml.attribute("of", String(group.of))
            try xml.attribute("points", NumberText.format(group.points))
            if let level = group.level { try xml.attribute("level-min", String(level.min)) }
            if !group.unmetRequirements.isEmpty {
                try xml.attribute("credited", "no")
                try xml.attribute("requires", group.unmetRequirements.joined(separator: " "))
            }
            for index in first..<min(first + group.of, result.rules.count) {
                try write(result.rules[index], via: fragments?.rule(index)?.via, offsets: offsets, to: xml)
            }
            first += group.of
            try xml.endElement()
        }
        for index in result.rules.indices where index >= max(first, penalties) {
            try write(result.rules[index], via: fragments?.rule(index)?.via, offsets: offsets, to: xml)
        }
        if let band = result.band {
            try xml.element("band", attributes: ["from": NumberText.format(band.from), "points": NumberText.format(band.points)])
        }
        if let moderation = result.moderation { try write(moderation, to: xml) }
        if let stale = result.staleModeration { try write(stale: stale, to: xml) }
        try xml.endElement()
    }

    /// `<moderation>`: the person's score that replaced `auto-score`, why, who, when, and the hash
    /// of the answer it was decided on. It is in the report so that a changed decision changes the report.
    private static func write(_ moderation: AppliedModeration, to xml: XMLWriter) throws(XMLError) {
        let decision = moderation.decision
        try xml.element("moderation", attributes: [
            "score": NumberText.format(moderation.score),
            "auto-score": NumberText.format(moderation.automaticScore),
            "reason": decision.reason,
            "moderator": decision.moderator,
            "decided-at": decision.decidedAt,
            "answer-sha256": decision.answerSHA256,
        ])
    }

    /// `<stale-moderation>`: a decision not applied because the answer changed since (`answer-sha256`
    /// is the hash of the text it was made on). The warning beside it says so in words; this is
    /// what `grader cohort` counts, so its moderation figures are those `grade` wrote.
    private static func write(stale decision: ModerationDecision, to xml: XMLWriter) throws(XMLError) {
        try xml.element("stale-moderation", attributes: [
            "score": NumberText.format(decision.score ?? 0),
            "moderator": decision.moderator,
            "decided-at": decision.decidedAt,
            "answer-sha256": decision.answerSHA256,
        ])
    }

    /// `via` is nil only for a result not of this rubric's questions; its vias are then written whole.
    private static func write(_ rule: RuleResult, via: EvidenceVia?, offsets: TextOffsets, to xml: XMLWriter) throws(XMLError) {
        try xml.startElement(rule.rule.kind.rawValue)
        try xml.attribute("id", rule.rule.id)
        try xml.attribute("points", NumberText.format(rule.rule.points))
        try xml.attribute("status", rule.state.label)
        try xml.attribute("awarded", NumberText.format(rule.awarded))
        if !rule.unmetRequirements.isEmpty {
            try xml.attribute("credited", "no")
            try xml.attribute("requires", rule.unmetRequirements.joined(separator: " "))
        }
        if case .notEvaluated(let reason) = rule.state { try xml.element("not-evaluated", text: reason) }
        // No text: the matched words are the answer's code points start..<end, in the same report.
        // Copying them was a tenth of a report's bytes.
        for evidence in rule.evidence {
            try xml.element("evidence", attributes: [
                "start": String(offsets.scalarOffset(ofByte: evidence.range.lowerBound)),
                "end": String(offsets.scalarOffset(ofByte: evidence.range.upperBound)),
                "via": via?.compact(evidence.via) ?? evidence.via,
            ])
        }
        try xml.endElement()
    }
}

extension RuleResult.State {
    /// The word reports use for the state.
    package var label: String {
        switch self {
        case .met: return "met"
        case .unmet: return "unmet"
        case .notEvaluated: return "not-evaluated"
        }
    }
}
