@testable import EscalationCore
import XCTest

/// `SectionedFile.termAndValue`: "phrase  number" lines of the sentiment files.
final class SectionedFileTests: XCTestCase {
    func entry(_ text: String) throws -> (SectionedFile, SectionedFile.Entry) {
        let file = try SectionedFile(path: "s.txt", contents: "[words]\n" + text + "\n")
        return (file, try XCTUnwrap(file.entries.first))
    }

    func testTermAndNumberSplitAtBlanks() throws {
        for (line, term, value) in [("still waiting  -1.5", "still waiting", -1.5), ("a\tb   2", "a b", 2.0),
                                    ("très  déçu\t-2.5", "très déçu", -2.5), ("☹️ -2", "☹️", -2.0), (":-( -1.9", ":-(", -1.9)] {
            let (file, e) = try entry(line)
            let (t, v) = try file.termAndValue(e, range: -4...4)
            XCTAssertEqual(t, term, line)
            XCTAssertEqual(v, value, line)
        }
    }

    func testMalformedLinesNameTheLine() throws {
        for line in ["word", "word x", "5"] {
            let (file, e) = try entry(line)
            XCTAssertThrowsError(try file.termAndValue(e, range: -4...4), line) { error in
                XCTAssertTrue("\(error)".contains("s.txt:2"), "\(error)")
            }
        }
        let (file, e) = try entry("great 9")
        XCTAssertThrowsError(try file.termAndValue(e, range: -4...4)) { XCTAssertTrue("\($0)".contains("outside"), "\($0)") }
    }
}
