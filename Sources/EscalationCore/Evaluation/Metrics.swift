/// Binary-classification metrics over scores and labels, defined as scikit-learn defines them
/// (tests compare with values it computed), kept apart from the model like fastText's meter.
public enum Metrics {
    /// Area under the ROC curve; ties in score count half (trapezoids between distinct scores).
    public static func rocAUC(scores: [Double], labels: [Bool]) -> Double? {
        let curve = rocCurve(scores: scores, labels: labels)
        guard curve.count > 1 else { return nil }
        var area = 0.0
        for k in 1..<curve.count {
            area += (curve[k].fpr - curve[k - 1].fpr) * (curve[k].tpr + curve[k - 1].tpr) / 2
        }
        return area
    }

    /// ROC points from the highest threshold down, starting at (0, 0); nil rates when a class is absent.
    public static func rocCurve(scores: [Double], labels: [Bool]) -> [(threshold: Double, fpr: Double, tpr: Double)] {
        let positives = Double(labels.filter { $0 }.count), negatives = Double(labels.count) - positives
        guard positives > 0, negatives > 0 else { return [] }
        var points: [(threshold: Double, fpr: Double, tpr: Double)] = [(.infinity, 0, 0)]
        var tp = 0.0, fp = 0.0
        for group in groupedByScore(scores, labels) {
            tp += group.positives; fp += group.negatives
            points.append((group.score, fp / negatives, tp / positives))
        }
        return points
    }

    /// Average precision: Σ (R_n − R_{n−1}) · P_n over distinct thresholds, high to low
    /// (scikit-learn's `average_precision_score`, no interpolation).
    public static func averagePrecision(scores: [Double], labels: [Bool]) -> Double? {
        let positives = Double(labels.filter { $0 }.count)
        guard positives > 0 else { return nil }
        var tp = 0.0, predicted = 0.0, previousRecall = 0.0, ap = 0.0
        for group in groupedByScore(scores, labels) {
            tp += group.positives
            predicted += group.positives + group.negatives
            let recall = tp / positives
            ap += (recall - previousRecall) * (tp / predicted)
            previousRecall = recall
        }
        return ap
    }

    /// Mean squared error of probabilities against 0/1 outcomes.
    public static func brier(probabilities: [Double], labels: [Bool]) -> Double? {
        guard !labels.isEmpty else { return nil }
        return zip(probabilities, labels).reduce(0) { $0 + ($1.0 - ($1.1 ? 1 : 0)) * ($1.0 - ($1.1 ? 1 : 0)) } / Double(labels.count)
    }

    public struct Confusion: Sendable, Equatable {
        public var tp = 0, fp = 0, tn = 0, fn = 0
        public var total: Int { tp + fp + tn + fn }
        public var precision: Double? { tp + fp > 0 ? Double(tp) / Double(tp + fp) : nil }
        public var recall: Double? { tp + fn > 0 ? Double(tp) / Double(tp + fn) : nil }
        /// scikit-learn's convention: 0 when precision and recall are both 0 or undefined.
        public var f1: Double {
            let denominator = 2 * tp + fp + fn
            return denominator > 0 ? 2 * Double(tp) / Double(denominator) : 0
        }
        /// Escalated / total × 100.
        public var escalationRate: Double? { total > 0 ? 100 * Double(tp + fp) / Double(total) : nil }
    }

    /// Predicted positive when score ≥ threshold.
    public static func confusion(scores: [Double], labels: [Bool], threshold: Double) -> Confusion {
        var c = Confusion()
        for (s, y) in zip(scores, labels) {
            switch (s >= threshold, y) {
            case (true, true): c.tp += 1
            case (true, false): c.fp += 1
            case (false, false): c.tn += 1
            case (false, true): c.fn += 1
            }
        }
        return c
    }

    public struct CalibrationBin: Sendable {
        public var lower: Double, upper: Double
        public var count: Int
        public var meanPredicted: Double?
        public var observedRate: Double?
    }

    /// Ten equal-width bins of predicted probability, with the observed positive rate in each.
    public static func calibration(probabilities: [Double], labels: [Bool], bins: Int = 10) -> [CalibrationBin] {
        var sums = [Double](repeating: 0, count: bins), hits = [Int](repeating: 0, count: bins), counts = [Int](repeating: 0, count: bins)
        for (p, y) in zip(probabilities, labels) {
            let k = min(bins - 1, max(0, Int(p * Double(bins))))
            counts[k] += 1; sums[k] += p; if y { hits[k] += 1 }
        }
        return (0..<bins).map { k in
            CalibrationBin(lower: Double(k) / Double(bins), upper: Double(k + 1) / Double(bins), count: counts[k],
                           meanPredicted: counts[k] > 0 ? sums[k] / Double(counts[k]) : nil,
                           observedRate: counts[k] > 0 ? Double(hits[k]) / Double(counts[k]) : nil)
        }
    }

    /// Scores high to low, equal scores merged (how tied thresholds behave).
    static func groupedByScore(_ scores: [Double], _ labels: [Bool]) -> [(score: Double, positives: Double, negatives: Double)] {
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var groups: [(score: Double, positives: Double, negatives: Double)] = []
        for i in order {
            if let last = groups.last, last.score == scores[i] {
                groups[groups.count - 1].positives += labels[i] ? 1 : 0
                groups[groups.count - 1].negatives += labels[i] ? 0 : 1
            } else {
                groups.append((scores[i], labels[i] ? 1 : 0, labels[i] ? 0 : 1))
            }
        }
        return groups
    }
}
