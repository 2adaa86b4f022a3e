import GraderEngine

/// The candidate report's vocabulary (`candidates/ID.xml`, described by `report.xsd`): every element
/// and attribute name and every fixed word, defined once for its writer (`XMLReportWriter`) and its
/// reader (`CandidateReportReader`), so that renaming one is one edit here. One enum per element, in
/// report order; `tag` is the element's name, the other constants its attributes.
///
/// A question's status words are `QuestionResult.Status`'s raw values (`answered`, `missing`, `too-short`).
package enum CandidateReportFormat {
    /// Format 2 dropped the rubric's texts (prompts, model answers, feedback, matchers, labels)
    /// and added `<submission sha256>`; format 3 dropped each `<evidence>`'s copy of the matched
    /// text, which its start and end offsets into `<answer>` give, and names a regex in `via` by
    /// its number in the rule's matcher (`EvidenceVia`), not its pattern. Readers refuse other formats.
    ///
    /// `<define held>` was added within format 3, not as format 4: it is optional, written only on
    /// questions whose gates require a named matcher, so every other report keeps its bytes (and a
    /// bump would regrade every cohort for nothing); a report that lacks it where its rubric needs
    /// it is not reused (`ReportReuse`), and review falls back to "held" for one (`Uncertainty.flips`).
    package static let version = "3"

    /// The value of `credited` on a rule, levels group or question a requirement kept from counting
    /// (absent otherwise); `requires` then lists the unmet ids.
    package static let notCredited = "no"

    /// `requires="a b"`: the unmet requirements' ids, separated by spaces.
    package static func list(_ ids: [String]) -> String { ids.joined(separator: " ") }
    package static func ids(_ list: String) -> [String] { list.split(separator: " ").map(String.init) }

    package enum Report {
        package static let tag = "report"
        package static let format = "format"
    }

    package enum Candidate {
        package static let tag = "candidate"
        package static let id = "id", name = "name", email = "email", source = "source"
    }

    package enum Rubric {
        package static let tag = "rubric"
        package static let id = "id", version = "version", title = "title", sha256 = "sha256"
    }

    /// What the report was made from (`SubmissionHash`), which lets a later run reuse it.
    package enum Submission {
        package static let tag = "submission"
        package static let sha256 = "sha256"
    }

    package enum Total {
        package static let tag = "total"
        package static let score = "score", max = "max"
    }

    package enum Warnings {
        package static let tag = "warnings"
    }

    /// One `<warning>` in `<warnings>`; its text is the message.
    package enum Warning {
        package static let tag = "warning"
        package static let file = "file", line = "line", question = "question"
    }

    package enum Question {
        package static let tag = "question"
        package static let id = "id", status = "status", score = "score", max = "max"
        /// Only on a question that uses levels, bands, base points or requirements.
        package static let raw = "raw", base = "base", credited = "credited", requires = "requires"
    }

    /// The answer as the candidate wrote it, as the element's text.
    package enum Answer {
        package static let tag = "answer"
        package static let file = "file", line = "line"
        /// What review needs of the answer's words (`WordFacts`), so that a report read back
        /// (a re-run's reused report, `grader cohort`) gives them without normalising the text again:
        /// the words' hash as 16 hex digits, and the model-answer stems it uses as positions.
        package static let wordsKey = "words-key", modelStems = "model-stems"
    }

    package enum Profile {
        package static let tag = "profile"
        package static let words = "words", sentences = "sentences", readingEase = "reading-ease",
                          lexicalDiversity = "lexical-diversity", codeLines = "code-lines",
                          promptOverlap = "prompt-overlap", modelOverlap = "model-overlap"
    }

    /// Whether a named matcher (`<define>`) the question's gates require held, one per
    /// `Question.requiredDefines` (an answered or too-short question only): what review's flips
    /// rescore with. A define that could not be evaluated did not hold, as in grading.
    package enum Define {
        package static let tag = "define"
        package static let id = "id", held = "held"
        package static let yes = "true", no = "false"
    }

    /// A criterion, a levels group's element or a penalty: one element named for the rule's kind.
    package enum Rule {
        package static let criterion = "criterion", element = "element", penalty = "penalty"
        package static let id = "id", points = "points", status = "status", awarded = "awarded",
                          credited = "credited", requires = "requires"

        package static func tag(_ kind: ScoredRule.Kind) -> String {
            switch kind {
            case .criterion: return criterion
            case .element: return element
            case .penalty: return penalty
            }
        }
    }

    /// A rule's `status`.
    package enum RuleStatus: String, Sendable {
        case met, unmet, notEvaluated = "not-evaluated"

        package init(_ state: RuleResult.State) {
            switch state {
            case .met: self = .met
            case .unmet: self = .unmet
            case .notEvaluated: self = .notEvaluated
            }
        }
    }

    /// Why a rule was not evaluated, as the element's text (a rule of status `not-evaluated`).
    package enum NotEvaluated {
        package static let tag = "not-evaluated"
    }

    /// Code points `start..<end` of the question's `<answer>`, and what fired (`EvidenceVia`).
    package enum Evidence {
        package static let tag = "evidence"
        package static let start = "start", end = "end", via = "via"
    }

    /// A levels group, its elements inside.
    package enum Levels {
        package static let tag = "levels"
        package static let id = "id", met = "met", of = "of", points = "points", levelMin = "level-min",
                          credited = "credited", requires = "requires"
    }

    package enum Band {
        package static let tag = "band"
        package static let from = "from", points = "points"
    }

    /// A person's decision that replaced the rubric's score (`auto-score`).
    package enum Moderation {
        package static let tag = "moderation"
        package static let score = "score", autoScore = "auto-score", reason = "reason", moderator = "moderator",
                          decidedAt = "decided-at", answerSHA256 = "answer-sha256"
    }

    /// A decision not applied because the answer changed since it was made.
    package enum StaleModeration {
        package static let tag = "stale-moderation"
        package static let score = "score", moderator = "moderator", decidedAt = "decided-at", answerSHA256 = "answer-sha256"
    }
}
