import GraderEngine
import LibXML2

/// Reads `cohort.xml` with `CohortReportFormat`'s names, through libxml2's safe parser (no DTD,
/// no entities). It does not validate against `cohort.xsd` (review reads a cohort of any size at
/// start-up); what it reads, it reads strictly: a missing required attribute or a number that is
/// not one is an error naming the element and line. `similar()` reads only the section review
/// needs; `document()` reads everything.
public struct CohortReportReader {
    private typealias Format = CohortReportFormat
    private let root: FormatElement

    /// Parses `bytes` (`name` is for messages) and checks it is a cohort report of this format.
    public init(bytes: [UInt8], name: String) throws(XMLError) {
        let tree = try XMLTree(bytes: bytes, name: name)
        guard let root = tree.root, root.name == Format.Root.element else {
            throw XMLError(line: tree.root?.line ?? 0, "the document element is <\(tree.root?.name ?? "")>, not <\(Format.Root.element)>")
        }
        self.root = FormatElement(root)
        let format = try self.root.string(Format.Root.format)
        guard format == Format.version else {
            throw self.root.problem("is format \(format); this grader reads format \(Format.version): run grader cohort again")
        }
    }

    /// Every section of the document.
    public func document() throws(XMLError) -> CohortDocument {
        var questions: [CohortDocument.Question] = []
        for element in root.children(Format.Question.element) { questions.append(try question(element)) }
        var ranking: [CohortDocument.Candidate] = []
        for element in root.children(Format.Candidate.element) { ranking.append(try candidate(element)) }
        return CohortDocument(format: Format.version, rubric: try rubric(), run: try run(), totals: try totals(),
                              questions: questions, ranking: ranking, similar: try similar(), moderation: try moderation())
    }

    /// `<similar>`: the comparison counts and every similar answer pair with its shared passages.
    public func similar() throws(XMLError) -> CohortDocument.Similar {
        let similar = try root.requiredChild(Format.Similar.element)
        var pairs: [CohortDocument.Pair] = []
        for pair in similar.children(Format.Pair.element) {
            var shared: [CohortDocument.Shared] = []
            for passage in pair.children(Format.Shared.element) {
                shared.append(CohortDocument.Shared(candidate: try passage.string(Format.Shared.candidate), text: passage.text))
            }
            pairs.append(CohortDocument.Pair(question: try pair.string(Format.Pair.question), first: try pair.string(Format.Pair.first),
                                             second: try pair.string(Format.Pair.second), similarity: try pair.number(Format.Pair.similarity),
                                             sharedShingles: try pair.count(Format.Pair.sharedShingles), shared: shared))
        }
        return CohortDocument.Similar(pairsCompared: try similar.count(Format.Similar.pairsCompared),
                                      pairsSimilar: try similar.optionalCount(Format.Similar.pairsSimilar),
                                      comparisonsPerAnswer: try similar.optionalCount(Format.Similar.comparisonsPerAnswer),
                                      answersAtCap: try similar.optionalCount(Format.Similar.answersAtCap),
                                      comparisonsSkipped: try similar.optionalCount(Format.Similar.comparisonsSkipped), pairs: pairs)
    }

    private func rubric() throws(XMLError) -> CohortDocument.RubricReference {
        let rubric = try root.requiredChild(Format.Rubric.element)
        return CohortDocument.RubricReference(id: try rubric.string(Format.Rubric.id), version: rubric.optionalString(Format.Rubric.version),
                                              title: rubric.optionalString(Format.Rubric.title), sha256: try rubric.string(Format.Rubric.sha256))
    }

    private func run() throws(XMLError) -> CohortDocument.Run {
        let run = try root.requiredChild(Format.Run.element)
        var stages: [CohortDocument.StageTime] = []
        for stage in run.children(Format.StageTime.element) {
            stages.append(CohortDocument.StageTime(name: try stage.string(Format.StageTime.name), seconds: try stage.number(Format.StageTime.seconds)))
        }
        return CohortDocument.Run(candidates: try run.count(Format.Run.candidates), answers: try run.count(Format.Run.answers),
                                  questions: try run.count(Format.Run.questions), max: try run.number(Format.Run.max),
                                  passMark: try run.number(Format.Run.passMark),
                                  similarityThreshold: try run.number(Format.Run.similarityThreshold),
                                  generated: run.optionalString(Format.Run.generated), stages: stages)
    }

    private func totals() throws(XMLError) -> CohortDocument.Totals {
        let totals = try root.requiredChild(Format.Totals.element)
        var bins: [CohortDocument.Bin] = []
        for bin in totals.children(Format.Bin.element) {
            bins.append(CohortDocument.Bin(from: try bin.count(Format.Bin.from), to: try bin.count(Format.Bin.to), count: try bin.count(Format.Bin.count)))
        }
        return CohortDocument.Totals(scores: try distribution(totals), alpha: try totals.optionalNumber(Format.Totals.alpha), bins: bins)
    }

    private func question(_ question: FormatElement) throws(XMLError) -> CohortDocument.Question {
        var rules: [CohortDocument.Rule] = []
        for child in question.node.children {
            guard let kind = ScoredRule.Kind(rawValue: child.name) else { continue }
            let rule = FormatElement(child)
            rules.append(CohortDocument.Rule(kind: kind, id: try rule.string(Format.Rule.id), points: try rule.number(Format.Rule.points),
                                             fired: try rule.number(Format.Rule.fired),
                                             restCorrelation: try rule.optionalNumber(Format.Rule.restCorrelation),
                                             upperLower: try rule.optionalNumber(Format.Rule.upperLower)))
        }
        return CohortDocument.Question(
            id: try question.string(Format.Question.id), max: try question.number(Format.Question.max), scores: try distribution(question),
            facility: try question.number(Format.Question.facility), itemRest: try question.optionalNumber(Format.Question.itemRest),
            upperLower: try question.optionalNumber(Format.Question.upperLower), missing: try question.number(Format.Question.missing),
            alphaIfDeleted: try question.optionalNumber(Format.Question.alphaIfDeleted),
            words: try distribution(try question.requiredChild(Format.Question.words)),
            readingEase: try distribution(try question.requiredChild(Format.Question.readingEase)), rules: rules)
    }

    private func candidate(_ candidate: FormatElement) throws(XMLError) -> CohortDocument.Candidate {
        CohortDocument.Candidate(rank: try candidate.count(Format.Candidate.rank), id: try candidate.string(Format.Candidate.id),
                                 name: candidate.optionalString(Format.Candidate.name), total: try candidate.number(Format.Candidate.total),
                                 max: try candidate.number(Format.Candidate.max), answered: try candidate.count(Format.Candidate.answered),
                                 atRisk: candidate.optionalString(Format.Candidate.atRisk) == Format.Candidate.atRiskValue)
    }

    private func moderation() throws(XMLError) -> CohortDocument.Moderation? {
        guard let moderation = root.child(Format.Moderation.element) else { return nil }
        var questions: [CohortDocument.ModeratedQuestion] = []
        for question in moderation.children(Format.ModeratedQuestion.element) {
            questions.append(CohortDocument.ModeratedQuestion(
                id: try question.string(Format.ModeratedQuestion.id), moderated: try question.count(Format.ModeratedQuestion.moderated),
                disagreed: try question.count(Format.ModeratedQuestion.disagreed),
                meanDifference: try question.optionalNumber(Format.ModeratedQuestion.meanDifference),
                meanAbsoluteDifference: try question.optionalNumber(Format.ModeratedQuestion.meanAbsoluteDifference)))
        }
        return CohortDocument.Moderation(moderated: try moderation.count(Format.Moderation.moderated),
                                         stale: try moderation.count(Format.Moderation.stale), questions: questions)
    }

    /// The distribution's attributes of `element`.
    private func distribution(_ element: FormatElement) throws(XMLError) -> CohortDocument.Distribution {
        typealias Names = Format.Distribution
        return CohortDocument.Distribution(count: try element.count(Names.count), mean: try element.number(Names.mean),
                                           sd: try element.number(Names.sd), min: try element.number(Names.min),
                                           q1: try element.number(Names.q1), median: try element.number(Names.median),
                                           q3: try element.number(Names.q3), max: try element.number(Names.max))
    }
}
