/// Measurements of one answer that do not depend on the rubric's criteria:
/// they let an assessor spot a one-liner, a wall of pasted code or a copied prompt.
public struct AnswerProfile: Sendable, Equatable {
    public var words: Int
    public var sentences: Int
    /// Flesch reading ease (higher is easier; 60-70 is plain English). 0 for an empty answer.
    public var readingEase: Double
    /// Moving-average type-token ratio over 50-word windows (plain type-token ratio for shorter answers).
    public var lexicalDiversity: Double
    public var codeLines: Int
    /// Share of the answer's words found in 4-word runs of the prompt.
    public var promptOverlap: Double
    /// Share of the answer's words found in 4-word runs of the model answer.
    public var modelOverlap: Double

    public static let empty = AnswerProfile(words: 0, sentences: 0, readingEase: 0, lexicalDiversity: 0,
                                            codeLines: 0, promptOverlap: 0, modelOverlap: 0)
}
