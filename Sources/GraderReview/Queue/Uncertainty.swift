import GraderEngine
import GraderFoundation


/// Why Grader may be wrong about an answer, and how much it weighs in the queue.
///
/// The uncertainty of an answer is the sum of its reasons' weights; each weight is a share of
/// the question's maximum, or a fixed share where there is no score change to measure:
/// - flip: the largest score change (exact, through `QuestionGrading`, with the named matchers' outcomes
///   the report recorded) if one criterion or penalty had gone the other way, over the question's maximum;
/// - level boundary: the same for one element of a levels group (one element more or fewer
///   moves the level), and band boundary when the flipped rule moves the raw score across a band;
/// - not evaluated: 1 (a rule did not run, so the score is unchecked);
/// - under `min-words`: 0.5 (the length rule, not the content, set the score);
/// - copied from the prompt: the copied share, when it is 40 % or more;
/// - similar to another candidate's answer (cohort.xml): half the similarity;
/// - a second opinion (`SecondOpinion`) that ranks the answer elsewhere among the question's answers
///   than the rubric does by how much of the model answer it says: the gap between the score at that
///   rank and the rubric's, over the question's maximum;
/// - a gap between the rubric and the fitted model (`REPORTS/tune/tune.xml`, same rubric): the
///   gap over the question's maximum, as a flip is: the model fitted to people's grades disagrees
///   with the rubric by that share of the question (held out for a graded answer, so it never saw it).
public struct Reason: Sendable, Equatable {
    public enum Kind: String, Sendable { case flip, levelBoundary, bandBoundary, notEvaluated, tooShort, promptOverlap, similar, secondOpinion, fittedGap }
    public let kind: Kind
    public let weight: Double
    /// What a person reads beside the answer.
    public let text: String
}

enum Uncertainty {
    static let promptOverlapThreshold = 0.4

    /// The reasons to doubt `answer`, heaviest first (ties in `Kind` order); empty for a missing answer.
    static func reasons(_ answer: ReviewAnswer, question: Question, similar: (other: String, similarity: Double)?,
                        fitted: FittedScores.Score? = nil, opinion: SecondOpinion.Estimate? = nil) -> [Reason] {
        var memo = FlipMemo()
        return reasons(answer, question: question, similar: similar, fitted: fitted, opinion: opinion, flips: &memo)
    }

    /// The flips of answers with the same rule outcomes are the same: rescoring every rule of every
    /// answer was most of review's start-up on a large cohort, where answers share a few hundred patterns.
    struct FlipMemo {
        struct Pattern: Hashable {
            let question: String
            let status: String
            let rules: [ReviewAnswer.Rule.Status]
            let defines: [Bool]
        }
        fileprivate var known: [Pattern: [Reason]] = [:]
    }

    static func reasons(_ answer: ReviewAnswer, question: Question, similar: (other: String, similarity: Double)?,
                        fitted: FittedScores.Score?, opinion: SecondOpinion.Estimate?, flips memo: inout FlipMemo) -> [Reason] {
        guard answer.hasText else { return [] }
        let byID = Dictionary(answer.rules.map { ($0.id, $0.status) }, uniquingKeysWith: { first, _ in first })
        let pattern = FlipMemo.Pattern(question: question.id, status: answer.status,
                                       rules: question.rules.map { byID[$0.id] ?? .unmet },
                                       defines: question.requiredDefines.map { answer.definesHeld[$0.id] ?? true })
        let flipped: [Reason]
        if let known = memo.known[pattern] {
            flipped = known
        } else {
            flipped = flips(answer, question: question)
            memo.known[pattern] = flipped
        }
        var reasons = flipped
        let skipped = answer.rules.filter { $0.status == .notEvaluated }
        if !skipped.isEmpty {
            reasons.append(Reason(kind: .notEvaluated, weight: 1,
                                  text: "not evaluated: " + skipped.map { $0.id + ($0.notEvaluated.map { " (\($0))" } ?? "") }.joined(separator: ", ")))
        }
        if answer.status == "too-short" {
            reasons.append(Reason(kind: .tooShort, weight: 0.5,
                                  text: "\(answer.words) words, under the question's minimum of \(question.minWords)"))
        }
        if answer.promptOverlap >= promptOverlapThreshold {
            reasons.append(Reason(kind: .promptOverlap, weight: answer.promptOverlap,
                                  text: NumberText.format(answer.promptOverlap * 100, places: 0) + "% copied from the prompt"))
        }
        if let similar {
            reasons.append(Reason(kind: .similar, weight: similar.similarity / 2,
                                  text: "similar to \(similar.other)'s answer (" + NumberText.format(similar.similarity * 100, places: 0) + "% shared phrasing)"))
        }
        if let opinion, question.points > 0, abs(opinion.expected - answer.score) > 1e-9 {
            reasons.append(secondOpinion(opinion, score: answer.score, points: question.points))
        }
        if let fitted, question.points > 0, abs(fitted.fitted - fitted.rubric) > 1e-9 {
            reasons.append(Reason(kind: .fittedGap, weight: abs(fitted.fitted - fitted.rubric) / question.points,
                                  text: "the fitted model scores this answer " + NumberText.format(fitted.fitted)
                                    + ", the rubric " + NumberText.format(fitted.rubric)))
        }
        return reasons.sorted { $0.weight > $1.weight }
    }

    /// The largest exact score change from flipping one criterion or penalty, and from one
    /// element of a levels group; rescored with the rubric's own `QuestionGrading`, so gates, levels,
    /// bands, floor and cap all count as in grading.
    static func flips(_ answer: ReviewAnswer, question: Question) -> [Reason] {
        guard answer.status == "answered", question.points > 0 else { return [] }
        let byID = Dictionary(answer.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let met = question.rules.map { byID[$0.id]?.status == .met }
        // The named matchers' outcomes as the report recorded them. A report written before they were
        // recorded (grade reuses none such for a rubric that needs them, but review may read an old folder)
        // counts each as held: a gate on one then looks satisfied, and a flip it blocks or allows may be misjudged.
        let defines = question.requiredDefines.map { answer.definesHeld[$0.id] ?? true }
        let base = QuestionGrading.score(question, met: met, definesMet: defines)
        var best: (rule: Int, delta: Double)?
        var bestElement: (rule: Int, delta: Double)?
        for index in question.rules.indices where byID[question.rules[index].id]?.status != .notEvaluated {
            var flipped = met
            flipped[index].toggle()
            let delta = QuestionGrading.score(question, met: flipped, definesMet: defines).score - base.score
            guard delta != 0 else { continue }
            if question.rules[index].kind == .element {
                if abs(delta) > abs(bestElement?.delta ?? 0) { bestElement = (index, delta) }
            } else if abs(delta) > abs(best?.delta ?? 0) {
                best = (index, delta)
            }
        }
        var reasons: [Reason] = []
        if let best {
            let rule = question.rules[best.rule]
            let crossesBand = !question.bands.isEmpty
            reasons.append(Reason(kind: crossesBand ? .bandBoundary : .flip, weight: abs(best.delta) / question.points,
                                  text: (crossesBand ? "band boundary: " : "") + "if \(rule.id) were " + (met[best.rule] ? "unmet" : "met")
                                    + ", the score would change by " + signed(best.delta) + " of " + NumberText.format(question.points)))
        }
        if let bestElement {
            let rule = question.rules[bestElement.rule]
            reasons.append(Reason(kind: .levelBoundary, weight: abs(bestElement.delta) / question.points,
                                  text: "level boundary: one element " + (met[bestElement.rule] ? "fewer" : "more") + " in \(rule.group ?? "its group") ("
                                    + rule.id + ") would change the score by " + signed(bestElement.delta)))
        }
        return reasons
    }

    /// "says 72 % of the model answer's key content, as answers scoring 3 of 4 do, but scores 1".
    static func secondOpinion(_ opinion: SecondOpinion.Estimate, score: Double, points: Double) -> Reason {
        let share: String = NumberText.format(opinion.coverage * 100, places: 0) + "%"
        let says: String = (opinion.expected > score ? "says " : "says only ") + share + " of the model answer's key words"
        let expected: String = NumberText.format(opinion.expected) + " of " + NumberText.format(points)
        let text: String = says + ", as answers the rubric scores " + expected + " do, but scores " + NumberText.format(score)
        return Reason(kind: .secondOpinion, weight: abs(opinion.expected - score) / points, text: text)
    }

    private static func signed(_ value: Double) -> String {
        (value > 0 ? "+" : "−") + NumberText.format(abs(value))
    }
}
