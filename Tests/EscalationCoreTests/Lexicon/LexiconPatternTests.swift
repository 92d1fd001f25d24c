@testable import EscalationCore
import Foundation
import XCTest

/// Lexicon words that skip the normalizer (`isFoldedWord`) are exactly what it would make of them.
final class LexiconPatternTests: XCTestCase {
    func testFoldedWordsNeedNoNormalizer() throws {
        let normalizer = Fixture.normalizer()
        let dir = Fixture.path("Lexicons")
        var checked = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasSuffix(".txt") && name != "vader_lexicon.txt" {
            let text = try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
            for word in text.split(whereSeparator: { " \t\n|*!#[]=".contains($0) }) where Normalizer.isFoldedWord(word) {
                XCTAssertEqual(normalizer.normalize(String(word)).words, [String(word)], "\(name): \(word)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 5000)
        for word in ["straße", "Cancel", "don't", "e-mail", "a÷b", "ｓｌａ", ""] {
            XCTAssertFalse(Normalizer.isFoldedWord(Substring(word)), word)
        }
        XCTAssertTrue(Normalizer.isFoldedWord("kündigen"))
        XCTAssertTrue(Normalizer.isFoldedWord("résilier"))
    }
}
