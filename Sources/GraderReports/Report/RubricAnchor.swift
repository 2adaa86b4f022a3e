import GraderEngine

/// Where on `rubric.html` each part of the rubric is shown: the candidate pages link each
/// criterion there instead of repeating its matcher. Rubric ids are letters, digits, `.`,
/// `_` and `-` (rubric.xsd), so they are safe in a fragment as they are.
public enum RubricAnchor {
    /// The page's name in a reports folder.
    package static let page = "rubric.html"
    /// The page as a candidate page (in `candidates/`) links to it.
    static let fromCandidatePage = "../" + page

    /// `q02`: a question's section.
    public static func question(_ question: String) -> String { question }

    /// `q02-crit-gil`, `q02-elem-cycles`, `q02-pen-tag`: a criterion, element or penalty.
    package static func rule(_ rule: ScoredRule, of question: String) -> String {
        let kind: String
        switch rule.kind {
        case .criterion: kind = "crit"
        case .element: kind = "elem"
        case .penalty: kind = "pen"
        }
        return question + "-" + kind + "-" + rule.id
    }

    /// `q02-levels-key`: a levels group.
    package static func levels(_ group: String, of question: String) -> String { question + "-levels-" + group }

    /// `q02-bands`: a question's bands.
    package static func bands(of question: String) -> String { question + "-bands" }
}
