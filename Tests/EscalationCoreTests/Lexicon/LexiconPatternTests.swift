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

/// `SentimentLexicon.emoticons` reads bytes; over the built-in lexicon it must pick what the
/// rule says in Unicode terms: 2–8 printable ASCII scalars, some neither letter nor digit, at
/// most two letters.
final class EmoticonRuleTests: XCTestCase {
    func testEmoticonsFollowTheRuleOverTheBuiltInLexicon() {
        let lexicon = Fixture.resources(Fixture.normalizer()).sentiment
        let expected = Set(lexicon.words.keys.filter { key in
            key.unicodeScalars.count >= 2 && key.unicodeScalars.count <= 8
                && key.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 }
                && key.unicodeScalars.contains { !($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
                && key.unicodeScalars.filter(\.properties.isAlphabetic).count <= 2
        })
        XCTAssertGreaterThan(expected.count, 50)
        XCTAssertEqual(lexicon.emoticons, expected)
        XCTAssertTrue(lexicon.emoticons.contains(":-("))
        XCTAssertFalse(lexicon.emoticons.contains("can't"))
    }
}
