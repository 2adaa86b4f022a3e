/// The candidate report's vocabulary (`candidates/ID.xml`, described by `report.xsd`): every element
/// and attribute name and every fixed word, defined once for its writer (`XMLReportWriter`) and its
/// reader (`CandidateReportReader`), so that renaming one is one edit here. One enum per element, in
/// report order; `tag` is the element's name, the other constants its attributes.
///
/// A question's status words are `QuestionResult.Status`'s raw values (`answered`, `missing`, `too-short`).
public enum CandidateReportFormat {
    /// Format 2 dropped the rubric's texts (prompts, model answers, feedback, matchers, labels)
    /// and added `<submission sha256>`; format 3 dropped each `<evidence>`'s copy of the matched
    /// text, which its start and end offsets into `<answer>` give, and names a regex in `via` by
    /// its number in the rule's matcher (`EvidenceVia`), not its pattern. Readers refuse other formats.
    public static let version = "3"

    /// The value of `credited` on a rule, levels group or question a requirement kept from counting
    /// (absent otherwise); `requires` then lists the unmet ids.
    public static let notCredited = "no"

    /// `requires="a b"`: the unmet requirements' ids, separated by spaces.
    public static func list(_ ids: [String]) -> String { ids.joined(separator: " ") }
    public static func ids(_ list: String) -> [String] { list.split(separator: " ").map(String.init) }

    public enum Report {
        public static let tag = "report"
        public static let format = "format"
    }

    public enum Candidate {
        public static let tag = "candidate"
        public static let id = "id", name = "name", email = "email", source = "source"
    }

    public enum Rubric {
        public static let tag = "rubric"
        public static let id = "id", version = "version", title = "title", sha256 = "sha256"
    }

    /// What the report was made from (`SubmissionHash`), which lets a later run reuse it.
    public enum Submission {
        public static let tag = "submission"
        public static let sha256 = "sha256"
    }

    public enum Total {
        public static let tag = "total"
        public static let score = "score", max = "max"
    }

    public enum Warnings {
        public static let tag = "warnings"
    }

    /// One `<warning>` in `<warnings>`; its text is the message.
    public enum Warning {
        public static let tag = "warning"
        public static let file = "file", line = "line", question = "question"
    }

    public enum Question {
        public static let tag = "question"
        public static let id = "id", status = "status", score = "score", max = "max"
        /// Only on a question that uses levels, bands, base points or requirements.
        public static let raw = "raw", base = "base", credited = "credited", requires = "requires"
    }

    /// The answer as the candidate wrote it, as the element's text.
    public enum Answer {
        public static let tag = "answer"
        public static let file = "file", line = "line"
    }

    public enum Profile {
        public static let tag = "profile"
        public static let words = "words", sentences = "sentences", readingEase = "reading-ease",
                          lexicalDiversity = "lexical-diversity", codeLines = "code-lines",
                          promptOverlap = "prompt-overlap", modelOverlap = "model-overlap"
    }

    /// A criterion, a levels group's element or a penalty: one element named for the rule's kind.
    public enum Rule {
        public static let criterion = "criterion", element = "element", penalty = "penalty"
        public static let id = "id", points = "points", status = "status", awarded = "awarded",
                          credited = "credited", requires = "requires"

        public static func tag(_ kind: ScoredRule.Kind) -> String {
            switch kind {
            case .criterion: return criterion
            case .element: return element
            case .penalty: return penalty
            }
        }
    }

    /// A rule's `status`.
    public enum RuleStatus: String, Sendable {
        case met, unmet, notEvaluated = "not-evaluated"

        public init(_ state: RuleResult.State) {
            switch state {
            case .met: self = .met
            case .unmet: self = .unmet
            case .notEvaluated: self = .notEvaluated
            }
        }
    }

    /// Why a rule was not evaluated, as the element's text (a rule of status `not-evaluated`).
    public enum NotEvaluated {
        public static let tag = "not-evaluated"
    }

    /// Code points `start..<end` of the question's `<answer>`, and what fired (`EvidenceVia`).
    public enum Evidence {
        public static let tag = "evidence"
        public static let start = "start", end = "end", via = "via"
    }

    /// A levels group, its elements inside.
    public enum Levels {
        public static let tag = "levels"
        public static let id = "id", met = "met", of = "of", points = "points", levelMin = "level-min",
                          credited = "credited", requires = "requires"
    }

    public enum Band {
        public static let tag = "band"
        public static let from = "from", points = "points"
    }

    /// A person's decision that replaced the rubric's score (`auto-score`).
    public enum Moderation {
        public static let tag = "moderation"
        public static let score = "score", autoScore = "auto-score", reason = "reason", moderator = "moderator",
                          decidedAt = "decided-at", answerSHA256 = "answer-sha256"
    }

    /// A decision not applied because the answer changed since it was made.
    public enum StaleModeration {
        public static let tag = "stale-moderation"
        public static let score = "score", moderator = "moderator", decidedAt = "decided-at", answerSHA256 = "answer-sha256"
    }
}
