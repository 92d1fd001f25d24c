import EscalationCore
import XCTest

final class SentimentTests: XCTestCase {
    let n = Fixture.normalizer()
    lazy var r = Fixture.resources(n)
    lazy var analyzer = SentimentAnalyzer(lexicon: r.sentiment, modifiers: r.modifiers)

    func score(_ s: String) -> Double { analyzer.compound(n.normalize(s)) }

    func testSignOfPlainText() {
        XCTAssertGreaterThan(score("The support team was great and helpful"), 0.5)
        XCTAssertLessThan(score("This is terrible and unacceptable"), -0.5)
        XCTAssertEqual(score("The invoice is attached"), 0)
    }

    func testNegationFlips() {
        XCTAssertGreaterThan(score("I am happy"), 0)
        XCTAssertLessThan(score("I am not happy"), 0)
        XCTAssertLessThan(score("I don't like it"), 0)
    }

    func testBoosterAndDampener() {
        XCTAssertGreaterThan(abs(score("extremely disappointed")), abs(score("disappointed")))
        XCTAssertLessThan(abs(score("slightly disappointed")), abs(score("disappointed")))
    }

    func testContrastWeighsTheLaterClause() {
        XCTAssertLessThan(score("The agent was nice, but the product is terrible"), score("The agent was nice and the product is terrible"))
    }

    func testCapsAndExclamationEmphasis() {
        XCTAssertLessThan(score("The app is BROKEN again"), score("The app is broken again"))
        XCTAssertLessThan(score("The app is broken!!!"), score("The app is broken"))
    }

    func testSupportPhrasesAndEmoji() {
        XCTAssertLessThan(score("still waiting for an answer"), -0.3)
        XCTAssertGreaterThan(score("thanks for the quick fix, it works now"), 0.5)
        XCTAssertLessThan(score("the dashboard 😡"), 0)
    }

    func testCompoundStaysInRange() {
        let long = String(repeating: "horrible awful terrible unacceptable!!! ", count: 200)
        XCTAssertGreaterThanOrEqual(score(long), -1)
        XCTAssertEqual(SentimentAnalyzer.normalize(1e9), 1, accuracy: 1e-6)
    }
}
