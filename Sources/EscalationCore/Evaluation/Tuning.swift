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

/// A labeled ticket as tuning sees it: assessed once, with any threshold, by `PriorityModel.assess`.
///
/// `assess` escalates when an escalation-matrix rule fires or when the priority reaches the
/// ticket's threshold. Whether a rule fires, and the priority of a ticket no rule fired on, depend
/// on neither the threshold nor the levels, so one assessment tells what `assess` decides at every
/// threshold: `escalated(at:)`. `tune` searches with this, then checks its choice by assessing
/// every ticket again with the configuration it writes.
public struct TuningCase: Sendable {
    public var priority: Double
    public var label: Bool
    /// Rules that fired: the ticket escalates whatever the threshold.
    public var rules: [String]

    public init(priority: Double, label: Bool, rules: [String] = []) {
        self.priority = priority
        self.label = label
        self.rules = rules
    }

    public init(_ assessment: Assessment, label: Bool) {
        self.init(priority: assessment.priority, label: label, rules: assessment.triggers)
    }

    public var forced: Bool { !rules.isEmpty }

    public func escalated(at threshold: Double) -> Bool { forced || priority >= threshold }
}

public enum Tuning {
    /// Tries as the threshold every distinct priority of a ticket no rule forces, and one tenth
    /// above the highest (priorities have one decimal: the lowest threshold that escalates none of
    /// them by score; a config holds 0…100), and returns the best by the objective; ties go to
    /// the higher threshold.
    public static func best(_ cases: [TuningCase], objective: Objective) -> TunedThreshold? {
        guard !cases.isEmpty else { return nil }
        let scores = Set(cases.lazy.filter { !$0.forced }.map { min(100, max(0, $0.priority)) })
        let aboveAll = min(100, ((scores.max() ?? 100) * 10).rounded() / 10 + 0.1)
        let candidates = scores.union([(aboveAll * 10).rounded() / 10]).sorted(by: >)
        var best: (TunedThreshold, Double)?
        for t in candidates {
            let c = confusion(cases, threshold: t)
            guard let value = value(c, objective) else { continue }
            if best == nil || value > best!.1 { best = (TunedThreshold(threshold: t, confusion: c), value) }
        }
        return best?.0
    }

    /// Scores without rules (for callers that tune a plain score).
    public static func best(scores: [Double], labels: [Bool], objective: Objective) -> TunedThreshold? {
        best(zip(scores, labels).map { TuningCase(priority: $0, label: $1) }, objective: objective)
    }

    public static func confusion(_ cases: [TuningCase], threshold: Double) -> Metrics.Confusion {
        var c = Metrics.Confusion()
        for x in cases {
            switch (x.escalated(at: threshold), x.label) {
            case (true, true): c.tp += 1
            case (true, false): c.fp += 1
            case (false, false): c.tn += 1
            case (false, true): c.fn += 1
            }
        }
        return c
    }

    /// How many tickets the rules force, and per rule how many it fires on (a ticket may fire
    /// several), most first.
    public static func forcedByRules(_ cases: [TuningCase]) -> (tickets: Int, perRule: [(rule: String, tickets: Int)]) {
        var counts: [String: Int] = [:]
        for x in cases { for r in Set(x.rules) { counts[r, default: 0] += 1 } }
        let perRule = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { (rule: $0.key, tickets: $0.value) }
        return (cases.filter(\.forced).count, perRule)
    }

    /// The lowest escalation rate (percent) any threshold reaches: the rules' escalations, and
    /// tickets at priority 100.
    public static func lowestRate(_ cases: [TuningCase]) -> Double? {
        confusion(cases, threshold: 100).escalationRate
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
