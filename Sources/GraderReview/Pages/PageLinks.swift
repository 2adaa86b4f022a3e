import Foundation

/// The addresses the pages link to, built one way: the routes answer them, the pages write them.
enum PageLinks {
    /// `candidate=…&question=…`, each value percent-encoded (ids may hold any character).
    static func encode(_ key: AnswerKey) -> String {
        "candidate=" + component(key.candidate) + "&question=" + component(key.question)
    }

    static func answerPath(_ key: AnswerKey, list: ReviewList) -> String {
        "/answer?" + encode(key) + "&list=" + list.rawValue
    }

    /// ASCII letters and digits as they are, every other UTF-8 byte as `%XX`. By hand: Foundation's
    /// `addingPercentEncoding` (through NSString) was a twentieth of the server's time, every page
    /// linking hundreds of answers; and a link stays ASCII, which the request line must be.
    static func component(_ value: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
