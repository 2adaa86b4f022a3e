import Foundation
import GraderEngine
import GraderFoundation
import GraderModeration
import GraderReports

/// What the course lead reads about a cohort: distributions, item analysis, ranking,
/// candidates at risk and similar answers. Built by `CohortAnalysis` from digests, written
/// by `CohortXMLWriter` and `CohortHTMLWriter`. Everything in it is sorted, so the same
/// reports give the same bytes whatever the order they were read in.
public struct CohortReport: Sendable {
    public let rubric: RubricIdentity
    public let candidates: Int
    public let answers: Int
    public let maxPoints: Double
    public let passMark: Double
    public let similarityThreshold: Double
    public let totals: Descriptive
    /// Ten bins of the total as a percentage of the maximum: [0,10), ..., [90,100].
    public let histogram: [Int]
    public let alpha: Double?
    public let questions: [QuestionStatistics]
    /// Best first; equal totals share a rank and are ordered by id.
    public let ranking: Ranking
    /// Answer pairs, grouped by candidate pair (strongest first), then in question order.
    public let similar: [SimilarPair]
    /// The candidate pairs behind `similar`, strongest evidence first.
    public let similarCandidates: [SimilarCandidates]
    /// Candidate pairs from the sketches, all compared exactly, and how many of them reached
    /// the threshold; `similar` shows the strongest `SimilarityFinder.shownPairs` of those.
    /// Both counts are shown, so nothing is left out silently.
    public let pairsCompared: Int
    public let pairsSimilar: Int
    /// Answers whose candidate pairs exceeded `SimilarityFinder.comparisonsPerAnswer`, and
    /// the pairs that cap left uncompared (both zero when it was never reached).
    let capped: SimilarityFinder.Capped
    public var answersAtComparisonCap: Int { capped.answers }
    public var comparisonsSkipped: Int { capped.skipped }
    public let options: CohortOptions
    /// How people's decisions compared with the rubric's scores; nil when no candidate report holds
    /// a decision, applied or stale (as read back by `grader cohort`, so `grade` and it agree).
    public package(set) var moderation: ModerationStatistics? = nil
}

/// Item analysis of one question.
public struct QuestionStatistics: Sendable {
    public let id: String
    public let maxPoints: Double
    public let scores: Descriptive
    /// Mean score / maximum.
    public let facility: Double
    /// Corrected item-total correlation (with the total of the other questions).
    public let itemRest: Double?
    /// Upper-lower 27 % index: difference of the groups' mean scores over the maximum.
    public let upperLower: Double?
    public let missingShare: Double
    public let alphaIfDeleted: Double?
    /// Of answered questions only.
    public let words: Descriptive
    public let readingEase: Descriptive
    public let rules: [RuleStatistics]
}

/// How a criterion, element or penalty behaved across the cohort.
public struct RuleStatistics: Sendable {
    public let id: String
    public let kind: ScoredRule.Kind
    public let points: Double
    public var isPenalty: Bool { kind == .penalty }
    /// Share of all candidates for whom it fired (and was credited).
    public let fired: Double
    /// Point-biserial correlation of firing with the candidate's total without this rule's points.
    public let restCorrelation: Double?
    /// Share firing in the upper 27 % minus share firing in the lower 27 %.
    public let upperLower: Double?
}

/// One line of the ranking.
public struct RankedCandidate: Sendable {
    public let rank: Int
    public let id: String
    public let name: String?
    public let email: String?
    public let total: Double
    public let maxPoints: Double
    public let answered: Int
    public let atRisk: Bool
    public var percent: Double { maxPoints > 0 ? total / maxPoints * 100 : 0 }
}

/// The choices a cohort report depends on. Equal options and equal reports give equal bytes.
public struct CohortOptions: Sendable {
    /// Candidates below this are at risk: points, or a percentage of the maximum.
    public enum PassMark: Sendable, Equatable {
        case points(Double)
        case percent(Double)

        /// Parses `12`, `12.5` (points) or `50%`.
        public init?(_ text: String) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.hasSuffix("%") {
                guard let value = Double(trimmed.dropLast()), value >= 0, value <= 100 else { return nil }
                self = .percent(value)
            } else {
                guard let value = Double(trimmed), value >= 0, value.isFinite else { return nil }
                self = .points(value)
            }
        }

        package func points(of maximum: Double) -> Double {
            switch self {
            case .points(let value): return value
            case .percent(let value): return maximum * value / 100
            }
        }
    }

    public var passMark: PassMark
    public var similarityThreshold: Double
    public var gradebook: GradebookLayout?
    /// Seconds since 1970 from SOURCE_DATE_EPOCH; without it the report shows no date.
    public var generatedAt: Int?
    /// Stage timings (name, seconds), shown only when profiling was asked for.
    public var stageTimes: [(name: String, seconds: Double)]
    public var jobs: Int
    /// Exact comparisons per answer in the similarity search; only tests lower it.
    package var comparisonsPerAnswer = SimilarityFinder.defaultComparisonsPerAnswer

    public init(passMark: PassMark = .percent(50), similarityThreshold: Double = 0.5, gradebook: GradebookLayout? = nil,
                generatedAt: Int? = nil, stageTimes: [(name: String, seconds: Double)] = [], jobs: Int = 2) {
        self.passMark = passMark
        self.similarityThreshold = similarityThreshold
        self.gradebook = gradebook
        self.generatedAt = generatedAt
        self.stageTimes = stageTimes
        self.jobs = max(1, jobs)
    }

    /// SOURCE_DATE_EPOCH from the environment, when set to a number.
    public static func sourceDateEpoch(_ environment: [String: String]) -> Int? {
        environment["SOURCE_DATE_EPOCH"].flatMap { Int($0) }
    }
}

extension CohortReport {
    /// The same report with other options (the stage timings, known only once it is built).
    package func with(options: CohortOptions) -> CohortReport {
        CohortReport(rubric: rubric, candidates: candidates, answers: answers, maxPoints: maxPoints, passMark: passMark,
                     similarityThreshold: similarityThreshold, totals: totals, histogram: histogram, alpha: alpha,
                     questions: questions, ranking: ranking, similar: similar, similarCandidates: similarCandidates, pairsCompared: pairsCompared, pairsSimilar: pairsSimilar, capped: capped, options: options,
                     moderation: moderation)
    }
}

/// Two candidates with similar answers to one or more questions: the evidence summed, since
/// many similar answers by the same two people say far more than one short stock answer.
/// Two candidates' ids, in the order a pair names them: the key answer pairs are grouped by.
struct PairOfCandidates: Hashable, Sendable {
    package let first: String
    package let second: String

    init(_ first: String, _ second: String) {
        self.first = first
        self.second = second
    }
}

public struct SimilarCandidates: Sendable, Equatable {
    public let first: String
    public let second: String
    public let questions: [String]
    public let sharedShingles: Int
    public let meanSimilarity: Double

    /// Candidate pairs from answer pairs, strongest evidence first (shared shingles, then questions, then ids).
    package static func group(_ pairs: [SimilarPair]) -> [SimilarCandidates] {
        var grouped: [PairOfCandidates: [SimilarPair]] = [:]
        var keys: [PairOfCandidates] = []
        for pair in pairs {
            let key = PairOfCandidates(pair.first, pair.second)
            if grouped[key] == nil { keys.append(key) }
            grouped[key, default: []].append(pair)
        }
        return keys.map { key in
            let members = grouped[key] ?? []
            return SimilarCandidates(first: key.first, second: key.second, questions: members.map(\.question),
                                     sharedShingles: members.reduce(0) { $0 + $1.sharedShingles },
                                     meanSimilarity: members.reduce(0) { $0 + $1.similarity } / Double(max(1, members.count)))
        }.sorted {
            if $0.sharedShingles != $1.sharedShingles { return $0.sharedShingles > $1.sharedShingles }
            if $0.questions.count != $1.questions.count { return $0.questions.count > $1.questions.count }
            return ($0.first, $0.second) < ($1.first, $1.second)
        }
    }
}
