/// Resolves a question's `requires` attributes to what each id names (a criterion, an
/// element, a levels group or a named matcher) and refuses what cannot be scored: an
/// unknown id, an id naming two things, a penalty (it is not something an answer
/// achieves), and requirements that depend on themselves.
package struct RequirementResolver {
    /// Where a `requires` is written, for diagnostics: the element's name and line.
    struct Site {
        package let element: String
        package let line: Int
    }

    /// A problem found, placed at a site.
    struct Problem {
        let site: Site
        let message: String
    }

    package let criteria: [ScoredRule]
    package let levels: [LevelGroup]
    package let penalties: [ScoredRule]
    /// The named matchers the question can see, by id (its own and the rubric's).
    package let defines: (String) -> NamedMatcher?

    private(set) var requiredDefines: [NamedMatcher] = []
    private(set) var problems: [Problem] = []

    init(criteria: [ScoredRule], levels: [LevelGroup], penalties: [ScoredRule], defines: @escaping (String) -> NamedMatcher?) {
        self.criteria = criteria
        self.levels = levels
        self.penalties = penalties
        self.defines = defines
    }

    /// The ids of a `requires` attribute, separated by whitespace.
    package static func ids(_ attribute: String?) -> [String] {
        (attribute ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// The gates of the question whose own `requires` is `question` (written at `questionSite`).
    mutating func resolve(question: [String], questionSite: Site) -> Gates {
        let rules = criteria + levels.flatMap(\.elements) + penalties
        var gates = Gates.none(rules: rules.count, groups: levels.count)
        for (index, rule) in rules.enumerated() {
            gates.rules[index] = targets(rule.requires, site: Site(element: rule.kind == .penalty ? "penalty" : "criterion", line: rule.line))
        }
        for (index, group) in levels.enumerated() {
            gates.groups[index] = targets(group.requires, site: Site(element: "levels", line: group.line))
        }
        gates.question = targets(question, site: questionSite)
        if let cycle = Self.cycle(gates, levels: levels, firstElement: criteria.count) {
            let names = cycle.map { node -> String in
                switch node {
                case .rule(let index): return rules[index].id
                case .group(let index): return levels[index].id
                case .define: return ""
                }
            }
            let site: Site
            switch cycle[0] {
            case .rule(let index): site = Site(element: rules[index].kind == .penalty ? "penalty" : "criterion", line: rules[index].line)
            case .group(let index): site = Site(element: "levels", line: levels[index].line)
            case .define: site = questionSite
            }
            problems.append(Problem(site: site, message: "requirements form a cycle: \((names + [names[0]]).joined(separator: " → ")), "
                                    + "so none of them can ever be credited"))
        }
        return gates
    }

    private mutating func targets(_ ids: [String], site: Site) -> [Gates.Target] {
        ids.map { id in
            var found: [(Gates.Target?, String)] = []
            for (index, rule) in criteria.enumerated() where rule.id == id { found.append((.rule(index), "criterion")) }
            var elementIndex = criteria.count
            for (groupIndex, group) in levels.enumerated() {
                if group.id == id { found.append((.group(groupIndex), "levels group")) }
                for element in group.elements {
                    if element.id == id { found.append((.rule(elementIndex), "element of levels group '\(group.id)'")) }
                    elementIndex += 1
                }
            }
            for penalty in penalties where penalty.id == id { found.append((nil, "penalty")) }
            if let define = defines(id) { found.append((.define(defineIndex(define)), "named matcher")) }
            guard found.count == 1, let target = found[0].0 else {
                if found.isEmpty {
                    problems.append(Problem(site: site, message: "requires '\(id)', which is no criterion, levels group or named matcher of this question"))
                } else if found.count > 1 {
                    problems.append(Problem(site: site, message: "requires '\(id)', which names \(found.count) things here ("
                                            + found.map(\.1).joined(separator: ", ") + "): give them different ids"))
                } else {
                    problems.append(Problem(site: site, message: "requires '\(id)', a penalty: only criteria, levels groups and "
                                            + "named matchers can be required"))
                }
                // Never satisfied; the rubric is refused anyway.
                return .define(defineIndex(NamedMatcher(id: id, summary: "", matcher: AnyMatcher(children: [], summary: ""), line: 0)))
            }
            return target
        }
    }

    private mutating func defineIndex(_ define: NamedMatcher) -> Int {
        if let index = requiredDefines.firstIndex(where: { $0.id == define.id }) { return index }
        requiredDefines.append(define)
        return requiredDefines.count - 1
    }

    /// A cycle of requirements, as the rules and groups on it, if there is one. A group depends
    /// on its elements as well as on what it requires.
    static func cycle(_ gates: Gates, levels: [LevelGroup], firstElement: Int) -> [Gates.Target]? {
        enum Mark { case unvisited, onPath, done }
        var ruleMarks = Array(repeating: Mark.unvisited, count: gates.rules.count)
        var groupMarks = Array(repeating: Mark.unvisited, count: gates.groups.count)
        var groupElements: [Range<Int>] = []
        var start = firstElement
        for group in levels {
            groupElements.append(start..<start + group.elements.count)
            start += group.elements.count
        }
        var path: [Gates.Target] = []

        func successors(_ node: Gates.Target) -> [Gates.Target] {
            switch node {
            case .rule(let index): return gates.rules[index]
            case .group(let index): return gates.groups[index] + groupElements[index].map { .rule($0) }
            case .define: return []
            }
        }
        func visit(_ node: Gates.Target) -> [Gates.Target]? {
            let mark: Mark
            switch node {
            case .rule(let index): mark = ruleMarks[index]
            case .group(let index): mark = groupMarks[index]
            case .define: return nil
            }
            if mark == .done { return nil }
            if mark == .onPath, let start = path.firstIndex(of: node) { return Array(path[start...]) }
            switch node {
            case .rule(let index): ruleMarks[index] = .onPath
            case .group(let index): groupMarks[index] = .onPath
            case .define: break
            }
            path.append(node)
            for next in successors(node) {
                if let found = visit(next) { return found }
            }
            path.removeLast()
            switch node {
            case .rule(let index): ruleMarks[index] = .done
            case .group(let index): groupMarks[index] = .done
            case .define: break
            }
            return nil
        }
        for index in gates.rules.indices { if let found = visit(.rule(index)) { return found } }
        for index in gates.groups.indices { if let found = visit(.group(index)) { return found } }
        return nil
    }
}
