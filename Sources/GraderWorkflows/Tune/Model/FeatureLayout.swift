import GraderEngine

/// How a question's graded answer becomes the fit's features, and the author's weight of each:
/// a credited standalone criterion is +1 (weight: its points), a credited penalty −1 (weight:
/// its points, so a fitted penalty stays a penalty), and a credited levels group with k
/// elements met turns on its steps "at least 1", …, "at least k" (weight of step j: the
/// table's points at j minus at j − 1). Non-negative step weights keep a fitted table
/// non-decreasing; its points at k are the sum of the first k steps.
struct FeatureLayout: Sendable {
    enum Feature: Sendable, Equatable {
        /// `Question.rules[index]`: a standalone criterion or a penalty.
        case rule(Int)
        /// Levels group `group` has at least `atLeast` elements met.
        case step(group: Int, atLeast: Int)
    }

    let features: [Feature]
    let prior: [Double]

    init(_ question: Question) {
        var features: [Feature] = [], prior: [Double] = []
        for (index, rule) in question.rules.enumerated() where rule.kind != .element {
            features.append(.rule(index))
            prior.append(rule.points)
        }
        for (group, levels) in question.levels.enumerated() {
            var previous = 0.0
            for atLeast in 1...max(1, levels.elements.count) {
                let points = levels.level(forMet: atLeast)?.points ?? 0
                features.append(.step(group: group, atLeast: atLeast))
                prior.append(max(0, points - previous))
                previous = max(previous, points)
            }
        }
        self.features = features
        self.prior = prior
    }

    /// The feature values of one graded answer.
    func row(_ answer: TuneAnswer, _ question: Question) -> [Double] {
        features.map { feature in
            switch feature {
            case .rule(let index):
                guard answer.credited.count > index, answer.credited[index] else { return 0 }
                return question.rules[index].kind == .penalty ? -1 : 1
            case .step(let group, let atLeast):
                return answer.levelsMet.count > group && answer.levelsMet[group] >= atLeast ? 1 : 0
            }
        }
    }

    /// Fitted weights by rule index (criteria and penalties; nil for elements).
    func ruleWeights(_ weights: [Double], rules: Int) -> [Double?] {
        var result = [Double?](repeating: nil, count: rules)
        for (feature, weight) in zip(features, weights) {
            if case .rule(let index) = feature { result[index] = weight }
        }
        return result
    }

    /// Fitted levels tables: per group, the rows where the points change (points at k = Σ of the first k steps).
    func tables(_ weights: [Double], groups: Int) -> [[Level]] {
        var sums = Array(repeating: [Double](), count: groups)
        for (feature, weight) in zip(features, weights) {
            if case .step(let group, _) = feature { sums[group].append((sums[group].last ?? 0) + weight) }
        }
        return sums.map { steps in
            var table: [Level] = []
            var previous = 0.0
            for (index, points) in steps.enumerated() where points > previous + 1e-9 {
                table.append(Level(min: index + 1, points: points))
                previous = points
            }
            return table
        }
    }
}
