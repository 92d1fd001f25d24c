import EscalationCore
import XCTest

/// The whole pipeline on the acceptance example, with the default corpus.
final class EscalatorTests: XCTestCase {
    let escalator = Fixture.escalator()

    func testAngryOutageOutranksThanks() {
        let a = escalator.assess(Ticket(id: "a", text: "Our production cluster is DOWN, this is the third outage this week. We will cancel and talk to our lawyers."))
        let b = escalator.assess(Ticket(id: "b", text: "Thanks, the export works now!"))
        XCTAssertGreaterThan(a.priority, b.priority + 40)
        XCTAssertTrue(a.level == .p1 || a.level == .p2, "\(a.level)")
        XCTAssertTrue(Set(["outage", "churn", "legal"]).isSubset(of: Set(a.risks.map(\.category))))
        XCTAssertTrue(a.escalate)
        XCTAssertFalse(b.escalate)
        XCTAssertGreaterThan(b.sentiment, 0)
    }

    func testCorpusIsLearnedReasonably() throws {
        // Training accuracy is an optimistic figure, but a broken tokenizer or feature bug shows here.
        let examples = try LabeledFile.readDirectory(Fixture.path("Corpora"))
        XCTAssertGreaterThanOrEqual(examples.count, 400)
        let positives = examples.filter(\.escalate).count
        XCTAssertEqual(Double(positives) / Double(examples.count), 0.4, accuracy: 0.06)
        let n = escalator.normalizer
        let correct = examples.filter { (escalator.classifier.probability(words: escalator.classifier.tokens(of: n.normalize($0.text))) >= 0.5) == $0.escalate }
        XCTAssertGreaterThan(Double(correct.count) / Double(examples.count), 0.95)
    }
}
