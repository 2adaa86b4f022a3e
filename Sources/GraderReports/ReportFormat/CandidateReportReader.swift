import GraderEngine
import GraderFoundation
import LibXML2

/// The one reader of the candidate report `XMLReportWriter` writes: re-runs (`ReportReuse`), the
/// cohort (`CandidateDigester`), moderation (`ReportedAnswer`) and `grader review` all read through it.
/// libxml2 parses it (`XMLTree`: no DTD, no entities); one pass over the elements fills a `CandidateReport`.
///
/// Lenient as the readers before it were: an attribute report.xsd requires reads, when missing, as 0,
/// "" or `unmet`, and each consumer checks what it relies on (the format, the rubric, the candidate).
/// Only the root (`<report>`) and every question's id are required.
package enum CandidateReportReader {
    private typealias Format = CandidateReportFormat

    /// Parses a report's bytes (`file` names it in messages). `evidence: false` leaves every rule's
    /// evidence out: most of a report's elements, which the cohort and re-runs never look at.
    package static func read(bytes: [UInt8], file: String, evidence: Bool = true) throws(InputError) -> CandidateReport {
        let tree: XMLTree
        do {
            tree = try XMLTree(bytes: bytes, name: file, lean: true)
        } catch {
            throw InputError(file: file, message: "not a readable report: \(error)")
        }
        guard let root = tree.root, root.name == Format.Report.tag else { throw notAReport(file) }
        var report = CandidateReport(format: root.attribute(Format.Report.format))
        for node in root.children {
            switch node.name {
            case Format.Candidate.tag where report.candidate == nil:
                guard let id = node.attribute(Format.Candidate.id) else { continue }
                report.candidate = CandidateReport.Identity(
                    id: id, name: node.attribute(Format.Candidate.name), email: node.attribute(Format.Candidate.email),
                    source: node.attribute(Format.Candidate.source) ?? "")
            case Format.Rubric.tag where report.rubric == nil:
                guard let id = node.attribute(Format.Rubric.id), let sha256 = node.attribute(Format.Rubric.sha256) else { continue }
                report.rubric = RubricIdentity(id: id, version: node.attribute(Format.Rubric.version),
                                               title: node.attribute(Format.Rubric.title), sha256: sha256)
            case Format.Submission.tag where report.submissionSHA256 == nil:
                report.submissionSHA256 = node.attribute(Format.Submission.sha256)
            case Format.Total.tag where report.total == nil:
                report.total = CandidateReport.Total(score: number(node, Format.Total.score), maxPoints: number(node, Format.Total.max))
            case Format.Warnings.tag:
                report.warnings += node.children.filter { $0.name == Format.Warning.tag }.map(warning)
            case Format.Question.tag:
                report.questions.append(try question(node, file: file, evidence: evidence))
            default:
                continue
            }
        }
        return report
    }

    /// What a consumer says of a file that is XML but not a candidate report, or lacks what it needs.
    package static func notAReport(_ file: String) -> InputError {
        InputError(file: file, message: "not a Grader candidate report (report.xsd)")
    }

    private static func warning(_ node: XMLTree.Node) -> Diagnostic {
        Diagnostic(.warning, file: node.attribute(Format.Warning.file) ?? "", line: node.attribute(Format.Warning.line).flatMap { Int($0) },
                   question: node.attribute(Format.Warning.question), node.text)
    }

    private static func question(_ node: XMLTree.Node, file: String, evidence: Bool) throws(InputError) -> CandidateReport.Question {
        guard let id = node.attribute(Format.Question.id) else {
            throw InputError([Diagnostic(.error, file: file, line: node.line, "a <\(Format.Question.tag)> without an id")])
        }
        var question = CandidateReport.Question(
            id: id, status: node.attribute(Format.Question.status).flatMap(QuestionResult.Status.init(rawValue:)),
            score: number(node, Format.Question.score), maxPoints: node.attribute(Format.Question.max).flatMap { Double($0) })
        question.raw = node.attribute(Format.Question.raw).flatMap { Double($0) }
        question.base = node.attribute(Format.Question.base).flatMap { Double($0) }
        (question.credited, question.requires) = requirements(node, Format.Question.credited, Format.Question.requires)
        for child in node.children {
            switch child.name {
            case Format.Answer.tag:
                question.answer = Answer(text: child.text, file: child.attribute(Format.Answer.file) ?? "",
                                         line: integer(child, Format.Answer.line))
                if let key = child.attribute(Format.Answer.wordsKey).flatMap({ UInt64($0, radix: 16) }) {
                    let stems = (child.attribute(Format.Answer.modelStems) ?? "").split(separator: " ").compactMap { UInt16($0) }
                    question.wordFacts = WordFacts(wordsKey: key, modelStems: stems)
                }
            case Format.Profile.tag:
                question.profile = profile(child)
            case Format.Define.tag:
                question.defines.append(CandidateReport.Define(id: child.attribute(Format.Define.id) ?? "",
                                                               held: child.attribute(Format.Define.held) == Format.Define.yes))
            case Format.Rule.criterion:
                question.rules.append(rule(child, kind: .criterion, evidence: evidence))
            case Format.Rule.penalty:
                question.rules.append(rule(child, kind: .penalty, evidence: evidence))
            case Format.Levels.tag:
                question.levels.append(levels(child, rules: &question.rules, evidence: evidence))
            case Format.Band.tag:
                question.band = CandidateReport.Band(from: number(child, Format.Band.from), points: number(child, Format.Band.points))
            case Format.Moderation.tag:
                question.moderation = CandidateReport.Moderation(
                    score: number(child, Format.Moderation.score), automaticScore: number(child, Format.Moderation.autoScore),
                    reason: child.attribute(Format.Moderation.reason) ?? "", moderator: child.attribute(Format.Moderation.moderator) ?? "",
                    decidedAt: child.attribute(Format.Moderation.decidedAt) ?? "",
                    answerSHA256: child.attribute(Format.Moderation.answerSHA256) ?? "")
            case Format.StaleModeration.tag:
                question.staleModeration = CandidateReport.StaleModeration(
                    score: number(child, Format.StaleModeration.score), moderator: child.attribute(Format.StaleModeration.moderator) ?? "",
                    decidedAt: child.attribute(Format.StaleModeration.decidedAt) ?? "",
                    answerSHA256: child.attribute(Format.StaleModeration.answerSHA256) ?? "")
            default:
                continue
            }
        }
        return question
    }

    private static func profile(_ node: XMLTree.Node) -> AnswerProfile {
        var profile = AnswerProfile.empty
        profile.words = integer(node, Format.Profile.words)
        profile.sentences = integer(node, Format.Profile.sentences)
        profile.readingEase = number(node, Format.Profile.readingEase)
        profile.lexicalDiversity = number(node, Format.Profile.lexicalDiversity)
        profile.codeLines = integer(node, Format.Profile.codeLines)
        profile.promptOverlap = number(node, Format.Profile.promptOverlap)
        profile.modelOverlap = number(node, Format.Profile.modelOverlap)
        return profile
    }

    /// A levels group; its elements are appended to `rules`.
    private static func levels(_ node: XMLTree.Node, rules: inout [CandidateReport.Rule], evidence: Bool) -> CandidateReport.Levels {
        let first = rules.count
        for child in node.children where child.name == Format.Rule.element {
            rules.append(rule(child, kind: .element, evidence: evidence))
        }
        let (credited, requires) = requirements(node, Format.Levels.credited, Format.Levels.requires)
        return CandidateReport.Levels(id: node.attribute(Format.Levels.id) ?? "", met: integer(node, Format.Levels.met),
                                      of: integer(node, Format.Levels.of), points: number(node, Format.Levels.points),
                                      levelMin: node.attribute(Format.Levels.levelMin).flatMap { Int($0) },
                                      credited: credited, requires: requires, elements: first..<rules.count)
    }

    /// A criterion, element or penalty. Its children are looked at only when they are wanted: the
    /// reason of a rule not evaluated, the evidence when asked for.
    private static func rule(_ node: XMLTree.Node, kind: ScoredRule.Kind, evidence wanted: Bool) -> CandidateReport.Rule {
        let status = node.attribute(Format.Rule.status).flatMap(Format.RuleStatus.init(rawValue:)) ?? .unmet
        var notEvaluated: String?
        var evidence: [CandidateReport.Evidence] = []
        if wanted || status == .notEvaluated {
            for child in node.children {
                switch child.name {
                case Format.NotEvaluated.tag:
                    notEvaluated = child.text
                case Format.Evidence.tag where wanted:
                    evidence.append(CandidateReport.Evidence(start: integer(child, Format.Evidence.start),
                                                             end: integer(child, Format.Evidence.end),
                                                             via: child.attribute(Format.Evidence.via) ?? ""))
                default:
                    continue
                }
            }
        }
        let (credited, requires) = requirements(node, Format.Rule.credited, Format.Rule.requires)
        return CandidateReport.Rule(kind: kind, id: node.attribute(Format.Rule.id) ?? "", points: number(node, Format.Rule.points),
                                    status: status, awarded: number(node, Format.Rule.awarded), credited: credited,
                                    requires: requires, notEvaluated: notEvaluated, evidence: evidence)
    }

    /// `credited="no"` and the ids of `requires`.
    private static func requirements(_ node: XMLTree.Node, _ credited: String, _ requires: String) -> (Bool, [String]) {
        (node.attribute(credited) != Format.notCredited, node.attribute(requires).map(Format.ids) ?? [])
    }

    private static func number(_ node: XMLTree.Node, _ attribute: String) -> Double {
        node.attribute(attribute).flatMap { Double($0) } ?? 0
    }

    private static func integer(_ node: XMLTree.Node, _ attribute: String) -> Int {
        node.attribute(attribute).flatMap { Int($0) } ?? 0
    }
}
