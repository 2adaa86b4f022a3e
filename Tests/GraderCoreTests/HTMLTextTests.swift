@testable import GraderReports
import Testing

/// The element, attribute and page helpers: data lands escaped in content and in attribute
/// values, and the markup around it is exactly what the pages have always written.
@Suite("HTML text")
struct HTMLTextTests {
    static let hostile = "\"><script>alert('x')</script>&"
    static let escaped = "&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"

    func written(_ write: (inout HTMLText) -> Void) -> String {
        var html = HTMLText(capacity: 0)
        write(&html)
        return String(decoding: html.bytes, as: UTF8.self)
    }

    @Test func elementEscapesContentAndEveryAttributeValue() {
        let page = written { $0.element("td", ["class": Self.hostile, "title": "plain"], Self.hostile) }
        #expect(page == "<td class=\"\(Self.escaped)\" title=\"plain\">\(Self.escaped)</td>")
    }

    @Test func startEndAndEmptyWriteTheTagsAsGiven() {
        let page = written { html in
            html.start("g")
            html.empty("circle", ["cx": "1", "r": "2.5"])
            html.end("g")
            html.element("b", "x")
        }
        #expect(page == "<g><circle cx=\"1\" r=\"2.5\"/></g><b>x</b>")
    }

    @Test func rowEscapesEachCell() {
        #expect(written { $0.row(["a", Self.hostile]) } == "<tr><td>a</td><td>\(Self.escaped)</td></tr>\n")
    }

    @Test func pageShellHasThePolicyAndAnEscapedTitle() {
        let page = written { html in
            html.beginPage(title: Self.hostile, stylesheet: Array("p{color:red}\n".utf8))
            html.endPage()
        }
        #expect(page == """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>\(Self.escaped)</title>
        <style>
        p{color:red}
        </style>
        </head>
        <body>
        </body>
        </html>

        """)
    }

    /// A candidate page links its stylesheet file (before the title, so every such page starts with
    /// the same bytes) under a policy that lets style come from the page's own files.
    @Test func pageShellWithALinkedStylesheet() {
        let page = written { html in
            html.beginPage(title: Self.hostile, stylesheetLink: "../candidate.css")
            html.endPage()
        }
        #expect(page == """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self' 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <link rel="stylesheet" href="../candidate.css">
        <title>\(Self.escaped)</title>
        </head>
        <body>
        </body>
        </html>

        """)
        #expect(Array(page.utf8).starts(with: HTMLReportWriter.pageStart) && page.utf8.count > HTMLReportWriter.pageStart.count)
        #expect(String(decoding: HTMLReportWriter.pageStart, as: UTF8.self).hasSuffix("<link rel=\"stylesheet\" href=\"../candidate.css\">\n"))
    }

    @Test func shippedStylesheetsCannotCloseTheStyleElement() {
        for name in ["candidate.css", "cohort.css", "tune.css"] {
            let sheet = HTMLText.stylesheet(name)
            #expect(!sheet.isEmpty && !sheet.contains(UInt8(ascii: "<")), "\(name)")
        }
    }

    @Test func svgShapesAreOneElementEachWithTheirCoordinatesRounded() {
        let page = written { html in
            html.svgLine(class: "grid", x1: 1, x2: 2.25, y1: 3, y2: 3)
            html.svgText(Self.hostile, x: 0.04, y: 10, anchor: .end, class: "axis")
            html.svgRect(x: 1, y: 2, width: 3, height: 4, opacity: 0.5, title: "<t>")
            html.svgRect(class: "box", x: 1, y: 2, width: 3, height: 12)
            html.svgCircle(class: "mean", cx: 1, cy: 2, r: 2.5)
        }
        #expect(page == "<line class=\"grid\" x1=\"1\" x2=\"2.3\" y1=\"3\" y2=\"3\"/>"
                + "<text class=\"axis\" x=\"0\" y=\"10\" text-anchor=\"end\">\(Self.escaped)</text>"
                + "<rect x=\"1\" y=\"2\" width=\"3\" height=\"4\" fill-opacity=\"0.5\"><title>&lt;t&gt;</title></rect>"
                + "<rect class=\"box\" x=\"1\" y=\"2\" width=\"3\" height=\"12\"/>"
                + "<circle class=\"mean\" cx=\"1\" cy=\"2\" r=\"2.5\"/>")
    }

    @Test func gridlineIsALineAndItsLabelOnALineOfTheirOwn() {
        let page = written { $0.svgGridline(x1: 0, x2: 10, y1: 5, y2: 5, label: "0.5", at: (-4, 9), anchor: .end) }
        #expect(page == "<line class=\"grid\" x1=\"0\" x2=\"10\" y1=\"5\" y2=\"5\"/><text class=\"axis\" x=\"-4\" y=\"9\" text-anchor=\"end\">0.5</text>\n")
    }
}
