import Dispatch
import Foundation
import GraderFoundation
import GraderModeration
import GraderReports

/// Turns a cohort's stored digests into a `CohortReport`: statistics first, one question at
/// a time, then similar answers, compared on their stored shingle ranks, whose texts are
/// re-read (through `texts`) only for the pairs shown. Nothing here holds more than one
/// question of the cohort in memory, and per candidate only its total, so memory stays
/// flat as the cohort grows.
package enum CohortAnalysis {
    /// The texts of one report the exact comparison needs, by question index.
    package typealias TextLoader = @Sendable (_ file: String) throws(InputError) -> [Int: (answer: String, prompt: String, model: String)]

    /// `store` must be sealed; `frequency` counts the shingles of its answers, `moderation` holds
    /// the decisions its reports hold (the report has a moderation section when there are any).
    /// `timing` hears how long the statistics and the similarity search took.
    package static func analyse(_ store: DigestTable, frequency: ShingleFrequency, moderation: ModerationFacts = ModerationFacts(),
                        options: CohortOptions, texts: TextLoader, timing: (String, Duration) -> Void = { _, _ in }) throws -> CohortReport {
        let clock = ContinuousClock()
        var started = clock.now
        guard let template = store.shape, store.count > 0 else {
            return CohortReport(rubric: RubricIdentity(id: "", version: nil, title: nil, sha256: ""), candidates: 0, answers: 0,
                                maxPoints: 0, passMark: 0, similarityThreshold: options.similarityThreshold, totals: .empty,
                                histogram: Array(repeating: 0, count: 10), alpha: nil, questions: [], ranking: .empty, similar: [], similarCandidates: [],
                                pairsCompared: 0, pairsSimilar: 0, capped: SimilarityFinder.Capped(), options: options)
        }
        let maxPoints = template.maxPoints
        let totals = store.totals
        let passMark = options.passMark.points(of: maxPoints)
        let ranking = Ranking(store: store, totals: totals, passMark: passMark)
        let order = ranking.positions

        let reliability = try Reliability(store, items: template.questions.count)
        var questions: [QuestionStatistics] = []
        var answers = 0
        for (index, question) in template.questions.enumerated() {
            let column = try store.column(index)
            answers += column.answered.reduce(0) { $1 ? $0 + 1 : $0 }
            questions.append(statistics(question, column: column, totals: totals, order: order,
                                        alphaIfDeleted: template.questions.count > 2 ? reliability.alphaIfDeleted(index) : nil))
        }

        var histogram = [Int](repeating: 0, count: 10)
        for total in totals {
            let percent = maxPoints > 0 ? total / maxPoints * 100 : 0
            histogram[Swift.min(9, Swift.max(0, Int((percent / 10).rounded(.down))))] += 1
        }

        timing("statistics", clock.now - started)
        started = clock.now
        let search = try similarPairs(store, template: template, frequency: frequency, threshold: options.similarityThreshold,
                                      comparisonsPerAnswer: options.comparisonsPerAnswer, texts: texts, timing: timing)
        let similarCandidates = SimilarCandidates.group(search.pairs)
        let strength = Dictionary(uniqueKeysWithValues: similarCandidates.enumerated().map { (PairOfCandidates($1.first, $1.second), $0) })
        let questionOrder = Dictionary(uniqueKeysWithValues: template.questions.enumerated().map { ($1.id, $0) })
        let similar = search.pairs.sorted {
            let a = strength[PairOfCandidates($0.first, $0.second), default: 0], b = strength[PairOfCandidates($1.first, $1.second), default: 0]
            if a != b { return a < b }
            return questionOrder[$0.question, default: 0] < questionOrder[$1.question, default: 0]
        }
        timing("similarity: texts of the pairs shown (re-reading reports)", clock.now - started)
        return CohortReport(rubric: template.rubric, candidates: totals.count, answers: answers,
                            maxPoints: maxPoints, passMark: passMark, similarityThreshold: options.similarityThreshold,
                            totals: Descriptive(totals), histogram: histogram,
                            alpha: reliability.alpha, questions: questions, ranking: ranking,
                            similar: similar, similarCandidates: similarCandidates, pairsCompared: search.compared,
                            pairsSimilar: search.similar, capped: search.capped, options: options,
                            moderation: moderation.isEmpty ? nil
                                : ModerationStatistics.of(moderation, questionIDs: template.questions.map(\.id)))
    }

    static func statistics(_ template: DigestWriter.QuestionTemplate, column: QuestionColumn, totals: [Double], order: [Int],
                           alphaIfDeleted: Double?) -> QuestionStatistics {
        var rules: [RuleStatistics] = []
        for (ruleIndex, rule) in template.rules.enumerated() {
            let fired = column.met(rule: ruleIndex).map { $0 ? 1.0 : 0.0 }
            // The candidate's total without what this rule moved, so it is not correlated with itself.
            let rest = zip(totals, column.awarded(rule: ruleIndex)).map { $0 - $1 }
            rules.append(RuleStatistics(id: rule.id, kind: rule.kind, points: rule.points,
                                        fired: ItemAnalysis.mean(fired), restCorrelation: ItemAnalysis.pearson(fired, rest),
                                        upperLower: ItemAnalysis.upperLowerIndex(fired, order: order, maximum: 1)))
        }
        let item = column.score
        let scores = Descriptive(item)
        var words: [Double] = [], ease: [Double] = []
        for index in 0..<column.count where column.answered[index] {
            words.append(column.words[index])
            if column.words[index] > 0 { ease.append(column.readingEase[index]) }
        }
        return QuestionStatistics(
            id: template.id, maxPoints: template.maxPoints, scores: scores,
            facility: template.maxPoints > 0 ? scores.mean / template.maxPoints : 0,
            itemRest: ItemAnalysis.itemRestCorrelation(item: item, totals: totals),
            upperLower: ItemAnalysis.upperLowerIndex(item, order: order, maximum: template.maxPoints),
            missingShare: Double(column.count - words.count) / Double(column.count),
            alphaIfDeleted: alphaIfDeleted,
            words: Descriptive(words),
            readingEase: Descriptive(ease),
            rules: rules)
    }

    /// One share of one question's search: candidate pairs from the sketches, each compared
    /// exactly on the stored ranks; returns the strongest pairs at the threshold or above,
    /// and how many were compared.
    private static func search(_ index: SimilarityFinder.Index, share: Int, of shares: Int, store: DigestTable,
                               finder: SimilarityFinder, keep: (UInt32) -> Bool) throws -> ShareResult {
        var strongest = ClosestPairs(limit: SimilarityFinder.shownPairs)
        var compared = 0
        let offsets = index.sketches.offsets, lengths = index.sketches.lengths
        var cached: (position: Int, ranks: [UInt32])?
        let capped = try finder.candidates(index, share: share, of: shares) { candidate in
            compared += 1
            if cached?.position != candidate.a {
                cached = (candidate.a, try store.ranks(index.question, at: offsets[candidate.a], length: Int(lengths[candidate.a])).filter(keep))
            }
            let other = try store.ranks(index.question, at: offsets[candidate.b], length: Int(lengths[candidate.b])).filter(keep)
            if let similarity = finder.similarity(cached!.ranks, other) {
                strongest.insert(CandidatePair(estimate: similarity, question: index.question, a: candidate.a, b: candidate.b))
            }
        }
        return ShareResult(strongest: strongest, compared: compared, capped: capped)
    }

    /// What one share of one question's search found.
    private struct ShareResult {
        let strongest: ClosestPairs
        let compared: Int
        let capped: SimilarityFinder.Capped
    }

    /// Similar answer pairs shown, how many candidate pairs were compared exactly, how
    /// many of those reached the threshold, and what the per-answer cap left out.
    package struct SimilaritySearch {
        let pairs: [SimilarPair]
        let compared: Int
        package let similar: Int
        let capped: SimilarityFinder.Capped
    }

    /// For each question: candidate pairs from the sketches, then each compared exactly on
    /// the answers' stored shingle ranks. Of the pairs that reach the threshold, the
    /// strongest `SimilarityFinder.shownPairs` are compared once more on their texts, re-read
    /// from the reports, for the passages to mark.
    package static func similarPairs(_ store: DigestTable, template: DigestWriter.Template, frequency: ShingleFrequency, threshold: Double,
                             comparisonsPerAnswer: Int, texts: TextLoader, timing: (String, Duration) -> Void) throws -> SimilaritySearch {
        let finder = SimilarityFinder(threshold: threshold, comparisonsPerAnswer: comparisonsPerAnswer)
        let started = ContinuousClock.now
        // One question at a time, so only one question's sketches are in memory; its answers
        // are shared out among the cores. Each share keeps its own strongest pairs, put
        // together afterwards, so the result does not depend on timing.
        let shares = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var strongest = ClosestPairs(limit: SimilarityFinder.shownPairs)
        var compared = 0
        var capped = SimilarityFinder.Capped()
        for question in template.questions.indices {
            let common = frequency.common(question: question)
            let keep: @Sendable (UInt32) -> Bool = { !common.contains(rank: $0) }
            let index = finder.index(question: question, try store.sketches(question, keep: keep))
            let found = Locked([Result<ShareResult, Error>?](repeating: nil, count: shares))
            DispatchQueue.concurrentPerform(iterations: shares) { share in
                let result = Result { try search(index, share: share, of: shares, store: store, finder: finder, keep: keep) }
                found.withLock { $0[share] = result }
            }
            for result in found.withLock({ $0 }) {
                guard let share = try result?.get() else { continue }
                strongest.merge(share.strongest)
                compared += share.compared
                capped.add(share.capped)
            }
        }
        let chosen = strongest.best
        timing("similarity: candidate pairs from sketches, compared on shingle ranks", ContinuousClock.now - started)
        guard !chosen.isEmpty else { return SimilaritySearch(pairs: [], compared: compared, similar: 0, capped: capped) }
        // Re-read the reports of candidates in a pair shown, a few at a time; only the answers needed are kept.
        let involved = Set(chosen.flatMap { [$0.a, $0.b] }).sorted()
        let files = try Dictionary(uniqueKeysWithValues: involved.map { ($0, try store.candidate(at: $0)) })
        let needed = Dictionary(grouping: chosen.flatMap { [($0.a, $0.question), ($0.b, $0.question)] }, by: \.0).mapValues { Set($0.map(\.1)) }
        let results = Locked([Int: Result<[Int: (answer: String, prompt: String, model: String)], InputError>]())
        DispatchQueue.concurrentPerform(iterations: involved.count) { position in
            let index = involved[position]
            let result = Result { () throws(InputError) in try texts(files[index]!.file).filter { needed[index]?.contains($0.key) == true } }
            results.withLock { $0[index] = result }
        }
        var loaded: [Int: [Int: (answer: String, prompt: String, model: String)]] = [:]
        for index in involved {
            guard let result = results.withLock({ $0[index] }) else { continue }
            loaded[index] = try result.get()
        }
        var pairs: [SimilarPair] = []
        for candidate in chosen {
            guard let a = loaded[candidate.a]?[candidate.question], let b = loaded[candidate.b]?[candidate.question] else { continue }
            let sources = QuestionSources(prompt: a.prompt, modelAnswer: a.model)
            let question = candidate.question
            let pair = finder.compare(question: template.questions[question].id,
                                      first: (files[candidate.a]!.id, a.answer), second: (files[candidate.b]!.id, b.answer)) { shingle in
                sources.excluded.contains(shingle) || frequency.isCommon(question: question, rank: MinHashSketch.rank(shingle))
            }
            if let pair { pairs.append(pair) }
        }
        return SimilaritySearch(pairs: pairs, compared: compared, similar: strongest.seen, capped: capped)
    }
}

/// Cronbach's alpha and alpha-if-deleted from two passes over the stored scores (the
/// items' means, then their covariance matrix: k × k sums, whatever the cohort's size)
/// instead of holding every score.
/// var(total) is the sum of the matrix; var(total − item i) = var(total) − 2·Σⱼ cov(i, j) + var(i).
struct Reliability {
    private let covariance: [[Double]]
    private let count: Int

    init(_ store: DigestTable, items: Int) throws {
        var sums = [Double](repeating: 0, count: items)
        var count = 0
        try store.forEachScores { scores in
            for index in 0..<items { sums[index] += scores[index] }
            count += 1
        }
        let means = sums.map { count > 0 ? $0 / Double(count) : 0 }
        var products = [[Double]](repeating: [Double](repeating: 0, count: items), count: items)
        try store.forEachScores { scores in
            for i in 0..<items {
                let di = scores[i] - means[i]
                for j in i..<items { products[i][j] += di * (scores[j] - means[j]) }
            }
        }
        for i in 0..<items { for j in 0..<i { products[i][j] = products[j][i] } }
        covariance = products.map { $0.map { count > 1 ? $0 / Double(count - 1) : 0 } }
        self.count = count
    }

    /// k/(k−1) · (1 − Σ var(item) / var(total)); nil with fewer than two items or candidates, or no total variance.
    package var alpha: Double? { alpha(without: nil) }

    /// Alpha of the test without item `index`.
    package func alphaIfDeleted(_ index: Int) -> Double? { alpha(without: index) }

    private func alpha(without skipped: Int?) -> Double? {
        let kept = covariance.indices.filter { $0 != skipped }
        guard kept.count > 1, count > 1 else { return nil }
        var itemVariances = 0.0, totalVariance = 0.0
        for i in kept {
            itemVariances += covariance[i][i]
            for j in kept { totalVariance += covariance[i][j] }
        }
        guard totalVariance > 1e-12 else { return nil }
        let k = Double(kept.count)
        return k / (k - 1) * (1 - itemVariances / totalVariance)
    }
}
