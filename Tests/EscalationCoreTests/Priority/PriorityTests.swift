import EscalationCore
import XCTest

final class PriorityTests: XCTestCase {
    let model = PriorityModel()

    func evidence(p: Double = 0.2, s: Double = 0, risks: [String] = [], _ m: (inout AccountMetadata) -> Void = { _ in }) -> Evidence {
        var meta = AccountMetadata()
        m(&meta)
        return Evidence(probability: p, sentiment: s, risks: risks.map { RiskHit(category: $0, matched: $0, negated: false) }, metadata: meta)
    }

    func testDefaultConfigParses() {
        let c = PriorityConfig.default
        XCTAssertEqual(c.rules.map(\.name), ["security", "data_loss", "enterprise_outage", "billing_dispute", "sla_breached"])
        XCTAssertEqual(c.spec(.p1).respondMinutes, 15)
        XCTAssertEqual(c.spec(.p1).resolveHours, 2)
    }

    /// Each level starts exactly at its configured minimum.
    func testLevelsStartAtTheirMinimums() {
        let c = PriorityConfig.default
        for (level, below) in [(Level.p1, Level.p2), (.p2, .p3), (.p3, .p4)] {
            let minimum = c.spec(level).minimum
            XCTAssertEqual(model.level(for: minimum), level)
            XCTAssertEqual(model.level(for: minimum - 0.1), below)
        }
        XCTAssertEqual(model.level(for: 100), .p1)
        XCTAssertEqual(model.level(for: 0), .p4)
    }

    func testMissingMetadataIsNeutral() {
        let calm = model.assess(id: "x", evidence())
        XCTAssertEqual(calm.priority, 6, accuracy: 0.05, "only the classifier contributes: 100 × 0.30 × 0.2")
        XCTAssertFalse(calm.escalate)
        XCTAssertEqual(calm.type, .none)
        XCTAssertEqual(calm.tier, .t1)
    }

    func testMetadataRaisesPriority() {
        let base = model.assess(id: "x", evidence()).priority
        let rich = model.assess(id: "x", evidence { $0.accountTier = "enterprise"; $0.arrUSD = 1_000_000; $0.renewalDays = 0; $0.health = 0 }).priority
        XCTAssertEqual(rich - base, 100 * (0.06 + 0.05 + 0.04 + 0.03), accuracy: 0.05)
    }

    func testMatrixRules() {
        let dataLoss = model.assess(id: "x", evidence(risks: ["data_loss"]))
        XCTAssertEqual(dataLoss.level, .p1)
        XCTAssertEqual(dataLoss.tier, .t3)
        XCTAssertTrue(dataLoss.escalate)
        XCTAssertGreaterThanOrEqual(dataLoss.priority, 75)
        XCTAssertEqual(dataLoss.triggers, ["data_loss"])

        let entOutage = model.assess(id: "x", evidence(risks: ["outage"]) { $0.accountTier = "enterprise" })
        XCTAssertEqual(entOutage.level, .p1)
        XCTAssertEqual(entOutage.tier, .t2)
        XCTAssertEqual(entOutage.respondMinutes, 15)
        XCTAssertEqual(model.assess(id: "x", evidence(risks: ["outage"]) { $0.accountTier = "pro" }).triggers, [])

        let bigDispute = model.assess(id: "x", evidence(risks: ["billing"]) { $0.disputeAmountUSD = 5000 })
        XCTAssertEqual(bigDispute.route, "billing specialist")
        XCTAssertEqual(bigDispute.tier, .t2)
        XCTAssertEqual(bigDispute.type, .functional)
        XCTAssertNil(model.assess(id: "x", evidence(risks: ["billing"]) { $0.disputeAmountUSD = 50 }).route)

        let breached = model.assess(id: "x", evidence { $0.slaHoursLeft = -1 })
        XCTAssertGreaterThanOrEqual(breached.level, .p2)
        XCTAssertEqual(breached.triggers, ["sla_breached"])
    }

    func testReasonsExplainTheLargestContributions() {
        let a = model.assess(id: "x", evidence(p: 0.9, s: -0.8, risks: ["legal"]))
        XCTAssertTrue(a.reasons[0].hasPrefix("classifier P(escalate) 0.90"), a.reasons[0])
        XCTAssertTrue(a.reasons.contains { $0.hasPrefix("risk legal") })
        XCTAssertEqual(a.type, .hierarchical)
    }

    func testConfigOverrideAndErrors() throws {
        let c = try PriorityConfig.load(path: "t.toml", contents: "[decision]\nthreshold = 5 # low\n[rule.sla_breached]\nenabled = false\n")
        XCTAssertEqual(c.threshold, 5)
        XCTAssertTrue(PriorityModel(config: c).assess(id: "x", evidence()).escalate)
        XCTAssertEqual(PriorityModel(config: c).assess(id: "x", evidence { $0.slaHoursLeft = -1 }).triggers, [])

        XCTAssertThrowsError(try PriorityConfig.load(path: "t.toml", contents: "\n[weights]\nclasifier = 0.3\n")) {
            XCTAssertEqual("\($0)", "t.toml:3: error: unknown key 'clasifier' in [weights]")
        }
        XCTAssertThrowsError(try PriorityConfig.load(path: "t.toml", contents: "[decision]\nthreshold = \"high\"\n")) {
            XCTAssertEqual("\($0)", "t.toml:2: error: 'threshold' must be a number")
        }
        XCTAssertThrowsError(try PriorityConfig.load(path: "t.toml", contents: "version = 2\n")) {
            XCTAssertTrue("\($0)".hasPrefix("t.toml:1: error: config version 2"))
        }
    }

    func testAmountsInText() {
        XCTAssertEqual(Amounts.largestUSD(in: "charged $14,200 twice, and $99.50 fee"), 14_200)
        XCTAssertEqual(Amounts.largestUSD(in: "about 3000 USD"), 3000)
        XCTAssertNil(Amounts.largestUSD(in: "ticket 55123 from 2024"))
    }
}
