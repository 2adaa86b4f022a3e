import Dispatch

/// Turns the digests of a cohort's reports into a `CohortReport`: statistics first, then
/// similar answers, whose texts are re-read (through `texts`) only for candidate pairs.
public enum CohortAnalysis {
    /// The texts of one candidate's report the exact comparison needs, by question index.
    public typealias TextLoader = @Sendable (CandidateDigest) throws(CohortInputError) -> [Int: (answer: String, prompt: String, model: String)]

    /// `digests` must be sorted by id and name one rubric; `frequency` counts their shingles.
    /// `timing` hears how long the statistics and the similarity search took.
    public static func analyse(_ digests: [CandidateDigest], frequency: ShingleFrequency, options: CohortOptions,
                               texts: TextLoader, timing: (String, Duration) -> Void = { _, _ in }) throws(CohortInputError) -> CohortReport {
        let clock = ContinuousClock()
        var started = clock.now
        guard let first = digests.first else {
            return CohortReport(rubric: RubricIdentity(id: "", version: nil, title: nil, sha256: ""), candidates: 0, answers: 0,
                                maxPoints: 0, passMark: 0, similarityThreshold: options.similarityThreshold, totals: .empty,
                                histogram: Array(repeating: 0, count: 10), alpha: nil, questions: [], ranking: [], similar: [], similarCandidates: [],
                                pairsCompared: 0, options: options)
        }
        for digest in digests where digest.rubric.sha256 != first.rubric.sha256 || digest.questions.count != first.questions.count {
            throw CohortInputError(file: digest.file, message: "graded with rubric \(digest.rubric.id) (sha256 \(digest.rubric.sha256.prefix(12))…), "
                                   + "not \(first.rubric.id) (sha256 \(first.rubric.sha256.prefix(12))…) like \(first.file): one cohort needs one rubric")
        }
        let maxPoints = first.maxPoints
        let totals = digests.map(\.total)
        let passMark = options.passMark.points(of: maxPoints)
        let order = digests.indices.sorted { digests[$0].total != digests[$1].total ? digests[$0].total > digests[$1].total : digests[$0].id < digests[$1].id }

        var items: [[Double]] = []
        for question in first.questions.indices { items.append(digests.map { $0.questions[question].score }) }
        let alphaIfDeleted = Statistics.alphaIfDeleted(items)
        let questions = first.questions.indices.map { index in
            statistics(index, digests: digests, item: items[index], totals: totals, order: order,
                       alphaIfDeleted: items.count > 2 ? alphaIfDeleted[index] : nil)
        }

        var histogram = [Int](repeating: 0, count: 10)
        for total in totals {
            let percent = maxPoints > 0 ? total / maxPoints * 100 : 0
            histogram[Swift.min(9, Swift.max(0, Int((percent / 10).rounded(.down))))] += 1
        }

        var ranking: [RankedCandidate] = []
        for (position, index) in order.enumerated() {
            let digest = digests[index]
            let rank = position > 0 && digest.total == ranking[position - 1].total ? ranking[position - 1].rank : position + 1
            ranking.append(RankedCandidate(rank: rank, id: digest.id, name: digest.name, email: digest.email, total: digest.total,
                                           maxPoints: digest.maxPoints, answered: digest.questions.filter(\.answered).count,
                                           atRisk: digest.total < passMark))
        }

        timing("statistics", clock.now - started)
        started = clock.now
        let (pairs, compared) = try similarPairs(digests, frequency: frequency, threshold: options.similarityThreshold, texts: texts,
                                                 timing: timing)
        let similarCandidates = SimilarCandidates.group(pairs)
        let strength = Dictionary(uniqueKeysWithValues: similarCandidates.enumerated().map { ($1.first + "\u{0}" + $1.second, $0) })
        let questionOrder = Dictionary(uniqueKeysWithValues: first.questions.enumerated().map { ($1.id, $0) })
        let similar = pairs.sorted {
            let a = strength[$0.first + "\u{0}" + $0.second, default: 0], b = strength[$1.first + "\u{0}" + $1.second, default: 0]
            if a != b { return a < b }
            return questionOrder[$0.question, default: 0] < questionOrder[$1.question, default: 0]
        }
        timing("similarity: exact comparison (re-reading reports)", clock.now - started)
        return CohortReport(rubric: first.rubric, candidates: digests.count,
                            answers: digests.reduce(0) { $0 + $1.questions.filter(\.answered).count },
                            maxPoints: maxPoints, passMark: passMark, similarityThreshold: options.similarityThreshold,
                            totals: Descriptive(totals), histogram: histogram,
                            alpha: Statistics.cronbachAlpha(items), questions: questions, ranking: ranking,
                            similar: similar, similarCandidates: similarCandidates, pairsCompared: compared, options: options)
    }

    static func statistics(_ index: Int, digests: [CandidateDigest], item: [Double], totals: [Double], order: [Int],
                           alphaIfDeleted: Double?) -> QuestionStatistics {
        let template = digests[0].questions[index]
        let answered = digests.map { $0.questions[index] }.filter(\.answered)
        var rules: [RuleStatistics] = []
        for (ruleIndex, rule) in template.rules.enumerated() {
            let fired = digests.map { ruleIndex < $0.questions[index].rules.count && $0.questions[index].rules[ruleIndex].met ? 1.0 : 0.0 }
            // The candidate's total without what this rule moved, so it is not correlated with itself.
            let rest = digests.indices.map { totals[$0] - (ruleIndex < digests[$0].questions[index].rules.count ? digests[$0].questions[index].rules[ruleIndex].awarded : 0) }
            rules.append(RuleStatistics(id: rule.id, isPenalty: rule.isPenalty, points: rule.points,
                                        fired: Statistics.mean(fired), restCorrelation: Statistics.pearson(fired, rest),
                                        upperLower: Statistics.upperLowerIndex(fired, order: order, maximum: 1)))
        }
        let scores = Descriptive(item)
        return QuestionStatistics(
            id: template.id, maxPoints: template.maxPoints, scores: scores,
            facility: template.maxPoints > 0 ? scores.mean / template.maxPoints : 0,
            itemRest: Statistics.itemRestCorrelation(item: item, totals: totals),
            upperLower: Statistics.upperLowerIndex(item, order: order, maximum: template.maxPoints),
            missingShare: Double(digests.count - answered.count) / Double(digests.count),
            alphaIfDeleted: alphaIfDeleted,
            words: Descriptive(answered.map { Double($0.words) }),
            readingEase: Descriptive(answered.filter { $0.words > 0 }.map(\.readingEase)),
            rules: rules)
    }

    static func similarPairs(_ digests: [CandidateDigest], frequency: ShingleFrequency, threshold: Double,
                             texts: TextLoader, timing: (String, Duration) -> Void) throws(CohortInputError) -> ([SimilarPair], Int) {
        let finder = SimilarityFinder(threshold: threshold)
        let started = ContinuousClock.now
        let candidates = finder.candidates(digests, frequency: frequency)
        timing("similarity: candidate pairs from sketches", ContinuousClock.now - started)
        guard !candidates.isEmpty else { return ([], 0) }
        // Re-read the reports of candidates in some pair, a few at a time; only their answers are kept.
        let involved = Set(candidates.flatMap { [$0.a, $0.b] }).sorted()
        let needed = Dictionary(grouping: candidates.flatMap { [($0.a, $0.question), ($0.b, $0.question)] }, by: \.0).mapValues { Set($0.map(\.1)) }
        let results = Locked([Int: Result<[Int: (answer: String, prompt: String, model: String)], CohortInputError>]())
        DispatchQueue.concurrentPerform(iterations: involved.count) { position in
            let index = involved[position]
            let result = Result { () throws(CohortInputError) in try texts(digests[index]).filter { needed[index]?.contains($0.key) == true } }
            results.withLock { $0[index] = result }
        }
        var loaded: [Int: [Int: (answer: String, prompt: String, model: String)]] = [:]
        for index in involved {
            guard let result = results.withLock({ $0[index] }) else { continue }
            loaded[index] = try result.get()
        }
        var pairs: [SimilarPair] = []
        for candidate in candidates {
            guard let a = loaded[candidate.a]?[candidate.question], let b = loaded[candidate.b]?[candidate.question] else { continue }
            let sources = QuestionSources(prompt: a.prompt, modelAnswer: a.model)
            let question = candidate.question
            let pair = finder.compare(question: digests[candidate.a].questions[question].id,
                                      first: (digests[candidate.a].id, a.answer), second: (digests[candidate.b].id, b.answer)) { shingle in
                sources.excluded.contains(shingle) || frequency.isCommon(question: question, rank: MinHashSketch.rank(shingle))
            }
            if let pair { pairs.append(pair) }
        }
        return (pairs, candidates.count)
    }
}
