/// Urgency level; P1 is the most urgent.
public enum Level: String, Sendable, CaseIterable, Comparable {
    case p1 = "P1", p2 = "P2", p3 = "P3", p4 = "P4"

    /// Position in `allCases`, P1 first (`allCases` would build an array per comparison).
    var index: Int {
        switch self {
        case .p1: 0
        case .p2: 1
        case .p3: 2
        case .p4: 3
        }
    }
    /// `a < b` means a is less urgent than b.
    public static func < (a: Level, b: Level) -> Bool { a.index > b.index }
}

/// Support tiers: T0 self-service, T1 frontline, T2 specialist, T3 engineering/leadership, T4 third party.
public enum SupportTier: Int, Sendable, Comparable, CustomStringConvertible {
    case t0 = 0, t1, t2, t3, t4

    public init?(name: String) {
        guard name.count == 2, name.first == "T" || name.first == "t", let n = Int(name.dropFirst()),
              let tier = SupportTier(rawValue: n) else { return nil }
        self = tier
    }

    /// Literals, not interpolation: every output record names its tier.
    public var description: String {
        switch self {
        case .t0: return "T0"
        case .t1: return "T1"
        case .t2: return "T2"
        case .t3: return "T3"
        case .t4: return "T4"
        }
    }
    public static func < (a: SupportTier, b: SupportTier) -> Bool { a.rawValue < b.rawValue }
}

public enum EscalationType: String, Sendable {
    case technical, functional, hierarchical, relationship, none
}
