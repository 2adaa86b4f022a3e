import Foundation
import LibXML2
import Testing

@Suite("libxml2 wrapper")
struct LibXML2Tests {
    static let schema = """
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:element name="a"><xs:complexType><xs:attribute name="n" type="xs:integer" use="required"/></xs:complexType></xs:element>
    </xs:schema>
    """

    @Test func parsesElementsAttributesAndLines() throws {
        let tree = try XMLTree(bytes: Array("<r>\n<a n=\"1\">x &amp; y</a>\n<b/></r>".utf8), name: "t.xml")
        let root = try #require(tree.root)
        #expect(root.children.map(\.name) == ["a", "b"])
        #expect(root.children[0].attribute("n") == "1")
        #expect(root.children[0].text == "x & y")
        #expect(root.children[0].line == 2)
    }

    /// Attributes are read in place, not through xmlGetProp's copy: references decoded, empty and absent ones told apart.
    @Test func readsAttributeValuesAsLibxml2DecodesThem() throws {
        let tree = try XMLTree(bytes: Array("<r n=\"x &amp; &lt;y&gt; &#10;&#x263A;&quot;\" e=\"\" xml:lang=\"en\" nn=\"2\"/>".utf8), name: "t.xml")
        let root = try #require(tree.root)
        #expect(root.attribute("n") == "x & <y> \n☺\"")
        #expect(root.attribute("e") == "")
        #expect(root.attribute("lang") == "en")
        #expect(root.attribute("nn") == "2")
        #expect(root.attribute("m") == nil && root.attribute("") == nil)
    }

    @Test func malformedXMLReportsTheLine() {
        do {
            _ = try XMLTree(bytes: Array("<r>\n<a>\n</r>".utf8), name: "bad.xml")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.line == 3)
        }
    }

    @Test func refusesDocumentsWithADTD() {
        let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
        <lolz>&lol2;</lolz>
        """
        #expect(throws: XMLError.self) { try XMLTree(bytes: Array(billionLaughs.utf8), name: "lol.xml") }
    }

    @Test func neverReadsAnExternalEntity() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("grader-xxe-secret.txt")
        try "TOP-SECRET".write(to: secret, atomically: true, encoding: .utf8)
        let xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE r [<!ENTITY x SYSTEM "file://\(secret.path)">]>
        <r>&x;</r>
        """
        do {
            let tree = try XMLTree(bytes: Array(xxe.utf8), name: "xxe.xml")
            #expect(tree.root?.text.contains("TOP-SECRET") != true)
        } catch {
            #expect(!error.description.contains("TOP-SECRET"))
        }
    }

    @Test func schemaValidationNamesLineAndProblem() throws {
        let validator = try XMLSchemaValidator(bytes: Array(Self.schema.utf8), name: "s.xsd")
        try validator.validate(bytes: Array("<a n=\"3\"/>".utf8), name: "ok.xml")
        do {
            try validator.validate(bytes: Array("\n<a n=\"three\"/>".utf8), name: "bad.xml")
            Issue.record("expected a validity error")
        } catch {
            #expect(error.diagnostics.first?.line == 2)
            #expect(error.description.contains("three"))
        }
    }

    @Test func writerEscapesMarkupAndReplacesForbiddenCharacters() throws {
        let writer = try XMLWriter()
        try writer.element("a", attributes: ["q": "\"<x>\" & 'y'"], text: "</a><script>]]>&\u{1}\u{0}")
        let bytes = try writer.finish()
        let tree = try XMLTree(bytes: bytes, name: "written.xml")
        let root = try #require(tree.root)
        #expect(root.attribute("q") == "\"<x>\" & 'y'")
        #expect(root.text == "</a><script>]]>&\u{FFFD}\u{FFFD}")
    }

    /// Strings that exercise every escape in text and in attributes, forbidden
    /// characters, non-ASCII text, and the empty string.
    static let awkward = ["", "plain", "a < b && c > d", "\"double\" 'single'", "tab\there\nnewline\r\ncr", "]]> --> <!--",
                          "forbidden \u{1}\u{0}\u{FFFE} end", "ünïcödé € 𝄞 e\u{301}", "&amp; is already escaped"]

    /// The same document written twice: once with plain strings, once with the strings
    /// pre-escaped by `EscapedXML`; indentation and nesting around them must not change.
    @Test func preEscapedFragmentsWriteTheSameBytes() throws {
        func document(escaped: Bool) throws -> [UInt8] {
            let writer = try XMLWriter()
            try writer.startElement("root")
            for value in Self.awkward {
                try writer.startElement("rule")
                try writer.attribute("id", "r")
                if escaped { try writer.attribute("matcher", EscapedXML.attribute(value)) } else { try writer.attribute("matcher", value) }
                if escaped { try writer.element("feedback", text: EscapedXML.text(value)) } else { try writer.element("feedback", text: value) }
                try writer.element("after", attributes: ["n": "1"])
                try writer.endElement()
                try writer.startElement("bare")
                if escaped { try writer.attribute("matcher", EscapedXML.attribute(value)) } else { try writer.attribute("matcher", value) }
                try writer.endElement()
                if escaped { try writer.element("prompt", text: EscapedXML.text(value)) } else { try writer.element("prompt", text: value) }
            }
            try writer.endElement()
            return try writer.finish()
        }
        let plain = try document(escaped: false)
        #expect(try document(escaped: true) == plain)
        let tree = try XMLTree(bytes: plain, name: "fragments.xml")
        #expect(tree.root?.firstChild(named: "rule")?.attribute("matcher") == "")
    }

    @Test func escapedFragmentsHoldLibxml2sEscapes() throws {
        #expect(try EscapedXML.text("a < b & \"c\" 'd' >\r\t\n").bytes == Array("a &lt; b &amp; &quot;c&quot; 'd' &gt;&#13;\t\n".utf8))
        #expect(try EscapedXML.attribute("a < b & \"c\" 'd' >\r\t\n").bytes == Array("a &lt; b &amp; &quot;c&quot; 'd' &gt;&#13;&#9;&#10;".utf8))
        #expect(try EscapedXML.text("x\u{1}y").bytes == Array("x\u{FFFD}y".utf8))
        #expect(try EscapedXML.text("").bytes.isEmpty)
    }

    @Test func drainedPiecesAddUpToTheDocument() throws {
        func write(_ writer: XMLWriter, drainEvery: Int?) throws -> [UInt8] {
            var bytes: [UInt8] = []
            try writer.startElement("ranking")
            for index in 0..<50 {
                if let every = drainEvery, index % every == 0 { bytes += try writer.drain() }
                try writer.element("candidate", attributes: ["id": "c\(index)", "name": "Zoë <\(index)> & co"])
            }
            try writer.endElement()
            return bytes + (try writer.finish())
        }
        let whole = try write(XMLWriter(), drainEvery: nil)
        #expect(try write(XMLWriter(), drainEvery: 7) == whole)
        #expect(try XMLTree(bytes: whole, name: "ranking.xml").root?.children(named: "candidate").count == 50)
    }
}
