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

/// swift-argument-parser 1.8 reads `--name=` (an empty value after `=`) as `--name` alone, so it
/// reports a missing value or takes the next argument instead (its issue #958). Options whose
/// empty value means something are rewritten to `--name ""` before parsing; the `=` form stays
/// the way to pass values that start with `-`.
enum EmptyOptionValues {
    /// Long names (without dashes) of the options that accept an empty value.
    static let options: Set<String> = ["sentence-dividers", "word-dividers", "convert-to-space", "flags"]

    static func expanded(_ arguments: [String]) -> [String] {
        var result: [String] = []
        for (index, argument) in arguments.enumerated() {
            if argument == "--" { return result + arguments[index...] }
            if argument.hasPrefix("--"), argument.hasSuffix("="), options.contains(String(argument.dropFirst(2).dropLast())) {
                result += [String(argument.dropLast()), ""]
            } else {
                result.append(argument)
            }
        }
        return result
    }
}
