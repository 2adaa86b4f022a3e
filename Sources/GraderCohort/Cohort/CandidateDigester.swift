import GraderEngine
import GraderFoundation
import GraderModeration
import GraderReports
import LibXML2

/// Makes candidates' digests, one worker's share, against the rubric they were graded with (the
/// folder's `rubric.xml`, whose prompts and model answers are left out of the answers' shingles):
/// from a report read back (`grader cohort`, a re-run's reused report) or from a result still in
/// memory (`grader grade`), the two giving the same digest. It counts shingle frequencies, and
/// gathers the moderation the candidates hold, as it goes.
package final class CandidateDigester {
    package private(set) var frequency: ShingleFrequency?
    /// The decisions the digested reports hold, applied or stale.
    package private(set) var moderation = ModerationFacts()
    /// Those of the candidate digested last, for its digest-cache record.
    package private(set) var candidateModeration = ModerationFacts()
    private let rubricSHA256: String
    private let sources: [QuestionSources]
    private var facts: AnswerFactsMaker

    package init(rubric: Rubric) {
        rubricSHA256 = rubric.sha256
        sources = QuestionSources.of(rubric)
        facts = AnswerFactsMaker(rubric: rubric)
    }

    /// The digest of a report read back, which must be of the current format and name this digester's rubric.
    package func digest(_ report: CandidateReport, file: String) throws(InputError) -> CandidateDigest {
        guard let candidate = report.candidate, let rubric = report.rubric, let total = report.total else {
            throw CandidateReportReader.notAReport(file)
        }
        let format = report.format ?? ""
        guard format == CandidateReportFormat.version else {
            throw InputError(file: file, message: "a report of format \(format), written by an older Grader; this one reads format "
                             + "\(CandidateReportFormat.version) (the rubric kept once, in rubric.xml): re-run grader grade to rewrite the reports")
        }
        guard rubric.sha256 == rubricSHA256 else {
            throw InputError(file: file, message: "graded with the rubric of sha256 \(rubric.sha256), but the folder's rubric.xml has sha256 "
                             + "\(rubricSHA256): re-run grader grade so that every report is of one rubric")
        }
        if frequency == nil { frequency = ShingleFrequency(questions: report.questions.count) }
        candidateModeration = ModerationFacts()
        defer { moderation.merge(candidateModeration) }
        var questions: [QuestionDigest] = []
        questions.reserveCapacity(report.questions.count)
        for (index, reported) in report.questions.enumerated() {
            let rules = reported.rules.map {
                RuleDigest(id: $0.id, kind: $0.kind, points: $0.points, met: $0.isCredited, awarded: $0.awarded)
            }
            var allRanks: [UInt32] = []
            var digest = question(index: index, id: reported.id, status: reported.status ?? .missing, score: reported.score,
                                  maxPoints: reported.maxPoints ?? 0, words: reported.profile.words,
                                  readingEase: reported.profile.readingEase, rules: rules, answer: reported.answer?.text, allRanks: &allRanks)
            digest.review = review(
                index: index, status: digest.status, text: reported.answer?.text ?? "", score: digest.score, maxPoints: digest.maxPoints,
                words: digest.words, promptOverlap: reported.profile.promptOverlap, moderated: reported.moderation != nil,
                rules: reported.rules.map { rule in
                    let status: ReviewRecord.Rule.Status = switch rule.status {
                    case .met: .met
                    case .unmet: .unmet
                    case .notEvaluated: .notEvaluated
                    }
                    return ReviewRecord.Rule(status: status, credited: rule.isCredited, awarded: rule.awarded, notEvaluated: rule.notEvaluated)
                },
                definesMet: reported.defines.map(\.held), allRanks: allRanks, wordFacts: reported.wordFacts)
            questions.append(digest)
            if let applied = reported.moderation {
                candidateModeration.answers.append(ModeratedAnswer(candidate: candidate.id, question: index,
                                                          automatic: applied.automaticScore, moderated: applied.score))
            }
            if reported.staleModeration != nil { candidateModeration.stale += 1 }
        }
        return CandidateDigest(
            id: candidate.id, name: candidate.name, email: candidate.email, source: candidate.source, rubric: rubric,
            total: total.score, maxPoints: total.maxPoints, warnings: report.warnings.count, questions: questions, file: file)
    }

    /// The digest of a result still in memory: exactly what reading its XML report back
    /// would give (the same sanitised strings, the same numbers as written), without the
    /// cost of parsing a report just written. A test keeps the two paths equal.
    package func digest(_ result: CandidateResult, rubric: Rubric, file: String) -> CandidateDigest {
        if frequency == nil { frequency = ShingleFrequency(questions: result.questions.count) }
        candidateModeration = ModerationFacts()
        defer { moderation.merge(candidateModeration) }
        let text = XMLWriter.sanitised
        var questions: [QuestionDigest] = []
        questions.reserveCapacity(result.questions.count)
        for (index, question) in result.questions.enumerated() {
            let rules = question.rules.map {
                RuleDigest(id: text($0.rule.id), kind: $0.rule.kind, points: Self.written($0.rule.points),
                           met: $0.credited, awarded: Self.written($0.awarded))
            }
            let answer = question.answer.map { text($0.text) }
            var allRanks: [UInt32] = []
            var digest = self.question(index: index, id: text(question.question.id), status: question.status,
                                       score: Self.written(question.score), maxPoints: Self.written(question.question.points),
                                       words: question.profile.words, readingEase: Self.written(question.profile.readingEase),
                                       rules: rules, answer: answer, allRanks: &allRanks)
            digest.review = review(
                index: index, status: digest.status, text: answer ?? "", score: digest.score, maxPoints: digest.maxPoints,
                words: digest.words, promptOverlap: Self.written(question.profile.promptOverlap), moderated: question.moderation != nil,
                rules: question.rules.map { rule in
                    let (status, reason): (ReviewRecord.Rule.Status, String?) = switch rule.state {
                    case .met: (.met, nil)
                    case .unmet: (.unmet, nil)
                    case .notEvaluated(let why): (.notEvaluated, text(why))
                    }
                    return ReviewRecord.Rule(status: status, credited: rule.credited, awarded: Self.written(rule.awarded), notEvaluated: reason)
                },
                definesMet: question.status == .missing ? [] : question.definesMet, allRanks: allRanks, wordFacts: question.wordFacts)
            questions.append(digest)
        }
        let candidate = result.submission.candidate
        for (index, question) in result.questions.enumerated() {
            if let applied = question.moderation {
                candidateModeration.answers.append(ModeratedAnswer(candidate: text(candidate.id), question: index,
                                                          automatic: Self.written(applied.automaticScore),
                                                          moderated: Self.written(applied.score)))
            }
            if question.staleModeration != nil { candidateModeration.stale += 1 }
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
        return Double(NumberText.format(value)) ?? 0
    }

    /// One question's digest from its parts, whichever path they came from.
    /// `allRanks` receives the ranks of all the answer's shingles, for review (one pass makes both).
    private func question(index: Int, id: String, status: QuestionResult.Status, score: Double, maxPoints: Double, words: Int,
                          readingEase: Double, rules: [RuleDigest], answer: String?, allRanks: inout [UInt32]) -> QuestionDigest {
        var ranks: [UInt32] = []
        allRanks = []
        var counted = false
        if let answer, !answer.isEmpty, index < (frequency?.answers.count ?? 0), index < sources.count {
            (ranks, allRanks) = distinctRanks(answer, sources: sources[index])
            frequency?.add(question: index, distinctRanks: ranks)
            counted = true
        }
        var digest = QuestionDigest(id: id, status: status, score: score, maxPoints: maxPoints, words: words,
                                    readingEase: readingEase, rules: rules, ranks: ranks)
        digest.countedInFrequency = counted
        return digest
    }

    /// Adds a candidate settled from the digest cache to this worker's cohort figures, as digesting
    /// its report would have: its answers' shingle ranks to the frequencies, its decisions to the moderation.
    package func adopt(_ cached: CachedCandidate) {
        if frequency == nil { frequency = ShingleFrequency(questions: cached.digest.questions.count) }
        for (index, question) in cached.digest.questions.enumerated()
        where question.countedInFrequency && index < (frequency?.answers.count ?? 0) {
            frequency?.add(question: index, distinctRanks: question.ranks)
        }
        moderation.merge(cached.moderation)
    }

    /// The answer as review queues it; the facts of its text only when it has text.
    /// `words` is grading's `WordFacts` of an answer still in memory; read back from a report, they are made again from its text.
    private func review(index: Int, status: QuestionResult.Status, text: String, score: Double, maxPoints: Double, words: Int,
                        promptOverlap: Double, moderated: Bool, rules: [ReviewRecord.Rule], definesMet: [Bool],
                        allRanks: [UInt32], wordFacts: WordFacts? = nil) -> ReviewRecord {
        let hasText = status != .missing && !text.isEmpty
        let textFacts: AnswerFacts = if !hasText {
            .none
        } else {
            AnswerFacts(wordFacts ?? facts.words(text, question: index), ranks: allRanks)
        }
        return ReviewRecord(status: status, hasText: hasText, score: score, maxPoints: maxPoints, words: words, promptOverlap: promptOverlap,
                            moderated: moderated, answerSHA256: ModerationDecision.answerHash(text), rules: rules, definesMet: definesMet,
                            facts: textFacts)
    }

    /// Ranks of the answer's distinct shingles that are not in the prompt or model answer (the
    /// cohort's), and of all of them (review's), ascending. One sort makes both: each rank is
    /// packed with a bit saying its shingle is excluded, so a rank's kept entry sorts first.
    func distinctRanks(_ answer: String, sources: QuestionSources) -> (cohort: [UInt32], all: [UInt32]) {
        var packed: [UInt64] = []
        packed.reserveCapacity(answer.utf8.count / 5)
        ShingledText.forEachShingle(answer) { shingle in
            packed.append(UInt64(MinHashSketch.rank(shingle)) << 1 | (sources.excluded.contains(shingle) ? 1 : 0))
        }
        packed.sort()
        var ranks: [UInt32] = [], all: [UInt32] = []
        ranks.reserveCapacity(packed.count)
        all.reserveCapacity(packed.count)
        for value in packed {
            let rank = UInt32(truncatingIfNeeded: value >> 1)
            if let last = all.last, last == rank { continue }
            all.append(rank)
            if value & 1 == 0 { ranks.append(rank) }
        }
        return (ranks, all)
    }
}
