import GraderEngine
import GraderFoundation
import LibXML2

/// Reads `tune.xml` with `TuneReportFormat`'s names, through libxml2's safe parser (no DTD, no
/// entities), after validating it against the shipped `tune.xsd` (strict about the header and
/// the answer scores, open about the figures). What it reads, it reads strictly: a missing
/// required attribute or a number that is not one is an error naming the element and line.
/// `header()` and `answerScores()` read what review needs; `document()` reads everything.
public struct TuneReportReader {
    private typealias Format = TuneReportFormat
    private let root: FormatElement

    /// Parses and validates `bytes` (`name` is for messages).
    public init(bytes: [UInt8], name: String) throws(XMLError) {
        let tree = try XMLTree(bytes: bytes, name: name)
        try Schemas.tune.validate(tree)
        guard let root = tree.root else { throw XMLError("no document element") }
        self.root = FormatElement(root)
    }

    /// The document element's attributes: what was tuned on what.
    public func header() throws(XMLError) -> TuneDocument.Header {
        let step = try root.string(Format.Root.weightStep)
        let weightStep: Double?
        if step == Format.Root.automaticStep { weightStep = nil } else { weightStep = try root.number(Format.Root.weightStep) }
        return TuneDocument.Header(rubricID: try root.string(Format.Root.rubric), rubricFile: try root.string(Format.Root.rubricFile),
                                   rubricSHA256: try root.string(Format.Root.rubricSHA256), gradesFile: try root.string(Format.Root.gradesFile),
                                   candidates: try root.count(Format.Root.candidates), answers: try root.count(Format.Root.answers),
                                   weightStep: weightStep, margin: try root.number(Format.Root.margin))
    }

    /// `<answer-scores>`: every answer's rubric, human and fitted score (none when the element is absent).
    public func answerScores() throws(XMLError) -> [TuneDocument.AnswerScore] {
        var scores: [TuneDocument.AnswerScore] = []
        for score in root.child(Format.AnswerScore.list)?.children(Format.AnswerScore.element) ?? [] {
            scores.append(TuneDocument.AnswerScore(
                candidate: try score.string(Format.AnswerScore.candidate), question: try score.string(Format.AnswerScore.question),
                rubric: try score.number(Format.AnswerScore.rubric), human: try score.optionalNumber(Format.AnswerScore.human),
                fitted: try score.optionalNumber(Format.AnswerScore.fitted), answerSHA256: score.optionalString(Format.AnswerScore.answerSHA256)))
        }
        return scores
    }

    /// Every section of the document.
    public func document() throws(XMLError) -> TuneDocument {
        var questions: [TuneDocument.Question] = []
        for question in root.children(Format.Question.element) { questions.append(try self.question(question)) }
        var disagreements: [TuneDocument.Disagreement] = []
        for element in root.children(Format.Disagreement.element) { disagreements.append(try disagreement(element)) }
        return TuneDocument(
            header: try header(), overall: try scores(try root.requiredChild(Format.ScoresElement.overall)),
            overallTuned: try scores(try root.requiredChild(Format.ScoresElement.overallTuned)),
            overallWritten: try scores(try root.requiredChild(Format.ScoresElement.overallWritten)),
            overallSuggested: try root.child(Format.ScoresElement.overallSuggested).map(scores), totals: try totals(),
            questions: questions, disagreements: disagreements, answerScores: try answerScores(), baseline: try baseline(),
            warnings: root.children(Format.Notes.warning).map(\.text),
            tunedRubricChanges: root.children(Format.Notes.tunedRubricChange).map(\.text),
            tunedRubricFindings: root.children(Format.Notes.tunedRubricFinding).map(\.text))
    }

    private func totals() throws(XMLError) -> TuneDocument.Totals {
        let totals = try root.requiredChild(Format.Totals.element)
        return TuneDocument.Totals(candidates: try totals.count(Format.Totals.candidates), pearson: try totals.optionalNumber(Format.Totals.pearson),
                                   spearman: try totals.optionalNumber(Format.Totals.spearman),
                                   meanAbsoluteError: try totals.number(Format.Totals.meanAbsoluteError))
    }

    private func question(_ question: FormatElement) throws(XMLError) -> TuneDocument.Question {
        var rules: [TuneDocument.Rule] = []
        for child in question.node.children {
            if let kind = ScoredRule.Kind(rawValue: child.name) { rules.append(try rule(FormatElement(child), kind)) }
        }
        var suggestions: [TuneDocument.Suggestion] = []
        for element in question.children(Format.Suggestion.element) { suggestions.append(try suggestion(element)) }
        var phrases: [TuneDocument.Phrase] = []
        for phrase in question.children(Format.Phrase.element) {
            phrases.append(TuneDocument.Phrase(text: phrase.text, logOdds: try phrase.number(Format.Phrase.logOdds),
                                               high: try phrase.count(Format.Phrase.high), low: try phrase.count(Format.Phrase.low)))
        }
        return TuneDocument.Question(
            id: try question.string(Format.Question.id), points: try question.number(Format.Question.points),
            highAnswers: try question.count(Format.Question.highAnswers), lowAnswers: try question.count(Format.Question.lowAnswers),
            scaleStep: try question.number(Format.Question.scaleStep),
            current: try scores(try question.requiredChild(Format.ScoresElement.current)),
            tuned: try question.child(Format.ScoresElement.tuned).map(scores),
            suggested: try question.child(Format.ScoresElement.suggested).map(scores),
            baseline: try question.child(Format.ScoresElement.baseline).map(scores),
            fit: try question.child(Format.Fit.element).map(fit), rules: rules, suggestions: suggestions, phrases: phrases)
    }

    private func fit(_ fit: FormatElement) throws(XMLError) -> TuneDocument.Fit {
        var bands: [TuneDocument.Band] = []
        for band in fit.children(Format.Band.element) {
            bands.append(TuneDocument.Band(from: try band.number(Format.Band.from), points: try band.number(Format.Band.points)))
        }
        var foldSettings: [String] = []
        for fold in fit.children(Format.Fold.element) { foldSettings.append(try fold.string(Format.Fold.settings)) }
        return TuneDocument.Fit(
            folds: try fit.count(Format.Fit.folds), settings: try fit.string(Format.Fit.settings), base: try fit.number(Format.Fit.base),
            inSampleExact: try fit.number(Format.Fit.inSampleExact),
            inSampleMeanAbsoluteError: try fit.number(Format.Fit.inSampleMeanAbsoluteError),
            written: try fit.yesNo(Format.Fit.written, yes: Format.yes, no: Format.no),
            withSuggestions: try fit.yesNo(Format.Fit.withSuggestions, yes: Format.yes, no: Format.no),
            reason: try fit.string(Format.Fit.reason), bands: bands, foldSettings: foldSettings)
    }

    private func rule(_ rule: FormatElement, _ kind: ScoredRule.Kind) throws(XMLError) -> TuneDocument.Rule {
        TuneDocument.Rule(kind: kind, id: try rule.string(Format.Rule.id), points: try rule.number(Format.Rule.points),
                          fitted: try rule.optionalNumber(Format.Rule.fitted), firesHigh: try rule.optionalNumber(Format.Rule.firesHigh),
                          firesLow: try rule.optionalNumber(Format.Rule.firesLow),
                          pointBiserial: try rule.optionalNumber(Format.Rule.pointBiserial),
                          humanMarked: try rule.optionalCount(Format.Rule.humanMarked), precision: try rule.optionalNumber(Format.Rule.precision),
                          recall: try rule.optionalNumber(Format.Rule.recall))
    }

    private func suggestion(_ suggestion: FormatElement) throws(XMLError) -> TuneDocument.Suggestion {
        TuneDocument.Suggestion(
            label: try suggestion.string(Format.Suggestion.label), source: try suggestion.string(Format.Suggestion.source),
            kind: try suggestion.string(Format.Suggestion.kind), points: try suggestion.number(Format.Suggestion.points),
            qwkBefore: try suggestion.optionalNumber(Format.Suggestion.qwkBefore), qwkAfter: try suggestion.optionalNumber(Format.Suggestion.qwkAfter),
            firesHigh: try suggestion.count(Format.Suggestion.firesHigh), firesLow: try suggestion.count(Format.Suggestion.firesLow),
            matcher: try suggestion.requiredChild(Format.Suggestion.matcher).text,
            examples: suggestion.children(Format.Suggestion.example).map(\.text))
    }

    private func disagreement(_ disagreement: FormatElement) throws(XMLError) -> TuneDocument.Disagreement {
        var fired: [TuneDocument.Fired] = []
        for rule in disagreement.children(Format.Fired.element) {
            fired.append(TuneDocument.Fired(rule: try rule.string(Format.Fired.rule), awarded: try rule.number(Format.Fired.awarded),
                                            matches: rule.children(Format.Fired.match).map(\.text)))
        }
        return TuneDocument.Disagreement(
            candidate: try disagreement.string(Format.Disagreement.candidate), question: try disagreement.string(Format.Disagreement.question),
            human: try disagreement.number(Format.Disagreement.human), rubric: try disagreement.number(Format.Disagreement.rubric),
            answer: try disagreement.requiredChild(Format.Disagreement.answer).text, fired: fired)
    }

    private func baseline() throws(XMLError) -> TuneDocument.Baseline? {
        guard let baseline = root.child(Format.Baseline.element) else { return nil }
        var candidates: [TuneDocument.CandidateDelta] = []
        for candidate in baseline.children(Format.CandidateDelta.element) {
            candidates.append(TuneDocument.CandidateDelta(
                id: try candidate.string(Format.CandidateDelta.id), human: try candidate.number(Format.CandidateDelta.human),
                old: try candidate.number(Format.CandidateDelta.old), new: try candidate.number(Format.CandidateDelta.new),
                delta: try candidate.number(Format.CandidateDelta.delta)))
        }
        return TuneDocument.Baseline(file: try baseline.string(Format.Baseline.file),
                                     overall: try baseline.child(Format.ScoresElement.overall).map(scores), candidates: candidates)
    }

    /// A set of scores compared with the people's, with its confusion matrix.
    private func scores(_ element: FormatElement) throws(XMLError) -> TuneDocument.Scores {
        let confusion = try element.requiredChild(Format.Confusion.element)
        var cells: [TuneDocument.Cell] = []
        for cell in confusion.children(Format.Cell.element) {
            cells.append(TuneDocument.Cell(human: try cell.number(Format.Cell.human), rubric: try cell.number(Format.Cell.rubric),
                                           count: try cell.count(Format.Cell.count)))
        }
        return TuneDocument.Scores(
            count: try element.count(Format.Scores.count), exact: try element.number(Format.Scores.exact),
            adjacent: try element.number(Format.Scores.adjacent), meanAbsoluteError: try element.number(Format.Scores.meanAbsoluteError),
            pearson: try element.optionalNumber(Format.Scores.pearson), spearman: try element.optionalNumber(Format.Scores.spearman),
            kappa: try element.optionalNumber(Format.Scores.kappa), quadraticKappa: try element.optionalNumber(Format.Scores.quadraticKappa),
            confusion: TuneDocument.Confusion(lowest: try confusion.number(Format.Confusion.lowest),
                                              step: try confusion.number(Format.Confusion.step), cells: cells))
    }
}
