import Dispatch
import GraderCohort
import GraderEngine
import GraderFoundation

/// Answers to one question that a person can judge once: the same after Grader's normalisation
/// (case, accents, typographic quotes and dashes, spacing folded) or nearly the same (their
/// 4-word shingles, the cohort report's, overlap by `threshold` or more in Jaccard similarity).
/// Both come from the facts grading kept of each text (`AnswerFacts`), never from the texts.
///
/// Near-duplicates join by leader: an answer joins the first group (in candidate order) whose
/// first answer it is near, so a chain of small edits never pulls unlike answers together.
///
/// Bounded whatever the cohort, as the cohort report's similar-answer search is: comparing each
/// answer with every leader is quadratic (a 2,000-candidate cohort of distinct answers took
/// minutes). Each leader is indexed by the `sketchSize` smallest ranks of its shingles (a bottom-k
/// MinHash sketch); an answer reads the postings of its own smallest ranks, rarest first, at most
/// `postingBudget` of them, and compares exactly only the `comparisonCap` leaders sharing most
/// ranks. Two sets with Jaccard similarity J ≥ 0.8 share each of the union's smallest ranks with
/// probability J, so they miss sharing any of 16 with probability about 0.2¹⁶: a near-duplicate is
/// found unless thousands of leaders share its phrasing and the budget runs out first. The hash is
/// fixed, so the groups are the same on every run.
public struct AnswerGroups: Sendable {
    public static let threshold = 0.8

    public struct Group: Sendable, Equatable {
        public let question: String
        /// In candidate order; the first is the group's leader.
        public let members: [AnswerKey]
        /// True when every member is the same after normalisation.
        public let identical: Bool
    }

    public let groups: [Group]
    private let index: [AnswerKey: Int]

    /// The group of two or more answers that `key` belongs to; nil when it stands alone.
    public func group(of key: AnswerKey) -> Group? { index[key].map { groups[$0] } }
    /// The group's number (1-based, in question then leader order: the same for the same reports); nil when it stands alone.
    public func number(of key: AnswerKey) -> Int? { index[key].map { $0 + 1 } }

    /// The groups of a folder's answers, from the facts of their texts (`ReviewFolder.textFacts`).
    public init(_ folder: ReviewFolder) {
        var byQuestion: [String: [(key: AnswerKey, facts: AnswerFacts)]] = [:]
        for (answer, facts) in zip(folder.answers, folder.textFacts) where answer.hasText {
            byQuestion[answer.question, default: []].append((answer.key, facts))
        }
        // Questions are grouped apart, so side by side on every core; joined in question order.
        let questions = byQuestion.keys.sorted(), answersByQuestion = byQuestion
        let found = Locked<[[Group]]>(Array(repeating: [], count: questions.count))
        DispatchQueue.concurrentPerform(iterations: questions.count) { position in
            let question = questions[position]
            let groups = Self.groups(answersByQuestion[question]!.sorted { $0.key < $1.key }, question: question)
            found.withLock { $0[position] = groups }
        }
        let groups = found.withLock { $0 }.flatMap { $0 }
        self.groups = groups
        var index: [AnswerKey: Int] = [:]
        for (position, group) in groups.enumerated() { for key in group.members { index[key] = position } }
        self.index = index
    }

    /// Ranks kept per leader and read per answer.
    static let sketchSize = 16
    /// Postings read per answer, rarest ranks first.
    static let postingBudget = 512
    /// Leaders compared exactly per answer: those sharing most ranks with it.
    static let comparisonCap = 16

    private static func groups(_ answers: [(key: AnswerKey, facts: AnswerFacts)], question: String) -> [Group] {
        // Same after normalisation: the same hash of the normalised words (`AnswerFacts.wordsKey`).
        var exact: [UInt64: Int] = [:]
        var clusters: [(members: [AnswerKey], identical: Bool)] = []
        var leaders: [(cluster: Int, shingles: [UInt32])] = []
        var postings: [UInt32: [Int]] = [:]   // rank -> leaders (indices into `leaders`) whose sketch holds it
        for (key, facts) in answers {
            if let cluster = exact[facts.wordsKey] {
                clusters[cluster].members.append(key)
                continue
            }
            let shingles = facts.ranks
            let sketch = Array(shingles.prefix(sketchSize))
            if let leader = nearLeader(shingles, sketch: sketch, leaders: leaders, postings: postings) {
                let cluster = leaders[leader].cluster
                clusters[cluster].members.append(key)
                clusters[cluster].identical = false
                exact[facts.wordsKey] = cluster
                continue
            }
            exact[facts.wordsKey] = clusters.count
            if shingles.count >= ShingledText.shingleLength {
                for rank in sketch { postings[rank, default: []].append(leaders.count) }
                leaders.append((clusters.count, shingles))
            }
            clusters.append(([key], true))
        }
        return clusters.filter { $0.members.count > 1 }
            .map { Group(question: question, members: $0.members, identical: $0.identical) }
    }

    /// The earliest leader near `shingles` among the few its sketch points to; nil when none is.
    private static func nearLeader(_ shingles: [UInt32], sketch: [UInt32], leaders: [(cluster: Int, shingles: [UInt32])],
                                   postings: [UInt32: [Int]]) -> Int? {
        var shared: [Int: Int] = [:]
        var read = 0
        let lists = sketch.compactMap { rank in postings[rank].map { (rank, $0) } }
            .sorted { $0.1.count != $1.1.count ? $0.1.count < $1.1.count : $0.0 < $1.0 }.map(\.1)
        reading: for list in lists {
            for leader in list {
                guard read < postingBudget else { break reading }
                shared[leader, default: 0] += 1
                read += 1
            }
        }
        let closest = shared.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(comparisonCap)
        return closest.map(\.key).sorted().first { jaccard(leaders[$0].shingles, shingles) >= threshold }
    }

    /// Jaccard similarity of two sorted, distinct shingle (rank) lists; 0 when the sizes alone rule out the threshold.
    static func jaccard(_ a: [UInt32], _ b: [UInt32]) -> Double {
        guard !a.isEmpty, !b.isEmpty, Double(min(a.count, b.count)) >= threshold * Double(max(a.count, b.count)) else { return 0 }
        var i = 0, j = 0, shared = 0
        while i < a.count, j < b.count {
            if a[i] < b[j] { i += 1 } else if b[j] < a[i] { j += 1 } else { shared += 1; i += 1; j += 1 }
        }
        return Double(shared) / Double(a.count + b.count - shared)
    }
}
