import Dispatch
import GraderCohort
import GraderEngine
import GraderFoundation

/// Answers to one question that a person can judge once: the same after Grader's normalisation
/// or nearly the same (`NearDuplicates`, which finds them while the review index is written; for a
/// folder of answers with their texts, here).
public struct AnswerGroups: Sendable {
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

    /// The groups of a folder's answers: as its index records them, or found from the facts of their texts.
    public init(_ folder: ReviewFolder) {
        var byQuestion: [String: [(key: AnswerKey, facts: AnswerFacts, group: UInt32)]] = [:]
        for (position, (answer, facts)) in zip(folder.answers, folder.textFacts).enumerated() where answer.hasText {
            let group = folder.groupNumbers.isEmpty ? 0 : folder.groupNumbers[position]
            byQuestion[answer.question, default: []].append((answer.key, facts, group))
        }
        let found = folder.groupNumbers.isEmpty
        var groups: [Group] = []
        for question in byQuestion.keys.sorted() {
            let answers = byQuestion[question]!.sorted { $0.key < $1.key }
            let numbers = found ? NearDuplicates.groups(answers.map { ($0.facts.wordsKey, $0.facts.ranks) }) : answers.map(\.group)
            var members: [[Int]] = []
            for (position, number) in numbers.enumerated() where number > 0 {
                while members.count < Int(number) { members.append([]) }
                members[Int(number) - 1].append(position)
            }
            for group in members where group.count > 1 {
                let keys = Set(group.map { answers[$0].facts.wordsKey })
                groups.append(Group(question: question, members: group.map { answers[$0].key }, identical: keys.count == 1))
            }
        }
        self.groups = groups
        var index: [AnswerKey: Int] = [:]
        for (position, group) in groups.enumerated() { for key in group.members { index[key] = position } }
        self.index = index
    }
}
