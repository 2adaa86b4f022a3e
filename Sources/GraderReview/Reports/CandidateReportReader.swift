import GraderEngine
import GraderFoundation
import LibXML2

/// Reads the answers out of a candidate report (`candidates/ID.xml`, report.xsd): the
/// candidate's facts only, so it reads the lean reports (no rubric texts) and the older ones alike.
enum CandidateReportReader {
    package static func answers(bytes: [UInt8], file: String) throws(InputError) -> [ReviewAnswer] {
        let tree: XMLTree
        do {
            tree = try XMLTree(bytes: bytes, name: file)
        } catch {
            throw InputError(file: file, message: "not a readable candidate report: \(error)")
        }
        guard let root = tree.root, root.name == "report",
              let candidate = root.firstChild(named: "candidate")?.attribute("id") else {
            throw InputError(file: file, message: "not a candidate report (no <report> with a <candidate id>)")
        }
        var answers: [ReviewAnswer] = []
        for question in root.children(named: "question") {
            guard let id = question.attribute("id") else {
                throw InputError([Diagnostic(.error, file: file, line: question.line, "a <question> without an id")])
            }
            var rules: [ReviewAnswer.Rule] = []
            var levels: [ReviewAnswer.Levels] = []
            for child in question.children {
                switch child.name {
                case "criterion", "element", "penalty":
                    rules.append(rule(child))
                case "levels":
                    levels.append(ReviewAnswer.Levels(id: child.attribute("id") ?? "", met: Int(child.attribute("met") ?? "") ?? 0,
                                                      of: Int(child.attribute("of") ?? "") ?? 0, points: number(child, "points")))
                    rules += child.children.filter { $0.name == "element" }.map(rule)
                default:
                    continue
                }
            }
            let profile = question.firstChild(named: "profile")
            answers.append(ReviewAnswer(
                candidate: candidate, question: id, status: question.attribute("status") ?? "answered",
                text: question.firstChild(named: "answer")?.text ?? "",
                score: number(question, "score"), max: number(question, "max"), rules: rules, levels: levels,
                words: Int(profile?.attribute("words") ?? "") ?? 0,
                promptOverlap: profile.map { number($0, "prompt-overlap") } ?? 0, report: file,
                moderated: question.firstChild(named: "moderation") != nil))
        }
        return answers
    }

    private static func rule(_ node: XMLTree.Node) -> ReviewAnswer.Rule {
        let kind = ScoredRule.Kind(rawValue: node.name) ?? .criterion
        let status = ReviewAnswer.Rule.Status(rawValue: node.attribute("status") ?? "") ?? .unmet
        let evidence = node.children(named: "evidence").map { item in
            ReviewAnswer.Evidence(start: Int(item.attribute("start") ?? "") ?? 0, end: Int(item.attribute("end") ?? "") ?? 0,
                                  via: item.attribute("via") ?? "")
        }
        return ReviewAnswer.Rule(id: node.attribute("id") ?? "", kind: kind, status: status, awarded: number(node, "awarded"),
                                 credited: node.attribute("credited") != "no", notEvaluated: node.firstChild(named: "not-evaluated")?.text,
                                 evidence: evidence)
    }

    private static func number(_ node: XMLTree.Node, _ attribute: String) -> Double {
        Double(node.attribute(attribute) ?? "") ?? 0
    }
}
