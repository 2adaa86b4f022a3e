/// Folds the typographic characters people paste from word processors into the
/// ASCII a rubric author types: curly quotes, primes, dashes, ellipses and odd spaces.
/// NFKC leaves these alone, so this table is applied first.
enum TypographicFolding {
    package static func fold(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2035, 0x02BC, 0xFF07: return "'"
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2036, 0x00AB, 0x00BB, 0xFF02: return "\""
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: return "-"
        case 0x2026: return "..."
        case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return " "
        case 0x2028, 0x2029: return "\n"
        default: return nil
        }
    }
}
