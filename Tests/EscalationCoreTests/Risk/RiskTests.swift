import EscalationCore
import XCTest

final class RiskTests: XCTestCase {
    let n = Fixture.normalizer()
    lazy var r = Fixture.resources(n)
    lazy var matcher = RiskMatcher(lexicon: r.risk, modifiers: r.modifiers)

    func categories(_ s: String) -> Set<String> {
        Set(matcher.hits(in: n.normalize(s)).filter(\.counts).map(\.category))
    }

    func testEveryCategoryFromTheIssue() {
        let cases: [(String, String)] = [
            ("legal", "we will talk to our lawyer"), ("legal", "this is a breach of contract"),
            ("churn", "we will switch to a competitor"), ("churn", "we will not renew"),
            ("outage", "the site is not loading"), ("outage", "we get 500 errors everywhere"),
            ("security", "there was unauthorized access to our account"), ("security", "our keys were leaked"),
            ("data_loss", "we have missing records"), ("data_loss", "the file is corrupted"),
            ("billing", "we were double charged"), ("billing", "this is an invoice dispute"),
            ("sla", "still waiting after the SLA"), ("sla", "third time I write"),
            ("hierarchy", "let me talk to your supervisor"), ("hierarchy", "I want to speak to your CEO"),
        ]
        for (category, text) in cases {
            XCTAssertTrue(categories(text).contains(category), "\(text) → \(categories(text))")
        }
    }

    func testInflectionsOfCancel() {
        for word in ["cancel", "cancelled", "cancelling", "cancellation", "CANCELED"] {
            XCTAssertEqual(categories("we are \(word) our plan"), ["churn"], word)
        }
    }

    func testNegationIsReportedButNotCounted() {
        let hits = matcher.hits(in: n.normalize("We are not cancelling. No outage here."))
        XCTAssertEqual(hits.map(\.category), ["churn", "outage"])
        XCTAssertTrue(hits.allSatisfy(\.negated))
        XCTAssertEqual(categories("Not happy. Cancel it"), ["churn"], "negation stops at punctuation")
    }

    func testHarmlessMentionsAreExempt() {
        XCTAssertEqual(categories("legal entity name on invoice"), [])
        XCTAssertEqual(categories("how do I cancel one seat?"), [])
        XCTAssertEqual(categories("manager role permissions"), [])
        XCTAssertEqual(categories("the SLA is breached"), ["sla"], "an exemption only covers its own category")
    }

    /// Exemptions are tried only around hits: one that starts words before its hit ("i deleted",
    /// "sla is breached") still covers it, next to hits it does not cover.
    func testExemptionsStartingBeforeTheirHit() {
        let hits = matcher.hits(in: n.normalize("Data is gone since I deleted the draft, and we lost the data. The SLA is breached."))
        XCTAssertEqual(hits.map(\.matched), ["data is gone", "deleted", "we lost", "sla", "breached"])
        XCTAssertEqual(hits.filter(\.exempt).map(\.matched), ["deleted", "breached"])
        XCTAssertEqual(Set(hits.filter(\.counts).map(\.category)), ["data_loss", "sla"])
    }

    func testRequestsCountEvenWhenAsked() throws {
        // `?term`: a request even inside an informational question; the category's other terms
        // stay ignored there.
        let lexicon = try RiskLexicon(file: SectionedFile(path: "r.txt", contents: "[hierarchy questions=ignore]\n?speak ... supervisor\nsupervisor\n"), normalizer: n)
        XCTAssertEqual(lexicon.requests, [0])
        XCTAssertEqual(lexicon.merging(lexicon).requests, [0, 2], "a merged lexicon keeps both files' requests")
        XCTAssertEqual(lexicon.terms.entries.map(\.payload.text), ["speak ... supervisor", "supervisor"])
        let requests = RiskMatcher(lexicon: lexicon, modifiers: r.modifiers)
        func counted(_ s: String) -> [String] { requests.hits(in: n.normalize(s)).filter(\.counts).map(\.matched) }
        XCTAssertEqual(counted("Could I speak to a supervisor?"), ["speak to a supervisor"])
        XCTAssertEqual(counted("Is there a supervisor role?"), [])
        XCTAssertEqual(counted("We need a supervisor now."), ["supervisor"])
        // The built-in lexicon: asked requests count, questions about escalation do not.
        XCTAssertEqual(categories("Could I speak to a supervisor, please?"), ["hierarchy"])
        XCTAssertEqual(categories("Can you please escalate this?"), ["hierarchy"])
        XCTAssertEqual(categories("How does escalation work on the Pro plan?"), [])
        XCTAssertEqual(categories("Is there a supervisor role in the admin console?"), [])
    }

    func testLongestTermWins() {
        XCTAssertEqual(categories("you are in breach of contract"), ["legal"])
    }

    func testMalformedLexiconLineIsLocated() {
        XCTAssertThrowsError(try RiskLexicon(file: SectionedFile(path: "Lexicons/risk.test", contents: "# header\n[legal]\nlawyer\n[bad\n"), normalizer: n)) { error in
            XCTAssertEqual("\(error)", "Lexicons/risk.test:4: error: malformed section header '[bad'; expected [name]")
        }
        XCTAssertThrowsError(try RiskLexicon(file: SectionedFile(path: "r.txt", contents: "orphan\n"), normalizer: n)) { error in
            XCTAssertEqual("\(error)", "r.txt:1: error: term before any [category]")
        }
        XCTAssertThrowsError(try Modifiers(file: SectionedFile(path: "m.txt", contents: "[intensifiers]\nvery much\n"), normalizer: n)) { error in
            XCTAssertTrue("\(error)".hasPrefix("m.txt:2: error:"), "\(error)")
        }
    }

    func testMatchingIsLinearOnPathologicalInput() {
        // Many stem candidates on every word; must finish quickly (no backtracking).
        let text = String(repeating: "cancel cancel breach of of of ", count: 20_000)
        XCTAssertEqual(matcher.hits(in: n.normalize(text)).count, 60_000)
    }
}
