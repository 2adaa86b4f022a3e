extension String {
    /// The string with control characters and quotes escaped, without the surrounding quotes:
    /// how a message quotes a value from a rubric or an answer.
    package var debugDescriptionBody: String { String(debugDescription.dropFirst().dropLast()) }
}
