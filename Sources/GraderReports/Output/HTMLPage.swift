import GraderFoundation

/// The shell every Grader page shares: the candidate pages, the cohort page and the tune page.
/// Each has a Content-Security-Policy that allows no script, no network request and no form, so
/// a hostile answer that slipped through escaping still could not run or send anything anywhere.
/// Most are one self-contained file, their style inline; the candidate pages, one per candidate,
/// link one stylesheet file instead (`beginPage(title:stylesheetLink:)`).
extension HTMLText {
    /// Everything up to and including `<body>`: doctype, charset, the policy, viewport,
    /// referrer, the title (escaped) and the stylesheet (a shipped resource, see `stylesheet(_:)`).
    /// `policy` and `referrer` replace the files' for a page served with forms (`grader review`'s:
    /// under `no-referrer` a browser sends a form's `Origin` as `null`, and the server checks it).
    public mutating func beginPage(title: String, stylesheet: [UInt8], policy: StaticString = contentSecurityPolicy,
                                   referrer: StaticString = "no-referrer") {
        markup("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        markup("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        markup(policy)
        markup("\">\n")
        markup("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"referrer\" content=\"")
        markup(referrer)
        markup("\">\n")
        element("title", title)
        markup("\n<style>\n")
        trusted(stylesheet)
        markup("</style>\n</head>\n<body>\n")
    }

    /// Everything up to and including `<body>` for a page whose stylesheet is a file at `href`
    /// (relative to the page), under `linkedStylesheetPolicy`. The link comes before the title,
    /// so the page's first bytes are the same on every page (`ReportReuse` tells layouts apart by them).
    package mutating func beginPage(title: String, stylesheetLink href: StaticString) {
        markup("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        markup("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        markup(Self.linkedStylesheetPolicy)
        markup("\">\n")
        markup("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"referrer\" content=\"no-referrer\">\n")
        markup("<link rel=\"stylesheet\" href=\"")
        markup(href)
        markup("\">\n")
        element("title", title)
        markup("\n</head>\n<body>\n")
    }

    /// Closes what `beginPage` opened.
    public mutating func endPage() {
        markup("</body>\n</html>\n")
    }

    /// Style may come only from the page itself and images only from `data:`; nothing else loads.
    public static var contentSecurityPolicy: StaticString {
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    }

    /// `contentSecurityPolicy`, but style may also come from a file (`'self'`: for a page opened
    /// from disk, a `file:` URL, which Chromium and Firefox both allow; served, the same origin).
    /// Inline style stays allowed for the `style` attributes the pages set (a bar's width).
    public static var linkedStylesheetPolicy: StaticString {
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    }

    /// A page's stylesheet, shipped in `Resources/`. Style is raw text in HTML (entities are not
    /// decoded there), so it is inlined as it is, never escaped; any `<` is dropped so it cannot
    /// close the element.
    public static func stylesheet(_ resource: String) -> [UInt8] {
        Schemas.resource(resource).filter { $0 != UInt8(ascii: "<") }
    }
}
