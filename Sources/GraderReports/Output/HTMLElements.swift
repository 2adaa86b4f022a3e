/// Elements and attributes in one call each. Tag and attribute names are the page's own
/// literals (`StaticString`); every attribute value and every content string is escaped,
/// whether it came from a candidate, the rubric or the program (a number, a class name).
extension HTMLText {
    /// `<tag name="value" …>`.
    public mutating func start(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:]) {
        markup("<")
        markup(tag)
        self.attributes(attributes)
        markup(">")
    }

    /// `</tag>`.
    public mutating func end(_ tag: StaticString) {
        markup("</")
        markup(tag)
        markup(">")
    }

    /// `<tag name="value" …/>`: an element with no content, as SVG writes them. Not for HTML's
    /// own elements: a browser reads `<span/>` as an open `<span>`.
    package mutating func empty(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:]) {
        markup("<")
        markup(tag)
        self.attributes(attributes)
        markup("/>")
    }

    /// `<tag name="value" …>content</tag>`, the content escaped.
    public mutating func element(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String>, _ content: String) {
        start(tag, attributes)
        text(content)
        end(tag)
    }

    /// `<tag>content</tag>`, the content escaped.
    public mutating func element(_ tag: StaticString, _ content: String) {
        element(tag, [:], content)
    }

    /// A table cell of data: `<td>value</td>`.
    public mutating func cell(_ value: String) {
        markup("<td>")
        text(value)
        markup("</td>")
    }

    /// A table row of data cells, each escaped.
    public mutating func row(_ cells: [String]) {
        markup("<tr>")
        for value in cells { cell(value) }
        markup("</tr>\n")
    }

    /// ` name="value"`, for a tag written piece by piece (as the SVG shapes are, whose
    /// attributes are sometimes there and sometimes not).
    public mutating func attribute(_ name: StaticString, _ value: String) {
        markup(" ")
        markup(name)
        markup("=\"")
        text(value)
        markup("\"")
    }

    private mutating func attributes(_ attributes: KeyValuePairs<StaticString, String>) {
        for (name, value) in attributes { attribute(name, value) }
    }
}
