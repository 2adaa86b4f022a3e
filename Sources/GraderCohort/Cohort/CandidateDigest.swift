import GraderEngine
import GraderFoundation
import GraderModeration
import GraderReports
import LibXML2

/// What the cohort stage keeps of one candidate: scores, rule outcomes, profile figures
/// and each answer's shingle ranks, never the texts. It lives only until `DigestStore` has
/// written it to disk.
public struct CandidateDigest: Sendable, Equatable {
    public let id: String
    public let name: String?
    public let email: String?
    public let source: String
    public let rubric: RubricIdentity
    public let total: Double
    public let maxPoints: Double
    public let warnings: Int
    public let questions: [QuestionDigest]
    /// The report it was read from.
    public let file: String
}

/// The rubric a report names; every report of one cohort must name the same one.
public struct RubricIdentity: Sendable, Equatable {
    public let id: String
    public let version: String?
    public let title: String?
    public let sha256: String
}

/// One question of one candidate's report.
public struct QuestionDigest: Sendable, Equatable {
    public let id: String
    public let status: QuestionResult.Status
    public let score: Double
    public let maxPoints: Double
    public let words: Int
    public let readingEase: Double
    public let rules: [RuleDigest]
    /// Ranks of the answer's distinct shingles, prompt and model answer left out, ascending:
    /// its first `MinHashSketch.size` are the answer's bottom-k sketch, and all of them give
    /// the exact similarity of two answers without their texts.
    public let ranks: [UInt32]
    public var answered: Bool { status != .missing }
}

/// A criterion's, element's or penalty's outcome for one answer.
public struct RuleDigest: Sendable, Equatable {
    public let id: String
    public let kind: ScoredRule.Kind
    public let points: Double
    /// Credited: met, and every requirement satisfied.
    public let met: Bool
    public let awarded: Double

    public var isPenalty: Bool { kind == .penalty }

    public init(id: String, kind: ScoredRule.Kind, points: Double, met: Bool, awarded: Double) {
        self.id = id
        self.kind = kind
        self.points = points
        self.met = met
        self.awarded = awarded
    }
}

/// A question's prompt and model answer (from the rubric), whose shingles are not evidence of copying.
struct QuestionSources: Sendable {
    package let prompt: String
    package let modelAnswer: String
    let excluded: ShingleSet

    init(prompt: String, modelAnswer: String) {
        self.prompt = prompt
        self.modelAnswer = modelAnswer
        excluded = ShingleSet(ShingledText(prompt).shingles + ShingledText(modelAnswer).shingles)
    }

    /// Each question's texts as a report would have held them (sanitised for XML), in rubric order.
    package static func of(_ rubric: Rubric) -> [QuestionSources] {
        rubric.questions.map {
            QuestionSources(prompt: XMLWriter.sanitised($0.prompt), modelAnswer: $0.modelAnswer.map(XMLWriter.sanitised) ?? "")
        }
    }
}


/// Reads candidate reports into digests, one worker's share, against the rubric they were
/// graded with (the folder's `rubric.xml`, whose prompts and model answers are left out of
/// the answers' shingles). It counts shingle frequencies, and gathers the reports' moderation, as it goes.
package final class DigestReader {
    package private(set) var frequency: ShingleFrequency?
    /// The decisions the digested reports hold, applied or stale.
    package private(set) var moderation = ModerationFacts()
    private let rubricSHA256: String
    private let sources: [QuestionSources]

    package init(rubric: Rubric) {
        rubricSHA256 = rubric.sha256
        sources = QuestionSources.of(rubric)
    }

    /// Parses a report's bytes (`file` names it in messages) into a digest.
    package func digest(bytes: [UInt8], file: String) throws(InputError) -> CandidateDigest {
        let tree: XMLTree
        do {
            tree = try XMLTree(bytes: bytes, name: file)
        } catch {
            throw InputError(file: file, message: "not a readable report: \(error)")
        }
        return try digest(tree, file: file)
    }

    /// The digest of a parsed report, which must be of the current format and name this reader's rubric.
    package func digest(_ tree: XMLTree, file: String) throws(InputError) -> CandidateDigest {
        guard let root = tree.root, root.name == "report",
              let candidate = root.firstChild(named: "candidate"), let id = candidate.attribute("id"),
              let rubric = root.firstChild(named: "rubric"), let rubricID = rubric.attribute("id"),
              let sha = rubric.attribute("sha256"), let total = root.firstChild(named: "total") else {
            throw InputError(file: file, message: "not a Grader candidate report (report.xsd)")
        }
        let format = root.attribute("format") ?? ""
        guard format == XMLReportWriter.formatVersion else {
            throw InputError(file: file, message: "a report of format \(format), written by an older Grader; this one reads format "
                             + "\(XMLReportWriter.formatVersion) (the rubric kept once, in rubric.xml): re-run grader grade to rewrite the reports")
        }
        guard sha == rubricSHA256 else {
            throw InputError(file: file, message: "graded with the rubric of sha256 \(sha), but the folder's rubric.xml has sha256 "
                             + "\(rubricSHA256): re-run grader grade so that every report is of one rubric")
        }
        let questionNodes = root.children(named: "question")
        if frequency == nil { frequency = ShingleFrequency(questions: questionNodes.count) }
        var questions: [QuestionDigest] = []
        questions.reserveCapacity(questionNodes.count)
        for (index, node) in questionNodes.enumerated() {
            questions.append(question(node, index: index))
            readModeration(of: node, candidate: id, index: index)
        }
        return CandidateDigest(
            id: id, name: candidate.attribute("name"), email: candidate.attribute("email"),
            source: candidate.attribute("source") ?? "",
            rubric: RubricIdentity(id: rubricID, version: rubric.attribute("version"), title: rubric.attribute("title"), sha256: sha),
            total: Self.number(total.attribute("score")), maxPoints: Self.number(total.attribute("max")),
            warnings: root.firstChild(named: "warnings")?.children.count ?? 0,
            questions: questions, file: file)
    }

    private func question(_ node: XMLTree.Node, index: Int) -> QuestionDigest {
        var answer: String?
        var words = 0, ease = 0.0
        var rules: [RuleDigest] = []
        for child in node.children {
            switch child.name {
            case "answer": answer = child.text
            case "profile":
                words = Int(child.attribute("words") ?? "") ?? 0
                ease = Self.number(child.attribute("reading-ease"))
            case "criterion", "penalty": rules.append(Self.rule(child))
            case "levels": rules += child.children(named: "element").map(Self.rule)
            default: break
            }
        }
        return question(index: index, id: node.attribute("id") ?? "", status: node.attribute("status").flatMap(QuestionResult.Status.init(rawValue:)) ?? .missing,
                        score: Self.number(node.attribute("score")), maxPoints: Self.number(node.attribute("max")),
                        words: words, readingEase: ease, rules: rules, answer: answer)
    }

    /// A question's `<moderation>` (the moderator's score and the rubric's) or `<stale-moderation>`.
    private func readModeration(of node: XMLTree.Node, candidate: String, index: Int) {
        if let applied = node.firstChild(named: "moderation") {
            moderation.answers.append(ModeratedAnswer(candidate: candidate, question: index,
                                                      automatic: Self.number(applied.attribute("auto-score")),
                                                      moderated: Self.number(applied.attribute("score"))))
        }
        if node.firstChild(named: "stale-moderation") != nil { moderation.stale += 1 }
    }

    /// A `<criterion>`, `<element>` or `<penalty>` of a report.
    private static func rule(_ node: XMLTree.Node) -> RuleDigest {
        RuleDigest(id: node.attribute("id") ?? "", kind: ScoredRule.Kind(rawValue: node.name) ?? .criterion,
                   points: number(node.attribute("points")),
                   met: node.attribute("status") == "met" && node.attribute("credited") != "no",
                   awarded: number(node.attribute("awarded")))
    }

    /// The digest of a result still in memory: exactly what reading its XML report back
    /// would give (the same sanitised strings, the same numbers as written), without the
    /// cost of parsing a report just written. A test keeps the two paths equal.
    package func digest(_ result: CandidateResult, rubric: Rubric, file: String) -> CandidateDigest {
        if frequency == nil { frequency = ShingleFrequency(questions: result.questions.count) }
        let text = XMLWriter.sanitised
        let questions = result.questions.enumerated().map { index, question in
            let rules = question.rules.map {
                RuleDigest(id: text($0.rule.id), kind: $0.rule.kind, points: Self.written($0.rule.points),
                           met: $0.credited, awarded: Self.written($0.awarded))
            }
            return self.question(index: index, id: text(question.question.id), status: question.status,
                                 score: Self.written(question.score), maxPoints: Self.written(question.question.points),
                                 words: question.profile.words, readingEase: Self.written(question.profile.readingEase),
                                 rules: rules, answer: question.answer.map { text($0.text) })
        }
        let candidate = result.submission.candidate
        for (index, question) in result.questions.enumerated() {
            if let applied = question.moderation {
                moderation.answers.append(ModeratedAnswer(candidate: text(candidate.id), question: index,
                                                          automatic: Self.written(applied.automaticScore),
                                                          moderated: Self.written(applied.score)))
            }
            if question.staleModeration != nil { moderation.stale += 1 }
        }
        return CandidateDigest(
            id: text(candidate.id), name: candidate.name.map(text), email: candidate.email.map(text),
            source: text(result.submission.source),
            rubric: RubricIdentity(id: text(rubric.id), version: rubric.version.map(text), title: rubric.title.map(text), sha256: rubric.sha256),
            total: Self.written(result.total), maxPoints: Self.written(result.maxPoints), warnings: result.warnings.count,
            questions: questions, file: file)
    }

    /// A number as a report holds it: formatted, then read back. Whole numbers, most points
    /// and scores, are written exactly and need no round trip.
    private static func written(_ value: Double) -> Double {
        if value == value.rounded(), abs(value) < 1e15 { return value }
        return number(NumberText.format(value))
    }

    /// One question's digest from its parts, whichever path they came from.
    private func question(index: Int, id: String, status: QuestionResult.Status, score: Double, maxPoints: Double, words: Int,
                          readingEase: Double, rules: [RuleDigest], answer: String?) -> QuestionDigest {
        var ranks: [UInt32] = []
        if let answer, !answer.isEmpty, index < (frequency?.answers.count ?? 0), index < sources.count {
            ranks = distinctRanks(answer, sources: sources[index])
            frequency?.add(question: index, distinctRanks: ranks)
        }
        return QuestionDigest(id: id, status: status, score: score, maxPoints: maxPoints, words: words,
                              readingEase: readingEase, rules: rules, ranks: ranks)
    }

    /// Ranks of the answer's distinct shingles that are not in the prompt or model answer.
    func distinctRanks(_ answer: String, sources: QuestionSources) -> [UInt32] {
        var ranks: [UInt32] = []
        ranks.reserveCapacity(answer.utf8.count / 5)
        ShingledText.forEachShingle(answer) { shingle in
            if !sources.excluded.contains(shingle) { ranks.append(MinHashSketch.rank(shingle)) }
        }
        ranks.sort()
        var write = 0
        for index in ranks.indices where index == 0 || ranks[index] != ranks[index - 1] {
            ranks[write] = ranks[index]
            write += 1
        }
        ranks.removeLast(ranks.count - write)
        return ranks
    }

    package static func number(_ text: String?) -> Double { text.flatMap(Double.init) ?? 0 }
}
