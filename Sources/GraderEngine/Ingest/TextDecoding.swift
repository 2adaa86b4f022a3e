/// Turns a file's bytes into text, or says why they are not text.
/// UTF-8 with or without BOM is expected; UTF-16 with a BOM is accepted;
/// invalid UTF-8 is replaced with U+FFFD and reported; line endings become LF.
enum TextDecoding {
    package enum Outcome: Equatable {
        case text(String, warnings: [String])
        case notText(String)
    }

    static func decode(_ bytes: [UInt8]) -> Outcome {
        var warnings: [String] = []
        var text: String
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let littleEndian = bytes[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var index = 2
            while index + 1 < bytes.count {
                let pair = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
                units.append(littleEndian ? pair.0 | pair.1 << 8 : pair.0 << 8 | pair.1)
                index += 2
            }
            text = String(decoding: units, as: UTF16.self)
            warnings.append("decoded as UTF-16 (\(littleEndian ? "little" : "big")-endian, from its byte order mark)")
        } else {
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
            if let reason = binaryReason(body) { return .notText(reason) }
            if let firstInvalid = firstInvalidUTF8(body) {
                let line = body[body.startIndex..<(body.startIndex + firstInvalid)].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
                warnings.append("invalid UTF-8 replaced with U+FFFD (first at byte \(firstInvalid), line \(line))")
            }
            text = String(decoding: body, as: UTF8.self)
        }
        if text.containsByte(0) { return .notText("it contains NUL characters: a binary file, not text") }
        if text.containsByte(0x0D) {
            text = text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
        }
        return .text(text, warnings: warnings)
    }

    /// A reason to call the bytes binary: NUL bytes or mostly control characters in the first 8 KiB.
    static func binaryReason(_ bytes: ArraySlice<UInt8>) -> String? {
        let sample = bytes.prefix(8192)
        if sample.contains(0) { return "it contains NUL bytes: a binary file, not text" }
        let controls = sample.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x0C }.count
        if sample.count > 0, controls * 10 > sample.count { return "it is mostly control characters: a binary file, not text" }
        return nil
    }

    /// Offset of the first byte that is not part of valid UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return nil }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error(let length):
                _ = length
                return offset
            case .emptyInput: return nil
            }
        }
    }
}
