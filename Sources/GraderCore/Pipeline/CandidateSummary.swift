/// What the run keeps of a graded candidate once its reports are written:
/// scores only, never the texts, so memory stays flat as the cohort grows.
public struct CandidateSummary: Sendable, Equatable {
    public let id: String
    public let name: String?
    public let email: String?
    public let source: String
    /// One score per rubric question, in rubric order.
    public let scores: [Double]
    public let total: Double
    public let maxPoints: Double
    public let answered: Int
    public let warnings: Int
}
