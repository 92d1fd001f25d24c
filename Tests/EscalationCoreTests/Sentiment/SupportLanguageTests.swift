import EscalationCore
import Foundation
import XCTest

/// Quality gate on `Tests/Fixtures/sentiment_support.jsonl`: support-language sentences with a
/// sentiment sign and the risk categories that apply. Prints the confusion so regressions show.
final class SupportLanguageTests: XCTestCase {
    struct Example: Decodable {
        var text: String
        var sentiment: String
        var risks: [String]
        var split: String
    }

    func testSignAccuracyAndRiskPrecisionRecall() throws {
        let n = Fixture.normalizer()
        let r = Fixture.resources(n)
        n.emoticons = r.sentiment.emoticons
        let analyzer = SentimentAnalyzer(lexicon: r.sentiment, modifiers: r.modifiers)
        let matcher = RiskMatcher(lexicon: r.risk, modifiers: r.modifiers)
        let lines = try String(contentsOfFile: Fixture.path("Tests/Fixtures/sentiment_support.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        let examples = try lines.map { try JSONDecoder().decode(Example.self, from: Data($0.utf8)) }
        XCTAssertGreaterThanOrEqual(examples.count, 150)

        let classes = ["neg", "neu", "pos"]
        var confusion = [String: [String: Int]]()
        var correct = 0
        var tp = [String: Int](), fp = [String: Int](), fn = [String: Int]()
        for e in examples {
            let text = n.normalize(e.text)
            let hits = matcher.hits(in: text)
            let score = analyzer.compound(text, risks: hits, riskValence: r.risk.valence)
            let sign = score >= 0.05 ? "pos" : score <= -0.05 ? "neg" : "neu"
            confusion[e.sentiment, default: [:]][sign, default: 0] += 1
            if sign == e.sentiment { correct += 1 }
            let got = Set(hits.filter(\.counts).map(\.category)), expected = Set(e.risks)
            for c in got.intersection(expected) { tp[c, default: 0] += 1 }
            for c in got.subtracting(expected) { fp[c, default: 0] += 1; print("risk false positive \(c): \(e.text)") }
            for c in expected.subtracting(got) { fn[c, default: 0] += 1; print("risk missed \(c): \(e.text)") }
        }
        print("sentiment confusion (rows = label, columns = escalate):")
        print("      " + classes.map { $0.padding(toLength: 5, withPad: " ", startingAt: 0) }.joined())
        for label in classes {
            print(label.padding(toLength: 6, withPad: " ", startingAt: 0) + classes.map {
                String(confusion[label]?[$0] ?? 0).padding(toLength: 5, withPad: " ", startingAt: 0)
            }.joined())
        }
        let accuracy = Double(correct) / Double(examples.count)
        print("sign accuracy \(accuracy)")
        XCTAssertGreaterThanOrEqual(accuracy, 0.9)

        for category in r.risk.categories {
            let t = Double(tp[category] ?? 0), p = t + Double(fp[category] ?? 0), a = t + Double(fn[category] ?? 0)
            XCTAssertGreaterThan(a, 0, "\(category) has no examples")
            let precision = p > 0 ? t / p : 0, recall = a > 0 ? t / a : 0
            print("\(category): precision \(precision) recall \(recall)")
            XCTAssertGreaterThanOrEqual(precision, 0.9, category)
            XCTAssertGreaterThanOrEqual(recall, 0.9, category)
        }
    }
}
