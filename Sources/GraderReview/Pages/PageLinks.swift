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

    private static func component(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}
