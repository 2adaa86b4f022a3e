import GraderEngine
import GraderReports

/// A span of a tried response that made a matcher fire: code-point offsets and the text,
/// the unit `grader try` prints so that any tool can slice the response with them.
public struct TrialSpan: Sendable, Equatable {
    public let range: Range<Int>
    public let text: String

    public init(range: Range<Int>, text: String) {
        self.range = range
        self.text = text
    }

    /// The spans of `evidence` that lie in the text, each range once: two matchers of one rule that
    /// fire on the same words (a keyword and a regex for "reference counting") are one span to read.
    static func distinct(_ evidence: [Evidence], in offsets: TextOffsets) -> [TrialSpan] {
        var seen = Set<Range<Int>>()
        return evidence.filter { !$0.wholeAnswer && seen.insert($0.range).inserted }.map { TrialSpan($0, in: offsets) }
    }

    /// The span of `evidence`, a UTF-8 byte range of the text `offsets` was made from.
    init(_ evidence: Evidence, in offsets: TextOffsets) {
        self.init(range: offsets.scalarOffset(ofByte: evidence.range.lowerBound)..<offsets.scalarOffset(ofByte: evidence.range.upperBound),
                  text: offsets.substring(evidence.range))
    }
}
