import Foundation
import GraderCohort
import GraderEngine
import GraderFoundation
import GraderReports
import LibXML2

/// A graded reports folder as `grader review` reads it: the rubric the run copied in
/// (`rubric.xml`: prompts, feedback, points, levels, bands), every answer as the review index
/// holds it (`review-index.bin`, written with the reports: see `ReviewIndex`), the similar pairs
/// of `cohort.xml` when the cohort stage wrote it, and the fitted model's scores of
/// `tune/tune.xml` when `grader tune --out REPORTS/tune` wrote it. A candidate's report is read
/// only when one of its answers is opened (`fullAnswer`), so start-up and memory grow with the
/// number of answers, not with their texts.
public struct ReviewFolder: Sendable {
    public let path: String
    public let rubric: Rubric
    /// Every answer, sorted by candidate id then question id; without text or evidence when read
    /// from the index (`fullAnswer` reads them).
    public let answers: [ReviewAnswer]
    /// The facts of each answer's text (same positions as `answers`), for grouping and the second
    /// opinion; empty once the queue is built (`withoutTextFacts`).
    package let textFacts: [AnswerFacts]
    /// Each answer's near-duplicate group as the index records it (same positions as `answers`;
    /// see `NearDuplicates`); empty when the answers came with their texts, whose groups the queue finds.
    package let groupNumbers: [UInt32]
    /// Similar pairs from `cohort.xml`: per answer, the most similar other candidate and the similarity.
    public let similar: [AnswerKey: (other: String, similarity: Double)]
    /// The tuned model's score per answer from `tune/tune.xml`, when tune ran on this rubric
    /// (a reason in the queue: the gap between the rubric and the fitted model).
    public let fitted: FittedScores

    /// A folder of answers with their texts (read from reports, or made by a test): the facts of
    /// each text are made here, as grading makes them for the index.
    public init(path: String, rubric: Rubric, answers: [ReviewAnswer], similar: [AnswerKey: (other: String, similarity: Double)],
                fitted: FittedScores) {
        var maker = AnswerFactsMaker(rubric: rubric)
        let position = Dictionary(rubric.questions.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let facts = answers.map { answer in
            answer.hasText ? maker.facts(answer.text, question: position[answer.question] ?? Int.max) : .none
        }
        self.init(path: path, rubric: rubric, answers: answers, textFacts: facts, groupNumbers: [], similar: similar, fitted: fitted)
    }

    init(path: String, rubric: Rubric, answers: [ReviewAnswer], textFacts: [AnswerFacts], groupNumbers: [UInt32],
         similar: [AnswerKey: (other: String, similarity: Double)], fitted: FittedScores) {
        self.path = path
        self.rubric = rubric
        self.answers = answers
        self.textFacts = textFacts
        self.groupNumbers = groupNumbers
        self.similar = similar
        self.fitted = fitted
    }

    /// The same folder without the texts' facts, which only the queue's construction needs.
    public func withoutTextFacts() -> ReviewFolder {
        ReviewFolder(path: path, rubric: rubric, answers: answers, textFacts: [], groupNumbers: [], similar: similar, fitted: fitted)
    }

    public static func load(_ path: String) throws(InputError) -> ReviewFolder {
        let rubricPath = Path.join(path, "rubric.xml")
        guard FileSystem.exists(rubricPath) else {
            throw InputError(file: path, message: "no rubric.xml in this reports folder (grade it again with this version of grader, which copies the rubric there)")
        }
        let rubric = try RubricLoader.load(path: rubricPath)
        let indexPath = Path.join(path, ReviewIndex.fileName)
        guard let index = try ReviewIndex.read(indexPath) else {
            throw InputError(file: path, message: "no \(ReviewIndex.fileName) in this reports folder (written by grader grade and grader cohort "
                             + "since review began reading it): run grader cohort \(path) to write it")
        }
        try checkCurrent(index, file: indexPath, folder: path, rubric: rubric)
        let (answers, facts, groups) = try Self.answers(of: index, file: indexPath, folder: path, rubric: rubric)
        return ReviewFolder(path: path, rubric: rubric, answers: answers, textFacts: facts, groupNumbers: groups,
                            similar: try similarPairs(Path.join(path, "cohort.xml")),
                            fitted: FittedScores.load(folder: path, rubric: rubric, answers: answers))
    }

    /// The index must describe the folder as it is: the same rubric, and the same reports, each of
    /// the size it had and none written after the index (the cohort stage writes it last).
    static func checkCurrent(_ index: ReviewIndex, file: String, folder: String, rubric: Rubric) throws(InputError) {
        let rebuild = "run grader cohort \(folder) to rebuild it"
        guard index.rubricSHA256 == rubric.sha256 else {
            throw InputError(file: file, message: "written for another rubric than the folder's rubric.xml: \(rebuild)")
        }
        guard let written = FileSystem.facts(file)?.modified else {
            throw InputError(file: file, message: "cannot be read: \(rebuild)")
        }
        let reports = try CohortReader.reportFiles(in: folder)
        let indexed = Set(index.candidates.map(\.report))
        if let added = reports.first(where: { !indexed.contains(Path.lastComponent($0)) }) {
            throw InputError(file: file, message: "does not know \(added), added since it was written: \(rebuild)")
        }
        let candidates = Path.join(folder, "candidates")
        for candidate in index.candidates {
            let report = Path.join(candidates, candidate.report)
            guard let facts = FileSystem.facts(report) else {
                throw InputError(file: file, message: "lists \(report), which is no longer there: \(rebuild)")
            }
            guard UInt64(facts.size) == candidate.size, facts.modified <= written else {
                throw InputError(file: file, message: "\(report) changed since the index was written: \(rebuild)")
            }
        }
    }

    /// The index's answers in candidate, then question order, with their texts' facts.
    private static func answers(of index: ReviewIndex, file: String, folder: String,
                                rubric: Rubric) throws(InputError) -> ([ReviewAnswer], [AnswerFacts], [UInt32]) {
        let questions = Dictionary(rubric.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let candidates = Path.join(folder, "candidates")
        let reports = index.candidates.map { Path.join(candidates, $0.report) }
        var rows: [(answer: ReviewAnswer, facts: AnswerFacts, group: UInt32)] = []
        rows.reserveCapacity(index.questions.reduce(0) { $0 + $1.records.count })
        for indexed in index.questions {
            // Answers with the same outcomes share one array of rules: a question's answers fall into
            // a few hundred patterns, and 700,000 arrays of their own were a large part of the memory.
            var interned: [[ReviewRecord.Rule]: [ReviewAnswer.Rule]] = [:]
            guard let question = questions[indexed.id] else {
                throw InputError(file: file, message: "names question \(indexed.id), which the folder's rubric.xml does not have: run grader cohort \(folder) to rebuild it")
            }
            for (candidate, record) in indexed.records {
                // A missing answer's report lists no rules.
                guard record.rules.isEmpty || record.rules.count == question.rules.count else {
                    throw InputError(file: file, message: "records \(record.rules.count) rules for question \(question.id), whose rubric has "
                                     + "\(question.rules.count): run grader cohort \(folder) to rebuild it")
                }
                // Rule ids and kinds are the rubric's own strings, shared by every answer rather than copied per answer.
                let rules: [ReviewAnswer.Rule]
                if let known = interned[record.rules] {
                    rules = known
                } else {
                    rules = zip(question.rules, record.rules).map { rule, outcome in
                        let status: ReviewAnswer.Rule.Status = switch outcome.status {
                        case .met: .met
                        case .unmet: .unmet
                        case .notEvaluated: .notEvaluated
                        }
                        return ReviewAnswer.Rule(id: rule.id, kind: rule.kind, status: status, awarded: outcome.awarded, credited: outcome.credited,
                                                 notEvaluated: outcome.notEvaluated, evidence: [])
                    }
                    interned[record.rules] = rules
                }
                let answer = ReviewAnswer(
                    candidate: index.candidates[candidate].id, question: question.id, status: record.status.rawValue, text: "",
                    score: record.score, max: record.maxPoints, rules: rules, levels: [], words: record.words,
                    promptOverlap: record.promptOverlap, report: reports[candidate], moderated: record.moderated,
                    hash: record.answerSHA256, hasText: record.hasText,
                    definesHeld: record.definesMet.isEmpty ? [:]
                        : Dictionary(zip(question.requiredDefines.map(\.id), record.definesMet).map { ($0, $1) }, uniquingKeysWith: { first, _ in first }))
                rows.append((answer, record.facts, record.group))
            }
        }
        // Candidates are in id order in the index, questions in rubric order: sort by key as the queue expects.
        rows.sort { $0.answer.key < $1.answer.key }
        return (rows.map(\.answer), rows.map(\.facts), rows.map(\.group))
    }

    /// The answer as its candidate report holds it now, with its text and evidence, for its page.
    /// Fails when the report no longer holds the answer the queue was built from.
    public func fullAnswer(_ answer: ReviewAnswer) throws(InputError) -> ReviewAnswer {
        guard answer.hasText, answer.text.isEmpty else { return answer }
        let report = try CandidateReportReader.read(bytes: try ReportBytes.read(answer.report), file: answer.report)
        guard let full = try ReviewAnswer.answers(of: report, file: answer.report).first(where: { $0.key == answer.key }) else {
            throw InputError(file: answer.report, message: "no longer holds \(answer.key): restart grader review")
        }
        guard full.hash == answer.hash else {
            throw InputError(file: answer.report, message: "its answer \(answer.key) changed since review started: restart grader review")
        }
        return full
    }

    /// Reads the similar answer pairs of the cohort report, if there is one.
    static func similarPairs(_ file: String) throws(InputError) -> [AnswerKey: (other: String, similarity: Double)] {
        guard let bytes = try? FileSystem.read(file) else { return [:] }
        let pairs: [CohortDocument.Pair]
        do {
            pairs = try CohortReportReader(bytes: bytes, name: file).similar().pairs
        } catch {
            throw InputError(file: file, message: "not a readable cohort report: \(error)")
        }
        var similar: [AnswerKey: (other: String, similarity: Double)] = [:]
        for pair in pairs {
            for (one, other) in [(pair.first, pair.second), (pair.second, pair.first)] {
                let key = AnswerKey(candidate: one, question: pair.question)
                if similar[key].map({ $0.similarity < pair.similarity || ($0.similarity == pair.similarity && other < $0.other) }) ?? true {
                    similar[key] = (other, pair.similarity)
                }
            }
        }
        return similar
    }
}
