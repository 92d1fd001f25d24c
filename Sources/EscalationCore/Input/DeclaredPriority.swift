/// The priority a helpdesk (or the customer) set on a ticket, read from the vendor's words or
/// numbers onto one scale: 1 critical/urgent, 0.75 high, 0.5 normal, 0.25 low, 0 lowest/planning.
public struct DeclaredPriority: Sendable, Equatable {
    /// 0…1 on the scale above.
    public var level: Double
    /// As given ("1 - Critical", "urgent", "3"), for reasons.
    public var shown: String

    public init(level: Double, shown: String) { (self.level, self.shown) = (level, shown) }

    struct Unreadable: Error { var message: String }

    /// Words of every helpdesk's scale. Intercom's "priority" marks a conversation as prioritized.
    static let words: [String: Double] = [
        "urgent": 1, "critical": 1, "highest": 1, "blocker": 1, "emergency": 1, "immediate": 1,
        "high": 0.75, "major": 0.75, "priority": 0.75, "important": 0.75,
        "normal": 0.5, "medium": 0.5, "moderate": 0.5,
        "low": 0.25, "minor": 0.25,
        "lowest": 0, "trivial": 0, "planning": 0, "none": 0, "notpriority": 0,
    ]

    /// Levels of P1…P5 (and Sev1…Sev5), as ServiceNow, Jira and most service desks number them.
    static func ordinal(_ n: Int) -> Double? { (1...5).contains(n) ? Double(5 - n) / 4 : nil }

    static func read(_ value: JSONValue, numeric: NumericPriority) -> Result<DeclaredPriority, Unreadable> {
        switch value {
        case .number(let n):
            guard let level = level(number: n, numeric) else { return .failure(unreadableNumber(numeric)) }
            return .success(DeclaredPriority(level: level, shown: JSONWriter.number(n)))
        case .string(let s):
            if let level = level(words: s, numeric) { return .success(DeclaredPriority(level: level, shown: s)) }
            if let n = Double(s.trimmingSpaces), let level = level(number: n, numeric) {
                return .success(DeclaredPriority(level: level, shown: s))
            }
            if Double(s.trimmingSpaces) != nil { return .failure(unreadableNumber(numeric)) }
            return .failure(Unreadable(message: "is not a priority this reads (urgent, high, normal, low, P1–P5, …)"))
        case .object(let pairs):
            // Jira and others give {"name": "High", "id": "2"}.
            if let name = pairs.first(where: { ["name", "value", "displayvalue", "label"].contains(FieldKeyTable.normalize($0.0)) })?.1 {
                return read(name, numeric: numeric)
            }
            return .failure(Unreadable(message: "is an object with no name"))
        default:
            return .failure(Unreadable(message: "is \(value.typeWithArticle)"))
        }
    }

    private static func unreadableNumber(_ numeric: NumericPriority) -> Unreadable {
        switch numeric {
        case .unknown: return Unreadable(message: "is a number on a scale that depends on the helpdesk; name it with --preset")
        case .ascending(let max), .descending(let max): return Unreadable(message: "is outside the helpdesk's 1…\(max)")
        }
    }

    private static func level(number n: Double, _ numeric: NumericPriority) -> Double? {
        guard n == n.rounded(), n >= 1, n <= 10 else { return nil }
        switch numeric {
        case .ascending(let max): return Int(n) <= max ? n / Double(max) : nil
        case .descending(let max): return Int(n) <= max ? ordinal(Int(n)) : nil
        case .unknown: return nil
        }
    }

    /// Words first ("1 - Critical" reads "critical"), then P1/Sev 2-style ordinals.
    private static func level(words s: String, _ numeric: NumericPriority) -> Double? {
        let tokens = s.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
        let joined = tokens.joined()
        if let level = words[joined] { return level }
        for token in tokens { if let level = words[token] { return level } }
        for prefix in ["p", "sev", "severity", "priority", "s"] where joined.hasPrefix(prefix) {
            if let n = Int(joined.dropFirst(prefix.count)) { return ordinal(n) }
        }
        return nil
    }

    /// ITIL: priority = impact + urgency − 1, each 1 (high) … 3 (low); so 1…5, P1 to P5.
    static func read(impact: JSONValue, urgency: JSONValue) -> Result<DeclaredPriority, Unreadable> {
        func grade(_ v: JSONValue) -> Int? {
            switch v {
            case .number(let n): return n == n.rounded() && (1...3).contains(n) ? Int(n) : nil
            case .string(let s):
                let lead = s.trimmingSpaces.prefix { $0.isNumber }
                if let n = Int(lead), (1...3).contains(n) { return n }
                switch s.trimmingSpaces.lowercased() {
                case "high": return 1
                case "medium": return 2
                case "low": return 3
                default: return nil
                }
            default: return nil
            }
        }
        guard let i = grade(impact), let u = grade(urgency), let level = ordinal(i + u - 1) else {
            return .failure(Unreadable(message: "are not ITIL grades (1 high … 3 low)"))
        }
        return .success(DeclaredPriority(level: level, shown: "impact \(i), urgency \(u)"))
    }
}

extension String {
    var trimmingSpaces: Substring {
        var t = Substring(self)
        while let f = t.first, f == " " || f == "\t" { t = t.dropFirst() }
        while let l = t.last, l == " " || l == "\t" { t = t.dropLast() }
        return t
    }
}
