/// The configuration `escalate tune` writes: the chosen thresholds laid over a base
/// configuration, with the level minimums moved so levels and the escalation decision agree.
///
/// Policy: a P1 or P2 ticket always escalates, and with one threshold a ticket escalates by
/// score exactly when it is P1–P3.
/// - `p3_min` becomes the overall threshold (P4 = below it, not escalated by score).
/// - When the highest threshold written (overall or per account tier) is above the base `p3_min`,
///   `p2_min` and `p1_min` are moved into the band from that threshold to 100, keeping their
///   share of the base band from `p3_min` to 100 (35/55/75 with threshold 82.3 → 82.3/87.75/93.19).
///   Otherwise they stay, being above every threshold already.
/// Escalation-matrix rules still escalate tickets of any level; a rule's `level` raises a
/// ticket's priority to that level's (new) minimum, as before.
public struct TunedConfig: Sendable {
    public struct LevelChange: Sendable, Equatable {
        public var key: String
        public var from: Double
        public var to: Double
    }

    public var threshold: Double
    /// Sorted by tier; includes every tier threshold of the base, set to the overall threshold
    /// when not tuned (so the written file holds exactly the thresholds tune evaluated).
    public var tierThresholds: [(tier: String, threshold: Double)]
    /// Minimums the policy moved.
    public var levelChanges: [LevelChange]
    /// Base tiers whose threshold the overall one replaces.
    public var replacedTiers: [String]

    public init(base: PriorityConfig, threshold: Double, tierThresholds tuned: [String: Double]) {
        self.threshold = Self.clamp(threshold)
        var tiers = tuned.mapValues(Self.clamp)
        replacedTiers = base.tierThresholds.keys.filter { tuned[$0] == nil }.sorted()
        for tier in replacedTiers { tiers[tier] = self.threshold }
        tierThresholds = tiers.sorted { $0.key < $1.key }.map { (tier: $0.key, threshold: $0.value) }
        let highest = tiers.values.reduce(self.threshold, max)
        let p3 = base.spec(.p3).minimum, p2 = base.spec(.p2).minimum, p1 = base.spec(.p1).minimum
        var new = (p3: self.threshold, p2: p2, p1: p1)
        if highest > p3 {
            // p3…100 onto highest…100, rounded to hundredths.
            let scale = p3 < 100 ? (100 - highest) / (100 - p3) : 0
            new.p2 = Self.hundredths(highest + (p2 - p3) * scale)
            new.p1 = Self.hundredths(highest + (p1 - p3) * scale)
        }
        new.p2 = max(new.p2, highest)  // also guards a base with p2_min below p3_min
        new.p1 = max(new.p1, new.p2)
        levelChanges = [("p3_min", p3, new.p3), ("p2_min", p2, new.p2), ("p1_min", p1, new.p1)]
            .filter { $0.1 != $0.2 }.map { LevelChange(key: $0.0, from: $0.1, to: $0.2) }
    }

    /// Config text: `header` as comments, then the chosen keys, which override the same keys of a
    /// base file placed above them; `version` starts a file of its own.
    public func overlay(header: String, version: Bool) -> String {
        var text = header.split(separator: "\n").map { "# " + $0 + "\n" }.joined()
        if version { text += "version = 1\n" }
        text += "\n[decision]\nthreshold = \(Self.number(threshold))\n"
        if !tierThresholds.isEmpty {
            text += "\n[thresholds_by_account_tier]\n"
            for (tier, t) in tierThresholds {
                text += "\(tier) = \(Self.number(t))" + (replacedTiers.contains(tier) ? "   # was the base's own; tune used the overall threshold" : "") + "\n"
            }
        }
        if !levelChanges.isEmpty {
            text += "\n[levels]\n# Moved with the threshold so a P1 or P2 ticket always escalates: P3 starts at the overall\n"
            text += "# threshold, P2 and P1 keep their share of the range above the highest threshold.\n"
            for c in levelChanges { text += "\(c.key) = \(Self.number(c.to))   # was \(Self.number(c.from))\n" }
        }
        return text
    }

    /// A valid `[thresholds_by_account_tier]` key (letters, digits, `_`).
    public static func isConfigKey(_ tier: String) -> Bool {
        !tier.isEmpty && tier.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    /// A config holds thresholds in 0…100.
    public static func clamp(_ t: Double) -> Double { min(100, max(0, t)) }

    static func hundredths(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    /// Shortest text that reads back as the same number: "35", "82.3", "87.75".
    public static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
