import EscalationCore
import XCTest

/// Hostile input: each must come back (linear passes, no recursion) as valid UTF-8.
/// Correctness only; no timing is asserted.
final class HygieneBadInputTests: XCTestCase {
    func clean(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> [UInt8] {
        let result = Hygiene.clean(bytes).utf8
        XCTAssertNotNil(String(validatingUTF8: result.map { CChar(bitPattern: $0) } + [0]), file: file, line: line)
        XCTAssertLessThanOrEqual(result.count, bytes.count, file: file, line: line)
        return result
    }

    func testUnchangedTextIsTheSameArray() {
        for text in ["The export fails.", "Price is 5 - 3", "", "ünïcödé ok"] {
            let bytes = Array(text.utf8)
            let result = Hygiene.clean(bytes)
            XCTAssertEqual(result.utf8, bytes)
            XCTAssertTrue(result.removed.isEmpty)
        }
        let multi = Array("two\nlines & more > less".utf8)
        XCTAssertEqual(Hygiene.clean(multi).utf8, multi)
    }

    func testEntityBomb() {
        let bomb = "<p>" + String(repeating: "&amp;amp;amp;amp;", count: 60_000) + "</p>"
        let out = clean(Array(bomb.utf8))
        XCTAssertEqual(out, Array(String(repeating: "&amp;amp;amp;", count: 60_000).utf8))
    }

    func testDeeplyNestedTags() {
        let html = String(repeating: "<div><span>", count: 100_000) + "deep words" + String(repeating: "</span></div>", count: 100_000)
        XCTAssertEqual(String(decoding: clean(Array(html.utf8)), as: UTF8.self), "deep words")
        let quotes = "<p>mine</p>" + String(repeating: "<blockquote>", count: 100_000) + "old"
        XCTAssertEqual(String(decoding: clean(Array(quotes.utf8)), as: UTF8.self), "mine")
    }

    func testUnclosedTags() {
        XCTAssertEqual(String(decoding: clean(Array("<p>slow export</p> <".utf8)), as: UTF8.self), "slow export\n\n<")
        XCTAssertEqual(String(decoding: clean(Array("<p>a</p><b class=\"x>still text".utf8)), as: UTF8.self),
                       "a\n\nstill text")
        let many = "<p>x</p>" + String(repeating: "<a href=\"", count: 100_000)
        XCTAssertEqual(clean(Array(many.utf8)).prefix(2), [0x78, 0x0A])
        let script = "<p>before</p><script>" + String(repeating: "x<", count: 100_000)
        XCTAssertEqual(String(decoding: clean(Array(script.utf8)), as: UTF8.self), "before")
        let comments = "<p>t</p>" + String(repeating: "<!-- > ", count: 50_000)
        _ = clean(Array(comments.utf8))
    }

    func testRunsOfGreaterThan() {
        let line = [UInt8](repeating: 0x3E, count: 1 << 20)
        XCTAssertEqual(clean(line), line)  // all quote: kept as it was
        let lines = Array(String(repeating: ">\n", count: 100_000).utf8)
        XCTAssertEqual(clean(lines), lines)
        let withWords = Array(("Help\n" + String(repeating: "> x\n", count: 100_000)).utf8)
        XCTAssertEqual(clean(withWords), Array("Help".utf8))
    }

    func testManyHeaderLookalikes() {
        let text = String(repeating: "On 1 wrote\nFrom: a\nx\n", count: 30_000)
        XCTAssertEqual(clean(Array(text.utf8)), Array(text.utf8))
    }

    func testFiveMegabytes() {
        var text = "<html><body>"
        let paragraph = "<p>Our dashboard returns 503 &amp; customers are affected. Caf&eacute;.</p>\n"
        while text.utf8.count < 5_000_000 { text += paragraph }
        text += "<div class=\"gmail_quote\">old</div>"
        let out = clean(Array(text.utf8))
        XCTAssertTrue(String(decoding: out.suffix(40), as: UTF8.self).hasSuffix("affected. Café."))
        let plain = Array(String(repeating: "word ", count: 1_000_000).utf8)
        XCTAssertEqual(clean(plain), plain)
    }

    func testInvalidLookingEntitiesStayValid() {
        let html = "<p>" + ["&#xFFFFFFFF;", "&#0;", "&#xD800;", "&#xDFFF;", "&#1114112;", "&#", "&#x;", "&;", "&",
                            "&#x110000", "&#55296"].joined(separator: " ") + "</p>"
        let out = String(decoding: clean(Array(html.utf8)), as: UTF8.self)
        XCTAssertEqual(out.unicodeScalars.filter { $0 == "\u{FFFD}" }.count, 7)
    }
}
