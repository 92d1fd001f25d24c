import Foundation

/// One training ticket as the combination learns from it: its evidence, with the classifier's
/// log-odds from a model that never saw it (out of fold), and its label.
public struct CombinationRow: Sendable {
    public var evidence: Evidence
    public var label: Bool

    public init(evidence: Evidence, label: Bool) {
        self.evidence = evidence
        self.label = label
    }

    var logOdds: Double { evidence.logOdds }
}

/// Fits `LearnedCombination`: Platt scaling of the classifier, then a non-negative logistic
/// regression over the priority components, mapped onto weights and a threshold.
///
/// The classifier enters as its calibrated log-odds (scaled to 0…1 by `logOddsRange`), the scale
/// on which a logistic regression is linear in it.
///
/// The mapping. The regression escalates when b + Σ βₖ xₖ ≥ logit(p*), i.e. when Σ βₖ xₖ ≥ D.
/// With S = Σ βₖ, the weights βₖ / S sum to 1 (like the configured evidence weights) and the
/// threshold 100 D / S makes `priority ≥ threshold` that same decision: the priority is the
/// regression's score, rescaled to 0…100, and a component's points are its share of it. Weights
/// are written with 4 decimals and the threshold with 1, like a priority; D is placed midway
/// between two training tickets' scores so that rounding does not move any of them.
///
/// The cut p*: the F1-best decision on the training rows among those that escalate nothing
/// without evidence (D > 0), as the configured threshold was chosen by F1 (`escalate tune`
/// moves it afterwards).
public enum CombinationLearner {
    /// λ of the L2 penalty: the data's log-likelihood is a sum over tickets, so with hundreds of
    /// tickets it barely shrinks the ~15 coefficients, and with a handful it keeps them finite.
    public static let defaultL2 = 1.0

    /// The component values `train` learns from, with `probability` calibrated.
    static func values(_ rows: [CombinationRow], _ model: PriorityModel, _ calibration: Calibration) -> [ComponentValues] {
        rows.map { row in
            var e = row.evidence
            e.probability = calibration.probability(logOdds: row.logOdds)
            return model.components(e)
        }
    }

    /// Nil when the data leave nothing to learn (no component with a positive coefficient).
    public static func fit(_ rows: [CombinationRow], base: PriorityConfig, l2: Double = defaultL2) -> LearnedCombination? {
        let labels = rows.map(\.label)
        let calibration = Calibration.platt(logOdds: rows.map(\.logOdds), labels: labels)
        let range = logOddsRange(rows.map { calibration.slope * $0.logOdds + calibration.intercept })
        var base = base
        (base.classifierLogOddsLow, base.classifierLogOddsHigh) = (range?.low, range?.high)
        let values = values(rows, PriorityModel(config: base), calibration)
        // A component never exercised (0 for every ticket) has nothing to learn from: it keeps its weight.
        let exercised = PriorityConfig.Component.allCases.filter { c in values.contains { $0[c] != 0 } }
        let x = values.map { v in exercised.map { v[$0] } }
        var fit = LogisticRegression.fitNonNegative(rows: x, targets: labels.map { $0 ? 1 : 0 }, l2: l2)
        // Rounding noise of a coefficient the optimum puts at 0 (a constant column) is 0.
        fit.coefficients = fit.coefficients.map { $0 < 1e-8 ? 0 : $0 }
        let total = fit.coefficients.reduce(0, +)
        guard total > 0, let boundary = decisionBoundary(x.map { zip(fit.coefficients, $0).reduce(0) { $0 + $1.0 * $1.1 } }, labels) else { return nil }

        let threshold = (1000 * boundary / total).rounded() / 10
        let weights = zip(exercised, fit.coefficients).map { (key: $0.key, weight: ($1 / total * 10_000).rounded() / 10_000) }
        // Levels follow the threshold as tune moves them: P3 starts at it, P2 and P1 stay above.
        var noTiers = base
        noTiers.tierThresholds = [:]
        let moved = TunedConfig(base: noTiers, threshold: threshold, tierThresholds: [:])
        func minimum(_ key: String, _ level: Level) -> Double { moved.levelChanges.first { $0.key == key }?.to ?? base.spec(level).minimum }
        return LearnedCombination(
            weights: weights, threshold: threshold,
            levelMinimums: (minimum("p3_min", .p3), minimum("p2_min", .p2), minimum("p1_min", .p1)),
            calibration: calibration, classifierLogOdds: range, intercept: fit.intercept, coefficients: fit.coefficients,
            probabilityCut: Logistic.probability(logOdds: fit.intercept + boundary), l2: l2)
    }

    /// Where the classifier component runs from 0 to 1: the 0.5% and 99.5% quantiles of the
    /// training tickets' calibrated log-odds (3 decimals), so that a few extreme tickets (a long
    /// one reaches ±30) do not squeeze the rest into a few points; beyond them it is 0 or 1.
    /// Nil when they do not differ (a classifier that says nothing): its probability then.
    static func logOddsRange(_ logOdds: [Double]) -> (low: Double, high: Double)? {
        let sorted = logOdds.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return nil }
        let last = Double(sorted.count - 1)
        let low = (sorted[Int((0.005 * last).rounded(.down))] * 1000).rounded(.down) / 1000
        let high = (sorted[Int((0.995 * last).rounded(.up))] * 1000).rounded(.up) / 1000
        return high - low >= 0.01 ? (low, high) : nil
    }

    /// D > 0: the F1-best cut on the scores Σ βₖ xₖ, midway between the lowest score it escalates
    /// and the next lower one (ties go to the higher cut, as in `Tuning`). Nil when every score is 0.
    static func decisionBoundary(_ scores: [Double], _ labels: [Bool]) -> Double? {
        let groups = Metrics.groupedByScore(scores, labels)
        let positives = Double(labels.filter { $0 }.count)
        var tp = 0.0, fp = 0.0
        var best: (f1: Double, index: Int)?
        for (k, g) in groups.enumerated() where g.score > 0 {
            tp += g.positives; fp += g.negatives
            let f1 = 2 * tp / (tp + fp + positives)
            if best == nil || f1 > best!.f1 { best = (f1, k) }
        }
        guard let best else { return nil }
        let lowest = groups[best.index].score
        let next = best.index + 1 < groups.count ? max(0, groups[best.index + 1].score) : 0
        return (lowest + next) / 2
    }

    /// Out-of-fold priorities for the model card: with `base` as configured (the probability
    /// uncalibrated, as scoring did without learned settings), and with a combination learned on
    /// the other folds' rows. `fold[i]` in 0..<k.
    public static func crossValidated(_ rows: [CombinationRow], fold: [Int], k: Int, base: PriorityConfig,
                                      l2: Double = defaultL2) -> (configured: [Double], learned: [Double]) {
        let configuredModel = PriorityModel(config: base)
        var configured = [Double](repeating: 0, count: rows.count), learned = configured
        for (i, row) in rows.enumerated() {
            var e = row.evidence
            e.probability = Calibration.identity.probability(logOdds: row.logOdds)
            configured[i] = configuredModel.assess(id: "", e).priority
        }
        for f in 0..<k {
            let held = rows.indices.filter { fold[$0] == f }
            let combination = fit(rows.indices.filter { fold[$0] != f }.map { rows[$0] }, base: base, l2: l2)
            let config = (try? combination?.applied(to: base, path: "<fold>")) ?? base
            let model = PriorityModel(config: config)
            let calibration = combination?.calibration ?? .identity
            for i in held {
                var e = rows[i].evidence
                e.probability = calibration.probability(logOdds: rows[i].logOdds)
                learned[i] = model.assess(id: "", e).priority
            }
        }
        return (configured, learned)
    }
}
