import Foundation
import Mustache

/// Renders a candidate's result as one self-contained HTML page (inline CSS, a
/// Content-Security-Policy that forbids scripts and network) from a Mustache
/// template. Mustache escapes every `{{value}}`, so candidate text cannot become
/// markup; the template may be replaced with `--templates DIR`.
public struct HTMLReportWriter: Sendable {
    public static let templateName = "candidate"
    private let template: MustacheTemplate

    /// Uses `DIR/candidate.mustache` when `templates` names a folder holding one, else the shipped template.
    public init(templates: String? = nil) throws(TemplateError) {
        let source: String
        let name = "\(Self.templateName).mustache"
        if let templates {
            let path = SubmissionDiscovery.join(templates, name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw TemplateError(path: path, message: "no such template")
            }
            source = String(decoding: data, as: UTF8.self)
        } else {
            source = String(decoding: Schemas.resource("templates/\(name)"), as: UTF8.self)
        }
        do {
            template = try MustacheTemplate(string: source)
        } catch {
            throw TemplateError(path: templates.map { SubmissionDiscovery.join($0, name) } ?? name, message: "\(error)")
        }
    }

    func render(_ result: CandidateResult, rubric: Rubric) -> String {
        template.render(Self.context(result, rubric: rubric))
    }

    static func context(_ result: CandidateResult, rubric: Rubric) -> [String: Any] {
        let candidate = result.submission.candidate
        let percent = result.maxPoints > 0 ? result.total / result.maxPoints * 100 : 0
        let warnings = result.warnings
        return [
            "candidate": present(["id": candidate.id, "name": candidate.name, "email": candidate.email,
                                  "source": result.submission.source]),
            "rubric": present(["id": rubric.id, "version": rubric.version, "title": rubric.title ?? rubric.id,
                               "sha256": rubric.sha256]),
            "total": NumberText.format(result.total),
            "max": NumberText.format(result.maxPoints),
            "percent": NumberText.format(percent, places: 0),
            "hasWarnings": !warnings.isEmpty,
            "warnings": warnings.map { ["text": $0.description] },
            "questions": result.questions.map(question),
        ]
    }

    private static func question(_ result: QuestionResult) -> [String: Any] {
        let profile = result.profile
        let statusLabel: String? = switch result.status {
        case .answered: nil
        case .missing: "missing"
        case .tooShort: "too short"
        }
        return present([
            "id": result.question.id,
            "prompt": result.question.prompt,
            "status": result.status.rawValue,
            "statusLabel": statusLabel,
            "score": NumberText.format(result.score),
            "max": NumberText.format(result.question.points),
            "answered": result.answer.map { !$0.text.isEmpty } ?? false,
            "segments": segments(result),
            "profile": [
                "words": profile.words, "sentences": profile.sentences,
                "readingEase": NumberText.format(profile.readingEase, places: 0),
                "lexicalDiversity": NumberText.format(profile.lexicalDiversity),
                "codeLines": profile.codeLines,
                "promptOverlap": NumberText.format(profile.promptOverlap * 100, places: 0),
                "modelOverlap": NumberText.format(profile.modelOverlap * 100, places: 0),
            ] as [String: Any],
            "rules": result.rules.map { rule -> [String: Any] in
                let offsets = TextOffsets(result.answer?.text ?? "")
                var reason: String?
                if case .notEvaluated(let why) = rule.state { reason = why }
                return present([
                    "id": rule.rule.id, "kind": rule.rule.kind.rawValue, "state": rule.state.label,
                    "points": NumberText.format(rule.rule.points),
                    "sign": rule.rule.kind == .penalty ? "−" : "",
                    "awarded": NumberText.format(rule.awarded),
                    "feedback": rule.rule.feedback, "matcher": rule.rule.summary,
                    "reason": reason,
                    "evidence": rule.evidence.map { ["text": offsets.substring($0.range), "via": $0.via] },
                ])
            },
        ])
    }

    /// Drops absent values: Mustache must see a missing key (a false section), not a nil it would print.
    private static func present(_ values: [String: Any?]) -> [String: Any] {
        values.compactMapValues { $0 }
    }

    /// Cuts the answer at every evidence boundary; each piece knows which met rules cover it.
    static func segments(_ result: QuestionResult) -> [[String: Any]] {
        guard let text = result.answer?.text else { return [] }
        let bytes = Array(text.utf8)
        var marks: [(range: Range<Int>, rule: String, penalty: Bool)] = []
        for rule in result.rules where rule.state == .met {
            for evidence in rule.evidence where !evidence.range.isEmpty {
                marks.append((evidence.range, rule.rule.id, rule.rule.kind == .penalty))
            }
        }
        var cuts = Set([0, bytes.count])
        for mark in marks {
            cuts.insert(min(mark.range.lowerBound, bytes.count))
            cuts.insert(min(mark.range.upperBound, bytes.count))
        }
        let points = cuts.sorted()
        var pieces: [[String: Any]] = []
        for (lower, upper) in zip(points, points.dropFirst()) where lower < upper {
            let covering = marks.filter { $0.range.lowerBound <= lower && $0.range.upperBound >= upper }
            let piece = String(decoding: bytes[lower..<upper], as: UTF8.self)
            if covering.isEmpty {
                pieces.append(["text": piece, "marked": false])
            } else {
                let hasPenalty = covering.contains { $0.penalty }, hasCriterion = covering.contains { !$0.penalty }
                let kind = hasPenalty && hasCriterion ? "both" : hasPenalty ? "penalty" : "criterion"
                let labels = Array(Set(covering.map(\.rule))).sorted().joined(separator: ", ")
                pieces.append(["text": piece, "marked": true, "kind": kind, "labels": labels])
            }
        }
        return pieces
    }
}

/// A report template that cannot be read or parsed.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { "\(path): error: \(message)" }
}
