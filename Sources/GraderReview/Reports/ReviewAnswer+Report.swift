import GraderEngine
import GraderFoundation
import GraderReports

extension ReviewAnswer {
    /// The answers of a candidate report (read by `CandidateReportReader`, the format's one reader),
    /// as review shows and queues them: the candidate's facts only; the rubric's texts come from the rubric.
    static func answers(of report: CandidateReport, file: String) throws(InputError) -> [ReviewAnswer] {
        guard let candidate = report.candidate?.id else {
            throw InputError(file: file, message: "not a candidate report (no <report> with a <candidate id>)")
        }
        return report.questions.map { question in
            ReviewAnswer(
                candidate: candidate, question: question.id, status: (question.status ?? .answered).rawValue,
                text: question.answer?.text ?? "", score: question.score, max: question.maxPoints ?? 0,
                rules: question.rules.map(Rule.init), levels: question.levels.map(Levels.init),
                words: question.profile.words, promptOverlap: question.profile.promptOverlap, report: file,
                moderated: question.moderation != nil,
                definesHeld: Dictionary(question.defines.map { ($0.id, $0.held) }, uniquingKeysWith: { first, _ in first }))
        }
    }
}

extension ReviewAnswer.Rule {
    init(_ rule: CandidateReport.Rule) {
        let status: Status = switch rule.status {
        case .met: .met
        case .unmet: .unmet
        case .notEvaluated: .notEvaluated
        }
        self.init(id: rule.id, kind: rule.kind, status: status, awarded: rule.awarded, credited: rule.credited,
                  notEvaluated: rule.notEvaluated, evidence: rule.evidence.map { ReviewAnswer.Evidence(start: $0.start, end: $0.end, via: $0.via) })
    }
}

extension ReviewAnswer.Levels {
    init(_ group: CandidateReport.Levels) {
        self.init(id: group.id, met: group.met, of: group.of, points: group.points)
    }
}
