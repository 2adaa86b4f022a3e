@testable import GraderReports
import LibXML2
import Testing

/// The candidate reports' XML writer writes, byte for byte, what libxml2's text writer wrote:
/// the reports of earlier runs stay byte-identical and `ReportReuse` keeps reading them.
@Suite("XML text")
struct XMLTextTests {
    /// Strings that exercise every escape and replacement: markup, quotes, CR/LF/tab, every C0
    /// control, U+FFFE/U+FFFF and their neighbours, non-ASCII text, and the empty string.
    static let hostile: [String] = [
        "", "plain", "a & b < c > d \"e\" 'f'", "line\nbreak\r\nand\ttab", "\u{0}\u{1}\u{8}\u{B}\u{C}\u{E}\u{1F}\u{7F}",
        "Nina Müller — naïve 漢字 😀", "\u{FFFE}\u{FFFF}\u{FFFD}\u{FFFC}\u{EFFF}", "]]> <!-- --> <?pi?>",
        "&amp; already &lt;escaped&gt;", String(repeating: "long text with <b>markup</b> & more ", count: 200),
    ]

    /// One random document, written through `write` twice (libxml2, then `XMLText`).
    struct Document {
        enum Step { case start(String), attribute(String, String), text(String), end }
        var steps: [Step] = []

        init(seed: UInt64) {
            var random = SplitMix(seed)
            var depth = 0, inStartTag = false, hasText = false
            let names = ["report", "question", "answer", "evidence", "x-y"]
            steps.append(.start("report"))
            depth = 1; inStartTag = true
            for _ in 0..<40 {
                switch random.next() % 4 {
                case 0 where !hasText && depth < 5:
                    steps.append(.start(names[Int(random.next() % 5)])); depth += 1; inStartTag = true; hasText = false
                case 1 where inStartTag:
                    steps.append(.attribute("a\(random.next() % 3)", hostile[Int(random.next() % UInt64(hostile.count))]))
                case 2 where depth > 0 && (inStartTag || hasText):
                    steps.append(.text(hostile[Int(random.next() % UInt64(hostile.count))])); inStartTag = false; hasText = true
                case 3 where depth > 1:
                    steps.append(.end); depth -= 1; inStartTag = false; hasText = false
                default: break
                }
            }
        }

        func libxml2() throws -> [UInt8] {
            let xml = try XMLWriter()
            for step in steps {
                switch step {
                case .start(let name): try xml.startElement(name)
                case .attribute(let name, let value): try xml.attribute(name, value)
                case .text(let value): try xml.text(value)
                case .end: try xml.endElement()
                }
            }
            return try xml.finish()
        }

        func direct(into xml: inout XMLText) throws -> [UInt8] {
            xml.startDocument()
            for step in steps {
                switch step {
                case .start(let name): try xml.startElement(name)
                case .attribute(let name, let value): try xml.attribute(name, value)
                case .text(let value): try xml.text(value)
                case .end: try xml.endElement()
                }
            }
            try xml.finish()
            return xml.bytes
        }
    }

    struct SplitMix {
        var state: UInt64
        init(_ seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func writesWhatLibxml2WritesForRandomDocuments() throws {
        var xml = XMLText(capacity: 0)   // one buffer for every document: nothing of one may remain in the next
        for seed in UInt64(1)...300 {
            let document = Document(seed: seed)
            let expected = try document.libxml2()
            let written = try document.direct(into: &xml)
            #expect(written == expected, "seed \(seed):\n\(String(decoding: written, as: UTF8.self))\nlibxml2:\n\(String(decoding: expected, as: UTF8.self))")
            if written != expected { break }
        }
    }

    @Test func eachHostileStringAsTextAndAttributeIsWhatLibxml2Writes() throws {
        for value in Self.hostile {
            let libxml2 = try XMLWriter()
            try libxml2.element("e", attributes: ["v": value], text: value)
            var direct = XMLText(capacity: 0)
            direct.startDocument()
            try direct.element("e", attributes: ["v": value], text: value)
            try direct.finish()
            #expect(direct.bytes == (try libxml2.finish()), "\(value.debugDescription)")
        }
    }

    /// Spelled out, so the test fails even if both writers changed alike.
    @Test func knownDocument() throws {
        var xml = XMLText(capacity: 0)
        xml.startDocument()
        try xml.startElement("report")
        try xml.attribute("format", "3")
        try xml.element("candidate", attributes: ["id": "c<1>", "note": "a\tb\nc\r\"d\"&"])
        try xml.element("answer", attributes: ["line": "9"], text: "x < y & \"z\"\r\n\u{1}\u{FFFF}")
        try xml.startElement("question")
        try xml.element("empty", text: "")
        try xml.finish()
        #expect(String(decoding: xml.bytes, as: UTF8.self) == """
            <?xml version="1.0" encoding="UTF-8"?>
            <report format="3">
              <candidate id="c&lt;1&gt;" note="a&#9;b&#10;c&#13;&quot;d&quot;&amp;"/>
              <answer line="9">x &lt; y &amp; &quot;z&quot;&#13;\n\u{FFFD}\u{FFFD}</answer>
              <question>
                <empty></empty>
              </question>
            </report>

            """)
    }

    @Test func misuseIsAnError() throws {
        var xml = XMLText(capacity: 0)
        xml.startDocument()
        #expect(throws: XMLError.self) { try xml.endElement() }
        #expect(throws: XMLError.self) { try xml.text("outside") }
        try xml.startElement("a")
        try xml.text("t")
        #expect(throws: XMLError.self) { try xml.attribute("late", "v") }
    }
}
