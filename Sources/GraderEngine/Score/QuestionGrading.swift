import GraderFoundation

/// Grades one question's answer: runs each of its rules' matchers on the analysed answer, then
/// computes the score from what held (see `score`).
public enum QuestionGrading {
    package static func grade(_ question: Question, answer: Answer?, view: AnswerView?, profile: AnswerProfile,
                      file: String) -> QuestionResult {
        guard let answer, let view, profile.words > 0 else {
            return QuestionResult(question: question, status: .missing, answer: answer, profile: profile,
                                  rules: [], score: clamp(0, question), warnings: [])
        }
        var warnings: [Diagnostic] = []
        var matched: [(state: RuleResult.State, evidence: [Evidence])] = []
        matched.reserveCapacity(question.rules.count)
        // By index: a copy of each rule (its strings and arrays retained) per answer costs more than its matcher.
        for index in question.rules.indices {
            do {
                let outcome = try question.rules[index].matcher.match(view)
                if outcome.matched {
                    let evidence = outcome.hits
                        .map { Evidence(range: view.text.originalRange(of: $0.range), via: $0.via, wholeAnswer: $0.wholeAnswer) }
                        .inTextOrder()
                    matched.append((.met, evidence))
                } else {
                    matched.append((.unmet, []))
                }
            } catch {
                let rule = question.rules[index]
                warnings.append(Diagnostic(.warning, file: file, line: answer.line, question: question.id,
                                           "\(rule.kind.rawValue) '\(rule.id)' not evaluated: \(error)"))
                matched.append((.notEvaluated(error.description), []))
            }
        }
        // A gate that cannot be decided is not satisfied: nothing is credited on a guess.
        let definesMet = question.requiredDefines.map { define -> Bool in
            do {
                return try define.matcher.match(view).matched
            } catch {
                warnings.append(Diagnostic(.warning, file: file, line: answer.line, question: question.id,
                                           "named matcher '\(define.id)' not evaluated: \(error)"))
                return false
            }
        }
        let breakdown = score(question, met: matched.map { $0.state == .met }, definesMet: definesMet)
        let rules = question.rules.indices.map { index in
            RuleResult(rule: question.rules[index], state: matched[index].state, evidence: matched[index].evidence,
                       unmetRequirements: breakdown.unmetRequirements[index])
        }
        let levels = question.levels.indices.map { index in
            let group = breakdown.levels[index]
            return LevelResult(group: question.levels[index], met: group.met, of: question.levels[index].elements.count,
                               level: group.level, points: group.points, unmetRequirements: group.unmetRequirements)
        }
        var status = QuestionResult.Status.answered
        var score = breakdown.score
        if profile.words < question.minWords {
            let consequence = question.shortScoresZero ? "; it scores 0" : ""
            warnings.append(Diagnostic(.warning, file: file, line: answer.line, question: question.id,
                                       "answer has \(Plural.count(profile.words, "word")), under the minimum of \(question.minWords)\(consequence)"))
            if question.shortScoresZero {
                status = .tooShort
                score = clamp(0, question)
            }
        }
        return QuestionResult(question: question, status: status, answer: answer, profile: profile, rules: rules,
                              levels: levels, definesMet: definesMet, raw: breakdown.raw, band: breakdown.band,
                              unmetRequirements: breakdown.questionUnmetRequirements, score: score, warnings: warnings)
    }

    package static func clamp(_ raw: Double, _ question: Question) -> Double {
        min(max(raw, question.floor), question.points)
    }
}

// MARK: - The arithmetic, pure

/// The numbers a question's score is made of: the rubric's own (`init(_:)`), or fitted ones.
public struct ScoringWeights: Sendable, Equatable {
    public var base: Double
    /// Per `Question.rules` index: a criterion's or penalty's points, positive (a penalty's are
    /// subtracted). An element's entry is ignored: its group's table gives the points.
    public var points: [Double]
    /// Per `Question.levels` index, each ascending by `min`.
    public var tables: [[Level]]
    /// Ascending by `from`; empty for none.
    public var bands: [Band]

    public init(base: Double, points: [Double], tables: [[Level]], bands: [Band]) {
        self.base = base
        self.points = points
        self.tables = tables
        self.bands = bands
    }

    /// The weights the rubric's author wrote.
    public init(_ question: Question) {
        self.init(base: question.base, points: question.rules.map(\.points), tables: question.levels.map(\.table),
                  bands: question.bands)
    }
}

/// How one answered question's score came about.
public struct ScoreBreakdown: Sendable {
    /// What one levels group gave.
    public struct Group: Sendable {
        public let met: Int
        public let level: Level?
        public let points: Double
        public let unmetRequirements: [String]
    }

    /// Per `Question.rules` index: met and every requirement satisfied.
    public let credited: [Bool]
    /// Per `Question.rules` index: for a met rule, the ids of its requirements left unsatisfied.
    public let unmetRequirements: [[String]]
    /// Per `Question.levels` index.
    public let levels: [Group]
    /// The question gate's unsatisfied ids; when not empty the score is `clamp(0)`.
    public let questionUnmetRequirements: [String]
    public let raw: Double
    public let band: Band?
    /// Clamped to `[floor, points]`.
    public let score: Double
}

extension QuestionGrading {
    /// The score of an answered question from which of its rules matched, and with which weights.
    ///
    /// One function for grading and for the tuner, which re-scores with fitted weights:
    /// - a rule is *credited* when it matched and each id of its `requires` is satisfied: a
    ///   criterion or element by being credited, a levels group by being credited and reaching
    ///   a level worth more than 0, a named matcher by matching;
    /// - a levels group counts its credited elements and gives the points of the level with the
    ///   greatest `min` not above that count (0 if none), when its own requirements are satisfied;
    /// - raw = base + credited criteria + credited groups − credited penalties;
    /// - with bands, the score is the points of the band with the greatest `from` not above raw
    ///   (`floor` below every band); without, raw; then clamped to `[floor, points]`;
    /// - when the question's own `requires` is not satisfied, it scores `clamp(0)`.
    ///
    /// Missing and too-short answers are not scored here: they score `clamp(0)` whatever matched.
    ///
    /// - Parameters:
    ///   - met: per `question.rules` index, whether the rule's matcher fired.
    ///   - definesMet: per `question.requiredDefines` index, whether the named matcher fired.
    ///   - weights: the numbers to score with; the rubric's own when nil.
    public static func score(_ question: Question, met: [Bool], definesMet: [Bool],
                             weights: ScoringWeights? = nil) -> ScoreBreakdown {
        let weights = weights ?? ScoringWeights(question)
        var gates = GateEvaluation(question: question, met: met, definesMet: definesMet, tables: weights.tables)
        var credited: [Bool] = []
        var unmet: [[String]] = []
        credited.reserveCapacity(question.rules.count)
        unmet.reserveCapacity(question.rules.count)
        // Summed in rules order from the base, as before levels existed, so additive rubrics score to the same bits.
        var raw = weights.base
        for (index, rule) in question.rules.enumerated() {
            let isCredited = gates.credited(index)
            credited.append(isCredited)
            unmet.append(index < met.count && met[index] ? gates.unmet(question.gates.rules[index], rule.requires) : [])
            guard isCredited, index < weights.points.count else { continue }
            switch rule.kind {
            case .criterion: raw += weights.points[index]
            case .penalty: raw -= weights.points[index]
            case .element: break
            }
        }
        var groups: [ScoreBreakdown.Group] = []
        for index in question.levels.indices {
            let group = gates.group(index)
            let reached = group.level?.points ?? 0
            groups.append(ScoreBreakdown.Group(
                met: group.met, level: group.level, points: group.credited ? reached : 0,
                unmetRequirements: reached > 0 ? gates.unmet(question.gates.groups[index], question.levels[index].requires) : []))
            if group.credited { raw += reached }
        }
        let questionUnmet = gates.unmet(question.gates.question, question.requires)
        var band: Band? = nil
        let score: Double
        if !questionUnmet.isEmpty {
            score = clamp(0, question)
        } else if !weights.bands.isEmpty {
            band = weights.bands.last { $0.from <= raw }
            score = clamp(band?.points ?? question.floor, question)
        } else {
            score = clamp(raw, question)
        }
        return ScoreBreakdown(credited: credited, unmetRequirements: unmet, levels: groups,
                              questionUnmetRequirements: questionUnmet, raw: raw, band: band, score: score)
    }
}

/// Decides requirements on demand, each once: a requirement may name a rule or group whose own
/// requirements are not decided yet. The loader refuses cycles; one met here anyway (a question
/// built by hand) counts as unsatisfied rather than recursing forever.
private struct GateEvaluation {
    private enum Decision: UInt8 { case undecided, deciding, no, yes }

    let question: Question
    let met: [Bool]
    let definesMet: [Bool]
    let tables: [[Level]]
    private var rules: [Decision]
    private var groups: [Decision]
    private var groupResults: [(met: Int, level: Level?, credited: Bool)?]

    init(question: Question, met: [Bool], definesMet: [Bool], tables: [[Level]]) {
        self.question = question
        self.met = met
        self.definesMet = definesMet
        self.tables = tables
        rules = Array(repeating: .undecided, count: question.rules.count)
        groups = Array(repeating: .undecided, count: question.levels.count)
        groupResults = Array(repeating: nil, count: question.levels.count)
    }

    mutating func credited(_ index: Int) -> Bool {
        switch rules[index] {
        case .yes: return true
        case .no, .deciding: return false
        case .undecided:
            rules[index] = .deciding
            let decided = index < met.count && met[index] && question.gates.rules[index].allSatisfy { satisfied($0) }
            rules[index] = decided ? .yes : .no
            return decided
        }
    }

    /// A group's count of credited elements, the level it reaches and whether its requirements hold.
    mutating func group(_ index: Int) -> (met: Int, level: Level?, credited: Bool) {
        if let known = groupResults[index] { return known }
        let first = question.criteria.count + question.levels[..<index].reduce(0) { $0 + $1.elements.count }
        var count = 0
        for offset in question.levels[index].elements.indices where credited(first + offset) { count += 1 }
        let table = index < tables.count ? tables[index] : question.levels[index].table
        let level = question.levels[index].level(forMet: count, table: table)
        let result = (met: count, level: level, credited: question.gates.groups[index].allSatisfy { satisfied($0) })
        groupResults[index] = result
        return result
    }

    mutating func satisfied(_ target: Gates.Target) -> Bool {
        switch target {
        case .rule(let index): return credited(index)
        case .define(let index): return index < definesMet.count && definesMet[index]
        case .group(let index):
            switch groups[index] {
            case .yes: return true
            case .no, .deciding: return false
            case .undecided:
                groups[index] = .deciding
                let result = group(index)
                let decided = result.credited && (result.level?.points ?? 0) > 0
                groups[index] = decided ? .yes : .no
                return decided
            }
        }
    }

    /// The ids among `ids` (parallel to `targets`) that are not satisfied.
    mutating func unmet(_ targets: [Gates.Target], _ ids: [String]) -> [String] {
        var unmet: [String] = []
        for (target, id) in zip(targets, ids) where !satisfied(target) { unmet.append(id) }
        return unmet
    }
}
