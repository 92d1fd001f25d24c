import EscalationCore
import XCTest

final class TunedConfigTests: XCTestCase {
    private func levels(_ t: TunedConfig) throws -> PriorityConfig {
        try PriorityConfig.load(path: "<test>", contents: t.overlay(header: "test", version: true))
    }

    func testLevelsFollowTheThreshold() throws {
        let up = try levels(TunedConfig(base: .default, threshold: 82.3, tierThresholds: [:]))
        XCTAssertEqual([up.spec(.p3).minimum, up.spec(.p2).minimum, up.spec(.p1).minimum], [82.3, 87.75, 93.19])
        let down = try levels(TunedConfig(base: .default, threshold: 20, tierThresholds: [:]))
        XCTAssertEqual([down.spec(.p3).minimum, down.spec(.p2).minimum, down.spec(.p1).minimum], [20, 55, 75], "lowering widens P3 only")
        let same = TunedConfig(base: .default, threshold: 35, tierThresholds: [:])
        XCTAssertEqual(same.levelChanges, [], "the built-in threshold is the P3 minimum already")
        XCTAssertFalse(same.overlay(header: "h", version: true).contains("[levels]"))
    }

    /// Whatever the thresholds, every priority that makes P1 or P2 reaches every threshold.
    func testPOneAndTwoAlwaysEscalate() throws {
        for (t, tiers) in [(82.3, [:]), (40, ["enterprise": 90.0]), (100, [:]), (0, ["pro": 60]), (54.9, ["free": 55.1])] as [(Double, [String: Double])] {
            let config = try levels(TunedConfig(base: .default, threshold: t, tierThresholds: tiers))
            let model = PriorityModel(config: config)
            let highest = tiers.values.reduce(config.threshold, max)
            for tenth in 0...1000 {
                let p = Double(tenth) / 10
                let level = model.level(for: p)
                if level == .p1 || level == .p2 { XCTAssertGreaterThanOrEqual(p, highest, "\(t) \(tiers): \(p) is \(level)") }
                if tiers.isEmpty { XCTAssertEqual(level != .p4, p >= t, "\(t): P1–P3 exactly when escalated by score (\(p))") }
            }
        }
    }

    func testBaseTierThresholdsAreReplacedByTheOverallOne() throws {
        var base = PriorityConfig.default
        base.tierThresholds = ["enterprise": 20, "pro": 50]
        let t = TunedConfig(base: base, threshold: 45, tierThresholds: ["pro": 60])
        XCTAssertEqual(t.tierThresholds.map(\.tier), ["enterprise", "pro"])
        XCTAssertEqual(t.tierThresholds.map(\.threshold), [45, 60])
        XCTAssertEqual(t.replacedTiers, ["enterprise"])
    }

    func testRulesForceEscalationsInTuning() {
        // Two forced tickets (one calm) and scores: no threshold gets below 2 of 6 escalated.
        let cases = [TuningCase(priority: 10, label: false, rules: ["a"]), TuningCase(priority: 20, label: true, rules: ["a", "b"]),
                     TuningCase(priority: 90, label: true), TuningCase(priority: 60, label: true),
                     TuningCase(priority: 30, label: false), TuningCase(priority: 5, label: false)]
        let low = Tuning.best(cases, objective: .rate(0.1))!
        XCTAssertEqual(low.threshold, 90.1, "just above the highest priority no rule forces")
        XCTAssertEqual(low.confusion.tp + low.confusion.fp, 2)
        XCTAssertEqual(Tuning.lowestRate(cases)!, 100 * 2 / 6, accuracy: 1e-12)
        let forced = Tuning.forcedByRules(cases)
        XCTAssertEqual(forced.tickets, 2)
        XCTAssertEqual(forced.perRule.map(\.rule), ["a", "b"])
        XCTAssertEqual(forced.perRule.map(\.tickets), [2, 1])
        let f1 = Tuning.best(cases, objective: .f1)!
        XCTAssertEqual(f1.threshold, 60, "the forced calm ticket is a false positive at any threshold")
        XCTAssertEqual(f1.confusion.fp, 1)
    }
}
