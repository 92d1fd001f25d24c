import Foundation

/// Platt scaling of the classifier's log-odds: P(escalate) = σ(slope × log-odds + intercept).
///
/// Why Platt and not isotonic regression: naive Bayes log-odds are right in order but far too
/// extreme (a long ticket reaches ±50), which a slope below 1 and a shift correct; two numbers
/// fit well on a few hundred tickets, where isotonic steps overfit; it is strictly increasing,
/// so ROC-AUC of `probability` does not change and no two tickets are tied by it; and at
/// scoring time it costs one multiply-add per ticket.
public struct Calibration: Sendable, Equatable {
    public var slope: Double
    public var intercept: Double

    public init(slope: Double, intercept: Double) {
        self.slope = slope
        self.intercept = intercept
    }

    /// σ(log-odds): what every model without a calibration does.
    public static let identity = Calibration(slope: 1, intercept: 0)

    /// "σ(0.36 × log-odds − 0.072)".
    public var formula: String {
        let sign = intercept < 0 ? "−" : "+"
        return "σ(\(String(format: "%.4g", slope)) × log-odds \(sign) \(String(format: "%.4g", abs(intercept))))"
    }

    @inline(__always) public func probability(logOdds: Double) -> Double {
        Logistic.probability(logOdds: slope * logOdds + intercept)
    }

    /// Fitted on out-of-fold log-odds with Platt's (1999) smoothed targets, (N₊ + 1)/(N₊ + 2)
    /// for escalations and 1/(N₋ + 2) for calm tickets, so a separable fold does not push the
    /// slope to infinity. The slope is kept ≥ 0 (a classifier is never read backwards); 0 would
    /// mean the classifier says nothing and every ticket gets the base rate.
    public static func platt(logOdds: [Double], labels: [Bool]) -> Calibration {
        let positives = Double(labels.filter { $0 }.count), negatives = Double(labels.count) - positives
        let high = (positives + 1) / (positives + 2), low = 1 / (negatives + 2)
        // Log-odds are clamped so a degenerate ±infinity cannot poison the fit.
        let rows = logOdds.map { [min(700, max(-700, $0))] }
        let fit = LogisticRegression.fitNonNegative(rows: rows, targets: labels.map { $0 ? high : low }, l2: 0)
        return Calibration(slope: fit.coefficients[0], intercept: fit.intercept)
    }
}
