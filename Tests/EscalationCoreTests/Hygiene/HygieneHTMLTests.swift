import EscalationCore
import XCTest

/// HTML to text, and quoted containers in HTML.
final class HygieneHTMLTests: XCTestCase {
    func testIssue503Body() {
        let html = "<p>Our <b>production dashboard</b> has been returning 503 since 2am and "
            + "<strong>all our customers are affected</strong>. We need someone NOW.</p>"
        let result = cleaned(html)
        XCTAssertEqual(result.text, "Our production dashboard has been returning 503 since 2am and "
            + "all our customers are affected. We need someone NOW.")
        XCTAssertEqual(result.removed, report(html: 6))
    }

    func testEntities() {
        let result = cleaned("<div>Caf&eacute; &amp; bar &lt;3 &mdash; &#8364;5 &#x1F600; &hellip;&nbsp;ok &bogus; AT&T</div>")
        XCTAssertEqual(result.text, "Café & bar <3 — €5 😀 … ok &bogus; AT&T")
    }

    func testEntitiesAreDecodedOnce() {
        XCTAssertEqual(cleaned("<p>&amp;amp;lt;</p>").text, "&amp;lt;")
        XCTAssertEqual(cleaned("<p>&lt;b&gt;bold&lt;/b&gt;</p>").text, "<b>bold</b>")
    }

    func testInvalidNumericReferencesBecomeReplacement() {
        let result = cleaned("<p>a&#xFFFFFFFF;b&#0;c&#xD800;d&#99999999999999999999;e&#150;f</p>")
        XCTAssertEqual(result.text, "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{2013}f")
    }

    func testBlocksBecomeLines() {
        let html = "<html><head><title>T</title><style>p { color: red }</style></head><body>"
            + "<p>First line</p><p>Second<br>third</p><ul><li>one</li><li>two</li></ul>"
            + "<script>alert('outage')</script><table><tr><td>a</td><td>b</td></tr></table></body></html>"
        XCTAssertEqual(cleaned(html).text, "First line\n\nSecond\nthird\n\none\ntwo\n\na b")
    }

    func testSourceLineBreaksCollapse() {
        XCTAssertEqual(cleaned("<div>the export\n   fails\n</div>\n<div>again</div>").text, "the export fails\nagain")
    }

    func testPlainTextWithAddressesIsNotHTML() {
        let text = "Hi,\nplease write to <ann@example.com> about 3 < 4 and a <-> b."
        XCTAssertEqual(cleaned(text).text, text)
        let log = "Build fails:\nMarkerTool.java:856: warning: empty <p> tag\n    * <em>note"
        XCTAssertEqual(cleaned(log).text, log)
        XCTAssertEqual(cleaned("Server<br>down").text, "Server\ndown")
        XCTAssertEqual(cleaned("<b>urgent</b> it is down").text, "urgent it is down")
    }

    func testBlockquoteDropsWhatFollows() {
        let html = "<div>Thanks, that fixed it!</div><div><br><blockquote type=\"cite\">We are sorry about the outage."
            + "<br>The data loss is recovered.</blockquote></div><div>old footer</div>"
        let result = cleaned(html)
        XCTAssertEqual(result.text, "Thanks, that fixed it!")
        XCTAssertEqual(result.removed.quotedLines, 3)
    }

    func testGmailQuote() {
        let html = "<div dir=\"ltr\">Works now, thanks</div><br><div class=\"gmail_quote\"><div dir=\"ltr\" "
            + "class=\"gmail_attr\">On Tue, Dec 1, 2026 at 10:04 AM Support &lt;s@example.com&gt; wrote:<br></div>"
            + "<div>Your account was breached.</div></div>"
        XCTAssertEqual(cleaned(html).text, "Works now, thanks")
    }

    func testOutlookDividers() {
        let bodies = [
            "<div id=\"divRplyFwdMsg\" dir=\"ltr\"><b>From:</b> Support<br><b>Sent:</b> Monday</div><p>outage</p>",
            "<div id=\"appendonsend\"></div><hr><b>From:</b> Support<br><b>Sent:</b> Monday<p>outage</p>",
            "<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in\"><p><b>From:</b> "
                + "Support</p></div><p>outage</p>",
        ]
        for body in bodies {
            XCTAssertEqual(cleaned("<p>Please close it.</p>" + body).text, "Please close it.", body)
        }
        // The <hr> divider: the text rule finds the header block after it.
        let hr = "<p>Please close it.</p><hr><b>From:</b> Support<br><b>Sent:</b> Monday<br><b>To:</b> Ann"
            + "<br><b>Subject:</b> RE: outage<p>We had an outage</p>"
        XCTAssertEqual(cleaned(hr).text, "Please close it.")
    }

    func testOnlyAQuoteKeepsTheWholeText() {
        let result = cleaned("<blockquote>the outage is fixed</blockquote>")
        XCTAssertEqual(result.text, "the outage is fixed")
        XCTAssertEqual(result.removed, report(html: 2))
    }

    func testHTMLSignatureAndNotice() {
        let html = "<p>The login page is down.</p><p>-- <br>Ann<br>Acme</p>"
        XCTAssertEqual(cleaned(html).text, "The login page is down.")
        XCTAssertEqual(cleaned(html).removed, report(html: 6, signature: 3))
    }

    func testCommentsAndConditionals() {
        let html = "<!DOCTYPE html><!--[if mso]><xml><o:x>junk</o:x></xml><![endif]--><p>Hi <!-- note --> there</p>"
        XCTAssertEqual(cleaned(html).text, "Hi there")
    }
}
