import GraderEngine
import GraderFoundation

/// Renders a candidate's result as one HTML page: a Content-Security-Policy that forbids
/// scripts and every network request, the answers with their evidence highlighted, the
/// criteria checklist with feedback, and totals. What is the same on every page of a cohort
/// is written once per reports folder and linked: the style (`../candidate.css`, see
/// `CandidateStylesheet` for a page copied alone) and, for each criterion, its entry on
/// `rubric.html` (model answers, matchers). Everything from the candidate and the rubric goes
/// through `HTMLText.text`, which escapes it.
public struct HTMLReportWriter: Sendable {
    public init() {}

    /// The first bytes of every page this writer writes, up to and including the stylesheet
    /// link: a page that starts otherwise is of an earlier layout (`ReportReuse` regrades it).
    package static let pageStart: [UInt8] = {
        var html = HTMLText(capacity: 0)
        html.beginPage(title: "", stylesheetLink: CandidateStylesheet.fromCandidatePage)
        let title = Array("<title>".utf8)
        let end = (0...html.bytes.count - title.count).first { html.bytes[$0..<$0 + title.count].elementsEqual(title) }
        return Array(html.bytes[..<(end ?? html.bytes.count)])
    }()

    package func render(_ result: CandidateResult, rubric: Rubric) -> [UInt8] {
        var html = HTMLText(capacity: 0)
        render(result, rubric: rubric, into: &html)
        return html.bytes
    }

    /// Renders into `html`, emptied first: a worker keeps one page's memory for all its candidates.
    package func render(_ result: CandidateResult, rubric: Rubric, into html: inout HTMLText) {
        let fragments = ReportFragments.of(rubric)
        html.reset(capacity: fragments.htmlSizeEstimate + 2 * result.answerBytes)
        let candidate = result.submission.candidate
        let title = rubric.title ?? rubric.id
        let percent = result.maxPoints > 0 ? result.total / result.maxPoints * 100 : 0

        html.beginPage(title: candidate.id + " — " + title, stylesheetLink: CandidateStylesheet.fromCandidatePage)
        html.markup("<header>\n  <div>\n    ")
        html.element("h1", candidate.id + (candidate.name.map { " · " + $0 } ?? ""))
        html.markup("\n    <div class=\"who\">")
        if let email = candidate.email {
            html.text(email)
            html.markup(" · ")
        }
        html.text(title)
        html.markup(" · source <code>")
        html.text(result.submission.source)
        html.markup("</code></div>\n  </div>\n  <div>\n    <div class=\"total\">")
        html.value(NumberText.format(result.total))
        html.markup(" <small>/ ")
        html.value(NumberText.format(result.maxPoints))
        html.markup(" (")
        html.value(NumberText.format(percent, places: 0))
        html.markup("%)</small></div>\n    ")
        html.start("div", ["class": "bar", "role": "img", "aria-label": NumberText.format(percent, places: 0) + " percent"])
        html.element("span", ["style": "width: " + NumberText.format(min(max(percent, 0), 100), places: 0) + "%"], "")
        html.markup("</div>\n  </div>\n</header>\n<main>\n<nav class=\"summary\" aria-label=\"Questions\">\n")
        for index in result.questions.indices { summaryLink(result.questions[index], into: &html) }
        html.markup("</nav>\n")
        let warnings = result.warnings
        if !warnings.isEmpty {
            html.markup("<div class=\"warnings\" role=\"note\"><strong>Warnings</strong>\n<ul>")
            for warning in warnings {
                html.markup("<li>")
                html.text(warning.description)
                html.markup("</li>")
            }
            html.markup("</ul>\n</div>\n")
        }
        for index in result.questions.indices { section(result.questions[index], fragments: fragments, into: &html) }
        html.markup("</main>\n")
        html.markup("<footer>")
        html.text("Graded by Grader against rubric \(rubric.id)" + (rubric.version.map { " v" + $0 } ?? "") + " · sha256 \(rubric.sha256) · ")
        html.start("a", ["href": RubricAnchor.fromCandidatePage])
        html.markup("the rubric</a></footer>\n")
        html.endPage()
    }

    /// A question's entry in the summary bar: its score, linking to its section.
    private func summaryLink(_ question: QuestionResult, into html: inout HTMLText) {
        html.start("a", ["href": "#" + question.question.id, "class": question.status.rawValue])
        html.element("b", NumberText.format(question.score) + "/" + NumberText.format(question.question.points))
        html.text(question.question.id)
        html.markup("</a>\n")
    }

    private func section(_ result: QuestionResult, fragments: ReportFragments, into html: inout HTMLText) {
        let fragments = fragments.question(result.question.id)
        html.start("section", ["class": "question", "id": result.question.id])
        html.markup("\n  <h2>")
        html.element("span", result.question.id)
        html.markup("<span class=\"score\">")
        html.value(NumberText.format(result.score) + " / " + NumberText.format(result.question.points))
        switch result.status {
        case .answered: break
        case .missing: html.markup(" · missing")
        case .tooShort: html.markup(" · too short")
        }
        html.markup("</span></h2>\n  <p class=\"prompt\">")
        html.text(result.question.prompt, fragments?.prompt)
        html.markup(" ")
        html.start("a", ["href": RubricAnchor.fromCandidatePage + "#" + RubricAnchor.question(result.question.id), "class": "rubric"])
        html.markup("model answer and mark scheme</a></p>\n")
        if let moderation = result.moderation { Self.moderationNote(moderation, into: &html) }
        if !result.unmetRequirements.isEmpty {
            html.markup("  <div class=\"warnings\" role=\"note\">Question not credited: requires ")
            html.text(result.unmetRequirements.joined(separator: ", "))
            html.markup("; it scores ")
            html.value(NumberText.format(result.score))
            html.markup(".</div>\n")
        }
        let offsets = TextOffsets(result.answer?.text ?? "")
        let bytes = offsets.utf8
        if bytes.isEmpty {
            html.markup("  <div class=\"answer missing\">No answer.</div>\n")
        } else {
            html.markup("  <div class=\"answer\">")
            for segment in Self.segments(result, length: bytes.count) {
                guard let mark = segment.mark else {
                    html.text(bytes[segment.range])
                    continue
                }
                // A plain <mark> is a criterion's (candidate.css): only penalties name their class.
                // Said on every mark, class="criterion" was a tenth of the page's markup.
                if mark.kind == "criterion" {
                    html.markup("<mark title=\"")
                } else {
                    html.markup("<mark class=\"")
                    html.value(mark.kind)
                    html.markup("\" title=\"")
                }
                html.text(mark.rules)
                html.markup("\">")
                html.text(bytes[segment.range])
                html.markup("</mark>")
            }
            html.markup("</div>\n")
            profile(result.profile, into: &html)
        }
        html.markup("  <ul class=\"rules\">\n")
        // By index, not `for rule in`: that copies each RuleResult (a dozen references) per rule.
        // Rules come in `Question.rules` order: criteria, each group's elements, penalties.
        let criteria = min(result.question.criteria.count, result.rules.count)
        for index in 0..<criteria { item(result.rules[index], of: result.question.id, fragments: fragments?.rule(index), into: &html) }
        var first = criteria
        for group in result.levels {
            let elements = first..<min(first + group.of, result.rules.count)
            levels(group, elements: elements, in: result, fragments: fragments, into: &html)
            first = elements.upperBound
        }
        for index in first..<result.rules.count {
            item(result.rules[index], of: result.question.id, fragments: fragments?.rule(index), into: &html)
        }
        html.markup("  </ul>\n")
        // Only where the score is not simply what the list above adds up to.
        if result.question.usesShapes, result.status != .missing,
           result.question.base != 0 || !result.question.bands.isEmpty || result.raw != result.score {
            scoring(result, into: &html)
        }
        html.markup("</section>\n")
    }

    /// A levels group: "3 of 8 key elements: 2 points", then each element, met or missed, with its feedback.
    private func levels(_ group: LevelResult, elements: Range<Int>, in result: QuestionResult, fragments: ReportFragments.Question?,
                        into html: inout HTMLText) {
        html.markup("  <li class=\"criterion ")
        html.markup(group.points > 0 ? "met" : "unmet")
        html.markup("\"><span class=\"pts\">")
        html.value(NumberText.format(group.points))
        html.markup(" / ")
        html.value(NumberText.format(group.group.table.map(\.points).max() ?? 0))
        html.markup("</span><strong>")
        link(RubricAnchor.levels(group.id, of: result.question.id), group.id, into: &html)
        html.markup("</strong> — ")
        html.value(String(group.met))
        html.markup(" of ")
        html.value(String(group.of))
        html.markup(" ")
        html.text(group.group.label)
        html.markup(": ")
        html.text(Self.points(group.points))
        if !group.group.feedback.isEmpty {
            html.markup(" — ")
            html.text(group.group.feedback)
        }
        html.markup("\n")
        if !group.unmetRequirements.isEmpty {
            html.markup("    <div class=\"via\">not credited: requires ")
            html.text(group.unmetRequirements.joined(separator: ", "))
            html.markup(" (the level reached is worth ")
            html.text(Self.points(group.level?.points ?? 0))
            html.markup(")</div>\n")
        }
        html.markup("    <ul class=\"rules\">\n")
        for index in elements { item(result.rules[index], of: result.question.id, fragments: fragments?.rule(index), into: &html) }
        html.markup("    </ul>\n  </li>\n")
    }

    /// How a question that uses base points, levels, gates or bands came to its score.
    private func scoring(_ result: QuestionResult, into html: inout HTMLText) {
        html.markup("  <p class=\"prompt\">")
        if result.question.base != 0 {
            html.markup("base ")
            html.text(Self.points(result.question.base))
            html.markup(" · ")
        }
        html.markup("raw ")
        html.value(NumberText.format(result.raw))
        if result.unmetRequirements.isEmpty, !result.question.bands.isEmpty {
            if let band = result.band {
                html.markup(" → band from ")
                html.value(NumberText.format(band.from))
                html.markup(": ")
                html.text(Self.points(band.points))
                if !band.descriptor.isEmpty {
                    html.markup(" — ")
                    html.text(band.descriptor)
                }
            } else {
                html.markup(" → below every band: ")
                html.text(Self.points(result.score))
            }
        }
        html.markup("</p>\n")
    }

    /// The moderator's score beside the rubric's, with the reason and who decided.
    static func moderationNote(_ moderation: AppliedModeration, into html: inout HTMLText) {
        // The warnings' box: a style of its own would change every page, moderated or not.
        html.markup("  <div class=\"warnings moderation\" role=\"note\"><strong>Moderated: ")
        html.value(NumberText.format(moderation.score))
        html.markup("</strong> (automatic score ")
        html.value(NumberText.format(moderation.automaticScore))
        html.markup(")")
        if !moderation.decision.moderator.isEmpty {
            html.markup(" by ")
            html.text(moderation.decision.moderator)
        }
        if !moderation.decision.reason.isEmpty {
            html.markup(" — ")
            html.text(moderation.decision.reason)
        }
        html.markup("</div>\n")
    }

    /// "1 point", "2.5 points".
    package static func points(_ value: Double) -> String {
        NumberText.format(value) + (value == 1 ? " point" : " points")
    }

    /// One criterion, element or penalty in a question's checklist. A gated rule shows as
    /// not credited, with what it requires, never as a silent 0. Its evidence is what the
    /// answer above highlights (each mark titled with its rules); which matcher leaf fired for
    /// each hit is matcher detail, in the XML report (`via`) and, as matchers, on `rubric.html`.
    /// Evidence about the whole answer (a length rule's `12 words (at most 14)`) has nothing
    /// to highlight, so it is said in words under the rule.
    private func item(_ rule: RuleResult, of question: String, fragments: ReportFragments.Rule?, into html: inout HTMLText) {
        let gated = !rule.unmetRequirements.isEmpty
        html.markup("  <li class=\"")
        html.value(rule.rule.kind.rawValue)
        html.markup(" ")
        html.value(gated ? "unmet" : rule.state.label)
        html.markup("\"><span class=\"pts\">")
        if rule.rule.kind == .element {
            html.markup(rule.credited ? "met" : "missed")
        } else {
            html.value(NumberText.format(rule.awarded))
            html.markup(" / ")
            if rule.rule.kind == .penalty { html.markup("−") }
            html.value(NumberText.format(rule.rule.points))
        }
        html.markup("</span><strong>")
        link(RubricAnchor.rule(rule.rule, of: question), rule.rule.id, into: &html)
        html.markup("</strong>")
        if !rule.rule.feedback.isEmpty {
            html.markup(" — ")
            html.text(rule.rule.feedback, fragments?.feedback)
        }
        html.markup("\n")
        for evidence in rule.evidence where evidence.wholeAnswer {
            html.markup("    <div class=\"via\">")
            html.text(evidence.via)
            html.markup("</div>\n")
        }
        if gated {
            html.markup("    <div class=\"via\">not credited: requires ")
            html.text(rule.unmetRequirements.joined(separator: ", "))
            html.markup("</div>\n")
        }
        if case .notEvaluated(let reason) = rule.state {
            html.markup("    <div class=\"via\">not evaluated: ")
            html.text(reason)
            html.markup("</div>\n")
        }
        html.markup("  </li>\n")
    }

    /// A link to `anchor` on the rubric page, reading `label`.
    private func link(_ anchor: String, _ label: String, into html: inout HTMLText) {
        html.start("a", ["href": RubricAnchor.fromCandidatePage + "#" + anchor])
        html.text(label)
        html.markup("</a>")
    }

    /// The answer's profile, a figure a span.
    private func profile(_ profile: AnswerProfile, into html: inout HTMLText) {
        html.markup("  <p class=\"profile\">")
        figure("words ", String(profile.words), into: &html)
        figure("sentences ", String(profile.sentences), into: &html)
        figure("reading ease ", NumberText.format(profile.readingEase, places: 0), into: &html)
        figure("lexical diversity ", NumberText.format(profile.lexicalDiversity), into: &html)
        figure("code lines ", String(profile.codeLines), into: &html)
        figure("copied from prompt ", NumberText.format(profile.promptOverlap * 100, places: 0), "%", into: &html)
        figure("from model answer ", NumberText.format(profile.modelOverlap * 100, places: 0), "%", into: &html)
        html.markup("</p>\n")
    }

    /// `<span>label value unit</span>`, without joining strings: a page has one profile per answer.
    private func figure(_ label: StaticString, _ value: String, _ unit: StaticString = "", into html: inout HTMLText) {
        html.markup("<span>")
        html.markup(label)
        html.value(value)
        html.markup(unit)
        html.markup("</span>")
    }

    /// A stretch of the answer, and the met rules whose evidence covers it.
    public struct Segment: Equatable, Sendable {
        public let range: Range<Int>
        public let mark: (kind: String, rules: String)?

        public static func == (lhs: Segment, rhs: Segment) -> Bool {
            lhs.range == rhs.range && lhs.mark?.kind == rhs.mark?.kind && lhs.mark?.rules == rhs.mark?.rules
        }
    }

    /// A span of the answer that a met rule's evidence covers.
    public typealias Mark = (range: Range<Int>, rule: String, penalty: Bool)

    /// Cuts the answer at every evidence boundary; each piece knows which met rules cover it.
    /// `creditOnly` leaves penalties out (the student report shows only what earned credit).
    package static func segments(_ result: QuestionResult, length: Int, creditOnly: Bool = false) -> [Segment] {
        var marks: [Mark] = []
        for index in result.rules.indices where result.rules[index].credited {
            let penalty = result.rules[index].rule.kind == .penalty
            if creditOnly && penalty { continue }
            for evidence in result.rules[index].evidence where !evidence.range.isEmpty {
                marks.append((evidence.range.clamped(to: 0..<length), result.rules[index].rule.id, penalty))
            }
        }
        return segments(marks, length: length)
    }

    /// Cuts a text of `length` bytes at every boundary of `marks` (byte ranges of met rules'
    /// evidence, clamped to the text): `grader review` highlights answers read back from reports.
    /// Neighbouring pieces with the same highlight are one segment (two keywords side by side
    /// are one mark): a cut there would show nothing and cost a page a tag pair.
    public static func segments(_ marks: [Mark], length: Int) -> [Segment] {
        // Every cut lies in 0...length, so the first is 0; repeated cuts are skipped below.
        var cuts = [0, length]
        cuts.reserveCapacity(2 + 2 * marks.count)
        for mark in marks {
            cuts.append(mark.range.lowerBound)
            cuts.append(mark.range.upperBound)
        }
        cuts.sort()
        var segments: [Segment] = []
        var lower = 0
        for upper in cuts where upper > lower {
            let piece = Segment(range: lower..<upper, mark: mark(covering: lower..<upper, marks))
            if let last = segments.last, last.mark != nil, last.mark?.kind == piece.mark?.kind, last.mark?.rules == piece.mark?.rules {
                segments[segments.count - 1] = Segment(range: last.range.lowerBound..<upper, mark: last.mark)
            } else {
                segments.append(piece)
            }
            lower = upper
        }
        return segments
    }

    /// The highlight of a piece of the answer: whether criteria, penalties or both cover
    /// it, and the covering rules' ids, sorted and each once; nil if none covers it.
    private static func mark(covering piece: Range<Int>, _ marks: [Mark]) -> (kind: String, rules: String)? {
        // Most pieces are covered by one rule's evidence, or by several of the same rule: then its id
        // is the title as it is, without an array, a sort and a joined string per piece.
        var single: Mark?
        var several = false
        for mark in marks where mark.range.lowerBound <= piece.lowerBound && mark.range.upperBound >= piece.upperBound {
            if let first = single {
                if first.rule != mark.rule || first.penalty != mark.penalty { several = true; break }
            } else {
                single = mark
            }
        }
        guard let single else { return nil }
        if !several { return (single.penalty ? "penalty" : "criterion", single.rule) }
        var rules: [String] = []
        var hasPenalty = false, hasCriterion = false
        for mark in marks where mark.range.lowerBound <= piece.lowerBound && mark.range.upperBound >= piece.upperBound {
            rules.append(mark.rule)
            if mark.penalty { hasPenalty = true } else { hasCriterion = true }
        }
        guard !rules.isEmpty else { return nil }
        rules.sort()
        var unique: [String] = []
        for rule in rules where unique.last != rule { unique.append(rule) }
        let kind = hasPenalty && hasCriterion ? "both" : hasPenalty ? "penalty" : "criterion"
        return (kind, unique.joined(separator: ", "))
    }
}

extension CandidateResult {
    /// The UTF-8 size of all the candidate's answers; a page holds each about once, escaped.
    var answerBytes: Int { questions.reduce(0) { $0 + ($1.answer?.text.utf8.count ?? 0) } }
}
