/// One scored, labeled ticket, as evaluation and tuning see it.
public struct EvaluatedTicket: Sendable {
    public var priority: Double
    /// The decision `score` makes (threshold, per-tier thresholds and matrix rules).
    public var escalated: Bool
    public var label: Bool
    public var type: EscalationType
    /// Value of the `--by` field, if any.
    public var segment: String?

    public init(priority: Double, escalated: Bool, label: Bool, type: EscalationType, segment: String?) {
        self.priority = priority
        self.escalated = escalated
        self.label = label
        self.type = type
        self.segment = segment
    }
}

/// Every metric `escalate eval` reports for one set of tickets.
public struct EvaluationReport: Sendable {
    public var n: Int
    public var positives: Int
    public var threshold: Double
    public var rocAUC: Double?
    public var averagePrecision: Double?
    public var confusion: Metrics.Confusion
    /// Brier score of priority / 100 read as a probability.
    public var brier: Double?
    public var calibration: [Metrics.CalibrationBin]
    /// Escalation rate per escalation type among escalated tickets, and per `--by` segment.
    public var rateByType: [(type: String, escalated: Int, rate: Double)]
    public var bySegment: [(segment: String, n: Int, positives: Int, confusion: Metrics.Confusion, rocAUC: Double?)]

    public init(_ tickets: [EvaluatedTicket], threshold: Double) {
        let scores = tickets.map(\.priority), labels = tickets.map(\.label)
        n = tickets.count
        positives = labels.filter { $0 }.count
        self.threshold = threshold
        rocAUC = Metrics.rocAUC(scores: scores, labels: labels)
        averagePrecision = Metrics.averagePrecision(scores: scores, labels: labels)
        // The confusion of the real decisions, which also honour per-tier thresholds and rules.
        confusion = Metrics.confusion(scores: tickets.map { $0.escalated ? 1 : 0 }, labels: labels, threshold: 1)
        let probabilities = scores.map { min(1, max(0, $0 / 100)) }
        brier = Metrics.brier(probabilities: probabilities, labels: labels)
        calibration = Metrics.calibration(probabilities: probabilities, labels: labels)
        var types: [String: Int] = [:]
        for t in tickets where t.escalated { types[t.type.rawValue, default: 0] += 1 }
        let total = max(1, tickets.count)
        rateByType = types.sorted { $0.key < $1.key }.map { ($0.key, $0.value, 100 * Double($0.value) / Double(total)) }
        var segments: [String: [EvaluatedTicket]] = [:]
        for t in tickets { if let s = t.segment { segments[s, default: []].append(t) } }
        bySegment = segments.sorted { $0.key < $1.key }.map { key, group in
            let s = group.map(\.priority), l = group.map(\.label)
            return (key, group.count, l.filter { $0 }.count, Metrics.confusion(scores: group.map { $0.escalated ? 1 : 0 }, labels: l, threshold: 1),
                    Metrics.rocAUC(scores: s, labels: l))
        }
    }
}

/// Stratified K-fold assignment: each class is spread over the folds in turn, in input order,
/// so every fold has the same class balance and the split is deterministic.
public enum Folds {
    public static func stratified(labels: [Bool], k: Int) -> [Int] {
        var next = [false: 0, true: 0]
        return labels.map { label in
            let fold = next[label]! % k
            next[label]! += 1
            return fold
        }
    }
}
