/// The shell every Grader page shares: the candidate pages, the cohort page and the tune page.
/// Each is one self-contained file: its style inline, and a Content-Security-Policy that allows
/// no script, no network request and no form, so a hostile answer that slipped through escaping
/// still could not run or send anything anywhere.
extension HTMLText {
    /// Everything up to and including `<body>`: doctype, charset, the policy, viewport,
    /// referrer, the title (escaped) and the stylesheet (a shipped resource, see `stylesheet(_:)`).
    mutating func beginPage(title: String, stylesheet: [UInt8]) {
        markup("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        markup("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        markup(Self.contentSecurityPolicy)
        markup("\">\n")
        markup("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"referrer\" content=\"no-referrer\">\n")
        element("title", title)
        markup("\n<style>\n")
        trusted(stylesheet)
        markup("</style>\n</head>\n<body>\n")
    }

    /// Closes what `beginPage` opened.
    mutating func endPage() {
        markup("</body>\n</html>\n")
    }

    /// Style may come only from the page itself and images only from `data:`; nothing else loads.
    private static var contentSecurityPolicy: StaticString {
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    }

    /// A page's stylesheet, shipped in `Resources/`. Style is raw text in HTML (entities are not
    /// decoded there), so it is inlined as it is, never escaped; any `<` is dropped so it cannot
    /// close the element.
    static func stylesheet(_ resource: String) -> [UInt8] {
        Schemas.resource(resource).filter { $0 != UInt8(ascii: "<") }
    }
}
