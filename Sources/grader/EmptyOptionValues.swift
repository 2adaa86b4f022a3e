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
