@testable import EscalationCore
import XCTest

/// Impact and urgency: read from an impact lexicon, counted only for a ticket reporting a
/// problem, and floored by the [impact_urgency] matrix.
final class ImpactTests: XCTestCase {
    let normalizer = Fixture.normalizer()

    func impact(_ text: String, problem: Bool = true) throws -> ImpactEvidence {
        let file = try SectionedFile(path: "impact.txt", contents: """
            [impact_wide]
            none of our users
            [impact_several]
            several users
            [urgency_immediate]
            in two hours
            [urgency_soon]
            since yesterday
            [people]
            users
            stores
            """)
        let lexicon = try ImpactCategory.lexicon(file: file, normalizer: normalizer)
        var modifiers = Modifiers()
        modifiers.questionOpeners = ["can"]
        let matcher = RiskMatcher(lexicon: lexicon, modifiers: modifiers)
        let normalized = normalizer.normalize(text, vocabulary: matcher.vocabulary)
        return ImpactEvidence(hits: matcher.hits(in: normalized), text: normalized, problem: problem)
    }

    func testScopeAndUrgencyTerms() throws {
        let e = try impact("Since yesterday none of our users can sign in")
        XCTAssertEqual(e.impact, .wide)
        XCTAssertEqual(e.urgency, .soon)
        XCTAssertEqual(e.impactTerms, ["none of our users"])
        XCTAssertEqual(e.urgencyTerms, ["since yesterday"])
        XCTAssertEqual(try impact("Several users see errors, payroll runs in two hours").urgency, .immediate)
    }

    func testHeadCountsSetTheScope() throws {
        XCTAssertEqual(try impact("4,000 users cannot log in").impact, .wide)
        XCTAssertEqual(try impact("4.000 of our users are locked out").impact, .wide)
        XCTAssertEqual(try impact("12 stores are offline").impact, .several)
        XCTAssertEqual(try impact("2 users are offline").impact, .single)
        // A number in another clause is not a head count.
        XCTAssertEqual(try impact("Ticket 4000. users cannot log in").impact, .single)
    }

    func testNegatorsNegateScopeButNotTimeOrHeadCounts() throws {
        var modifiers = Modifiers()
        modifiers.negators = ["not", "cannot"]
        let file = try SectionedFile(path: "impact.txt", contents: "[impact_wide]\nall users\n[urgency_soon]\nsince yesterday\n[people]\nusers\n")
        let matcher = RiskMatcher(lexicon: try ImpactCategory.lexicon(file: file, normalizer: normalizer), modifiers: modifiers)
        func read(_ text: String) -> ImpactEvidence {
            let normalized = normalizer.normalize(text, vocabulary: matcher.vocabulary)
            return ImpactEvidence(hits: matcher.hits(in: normalized), text: normalized, problem: true)
        }
        XCTAssertEqual(read("We cannot log in since yesterday").urgency, .soon)
        XCTAssertEqual(read("We cannot serve 4,000 users").impact, .wide)
        XCTAssertEqual(read("It is not all users, only mine").impact, .single)
    }

    func testNoProblemNoImpact() throws {
        let e = try impact("none of our users need training, in two hours we start", problem: false)
        XCTAssertEqual(e.impact, .wide)
        XCTAssertTrue(e.counted == (Impact.single, Urgency.none))
    }

    func testQuestionsDoNotCount() throws {
        XCTAssertEqual(try impact("Can several users share one login?").impact, .single)
    }

    func testMatrixFloorEscalatesAndNamesItself() throws {
        var e = Evidence(probability: 0.1, sentiment: 0.3, risks: [RiskHit(category: "outage", matched: "can't log in")], metadata: AccountMetadata())
        e.impact.impact = .wide
        e.impact.urgency = .soon
        e.impact.problem = true
        let a = PriorityModel().assess(id: "x", e)
        XCTAssertTrue(a.escalate)
        XCTAssertEqual(a.level, .p2)
        XCTAssertEqual(a.triggers, [PriorityModel.impactTrigger])
        XCTAssertEqual(a.reasons.first, "impact wide × urgency soon: P2")
        XCTAssertGreaterThanOrEqual(a.priority, PriorityConfig.default.spec(.p2).minimum)
        XCTAssertEqual(a.impact, .wide)
        XCTAssertEqual(a.urgency, .soon)
        // Without a problem the same words set nothing.
        e.impact.problem = false
        let calm = PriorityModel().assess(id: "y", e)
        XCTAssertTrue(calm.triggers.isEmpty)
        XCTAssertEqual(calm.impact, .single)
    }

    func testMatrixIsConfigurable() throws {
        let config = try PriorityConfig.load(path: "t.toml", contents: "[impact_urgency]\nwide_soon = \"P4\"\nsingle_immediate = \"p2\"\n")
        XCTAssertEqual(config.floor(impact: .wide, urgency: .soon), .p4)
        XCTAssertEqual(config.floor(impact: .single, urgency: .immediate), .p2)
        XCTAssertEqual(config.floor(impact: .wide, urgency: .immediate), .p1)
        XCTAssertThrowsError(try PriorityConfig.load(path: "t.toml", contents: "[impact_urgency]\nhuge_now = \"P1\"\n")) {
            XCTAssertTrue("\($0)".contains("t.toml:2"), "\($0)")
        }
    }
}
