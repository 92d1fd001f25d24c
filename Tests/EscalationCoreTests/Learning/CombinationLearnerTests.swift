import EscalationCore
import Foundation
import XCTest

final class CombinationLearnerTests: XCTestCase {
    /// A toy history: classifier log-odds, sentiment, an outage mention and SLA hours, with
    /// labels drawn from a known logistic model (seeded), so every component matters but none
    /// decides alone. No account tier: no escalation-matrix rule fires.
    func toyRows(_ n: Int = 400, seed: UInt64 = 7) -> [CombinationRow] {
        var rng = SeededGenerator(seed: seed)
        return (0..<n).map { _ in
            let logOdds = Double.random(in: -6...6, using: &rng)
            let sentiment = Double.random(in: -1...0.6, using: &rng)
            let outage = Double.random(in: 0...1, using: &rng) < 0.3
            var m = AccountMetadata()
            if Double.random(in: 0...1, using: &rng) < 0.5 { m.slaHoursLeft = Double.random(in: 0.5...60, using: &rng) }
            var e = Evidence(probability: Logistic.probability(logOdds: logOdds), sentiment: sentiment,
                             risks: outage ? [RiskHit(category: "outage", matched: "down")] : [], metadata: m)
            e.logOdds = logOdds
            let sla = m.slaHoursLeft.map { max(0, 1 - $0 / 48) } ?? 0
            let z = -3 + 0.6 * logOdds + 2.5 * max(0, -sentiment) + 2 * (outage ? 0.8 : 0) + 1.5 * sla
            let label = Double.random(in: 0...1, using: &rng) < Logistic.probability(logOdds: z)
            return CombinationRow(evidence: e, label: label)
        }
    }

    /// The regression's own decision for a row: b + Σ βₖ xₖ ≥ logit(p*), on calibrated values.
    func regressionDecision(_ learned: LearnedCombination, _ row: CombinationRow) -> (escalate: Bool, margin: Double) {
        var e = row.evidence
        e.probability = learned.calibration.probability(logOdds: e.logOdds)
        // The component values as the learned config computes them (the classifier by its log-odds).
        let values = PriorityModel(config: try! learned.applied(to: .default, path: "toy")).components(e)
        var z = learned.intercept
        for (k, w) in learned.weights.enumerated() { z += learned.coefficients[k] * values[PriorityConfig.Component(key: w.key)!] }
        let cut = log(learned.probabilityCut / (1 - learned.probabilityCut))
        return (z >= cut, z - cut)
    }

    func testLearnedWeightsReproduceTheRegressionsDecision() throws {
        let rows = toyRows()
        let learned = try XCTUnwrap(CombinationLearner.fit(rows, base: .default))
        let config = try learned.applied(to: .default, path: "toy")
        let model = PriorityModel(config: config)
        XCTAssertEqual(config.threshold, learned.threshold)
        XCTAssertEqual(learned.weights.reduce(0) { $0 + $1.weight }, 1, accuracy: 1e-3, "learned weights sum to 1")
        var escalated = 0
        for row in rows {
            var e = row.evidence
            e.probability = learned.calibration.probability(logOdds: e.logOdds)
            let a = model.assess(id: "t", e)
            XCTAssertTrue(a.triggers.isEmpty)
            let lr = regressionDecision(learned, row)
            // Weights have 4 decimals and priorities 1: a ticket within a hair of the boundary may differ.
            if abs(lr.margin) > 0.01 { XCTAssertEqual(a.escalate, lr.escalate, "priority \(a.priority) vs threshold \(config.threshold), margin \(lr.margin)") }
            if a.escalate { escalated += 1 }
            // Reasons are still points per component, at the learned weights.
            let classifierPoints = 100 * config.weights[.classifier] * model.components(e)[.classifier]
            if classifierPoints >= 10 { XCTAssertTrue(a.reasons.contains { $0.hasPrefix("classifier") }, "\(a.reasons)") }
        }
        XCTAssertGreaterThan(escalated, 20)
        XCTAssertLessThan(escalated, rows.count - 20)
        // A level never contradicts the decision: P3 starts at the learned threshold.
        XCTAssertEqual(config.spec(.p3).minimum, learned.threshold)
        XCTAssertGreaterThanOrEqual(config.spec(.p2).minimum, learned.threshold)
    }

    /// Every row the regression decides with a clear margin, decided the same by the priority.
    func testDecisionsAgreeOnEveryRowOfASmallSeparatedSet() throws {
        let rows = toyRows(60, seed: 3)
        let learned = try XCTUnwrap(CombinationLearner.fit(rows, base: .default))
        let model = PriorityModel(config: try learned.applied(to: .default, path: "toy"))
        let agree = rows.filter { row in
            var e = row.evidence
            e.probability = learned.calibration.probability(logOdds: e.logOdds)
            return model.assess(id: "", e).escalate == regressionDecision(learned, row).escalate
        }
        XCTAssertEqual(agree.count, rows.count)
    }

    /// The classifier enters by its calibrated log-odds, placed between the training rows'
    /// 0.5% and 99.5% quantiles: a logistic regression is linear in them, not in the probability.
    func testTheClassifierCountsByItsLogOdds() throws {
        let rows = toyRows()
        let learned = try XCTUnwrap(CombinationLearner.fit(rows, base: .default))
        let range = try XCTUnwrap(learned.classifierLogOdds)
        let calibrated = rows.map { learned.calibration.slope * $0.evidence.logOdds + learned.calibration.intercept }.sorted()
        XCTAssertEqual(range.low, calibrated[1], accuracy: 0.002, "0.5% of 400 rows: the second lowest")
        XCTAssertEqual(range.high, calibrated[398], accuracy: 0.002)
        let config = try learned.applied(to: .default, path: "toy")
        XCTAssertEqual(config.classifierLogOddsLow, range.low)
        XCTAssertEqual(config.classifierLogOddsHigh, range.high)
        let model = PriorityModel(config: config)
        func value(_ logOdds: Double) -> Double {
            model.components(Evidence(probability: Logistic.probability(logOdds: logOdds), sentiment: 0, risks: [], metadata: AccountMetadata()))[.classifier]
        }
        // Linear in the log-odds between the bounds, 0 and 1 beyond them.
        let mid = (range.low + range.high) / 2
        XCTAssertEqual(value(mid), 0.5, accuracy: 1e-9)
        XCTAssertEqual(value(range.low + 0.25 * (range.high - range.low)), 0.25, accuracy: 1e-9)
        XCTAssertEqual(value(range.low - 3), 0)
        XCTAssertEqual(value(range.high + 3), 1)
        // The configured weights still read the probability.
        let p = Logistic.probability(logOdds: mid)
        XCTAssertEqual(PriorityModel().components(Evidence(probability: p, sentiment: 0, risks: [], metadata: AccountMetadata()))[.classifier], p)
    }

    func testLogOddsBoundsGoTogether() {
        XCTAssertThrowsError(try PriorityConfig.load(path: "c.toml", contents: "[scales]\nclassifier_log_odds_low = -3\n")) {
            XCTAssertTrue("\($0)".contains("set both classifier_log_odds_low and classifier_log_odds_high"), "\($0)")
        }
        XCTAssertThrowsError(try PriorityConfig.load(path: "c.toml", contents: "[scales]\nclassifier_log_odds_low = 2\nclassifier_log_odds_high = 1\n")) {
            XCTAssertTrue("\($0)".contains("must be below"), "\($0)")
        }
        let config = try? PriorityConfig.load(path: "c.toml", contents: "[scales]\nclassifier_log_odds_low = -4.5\nclassifier_log_odds_high = 2\n")
        XCTAssertEqual(config?.classifierLogOddsLow, -4.5)
        XCTAssertEqual(config?.classifierLogOddsHigh, 2)
    }

    func testAComponentWithoutDataKeepsItsWeight() throws {
        let learned = try XCTUnwrap(CombinationLearner.fit(toyRows(), base: .default))
        let keys = learned.weights.map(\.key)
        XCTAssertTrue(keys.contains("classifier") && keys.contains("negativity") && keys.contains("risk") && keys.contains("sla"), "\(keys)")
        for absent in ["arr", "tier", "renewal", "health", "declared_priority", "thread_trend"] { XCTAssertFalse(keys.contains(absent), absent) }
        let config = try learned.applied(to: .default, path: "toy")
        for c in PriorityConfig.Component.allCases where !keys.contains(c.key) {
            XCTAssertEqual(config.weights[c], PriorityConfig.default.weights[c], c.key)
        }
        XCTAssertNotEqual(config.weights[.classifier], PriorityConfig.default.weights[.classifier])
    }

    /// The coefficients the weights come from are never negative, and are the constrained optimum:
    /// a coefficient held at 0 has a gradient pushing it below 0.
    func testNonNegativeFitIsOptimal() {
        var rng = SeededGenerator(seed: 11)
        let rows = (0..<300).map { _ in (0..<3).map { _ in Double.random(in: 0...1, using: &rng) } }
        // The third feature lowers the odds: its coefficient is held at 0.
        let labels = rows.map { x in Double.random(in: 0...1, using: &rng) < Logistic.probability(logOdds: -1 + 3 * x[0] + x[1] - 4 * x[2]) }
        let targets = labels.map { $0 ? 1.0 : 0.0 }
        let free = LogisticRegression.fit(rows: rows, targets: targets, l2: 1)
        XCTAssertLessThan(free.coefficients[2], 0)
        let fit = LogisticRegression.fitNonNegative(rows: rows, targets: targets, l2: 1)
        XCTAssertEqual(fit.coefficients[2], 0)
        XCTAssertGreaterThan(fit.coefficients[0], 0.5)
        // Stationary in the free coordinates (intercept included), and the bound is active.
        var g = [0.0, 0, 0], g0 = 0.0
        for (x, t) in zip(rows, targets) {
            let r = Logistic.probability(logOdds: fit.logOdds(x)) - t
            g0 += r
            for k in 0..<3 { g[k] += r * x[k] }
        }
        XCTAssertEqual(g0, 0, accuracy: 1e-6)
        XCTAssertEqual(g[0] + fit.coefficients[0], 0, accuracy: 1e-6)
        XCTAssertEqual(g[1] + fit.coefficients[1], 0, accuracy: 1e-6)
        XCTAssertGreaterThan(g[2], 0)
        // Deterministic: the same data give the same bits.
        XCTAssertEqual(LogisticRegression.fitNonNegative(rows: rows, targets: targets, l2: 1), fit)
    }

    /// Platt on log-odds that are right in order but 5× too extreme recovers a slope near 1/5.
    func testPlattScalingShrinksOverconfidentLogOdds() {
        var rng = SeededGenerator(seed: 5)
        let truth = (0..<2000).map { _ in Double.random(in: -4...4, using: &rng) }
        let labels = truth.map { Double.random(in: 0...1, using: &rng) < Logistic.probability(logOdds: $0) }
        let c = Calibration.platt(logOdds: truth.map { 5 * $0 }, labels: labels)
        XCTAssertEqual(c.slope, 0.2, accuracy: 0.03)
        XCTAssertEqual(c.intercept, 0, accuracy: 0.15)
        XCTAssertEqual(Calibration.identity.probability(logOdds: 1.5), Logistic.probability(logOdds: 1.5))
    }

    func testNothingToLearnGivesNil() {
        // Labels unrelated to any component that varies: every coefficient ends at 0.
        let rows = (0..<40).map { i -> CombinationRow in
            var e = Evidence(probability: 0.5, sentiment: 0.2, risks: [], metadata: AccountMetadata())
            e.logOdds = 0
            return CombinationRow(evidence: e, label: i % 2 == 0)
        }
        XCTAssertNil(CombinationLearner.fit(rows, base: .default))
    }
}
