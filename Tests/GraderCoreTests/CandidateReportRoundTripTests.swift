import Foundation
@testable import GraderEngine
@testable import GraderFoundation
@testable import GraderModeration
@testable import GraderReports
@testable import GraderWorkflows
import LibXML2
import Testing

/// The candidate report's writer (`XMLReportWriter`) and its one reader (`CandidateReportReader`)
/// agree: a report of every shape the rubric has, written then read, gives back what the result
/// held, field by field; and every element and attribute the writer writes is one the reader reads
/// (renamed on the writer's side only, the round trip breaks).
@Suite("candidate report: write, read back, compare")
struct CandidateReportRoundTripTests {
    static let rubric = """
    <rubric id="round-trip" version="2.&lt;1&gt;">
    <title>Round trip: "every" shape &amp; &lt;more&gt;</title>
    <synonyms id="collector">garbage collector|gc|cycle detector</synonyms>
    <define id="colour"><any><keyword>red</keyword><keyword>blue</keyword></any></define>
    <question id="q1" points="12">
      <prompt>How does Python free memory? Explain reference counting and show code.</prompt>
      <model-answer>Reference counting frees objects at zero; a cyclic collector finds cycles.</model-answer>
      <criterion id="refcount" points="2.25"><keyword stem="yes">reference counting</keyword></criterion>
      <criterion id="cycles" points="3"><near within="4"><keyword stem="yes">cycle</keyword><keyword synonyms="collector"/></near></criterion>
      <criterion id="del" points="1.125"><any><keyword>heap</keyword><regex>\\bdel\\s+\\w+</regex></any></criterion>
      <criterion id="pm" points="1"><pmatch><expression>match(memory)</expression></pmatch></criterion>
      <criterion id="long" points="0.5"><words min="5"/></criterion>
      <criterion id="named" points="1"><use ref="colour"/></criterion>
      <penalty id="free" points="1.5"><regex>\\bfree\\s*\\(</regex></penalty>
      <penalty id="short" points="1"><sentences max="1"/></penalty>
    </question>
    <question id="q2" points="6" requires="chosen">
      <prompt>Pick a colour for the warning light and name the heart's parts.</prompt>
      <criterion id="chosen" points="1"><use ref="colour"/></criterion>
      <criterion id="why" points="2" requires="colour"><keyword>bright</keyword></criterion>
      <levels id="key" label="key elements">
        <criterion id="atria"><keyword>atria</keyword></criterion>
        <criterion id="ventricles"><keyword>ventricles</keyword></criterion>
        <criterion id="aorta"><keyword>aorta</keyword></criterion>
        <level min="1" points="1"/><level min="2" points="2"/>
      </levels>
      <levels id="extra" label="extras" requires="chosen">
        <criterion id="finch"><keyword>finch</keyword></criterion>
        <level min="1" points="1"/>
      </levels>
      <levels id="none" label="never reached">
        <criterion id="valves"><keyword>valves</keyword></criterion>
        <level min="1" points="1"/>
      </levels>
      <penalty id="vague" points="0.5"><keyword>maybe</keyword></penalty>
    </question>
    <question id="q3" points="3" base="0.5">
      <prompt>Explain alpha and beta.</prompt>
      <criterion id="a" points="1.5"><keyword>alpha</keyword></criterion>
      <criterion id="b" points="0.75"><keyword>beta</keyword></criterion>
      <bands><band from="0" points="0"/><band from="2.5" points="3">Complete</band></bands>
    </question>
    <question id="q4" points="2"><prompt>Never answered.</prompt><criterion id="c" points="2"><keyword>list</keyword></criterion></question>
    <question id="q5" points="2"><prompt>Type many a.</prompt><criterion id="slow" points="2"><regex>(a+)+$</regex></criterion></question>
    <question id="q6" points="2" min-words="10" short-scores-zero="yes"><prompt>Say a lot.</prompt><criterion id="c" points="2"><keyword>tuple</keyword></criterion></question>
    <question id="q7" points="4"><prompt>Tuples?</prompt><criterion id="c" points="4"><keyword>immutable</keyword></criterion></question>
    <question id="q8" points="2"><prompt>A warning light?</prompt><criterion id="lit" points="2" requires="colour"><keyword>light</keyword></criterion></question>
    </rubric>
    """

    static let answers: [String: (text: String, line: Int)] = [
        "q1": ("""
        How does Python free memory? Reference counting frees objects at zero; a cyclic collector finds cycles, and the gc breaks a cycle.
        Call del x; never free() it <b>by hand</b> & “never” ]]> \u{1} naïve 😀 memory. Red is fine.

        ```
        del x
        gc.collect()
        ```
        """, 3),
        "q2": ("It is bright: the atria and the ventricles, and a finch, maybe.", 20),
        "q3": ("alpha and beta, both.", 30),
        "q5": (String(repeating: "a", count: 5000) + "!", 40),
        "q6": ("a tuple", 50),
        "q7": ("A tuple is immutable.", 60),
        "q8": ("A red light.", 70),
    ]

    static let source = "Submissions/<odd> \"name\" & co/c-1.md"

    /// A candidate graded on every question, one decision applied (q7) and one stale (q3).
    static func graded() throws -> (CandidateResult, Rubric) {
        let rubric = try RubricLoader.load(bytes: Array(Self.rubric.utf8), file: "round-trip.xml")
        let submission = Submission(
            candidate: Candidate(id: "c-1", name: "Zoë \u{7}<x> & \"q\"", email: "=cmd@example.org"), source: Self.source,
            answers: Self.answers.mapValues { Answer(text: $0.text, file: Self.source, line: $0.line) },
            warnings: [Diagnostic(.warning, file: Self.source, line: 2, question: "q1", "odd <markup> & \"quotes\"\u{0B}\ttab"),
                       Diagnostic(.warning, file: Self.source, "no line, no question")])
        let worker = try GradingWorker(rubric: rubric)
        var times = StageTimes()
        let questions = rubric.questions.map {
            worker.grade($0, answer: submission.answers[$0.id], file: Self.source, times: &times).result
        }
        var result = CandidateResult(submission: submission, questions: questions)
        func decision(_ question: String, _ score: Double, on text: String) -> ModerationDecision {
            ModerationDecision(candidateID: "c-1", questionID: question, score: score, reason: "checked <b>by hand</b> & \"twice\"",
                               moderator: "ana <a@b>", decidedAt: "2026-12-01T00:00:00Z", answerSHA256: ModerationDecision.answerHash(text))
        }
        let log = ModerationLog(decisions: [decision("q7", 10.0 / 3, on: Self.answers["q7"]!.text),
                                            decision("q3", 1.5, on: "an answer that changed since")])
        var outcome = ModerationOutcome()
        ModerationApplier(input: ModerationInput(path: "moderation.csv", log: log))
            .apply(ModerationRuling.rulings(log, on: submission, rubric: rubric), to: &result, outcome: &outcome)
        return (result, rubric)
    }

    /// The shapes this test is about are all there, so no comparison below is of empty against empty.
    @Test func theCandidateHasEveryShape() throws {
        let (result, _) = try Self.graded()
        let questions = Dictionary(uniqueKeysWithValues: result.questions.map { ($0.question.id, $0) })
        let rules = result.questions.flatMap(\.rules)
        #expect(Set(rules.map(\.rule.kind)) == [.criterion, .element, .penalty])
        #expect(rules.contains { $0.state == .met && !$0.unmetRequirements.isEmpty })
        #expect(rules.contains { if case .notEvaluated = $0.state { true } else { false } })
        #expect(rules.contains { $0.evidence.contains { $0.via.hasPrefix("regex") } })
        #expect(rules.contains { $0.evidence.contains { $0.wholeAnswer } })
        #expect(rules.contains { $0.rule.kind == .penalty && $0.credited })
        let levels = questions["q2"]!.levels
        #expect(levels.map(\.met) == [2, 1, 0] && levels.map { $0.level?.min } == [2, 1, nil] && levels.map(\.credited) == [true, false, true])
        #expect(questions["q2"]!.unmetRequirements == ["chosen"])
        // q2's `why` requires the named matcher colour, which did not hold; q1 uses it but requires none.
        #expect(questions["q2"]!.question.requiredDefines.map(\.id) == ["colour"] && questions["q2"]!.definesMet == [false])
        #expect(questions["q1"]!.question.requiredDefines.isEmpty)
        #expect(questions["q8"]!.definesMet == [true])
        #expect(questions["q3"]!.band != nil && questions["q3"]!.staleModeration != nil)
        #expect(questions["q4"]!.status == .missing && questions["q6"]!.status == .tooShort)
        #expect(questions["q7"]!.moderation != nil)
        let profile = questions["q1"]!.profile
        #expect(profile.codeLines > 0 && profile.promptOverlap > 0 && profile.modelOverlap > 0)
    }

    @Test func aWrittenReportReadsBackFieldByField() throws {
        let (result, rubric) = try Self.graded()
        let sha = String(repeating: "5", count: 64)
        let bytes = try XMLReportWriter.render(result, rubric: rubric, submissionSHA256: sha)
        try Schemas.report.validate(bytes: bytes, name: "c-1.xml")
        let read = try CandidateReportReader.read(bytes: bytes, file: "c-1.xml")
        let expected = Self.expected(result, rubric: rubric, submissionSHA256: sha)
        #expect(read.format == expected.format)
        #expect(read.candidate == expected.candidate)
        #expect(read.rubric == expected.rubric)
        #expect(read.submissionSHA256 == expected.submissionSHA256)
        #expect(read.total == expected.total)
        #expect(read.warnings == expected.warnings)
        try #require(read.questions.count == expected.questions.count)
        for (got, want) in zip(read.questions, expected.questions) {
            #expect(got.id == want.id)
            #expect(got.status == want.status, "\(want.id)")
            #expect(got.score == want.score && got.maxPoints == want.maxPoints, "\(want.id)")
            #expect(got.raw == want.raw && got.base == want.base, "\(want.id)")
            #expect(got.credited == want.credited && got.requires == want.requires, "\(want.id)")
            #expect(got.answer == want.answer, "\(want.id)")
            #expect(got.wordFacts == want.wordFacts, "\(want.id)")
            #expect(got.profile == want.profile, "\(want.id)")
            #expect(got.defines == want.defines, "\(want.id)")
            #expect(got.levels == want.levels, "\(want.id)")
            try #require(got.rules.count == want.rules.count, "\(want.id)")
            for (gotRule, wantRule) in zip(got.rules, want.rules) {
                #expect(gotRule == wantRule, "\(want.id) \(wantRule.id)")
            }
            #expect(got.band == want.band, "\(want.id)")
            #expect(got.moderation == want.moderation && got.staleModeration == want.staleModeration, "\(want.id)")
        }
        #expect(read == expected)

        // Without evidence: the same, every rule's evidence left out.
        var lean = expected
        for question in lean.questions.indices {
            for rule in lean.questions[question].rules.indices { lean.questions[question].rules[rule].evidence = [] }
        }
        #expect(try CandidateReportReader.read(bytes: bytes, file: "c-1.xml", evidence: false) == lean)
    }

    /// Each element and each attribute of each element, renamed in the written report alone, changes
    /// what is read: every name the writer writes is one the reader reads and this test compares.
    @Test func everyNameTheWriterWritesIsOneTheReaderReads() throws {
        let (result, rubric) = try Self.graded()
        let bytes = try XMLReportWriter.render(result, rubric: rubric, submissionSHA256: String(repeating: "5", count: 64))
        let xml = String(decoding: bytes, as: UTF8.self)
        let expected = try CandidateReportReader.read(bytes: bytes, file: "c-1.xml")
        let names = try #require(try XMLTree(bytes: bytes, name: "c-1.xml").root).allNames
        // Every element report.xsd has, and the attributes each carries here.
        #expect(names.count == 20, "\(names.keys.sorted())")
        #expect(names.values.map(\.count).reduce(0, +) >= 60)
        for (element, attributes) in names {
            let elementRead = Self.reads(Self.renaming(element: element, in: xml)) == expected
            #expect(!elementRead, "<\(element)> renamed reads the same")
            // An element's points and awarded are always 0 (its points are its group's), what a missing one reads as;
            // the same names are checked on <criterion> and <penalty>.
            for attribute in attributes where !(element == "element" && ["points", "awarded"].contains(attribute)) {
                let attributeRead = Self.reads(Self.renaming(attribute: attribute, of: element, in: xml)) == expected
                #expect(!attributeRead, "\(attribute) of <\(element)> renamed reads the same")
            }
        }
    }

    /// Hostile text (markup, quotes, control characters) reads back as the report holds it: made valid XML, nothing more.
    @Test func hostileTextReadsBackAsWritten() throws {
        let (result, rubric) = try Self.graded()
        let read = try CandidateReportReader.read(bytes: try XMLReportWriter.render(result, rubric: rubric), file: "c-1.xml")
        #expect(read.candidate?.name == "Zoë \u{FFFD}<x> & \"q\"")
        #expect(read.candidate?.source == Self.source)
        #expect(read.questions[0].answer?.text.contains("<b>by hand</b> & “never” ]]> \u{FFFD} naïve 😀") == true)
        #expect(read.warnings.first?.message == "odd <markup> & \"quotes\"\u{FFFD}\ttab")
        #expect(read.questions[6].moderation?.reason == "checked <b>by hand</b> & \"twice\"")
    }

    @Test func whatIsNotAReportIsAClearError() {
        #expect(throws: InputError.self) { try CandidateReportReader.read(bytes: Array("<report><question".utf8), file: "cut.xml") }
        #expect(throws: InputError.self) { try CandidateReportReader.read(bytes: Array("<cohort/>".utf8), file: "cohort.xml") }
        #expect(throws: InputError.self) {
            try CandidateReportReader.read(bytes: Array("<report format=\"3\"><question score=\"1\"/></report>".utf8), file: "noid.xml")
        }
        #expect(throws: InputError.self) {
            try CandidateReportReader.read(bytes: Array("<!DOCTYPE r [<!ENTITY x \"y\">]><report/>".utf8), file: "dtd.xml")
        }
    }

    // MARK: What the report should hold, from the result alone

    /// The report `result` should read back as, built from the result and report.xsd's rules, not
    /// from the writer: texts made valid XML, numbers at most two decimals, offsets in code points.
    static func expected(_ result: CandidateResult, rubric: Rubric, submissionSHA256: String?) -> CandidateReport {
        let text = XMLWriter.sanitised
        let candidate = result.submission.candidate
        var report = CandidateReport(
            format: "3",
            candidate: .init(id: text(candidate.id), name: candidate.name.map(text), email: candidate.email.map(text),
                             source: text(result.submission.source)),
            rubric: RubricIdentity(id: text(rubric.id), version: rubric.version.map(text), title: rubric.title.map(text), sha256: rubric.sha256),
            submissionSHA256: submissionSHA256, total: .init(score: written(result.total), maxPoints: written(result.maxPoints)))
        report.warnings = result.warnings.map {
            Diagnostic(.warning, file: text($0.file), line: $0.line, question: $0.question.map(text), text($0.message))
        }
        let fragments = ReportFragments.of(rubric)
        report.questions = result.questions.map { question(of: $0, via: fragments.question($0.question.id)) }
        return report
    }

    private static func question(of result: QuestionResult, via fragments: ReportFragments.Question?) -> CandidateReport.Question {
        let text = XMLWriter.sanitised
        var question = CandidateReport.Question(id: text(result.question.id), status: result.status, score: written(result.score),
                                                maxPoints: written(result.question.points))
        if result.question.usesShapes {
            question.raw = result.status == .missing ? nil : written(result.raw)
            question.base = result.question.base == 0 ? nil : written(result.question.base)
            question.credited = result.unmetRequirements.isEmpty
            question.requires = result.unmetRequirements
        }
        question.answer = result.answer.map { Answer(text: text($0.text), file: text($0.file), line: $0.line) }
        question.wordFacts = result.answer == nil ? nil : result.wordFacts
        let profile = result.profile
        question.profile = AnswerProfile(words: profile.words, sentences: profile.sentences, readingEase: written(profile.readingEase),
                                         lexicalDiversity: written(profile.lexicalDiversity), codeLines: profile.codeLines,
                                         promptOverlap: written(profile.promptOverlap), modelOverlap: written(profile.modelOverlap))
        question.defines = zip(result.question.requiredDefines, result.definesMet).map {
            CandidateReport.Define(id: text($0.id), held: $1)
        }
        let answer = Array((result.answer?.text ?? "").utf8)
        func codePoints(_ byte: Int) -> Int { String(decoding: answer[..<byte], as: UTF8.self).unicodeScalars.count }
        question.rules = result.rules.enumerated().map { index, rule in
            let reason: String? = if case .notEvaluated(let why) = rule.state { text(why) } else { nil }
            let status: CandidateReportFormat.RuleStatus = switch rule.state {
            case .met: .met
            case .unmet: .unmet
            case .notEvaluated: .notEvaluated
            }
            return CandidateReport.Rule(
                kind: rule.rule.kind, id: text(rule.rule.id), points: written(rule.rule.points), status: status,
                awarded: written(rule.awarded), credited: rule.unmetRequirements.isEmpty, requires: rule.unmetRequirements,
                notEvaluated: reason,
                evidence: rule.evidence.map {
                    CandidateReport.Evidence(start: codePoints($0.range.lowerBound), end: codePoints($0.range.upperBound),
                                             via: text(fragments?.rule(index)?.via.compact($0.via) ?? $0.via))
                })
        }
        var first = result.question.criteria.count
        question.levels = result.levels.map { group in
            defer { first += group.of }
            return CandidateReport.Levels(id: text(group.id), met: group.met, of: group.of, points: written(group.points),
                                          levelMin: group.level?.min, credited: group.unmetRequirements.isEmpty,
                                          requires: group.unmetRequirements, elements: first..<first + group.of)
        }
        question.band = result.band.map { CandidateReport.Band(from: written($0.from), points: written($0.points)) }
        question.moderation = result.moderation.map {
            CandidateReport.Moderation(score: written($0.score), automaticScore: written($0.automaticScore), reason: text($0.decision.reason),
                                       moderator: text($0.decision.moderator), decidedAt: $0.decision.decidedAt,
                                       answerSHA256: $0.decision.answerSHA256)
        }
        question.staleModeration = result.staleModeration.map {
            CandidateReport.StaleModeration(score: written($0.score ?? 0), moderator: text($0.moderator), decidedAt: $0.decidedAt,
                                            answerSHA256: $0.answerSHA256)
        }
        return question
    }

    /// A number as report.xsd has it: at most two decimals.
    private static func written(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    // MARK: Renaming one name in the written text

    private static func reads(_ xml: String) -> CandidateReport? {
        try? CandidateReportReader.read(bytes: Array(xml.utf8), file: "renamed.xml")
    }

    /// Every start, end and empty tag of `element` renamed. Text and attribute values hold no `<`
    /// (the writer escapes it), so only tags are touched.
    static func renaming(element: String, in xml: String) -> String {
        var renamed = xml
        for (old, new) in [("<\(element) ", "<zz-\(element) "), ("<\(element)>", "<zz-\(element)>"),
                           ("<\(element)/>", "<zz-\(element)/>"), ("</\(element)>", "</zz-\(element)>")] {
            renamed = renamed.replacingOccurrences(of: old, with: new)
        }
        return renamed
    }

    /// `attribute` renamed in every start tag of `element`, and nowhere else. Inside a tag no
    /// attribute value holds `>` (the writer escapes it), so a tag ends at the first `>`.
    static func renaming(attribute: String, of element: String, in xml: String) -> String {
        var renamed = ""
        var rest = Substring(xml)
        while let start = rest.range(of: "<\(element) ") {
            renamed += rest[..<start.lowerBound]
            let end = rest[start.lowerBound...].firstIndex(of: ">")!
            renamed += rest[start.lowerBound..<end].replacingOccurrences(of: " \(attribute)=\"", with: " zz-\(attribute)=\"")
            rest = rest[end...]
        }
        return renamed + rest
    }
}

private extension XMLTree.Node {
    /// Every element name under and including this one, with the attribute names it carries anywhere.
    var allNames: [String: Set<String>] {
        var names = [name: Set(attributeNames)]
        for child in children {
            names.merge(child.allNames) { $0.union($1) }
        }
        return names
    }
}
