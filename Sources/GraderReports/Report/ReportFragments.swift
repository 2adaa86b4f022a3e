import Foundation
import GraderEngine
import GraderFoundation

/// The rubric's texts that every candidate's page repeats (each question's prompt and
/// each rule's feedback), escaped for HTML once per rubric: escaping them again for
/// every candidate was the largest part of writing reports. (The XML reports hold no
/// rubric text, and the matchers and model answers are shown once, in `rubric.html`;
/// each rule's `EvidenceVia` is here too, so that a report names its regexes by number.)
///
/// A fragment is used only for a string with exactly its source's bytes (see
/// `ReportFragment.holds`), so a fragment of another rubric, or of an edited one
/// with the same hash, can never leak into a report: the writer escapes afresh instead.
final class ReportFragments: Sendable {
    /// Classes, not structs: a writer looks one up per question and rule, and a class is
    /// passed around with one reference count instead of one per string and array.
    package final class Question: Sendable {
        package let prompt: ReportFragment
        /// In the order the scorer reports rules (`Question.rules`): criteria, elements, then penalties.
        package let rules: [Rule]

        init(prompt: ReportFragment, rules: [Rule]) {
            self.prompt = prompt
            self.rules = rules
        }

        /// The fragments of the `index`th rule of a question's result, if there is one.
        package func rule(_ index: Int) -> Rule? { rules.indices.contains(index) ? rules[index] : nil }
    }

    package final class Rule: Sendable {
        package let feedback: ReportFragment
        /// How the XML report names the rule's regexes in evidence.
        package let via: EvidenceVia

        init(feedback: ReportFragment, via: EvidenceVia) {
            self.feedback = feedback
            self.via = via
        }
    }

    private let questions: [String: Question]
    /// About how many bytes a candidate's HTML page has besides its answers and the
    /// stylesheet, to reserve the page's buffer once instead of growing it by copying.
    let htmlSizeEstimate: Int

    init(_ rubric: Rubric) {
        var questions: [String: Question] = [:]
        var htmlSize = 4_096
        for question in rubric.questions where questions[question.id] == nil {
            let rules = question.rules.map { Rule(feedback: ReportFragment($0.feedback), via: EvidenceVia($0.matcher)) }
            let prompt = ReportFragment(question.prompt)
            // Markup around a question is about 800 bytes, around a rule about 250.
            htmlSize += 800 + prompt.html.count + rules.reduce(0) { $0 + 250 + $1.feedback.html.count }
            questions[question.id] = Question(prompt: prompt, rules: rules)
        }
        self.questions = questions
        htmlSizeEstimate = htmlSize
    }

    package func question(_ id: String) -> Question? { questions[id] }

    /// Fragments of recently used rubrics, by content hash. A grading run uses one rubric,
    /// so its fragments are built once, by the first report written; tests use many, so
    /// the cache is emptied now and then rather than growing without bound.
    private static let cache = Locked<[String: ReportFragments]>([:])
    private static let cacheLimit = 8

    /// The fragments of `rubric`, built at first use.
    package static func of(_ rubric: Rubric) -> ReportFragments {
        cache.withLock { cache in
            if let cached = cache[rubric.sha256] { return cached }
            if cache.count >= cacheLimit { cache.removeAll() }
            let fragments = ReportFragments(rubric)
            cache[rubric.sha256] = fragments
            return fragments
        }
    }
}
