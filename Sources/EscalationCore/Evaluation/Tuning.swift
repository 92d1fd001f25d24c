/// What a threshold should optimize (`escalate tune --objective`).
public enum Objective: Sendable, Equatable, CustomStringConvertible {
    case f1
    /// Highest threshold that still catches this share of real escalations.
    case recall(Double)
    /// Escalation rate (escalated / total) closest to this fraction.
    case rate(Double)
    /// Lowest total cost with these per-error costs.
    case cost(falseNegative: Double, falsePositive: Double)

    /// Parses `f1`, `recall:0.9`, `rate:0.10`, `cost:fn=10,fp=1`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first?.lowercased(), parts.count == 2 ? parts[1] : nil) {
        case ("f1", nil): self = .f1
        case ("recall", let v?): guard let x = Double(v), x > 0, x <= 1 else { return nil }; self = .recall(x)
        case ("rate", let v?): guard let x = Double(v), x >= 0, x <= 1 else { return nil }; self = .rate(x)
        case ("cost", let v?):
            var fn: Double?, fp: Double?
            for pair in v.split(separator: ",") {
                let kv = pair.split(separator: "=").map(String.init)
                guard kv.count == 2, let x = Double(kv[1]), x >= 0 else { return nil }
                switch kv[0] { case "fn": fn = x; case "fp": fp = x; default: return nil }
            }
            guard let fn, let fp else { return nil }
            self = .cost(falseNegative: fn, falsePositive: fp)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .f1: return "f1"
        case .recall(let r): return "recall:\(r)"
        case .rate(let r): return "rate:\(r)"
        case .cost(let fn, let fp): return "cost:fn=\(fn),fp=\(fp)"
        }
    }
}

public struct TunedThreshold: Sendable {
    public var threshold: Double
    public var confusion: Metrics.Confusion
}

public enum Tuning {
    /// Tries every distinct score as the threshold (plus one above the maximum, escalating
    /// nothing) and returns the best by the objective; ties go to the higher threshold.
    public static func best(scores: [Double], labels: [Bool], objective: Objective) -> TunedThreshold? {
        guard !scores.isEmpty else { return nil }
        let candidates = Array(Set(scores)).sorted(by: >) + [scores.min()! - 1]
        var best: (TunedThreshold, Double)?
        for t in [scores.max()! + 1] + candidates {
            let c = Metrics.confusion(scores: scores, labels: labels, threshold: t)
            guard let value = value(c, objective) else { continue }
            if best == nil || value > best!.1 { best = (TunedThreshold(threshold: t, confusion: c), value) }
        }
        return best?.0
    }

    /// Larger is better; nil when the threshold is not admissible.
    private static func value(_ c: Metrics.Confusion, _ objective: Objective) -> Double? {
        switch objective {
        case .f1: return c.f1
        case .recall(let target):
            // Admissible once recall is reached; among those prefer precision, then fewer escalations.
            guard let r = c.recall, r + 1e-12 >= target else { return nil }
            return (c.precision ?? 0) - Double(c.tp + c.fp) * 1e-12
        case .rate(let target):
            guard let rate = c.escalationRate else { return nil }
            return -abs(rate / 100 - target)
        case .cost(let fn, let fp):
            return -(fn * Double(c.fn) + fp * Double(c.fp))
        }
    }
}
