import GraderEngine
import GraderFoundation
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
            let rows = group.children(named: "level").map { ($0, Double($0.attribute("min") ?? "") ?? 0, Double($0.attribute("points") ?? "") ?? 0) }
            ascending(rows, key: "min", question: id, lint: .levelsTable, warn: warn) { row, previous in
                "levels '\(groupID)': \(NumberText.format(row.key)) elements give \(NumberText.format(row.points)) points, fewer than "
                    + "\(NumberText.format(previous.key)) give (\(NumberText.format(previous.points))); meeting more should never score less"
            }
            for (level, min, value) in rows {
                if value > points + 1e-9 {
                    warn(level, id, .levelsTable, "levels '\(groupID)': a level worth \(NumberText.format(value)) points is more "
                         + "than the question's \(NumberText.format(points))")
                }
                if Int(min) > elements {
                    warn(level, id, .levelsTable, "levels '\(groupID)': min=\"\(NumberText.format(min))\" can never be reached: the group has only "
                         + "\(elements) element\(elements == 1 ? "" : "s")")
                }
            }
        }
        guard let bands = question.firstChild(named: "bands") else { return }
        let rows = bands.children(named: "band").map { ($0, Double($0.attribute("from") ?? "") ?? 0, Double($0.attribute("points") ?? "") ?? 0) }
        ascending(rows, key: "from", question: id, lint: .bandsTable, warn: warn) { row, previous in
            "band from=\"\(NumberText.format(row.key))\" gives \(NumberText.format(row.points)) points, fewer than "
                + "the band below it (\(NumberText.format(previous.points))); a higher raw score should never score less"
        }
        for (band, from, value) in rows where value < floor - 1e-9 || value > points + 1e-9 {
            warn(band, id, .bandsTable, "band from=\"\(NumberText.format(from))\" gives \(NumberText.format(value)) points, outside the "
                 + "question's range [\(NumberText.format(floor)), \(NumberText.format(points))]; the score is clamped to it")
        }
    }

    /// A table's rows as written: the `key` attribute must strictly ascend, and the points never fall.
    private static func ascending(_ rows: [(node: XMLTree.Node, key: Double, points: Double)], key: String, question: String,
                                  lint: Lint, warn: Warn, falling: ((key: Double, points: Double), (key: Double, points: Double)) -> String) {
        for (previous, row) in zip(rows, rows.dropFirst()) {
            if row.key <= previous.key {
                warn(row.node, question, lint, "\(key)=\"\(NumberText.format(row.key))\" does not follow \(key)=\"\(NumberText.format(previous.key))\"; "
                     + "write them with \(key) strictly ascending")
            } else if row.points < previous.points {
                warn(row.node, question, lint, falling((row.key, row.points), (previous.key, previous.points)))
            }
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
