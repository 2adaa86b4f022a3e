/// Counts in messages: "1 candidate", "2 candidates". Every count the user reads goes
/// through here, so a message never says "1 answer pairs" or "(1 questions)".
public enum Plural {
    /// `count` and the noun in the form that count takes: `Plural.count(1, "answer pair")` is
    /// "1 answer pair"; irregular nouns give their plural (`Plural.count(3, "criterion", "criteria")`).
    public static func count(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(noun(count, singular, plural))"
    }

    /// The noun alone, for phrasing where the number stands apart ("500 shown of 585 answer pairs").
    public static func noun(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        count == 1 ? singular : plural ?? singular + "s"
    }
}
