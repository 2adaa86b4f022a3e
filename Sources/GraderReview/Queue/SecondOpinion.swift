import Foundation
import GraderEngine
import Snowball

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

    init(_ answers: [ReviewAnswer], rubric: Rubric) {
        let stemmer = try? Stemmer(language: rubric.language)
        // Words are runs of letters and digits, split by scalar: splitting Characters (grapheme
        // clusters, each asked isLetter) was a third of review's start-up on a 2,000-candidate cohort.
        // The folded text is NFKC, so a letter and its accent are one scalar.
        func stems(_ text: String) -> Set<String> {
            var result = Set<String>()
            var word = String.UnicodeScalarView()
            func flush() {
                guard !word.isEmpty else { return }
                let text = String(word)
                result.insert(stemmer?.stem(text) ?? text)
                word = String.UnicodeScalarView()
            }
            for scalar in Normaliser.fold(text).unicodeScalars {
                if Self.isWordScalar(scalar) { word.append(scalar) } else { flush() }
            }
            flush()
            return result
        }
        var byQuestion: [String: [ReviewAnswer]] = [:]
        for answer in answers where answer.hasText { byQuestion[answer.question, default: []].append(answer) }
        var byAnswer: [AnswerKey: Estimate] = [:]
        for question in rubric.questions {
            guard let model = question.modelAnswer, let group = byQuestion[question.id], group.count >= Self.minimumAnswers
            else { continue }
            let modelStems = stems(model)
            let answerStems = group.map { stems($0.text).intersection(modelStems) }
            let coverages = Self.coverages(model: modelStems, answers: answerStems)
            let expected = Self.quantileMapped(coverages, onto: group.map(\.score))
            for (index, answer) in group.enumerated() {
                byAnswer[answer.key] = Estimate(coverage: coverages[index], expected: expected[index])
            }
        }
        self.byAnswer = byAnswer
    }

    /// A letter or digit: ASCII by range, anything else by its Unicode properties.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Each answer's weighted share of the model answer's stems (`answers` holds each answer's
    /// stems that are also the model answer's); 0 for all when no stem carries weight.
    static func coverages(model: Set<String>, answers: [Set<String>]) -> [Double] {
        // Sums run in the stems' sorted order: a Set's order changes from run to run, and floating-point
        // addition in another order can move a coverage by its last bit and so break a tie otherwise.
        let stems = model.sorted()
        let n = Double(answers.count)
        let weights = stems.map { stem in log((1 + n) / (1 + Double(answers.count { $0.contains(stem) }))) }
        let total = weights.reduce(0, +)
        guard total > 0 else { return answers.map { _ in 0 } }
        return answers.map { present in
            zip(stems, weights).reduce(0) { sum, pair in present.contains(pair.0) ? sum + pair.1 : sum } / total
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
