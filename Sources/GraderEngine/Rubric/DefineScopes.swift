import LibXML2

/// The `<define>`s the loader can see while it compiles: the rubric's, and those of the
/// question being built. A define is compiled at its first use and kept, so each is
/// compiled once and its matcher shared by every place that uses it.
struct DefineScopes {
    /// Where a `<use>` or `requires` is written: a rubric-wide define sees only the rubric's
    /// defines; anything inside a question sees the question's first, then the rubric's.
    enum Scope: Sendable, Hashable { case rubric, question }

    /// A define by scope and id.
    package struct Key: Hashable {
        let scope: Scope
        package let id: String
    }

    var rubricNodes: [String: XMLTree.Node] = [:]
    package var questionNodes: [String: XMLTree.Node] = [:]
    var compiled: [Key: NamedMatcher] = [:]
    /// Whether a compiled define has a stemmed keyword, itself or through what it uses.
    var stemming: [Key: Bool] = [:]
    /// The defines being compiled, outermost first: one asked for again is a cycle.
    var compiling: [Key] = []

    /// Forgets the previous question's defines.
    mutating func startQuestion() {
        questionNodes = [:]
        for key in compiled.keys where key.scope == .question { compiled[key] = nil }
        for key in stemming.keys where key.scope == .question { stemming[key] = nil }
    }

    /// The define `id` resolves to from `scope`, with the key it is compiled under.
    func lookup(_ id: String, from scope: Scope) -> (Key, XMLTree.Node)? {
        if scope == .question, let node = questionNodes[id] { return (Key(scope: .question, id: id), node) }
        if let node = rubricNodes[id] { return (Key(scope: .rubric, id: id), node) }
        return nil
    }

    /// The compiled define `id` as a question sees it, if there is one.
    package func visible(_ id: String) -> NamedMatcher? {
        lookup(id, from: .question).flatMap { compiled[$0.0] }
    }

    /// Whether the define `ref` stems (false when it is unknown or not compiled yet).
    package func stems(ref: String, from scope: Scope = .question) -> Bool {
        lookup(ref, from: scope).flatMap { stemming[$0.0] } ?? false
    }
}
