import Foundation

/// A compiled OU pattern-match expression: parse once, match many responses.
/// `match(response)` splits the response as OU does and evaluates the expression tree; each
/// leaf runs the polynomial search of `PMatchSequenceSearch` (O(n) in the answer's words for a
/// fixed expression), never OU's backtracking.
public struct PMatchExpression: Sendable {
    public let source: String
    public let options: PMatchOptions
    let root: Compiled

    indirect enum Compiled: Sendable {
        case all([Compiled])
        case any([Compiled])
        case not(Compiled)
        case leaf(PMatchLeafMatcher)
    }

    /// Parses `source` (NFC-normalised first, as OU does); throws with OU's kind of error and its position.
    public init(_ source: String, options: PMatchOptions = PMatchOptions()) throws(PMatchSyntaxError) {
        self.source = source
        self.options = options
        var parser = PMatchParser(Array(source.precomposed.unicodeScalars), options: options)
        root = try Self.compile(try parser.parseExpression(), options: options)
    }

    private static func compile(_ node: PMatchNode, options: PMatchOptions) throws(PMatchSyntaxError) -> Compiled {
        switch node {
        case .all(let children):
            var compiled: [Compiled] = []
            for child in children { compiled.append(try compile(child, options: options)) }
            return .all(compiled)
        case .any(let children):
            var compiled: [Compiled] = []
            for child in children { compiled.append(try compile(child, options: options)) }
            return .any(compiled)
        case .not(let child): return .not(try compile(child, options: options))
        case .match(let leaf): return .leaf(try PMatchLeafMatcher(leaf: leaf, options: options))
        }
    }

    /// The verdict on one response, with the word ranges (code points of `response.text`) that matched.
    public struct Result: Sendable, Equatable {
        public let matched: Bool
        public let ranges: [Range<Int>]
        /// Work done, for tests that bound it: word comparisons plus search transitions.
        public let steps: Int
    }

    public func match(_ response: PMatchResponse) -> Result {
        var steps = 0
        let (matched, words) = evaluate(root, response, steps: &steps)
        let ranges = Set(words).sorted { $0.lowerBound < $1.lowerBound }.map { range -> Range<Int> in
            response.ranges[range.lowerBound].lowerBound..<response.ranges[range.upperBound - 1].upperBound
        }
        return Result(matched: matched, ranges: matched ? ranges : [], steps: steps)
    }

    /// Splits `text` with these options and matches it.
    public func match(_ text: String) -> Result { match(PMatchResponse(text, options: options)) }

    private func evaluate(_ node: Compiled, _ response: PMatchResponse, steps: inout Int) -> (Bool, [Range<Int>]) {
        switch node {
        case .all(let children):
            var words: [Range<Int>] = []
            for child in children {
                let (matched, found) = evaluate(child, response, steps: &steps)
                guard matched else { return (false, []) }
                words += found
            }
            return (true, words)
        case .any(let children):
            for child in children {
                let (matched, found) = evaluate(child, response, steps: &steps)
                if matched { return (true, found) }
            }
            return (false, [])
        case .not(let child):
            return (!evaluate(child, response, steps: &steps).0, [])
        case .leaf(let leaf):
            let result = leaf.match(response)
            steps += result.steps
            return (result.matched, result.words)
        }
    }
}
