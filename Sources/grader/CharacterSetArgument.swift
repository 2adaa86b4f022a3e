import ArgumentParser

/// A set of characters given on the command line (`try`'s pmatch dividers), whose help shows
/// invisible characters by name ("space, tab, newline") instead of printing them raw.
/// An empty value is a real choice here: OU's options allow an empty set.
struct CharacterSetArgument: ExpressibleByArgument, Equatable, CustomStringConvertible {
    let characters: String

    init(_ characters: String) { self.characters = characters }
    init?(argument: String) { characters = argument }

    var description: String { characters }

    /// The characters as help prints them: named when invisible, as themselves otherwise.
    var defaultValueDescription: String {
        guard !characters.isEmpty else { return "none" }
        let visible = String(String.UnicodeScalarView(characters.unicodeScalars.filter { Self.names[$0] == nil }))
        return ((visible.isEmpty ? [] : [visible]) + characters.unicodeScalars.compactMap { Self.names[$0] }).joined(separator: ", ")
    }

    private static let names: [Unicode.Scalar: String] = [
        " ": "space", "\t": "tab", "\n": "newline", "\r": "return", "\u{0C}": "form feed", "\u{0B}": "vertical tab",
        "\u{A0}": "no-break space",
    ]
}
