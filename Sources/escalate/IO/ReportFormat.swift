import EscalationCore
import Foundation

/// Missing values print as a visible placeholder, not a misleading number.
func show(_ x: Double?, _ digits: Int = 4) -> String {
    guard let x, x.isFinite else { return "—" }
    return String(format: "%.\(digits)f", x)
}

enum ReportTable {
    static func render(_ r: EvaluationReport, by: String?) -> String {
        let c = r.confusion
        var lines = [
            "tickets \(r.n)   escalations (labeled) \(r.positives)   threshold \(show(r.threshold, 1))",
            "ROC-AUC \(show(r.rocAUC))   average precision \(show(r.averagePrecision))   Brier \(show(r.brier))",
            "precision \(show(c.precision))   recall \(show(c.recall))   F1 \(show(c.f1))   escalation rate \(show(c.escalationRate, 1))%",
            "",
            "confusion        labeled yes   labeled no",
            "  escalated      \(pad(c.tp, 11))   \(pad(c.fp, 10))",
            "  not escalated  \(pad(c.fn, 11))   \(pad(c.tn, 10))",
        ]
        if !r.rateByType.isEmpty {
            lines += ["", "escalated by type: " + r.rateByType.map { "\($0.type) \($0.escalated) (\(show($0.rate, 1))%)" }.joined(separator: ", ")]
        }
        if let by, !r.bySegment.isEmpty {
            lines += ["", "by \(by):", "  segment              n   labeled  ROC-AUC  precision  recall  F1      rate %"]
            for s in r.bySegment {
                lines.append("  " + s.segment.padding(toLength: 16, withPad: " ", startingAt: 0)
                             + "\(pad(s.n, 6))  \(pad(s.positives, 7))  \(show(s.rocAUC).padding(toLength: 7, withPad: " ", startingAt: 0))  "
                             + "\(show(s.confusion.precision).padding(toLength: 9, withPad: " ", startingAt: 0))  \(show(s.confusion.recall))  "
                             + "\(show(s.confusion.f1))  \(show(s.confusion.escalationRate, 1))")
            }
        }
        lines += ["", "calibration (priority/100 as probability)", "  bin        n      mean predicted  observed rate"]
        for b in r.calibration {
            lines.append("  \(show(b.lower, 1))–\(show(b.upper, 1))  \(pad(b.count, 6))  \(show(b.meanPredicted, 3).padding(toLength: 14, withPad: " ", startingAt: 0))  \(show(b.observedRate, 3))")
        }
        return lines.joined(separator: "\n")
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }
}

enum ReportJSON {
    static func value(_ x: Double?) -> JSONValue { x.map { JSONValue.number($0) } ?? .null }

    static func object(_ r: EvaluationReport) -> JSONValue {
        let c = r.confusion
        return .object([
            ("n", .number(Double(r.n))), ("positives", .number(Double(r.positives))), ("threshold", .number(r.threshold)),
            ("roc_auc", value(r.rocAUC)), ("average_precision", value(r.averagePrecision)),
            ("precision", value(c.precision)), ("recall", value(c.recall)), ("f1", .number(c.f1)),
            ("brier", value(r.brier)), ("escalation_rate", value(c.escalationRate)),
            ("confusion", .object([("tp", .number(Double(c.tp))), ("fp", .number(Double(c.fp))),
                                   ("tn", .number(Double(c.tn))), ("fn", .number(Double(c.fn)))])),
            ("escalated_by_type", .object(r.rateByType.map { ($0.type, .number($0.rate)) })),
            ("by_segment", .object(r.bySegment.map { s in
                (s.segment, .object([("n", .number(Double(s.n))), ("positives", .number(Double(s.positives))),
                                     ("roc_auc", value(s.rocAUC)), ("precision", value(s.confusion.precision)),
                                     ("recall", value(s.confusion.recall)), ("f1", .number(s.confusion.f1)),
                                     ("escalation_rate", value(s.confusion.escalationRate))]))
            })),
            ("calibration", .array(r.calibration.map { b in
                .object([("lower", .number(b.lower)), ("upper", .number(b.upper)), ("n", .number(Double(b.count))),
                         ("mean_predicted", value(b.meanPredicted)), ("observed_rate", value(b.observedRate))])
            })),
        ])
    }

    static func render(_ r: EvaluationReport) -> String { JSONWriter.encode(object(r)) }
}

/// Mean ± sample standard deviation over folds.
enum CrossValidation {
    static var metrics: [(String, (EvaluationReport) -> Double?)] { [
        ("roc_auc", \.rocAUC), ("average_precision", \.averagePrecision),
        ("precision", { $0.confusion.precision }), ("recall", { $0.confusion.recall }),
        ("f1", { $0.confusion.f1 }), ("brier", \.brier), ("escalation_rate", { $0.confusion.escalationRate }),
    ] }

    static func meanSD(_ values: [Double]) -> (Double, Double)? {
        guard !values.isEmpty else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.count > 1 ? values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1) : 0
        return (mean, variance.squareRoot())
    }
}

enum CrossValidationTable {
    static func render(_ folds: [EvaluationReport], k: Int) -> String {
        var lines = ["\(k)-fold stratified cross-validation, \(folds.map(\.n).reduce(0, +)) tickets (classifier retrained per fold)"]
        for (name, metric) in CrossValidation.metrics {
            let values = folds.compactMap(metric)
            guard let (mean, sd) = CrossValidation.meanSD(values) else { lines.append("  \(name): —"); continue }
            lines.append("  " + name.padding(toLength: 18, withPad: " ", startingAt: 0) + "\(show(mean)) ± \(show(sd))")
        }
        return lines.joined(separator: "\n")
    }
}

enum CrossValidationJSON {
    static func render(_ folds: [EvaluationReport], threshold: Double) -> String {
        var pairs: [(String, JSONValue)] = [("folds", .number(Double(folds.count))), ("threshold", .number(threshold))]
        for (name, metric) in CrossValidation.metrics {
            let values = folds.compactMap(metric)
            let stats = CrossValidation.meanSD(values)
            pairs.append((name, .object([("mean", ReportJSON.value(stats?.0)), ("sd", ReportJSON.value(stats?.1)),
                                         ("per_fold", .array(values.map { .number($0) }))])))
        }
        return JSONWriter.encode(.object(pairs))
    }
}
