import Foundation
import GraderCohort
import GraderEngine
import GraderFoundation

/// A second opinion on each answer's score that does not use the rubric's rules: how much of the
/// question's model answer the answer says, set against the rubric's score by rank among the
/// question's answers. It needs no person's grade, so it works from the first round.
///
/// The rules look for particular words: they miss a paraphrase and credit a keyword in a wrong
/// sentence. The model answer states what a full answer says, in other words than the rules'.
/// Where the two orderings of a question's answers disagree, one of them is wrong about the answer,
/// and a person's look settles which.
/// - **coverage**: the share of the model answer's content present in the answer. Each distinct
///   word stem of the model answer weighs its inverse document frequency among the question's
///   answers, ln((1 + n) / (1 + answers using it)): words nearly every answer uses (function words,
///   the prompt's own terms) weigh nearly nothing, so no stop list is needed, and a rare word of
///   the model answer weighs most.
/// - **expected score**: the rubric's score found at the coverage's rank among the question's
///   rubric scores (quantile mapping, mid-ranks for ties): what the answer would score if the rubric
///   ordered the question's answers as the coverage does. It is the answer's own score when the two
///   ranks agree, and lies on the rubric's own scale, so the gap is in the question's points.
/// - the reason's weight is |expected − score| over the question's maximum, as a flip's is.
///
/// No constant here is fitted to any data set; a question needs a model answer and
/// `minimumAnswers` answers with text (ranks of fewer say little).
struct SecondOpinion: Sendable {
    struct Estimate: Sendable, Equatable {
        /// The weighted share of the model answer's stems in the answer, 0...1.
        let coverage: Double
        /// The rubric's score at the coverage's rank among the question's answers.
        let expected: Double
    }

    static let minimumAnswers = 5

    let byAnswer: [AnswerKey: Estimate]

    /// The estimates of a folder's answers, from the model-answer stems each uses (`AnswerFacts.modelStems`).
    init(_ folder: ReviewFolder) {
        var byQuestion: [String: [(answer: ReviewAnswer, stems: [UInt16])]] = [:]
        for (answer, facts) in zip(folder.answers, folder.textFacts) where answer.hasText {
            byQuestion[answer.question, default: []].append((answer, facts.modelStems))
        }
        let questions = folder.rubric.questions.compactMap { question -> (modelStems: Int, answers: [(answer: ReviewAnswer, stems: [UInt16])])? in
            guard question.modelAnswer != nil, let group = byQuestion[question.id], group.count >= Self.minimumAnswers
            else { return nil }
            return (question.modelStems.count, group)
        }
        // Questions are estimated apart, so side by side on every core.
        let found = Locked<[[AnswerKey: Estimate]]>(Array(repeating: [:], count: questions.count))
        DispatchQueue.concurrentPerform(iterations: questions.count) { position in
            let (modelStems, group) = questions[position]
            let coverages = Self.coverages(modelStems: modelStems, answers: group.map(\.stems))
            let expected = Self.quantileMapped(coverages, onto: group.map(\.answer.score))
            var estimates: [AnswerKey: Estimate] = [:]
            for (index, (answer, _)) in group.enumerated() {
                estimates[answer.key] = Estimate(coverage: coverages[index], expected: expected[index])
            }
            found.withLock { $0[position] = estimates }
        }
        byAnswer = found.withLock { $0 }.reduce(into: [:]) { all, estimates in all.merge(estimates) { first, _ in first } }
    }

    /// Each answer's weighted share of the model answer's `modelStems` stems (`answers` holds the
    /// positions, ascending, of those each answer uses); 0 for all when no stem carries weight.
    static func coverages(modelStems: Int, answers: [[UInt16]]) -> [Double] {
        // Sums run in the stems' sorted order (their positions): floating-point addition in another
        // order can move a coverage by its last bit and so break a tie otherwise.
        var using = [Int](repeating: 0, count: modelStems)
        for stems in answers { for stem in stems where Int(stem) < modelStems { using[Int(stem)] += 1 } }
        let n = Double(answers.count)
        let weights = using.map { log((1 + n) / (1 + Double($0))) }
        let total = weights.reduce(0, +)
        guard total > 0 else { return answers.map { _ in 0 } }
        return answers.map { stems in
            stems.reduce(0) { sum, stem in Int(stem) < modelStems ? sum + weights[Int(stem)] : sum } / total
        }
    }

    /// For each value, the score at its mid-rank among `values` in the sorted `scores` (same count).
    static func quantileMapped(_ values: [Double], onto scores: [Double]) -> [Double] {
        let sortedValues = values.sorted(), sortedScores = scores.sorted()
        let n = values.count
        return values.map { value in
            let below = sortedValues.partitioningIndex { $0 >= value }
            let through = sortedValues.partitioningIndex { $0 > value }
            let midRank = (Double(below) + Double(through - below) / 2) / Double(n)
            return sortedScores[min(n - 1, Int(midRank * Double(n)))]
        }
    }
}

extension Array where Element == Double {
    /// The first index whose element satisfies `belongs` (the array sorted so that those come last).
    fileprivate func partitioningIndex(where belongs: (Double) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if belongs(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
