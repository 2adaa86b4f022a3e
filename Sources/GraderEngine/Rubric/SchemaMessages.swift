import GraderFoundation
import LibXML2

/// Turns libxml2's parse and schema messages into diagnostics an author can act on:
/// a column where libxml2 gives none (the element the message names, found on its
/// line), and plain words for the schema's cryptic key-reference failure.
enum SchemaMessages {
    static func diagnostic(_ raw: XMLDiagnostic, file: String, source: RubricSource) -> Diagnostic {
        var line = raw.line > 0 ? raw.line : nil
        var column = raw.column > 0 ? raw.column : nil
        var message = raw.message
        if let line0 = line, column == nil, let element = elementName(in: message) {
            let place = source.elementPosition(element, line: line0)
            line = place.line ?? line0
            column = place.column
        }
        if message.contains("knownSynonymSet"), let set = quoted(after: "key-sequence [", in: message) {
            message = "keyword names the synonym set '\(set)', which the rubric does not declare "
                + "(declare <synonyms id=\"\(set)\">a|b</synonyms> before the first question, or fix the name)"
        }
        return Diagnostic(.error, file: file, line: line, column: column, message)
    }

    /// `Element 'keyword': ...` names the element the message is about.
    static func elementName(in message: String) -> String? {
        quoted(after: "Element ", in: message).map { name in
            // Attribute messages read "Element 'x', attribute 'y'"; the element is what we place.
            name.split(separator: "}").last.map(String.init) ?? name
        }
    }

    /// The text between the first pair of single quotes after `marker`.
    package static func quoted(after marker: String, in message: String) -> String? {
        guard let markerRange = message.range(of: marker) else { return nil }
        let rest = message[markerRange.upperBound...]
        guard let open = rest.firstIndex(of: "'") else { return nil }
        let afterOpen = rest[rest.index(after: open)...]
        guard let close = afterOpen.firstIndex(of: "'") else { return nil }
        return String(afterOpen[..<close])
    }
}
