import GraderCore

/// Answers to one question that a person can judge once: the same after Grader's normalisation
/// (case, accents, typographic quotes and dashes, spacing folded) or nearly the same (their
/// 4-word shingles, the cohort report's, overlap by `threshold` or more in Jaccard similarity).
///
/// Near-duplicates join by leader: an answer joins the first group (in candidate order) whose
/// first answer it is near, so a chain of small edits never pulls unlike answers together.
/// That compares each distinct answer with each group's first, quadratic in the worst case,
/// which a review of hundreds or a few thousand answers per question does in well under a second.
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

    public init(_ answers: [ReviewAnswer]) {
        var byQuestion: [String: [ReviewAnswer]] = [:]
        for answer in answers where answer.hasText { byQuestion[answer.question, default: []].append(answer) }
        var groups: [Group] = []
        for question in byQuestion.keys.sorted() {
            groups += Self.groups(byQuestion[question]!.sorted { $0.key < $1.key }, question: question)
        }
        self.groups = groups
        var index: [AnswerKey: Int] = [:]
        for (position, group) in groups.enumerated() { for key in group.members { index[key] = position } }
        self.index = index
    }

    private static func groups(_ answers: [ReviewAnswer], question: String) -> [Group] {
        // Same after normalisation: the same sequence of folded words.
        var vocabulary = Vocabulary()
        let normaliser = Normaliser()
        var exact: [[Vocabulary.ID]: Int] = [:]
        var clusters: [(members: [AnswerKey], shingles: Set<UInt64>, identical: Bool)] = []
        var leaders: [Int] = []   // clusters that are a near-duplicate group's leader
        for answer in answers {
            let words = normaliser.normalise(answer.text, vocabulary: &vocabulary).tokens.map(\.word)
            if let cluster = exact[words] {
                clusters[cluster].members.append(answer.key)
                continue
            }
            let shingles = Set(ShingledText(answer.text).distinct)
            if let leader = leaders.first(where: { jaccard(clusters[$0].shingles, shingles) >= threshold }) {
                clusters[leader].members.append(answer.key)
                clusters[leader].identical = false
                exact[words] = leader
                continue
            }
            exact[words] = clusters.count
            if shingles.count >= ShingledText.shingleLength { leaders.append(clusters.count) }
            clusters.append(([answer.key], shingles, true))
        }
        return clusters.filter { $0.members.count > 1 }
            .map { Group(question: question, members: $0.members, identical: $0.identical) }
    }

    /// Jaccard similarity of two shingle sets; 0 when the sizes alone rule out the threshold.
    static func jaccard(_ a: Set<UInt64>, _ b: Set<UInt64>) -> Double {
        guard !a.isEmpty, !b.isEmpty, Double(min(a.count, b.count)) >= threshold * Double(max(a.count, b.count)) else { return 0 }
        let shared = a.intersection(b).count
        return Double(shared) / Double(a.count + b.count - shared)
    }
}
