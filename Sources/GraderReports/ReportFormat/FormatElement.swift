import LibXML2

/// An element of a report Grader wrote, read back with typed attributes: a required one that is
/// missing, or a number that is not one, is an error naming the element and its line rather
/// than a silent default, so a reader and a writer that disagree on a name fail loudly.
struct FormatElement {
    let node: XMLTree.Node

    init(_ node: XMLTree.Node) { self.node = node }

    package var name: String { node.name }
    var text: String { node.text }

    /// The child elements named `name`, in document order.
    func children(_ name: String) -> [FormatElement] { node.children(named: name).map(FormatElement.init) }
    func child(_ name: String) -> FormatElement? { node.firstChild(named: name).map(FormatElement.init) }

    func requiredChild(_ name: String) throws(XMLError) -> FormatElement {
        guard let child = child(name) else { throw problem("has no <\(name)>") }
        return child
    }

    func string(_ attribute: String) throws(XMLError) -> String {
        guard let value = node.attribute(attribute) else { throw problem("lacks the attribute \(attribute)") }
        return value
    }

    func optionalString(_ attribute: String) -> String? { node.attribute(attribute) }

    package func number(_ attribute: String) throws(XMLError) -> Double {
        try parsed(try string(attribute), attribute, as: "number") { Double($0) }
    }

    func optionalNumber(_ attribute: String) throws(XMLError) -> Double? {
        guard let text = node.attribute(attribute) else { return nil }
        return try parsed(text, attribute, as: "number") { Double($0) }
    }

    package func count(_ attribute: String) throws(XMLError) -> Int {
        try parsed(try string(attribute), attribute, as: "whole number") { Int($0) }
    }

    func optionalCount(_ attribute: String) throws(XMLError) -> Int? {
        guard let text = node.attribute(attribute) else { return nil }
        return try parsed(text, attribute, as: "whole number") { Int($0) }
    }

    /// A required attribute that is either `yes` or `no`.
    func yesNo(_ attribute: String, yes: String, no: String) throws(XMLError) -> Bool {
        let value = try string(attribute)
        guard value == yes || value == no else { throw problem("has \(attribute)=\"\(value)\", neither \(yes) nor \(no)") }
        return value == yes
    }

    func problem(_ message: String) -> XMLError { XMLError(line: node.line, "<\(node.name)> \(message)") }

    private func parsed<T>(_ text: String, _ attribute: String, as kind: String, _ parse: (String) -> T?) throws(XMLError) -> T {
        guard let value = parse(text) else { throw problem("has \(attribute)=\"\(text)\", not a \(kind)") }
        return value
    }
}
