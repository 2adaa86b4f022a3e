import LibXML2

/// Lints of the shapes beyond additive criteria: levels tables and bands that cannot mean
/// what their author meant, and named matchers nothing uses. Read from the tree, in the
/// order the author wrote, since the loader sorts tables and bands.
enum ShapeLints {
    typealias Warn = (_ node: XMLTree.Node, _ question: String?, _ lint: Lint, _ message: String) -> Void

    /// Each levels table and the bands of one question.
    static func tables(_ question: XMLTree.Node, question id: String, points: Double, floor: Double, warn: Warn) {
        for group in question.children(named: "levels") {
            let groupID = group.attribute("id") ?? ""
            let elements = group.children(named: "criterion").count
            var previous: (min: Int, points: Double)? = nil
            for level in group.children(named: "level") {
                let min = Int(level.attribute("min") ?? "") ?? 0
                let value = Double(level.attribute("points") ?? "") ?? 0
                if let previous, min <= previous.min {
                    warn(level, id, .levelsTable, "levels '\(groupID)': min=\"\(min)\" does not follow min=\"\(previous.min)\"; "
                         + "write the levels with min strictly ascending")
                } else if let previous, value < previous.points {
                    warn(level, id, .levelsTable, "levels '\(groupID)': \(min) elements give \(NumberText.format(value)) points, "
                         + "fewer than \(previous.min) give (\(NumberText.format(previous.points))); meeting more should never score less")
                }
                if value > points + 1e-9 {
                    warn(level, id, .levelsTable, "levels '\(groupID)': a level worth \(NumberText.format(value)) points is more "
                         + "than the question's \(NumberText.format(points))")
                }
                if min > elements {
                    warn(level, id, .levelsTable, "levels '\(groupID)': min=\"\(min)\" can never be reached: the group has only "
                         + "\(elements) element\(elements == 1 ? "" : "s")")
                }
                previous = (min, value)
            }
        }
        guard let bands = question.firstChild(named: "bands") else { return }
        var previous: (from: Double, points: Double)? = nil
        for band in bands.children(named: "band") {
            let from = Double(band.attribute("from") ?? "") ?? 0
            let value = Double(band.attribute("points") ?? "") ?? 0
            if let previous, from <= previous.from {
                warn(band, id, .bandsTable, "band from=\"\(NumberText.format(from))\" does not follow from=\"\(NumberText.format(previous.from))\"; "
                     + "write the bands with from strictly ascending")
            } else if let previous, value < previous.points {
                warn(band, id, .bandsTable, "band from=\"\(NumberText.format(from))\" gives \(NumberText.format(value)) points, fewer than "
                     + "the band below it (\(NumberText.format(previous.points))); a higher raw score should never score less")
            }
            if value < floor - 1e-9 || value > points + 1e-9 {
                warn(band, id, .bandsTable, "band from=\"\(NumberText.format(from))\" gives \(NumberText.format(value)) points, outside the "
                     + "question's range [\(NumberText.format(floor)), \(NumberText.format(points))]; the score is clamped to it")
            }
            previous = (from, value)
        }
    }

    /// `<define>`s that no `<use>` and no `requires` names where they are visible.
    static func unusedDefines(_ root: XMLTree.Node, warn: Warn) {
        var rubricWide = Set(root.children(named: "define").flatMap(references))
        for question in root.children(named: "question") {
            let id = question.attribute("id") ?? ""
            let used = Set(references(question))
            rubricWide.formUnion(used)
            for define in question.children(named: "define") where !used.contains(define.attribute("id") ?? "") {
                warn(define, id, .unusedDefine, "define '\(define.attribute("id") ?? "")' is not used: no <use ref> or requires names it")
            }
        }
        for define in root.children(named: "define") where !rubricWide.contains(define.attribute("id") ?? "") {
            warn(define, nil, .unusedDefine, "define '\(define.attribute("id") ?? "")' is not used: no question's <use ref> or requires names it")
        }
    }

    /// The ids `node` and what it holds refer to: `<use ref>` and `requires`.
    static func references(_ node: XMLTree.Node) -> [String] {
        var ids = RequirementResolver.ids(node.attribute("requires"))
        if node.name == "use", let ref = node.attribute("ref") { ids.append(ref) }
        for child in node.children { ids += references(child) }
        return ids
    }
}
