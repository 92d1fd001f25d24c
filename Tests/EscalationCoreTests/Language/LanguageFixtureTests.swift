import EscalationCore
import Foundation
import XCTest

/// Every language's fixture (`Tests/Fixtures/languages/L.jsonl`, written with its lexicons) read
/// by the checkout's lexicons and corpus: the exact set of counted risk categories, negations,
/// the escalation decision, impact and urgency, the detected language, and sentiment sign
/// accuracy of at least 0.9 per language. `scripts/check_languages` runs the same checks on a
/// binary and prints the figures; the held-out files under `heldout/` are only measured there.
final class LanguageFixtureTests: XCTestCase {
    struct Case: Decodable {
        var text: String
        var risks: [String]
        var negated: [String]?
        var escalate: Bool?
        var sentiment: Int?
        /// Outer nil: not checked; inner nil (JSON null): there must be none.
        var impact: String??
        var urgency: String??
        var language: String?

        enum Key: String, CodingKey { case text, risks, negated, escalate, sentiment, impact, urgency, language }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            text = try c.decode(String.self, forKey: .text)
            risks = try c.decode([String].self, forKey: .risks)
            negated = try c.decodeIfPresent([String].self, forKey: .negated)
            escalate = try c.decodeIfPresent(Bool.self, forKey: .escalate)
            sentiment = try c.decodeIfPresent(Int.self, forKey: .sentiment)
            language = try c.decodeIfPresent(String.self, forKey: .language)
            func level(_ key: Key) throws -> String?? {
                guard c.contains(key) else { return nil }
                return .some(try c.decodeNil(forKey: key) ? nil : c.decode(String.self, forKey: key))
            }
            impact = try level(.impact)
            urgency = try level(.urgency)
        }
    }

    let escalator = Fixture.escalator()

    static func files() throws -> [String] {
        let dir = Fixture.path("Tests/Fixtures/languages")
        return try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".jsonl") }.sorted()
            .map { dir + "/" + $0 }
    }

    func testEveryLanguageHasAFixture() throws {
        let names = Set(try Self.files().map { ($0 as NSString).lastPathComponent })
        for language in Language.allCases {
            XCTAssertTrue(names.contains("\(language.code).jsonl"), "no fixture for \(language.code)")
        }
    }

    func testFixtures() throws {
        for path in try Self.files() {
            let language = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            var signs = (right: 0, total: 0)
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            for (n, line) in lines.enumerated() where !line.isEmpty {
                let c = try JSONDecoder().decode(Case.self, from: Data(line.utf8))
                let at = "\((path as NSString).lastPathComponent):\(n + 1) \(c.text.prefix(70))"
                let trace = escalator.trace(Ticket(id: "\(n)", text: c.text))
                let a = trace.assessment
                XCTAssertEqual(Set(a.risks.map(\.category)), Set(c.risks), "risks: \(at)")
                for category in c.negated ?? [] {
                    XCTAssertTrue(trace.evidence.risks.contains { $0.category == category && $0.negated }, "\(category) not negated: \(at)")
                }
                if let escalate = c.escalate { XCTAssertEqual(a.escalate, escalate, "escalate (priority \(a.priority)): \(at)") }
                if let impact = c.impact { XCTAssertEqual(a.impact == .single ? nil : a.impact.name, impact, "impact: \(at)") }
                if let urgency = c.urgency { XCTAssertEqual(a.urgency == .none ? nil : a.urgency.name, urgency, "urgency: \(at)") }
                XCTAssertEqual(a.language, c.language ?? language, "language: \(at)")
                if let sign = c.sentiment {
                    let got = a.sentiment >= 0.05 ? 1 : a.sentiment <= -0.05 ? -1 : 0
                    signs.total += 1
                    if got == sign { signs.right += 1 }
                }
            }
            if signs.total > 0 {
                XCTAssertGreaterThanOrEqual(Double(signs.right) / Double(signs.total), 0.9, "sentiment sign accuracy in \(path)")
            }
        }
    }
}
