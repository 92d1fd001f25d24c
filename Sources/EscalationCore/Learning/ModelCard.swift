import Foundation

/// What a model was trained on and how well it did out of fold, written into the model file by
/// `train` (members `card_*`, for the reader: no prediction depends on them, so the checksum
/// leaves them out) and printed by `escalate eval --model`.
public struct ModelCard: Sendable, Equatable {
    /// ISO 8601, UTC (`SOURCE_DATE_EPOCH` when set, so a rebuild can be byte-identical).
    public var trainedAt = ""
    public var tickets = 0
    public var escalations = 0
    /// The `train` options, as text ("alpha 1, folds 5, weights learned, l2 1").
    public var options = ""
    public var folds = 0
    /// Out-of-fold figures: `probability_roc_auc`, `priority_learned_pr_auc`, …; NaN when undefined.
    public var metrics: [(name: String, value: Double)] = []

    public init() {}

    public static func == (a: Self, b: Self) -> Bool {
        a.trainedAt == b.trainedAt && a.tickets == b.tickets && a.escalations == b.escalations && a.options == b.options
            && a.folds == b.folds && a.metrics.map(\.name) == b.metrics.map(\.name)
            && zip(a.metrics, b.metrics).allSatisfy { $0.value == $1.value || ($0.value.isNaN && $1.value.isNaN) }
    }

    public func metric(_ name: String) -> Double? {
        metrics.first { $0.name == name }.map(\.value).flatMap { $0.isFinite ? $0 : nil }
    }

    /// The figures' rows: the score, then the metric-name prefix.
    static let rows = [("probability", "probability"), ("priority, configured weights", "priority_configured"),
                       ("priority, learned weights", "priority_learned")]

    /// Adds ROC-AUC and PR-AUC (average precision) of `scores` as `PREFIX_roc_auc`, `PREFIX_pr_auc`.
    public mutating func add(_ prefix: String, scores: [Double], labels: [Bool]) {
        metrics.append((prefix + "_roc_auc", Metrics.rocAUC(scores: scores, labels: labels) ?? .nan))
        metrics.append((prefix + "_pr_auc", Metrics.averagePrecision(scores: scores, labels: labels) ?? .nan))
    }

    public var text: String {
        let share = tickets > 0 ? String(format: " (%.1f%%)", 100 * Double(escalations) / Double(tickets)) : ""
        var lines = ["model card: trained \(trainedAt) on \(tickets) tickets, \(escalations) escalate\(share), \(tickets - escalations) calm",
                     "options: \(options)"]
        if folds > 0 {
            lines.append("\(folds)-fold cross-validation on the training data, out of fold:   ROC-AUC  PR-AUC")
            for (title, prefix) in Self.rows where metric(prefix + "_roc_auc") != nil {
                let roc = metric(prefix + "_roc_auc").map { String(format: "%.4f", $0) } ?? "—"
                let pr = metric(prefix + "_pr_auc").map { String(format: "%.4f", $0) } ?? "—"
                lines.append("  " + title.padding(toLength: 58, withPad: " ", startingAt: 0) + "   \(roc)   \(pr)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// For `eval --json`: the same facts, an undefined figure as null.
    public var json: JSONValue {
        .object([("trained_at", .string(trainedAt)), ("tickets", .number(Double(tickets))),
                 ("escalations", .number(Double(escalations))), ("options", .string(options)), ("folds", .number(Double(folds))),
                 ("cross_validation", .object(metrics.map { ($0.name, $0.value.isFinite ? .number($0.value) : .null) }))])
    }

    /// Now, or `SOURCE_DATE_EPOCH`, as ISO 8601 UTC to the second.
    public static func timestamp(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let date = environment["SOURCE_DATE_EPOCH"].flatMap(Double.init).map { Date(timeIntervalSince1970: $0) } ?? Date()
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
