/// Priority weights, scales, levels, routing and escalation-matrix rules (see `defaultText`).
public struct PriorityConfig: Sendable {
    public enum Component: String, CaseIterable, Sendable {
        case classifier, risk, negativity, tier, arr, sla, renewal
        case openTickets = "open_tickets"
        case priorEscalations = "prior_escalations"
        case health

        public static let count = 10
        /// Position in `allCases`, without building that array.
        public var index: Int {
            switch self {
            case .classifier: return 0
            case .risk: return 1
            case .negativity: return 2
            case .tier: return 3
            case .arr: return 4
            case .sla: return 5
            case .renewal: return 6
            case .openTickets: return 7
            case .priorEscalations: return 8
            case .health: return 9
            }
        }
    }

    public struct LevelSpec: Sendable, Equatable {
        public var minimum: Double = 0
        public var respondMinutes: Double = 0
        public var resolveHours: Double = 0
    }

    public struct Route: Sendable, Equatable {
        public var type: EscalationType
        public var tier: SupportTier
    }

    public struct Rule: Sendable {
        public var name: String
        public var enabled = true
        public var whenRisk: String?
        public var whenAccountTier: String?
        public var whenAmountOverUSD: Double?
        public var whenSLABreached: Bool?
        public var level: Level?
        public var tier: SupportTier?
        public var route: String?
    }

    public var threshold = 50.0
    /// Per account tier thresholds (`[thresholds_by_account_tier]`, written by `escalate tune --by account_tier`).
    public var tierThresholds: [String: Double] = [:]
    public var reviewConfidence = 0.7
    public var weights: [Component: Double] = [:]
    public var riskWeights: [String: Double] = [:]
    public var tierValues: [String: Double] = [:]
    public var arrFullUSD = 1_000_000.0
    public var slaWindowHours = 48.0
    public var renewalWindowDays = 90.0
    public var openTicketsFull = 10.0
    public var priorEscalationsFull = 3.0
    public var levels: [Level: LevelSpec] = [:]
    public var defaultRoute = Route(type: .functional, tier: .t2)
    public var routes: [String: Route] = [:]
    public var rules: [Rule] = []

    private init() {}

    /// The built-in configuration; a test checks it parses, so this cannot fail at run time.
    public static let `default`: PriorityConfig = {
        var config = PriorityConfig()
        // swiftlint:disable:next force_try
        try! config.apply(ConfigFile(path: "<built-in config>", contents: defaultText))
        return config
    }()

    /// The default with a user's file laid over it.
    public static func load(path: String, contents: String) throws -> PriorityConfig {
        var config = PriorityConfig.default
        try config.apply(ConfigFile(path: path, contents: contents))
        return config
    }

    public mutating func apply(_ file: ConfigFile) throws {
        for entry in file.entries {
            try apply(entry, file)
        }
    }

    // swiftlint:disable:next cyclomatic_complexity
    private mutating func apply(_ e: ConfigFile.Entry, _ file: ConfigFile) throws {
        func number(_ range: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude) throws -> Double {
            guard case .number(let n) = e.value else { throw file.error(e, "'\(e.key)' must be a number") }
            guard range.contains(n) else { throw file.error(e, "'\(e.key)' = \(e.value) is outside \(range.lowerBound)...\(range.upperBound)") }
            return n
        }
        func string() throws -> String {
            guard case .string(let s) = e.value else { throw file.error(e, "'\(e.key)' must be a \"string\"") }
            return s
        }
        func unknown() -> DataFileError {
            file.error(e, "unknown key '\(e.key)' in [\(e.section)]")
        }
        switch e.section {
        case "":
            guard e.key == "version" else { throw unknown() }
            guard case .number(1) = e.value else { throw file.error(e, "config version \(e.value) is not supported (expected 1)") }
        case "decision":
            switch e.key {
            case "threshold": threshold = try number(0...100)
            case "review_confidence": reviewConfidence = try number(0.5...1)
            default: throw unknown()
            }
        case "weights":
            guard let component = Component(rawValue: e.key) else { throw unknown() }
            weights[component] = try number(0...1)
        case "risk": riskWeights[e.key] = try number(0...1)
        case "thresholds_by_account_tier": tierThresholds[e.key.lowercased()] = try number(0...100)
        case "tiers": tierValues[e.key] = try number(0...1)
        case "scales":
            let value = try number(Double.ulpOfOne...1e12)
            switch e.key {
            case "arr_full_usd": arrFullUSD = value
            case "sla_window_hours": slaWindowHours = value
            case "renewal_window_days": renewalWindowDays = value
            case "open_tickets_full": openTicketsFull = value
            case "prior_escalations_full": priorEscalationsFull = value
            default: throw unknown()
            }
        case "levels": try applyLevel(e, file, value: number())
        case "routing":
            switch e.key {
            case "default_type":
                guard let t = EscalationType(rawValue: try string()) else { throw file.error(e, "unknown escalation type \(e.value)") }
                defaultRoute.type = t
            case "default_tier":
                guard let t = SupportTier(name: try string()) else { throw file.error(e, "unknown tier \(e.value) (T0…T4)") }
                defaultRoute.tier = t
            default:
                let parts = try string().split(separator: " ")
                guard parts.count == 2, let type = EscalationType(rawValue: String(parts[0])),
                      let tier = SupportTier(name: String(parts[1])) else {
                    throw file.error(e, "routing for '\(e.key)' must be \"TYPE TIER\", e.g. \"technical T3\"")
                }
                routes[e.key] = Route(type: type, tier: tier)
            }
        case let section where section.hasPrefix("rule."):
            try applyRule(name: String(section.dropFirst(5)), e, file, number: number, string: string)
        default:
            throw file.error(e, "unknown section [\(e.section)]")
        }
    }

    private mutating func applyLevel(_ e: ConfigFile.Entry, _ file: ConfigFile, value: Double) throws {
        let parts = e.key.split(separator: "_", maxSplits: 1)
        guard parts.count == 2, let level = Level(rawValue: parts[0].uppercased()) else {
            throw file.error(e, "unknown key '\(e.key)' in [levels]")
        }
        var spec = levels[level] ?? LevelSpec()
        switch parts[1] {
        case "min": spec.minimum = value
        case "respond_minutes": spec.respondMinutes = value
        case "resolve_hours": spec.resolveHours = value
        default: throw file.error(e, "unknown key '\(e.key)' in [levels]")
        }
        levels[level] = spec
    }

    private mutating func applyRule(name: String, _ e: ConfigFile.Entry, _ file: ConfigFile,
                                    number: (ClosedRange<Double>) throws -> Double,
                                    string: () throws -> String) throws {
        let index = rules.firstIndex { $0.name == name } ?? {
            rules.append(Rule(name: name))
            return rules.count - 1
        }()
        switch e.key {
        case "enabled", "when_sla_breached":
            guard case .bool(let b) = e.value else { throw file.error(e, "'\(e.key)' must be true or false") }
            if e.key == "enabled" { rules[index].enabled = b } else { rules[index].whenSLABreached = b }
        case "when_risk": rules[index].whenRisk = try string()
        case "when_account_tier": rules[index].whenAccountTier = try string().lowercased()
        case "when_amount_over_usd": rules[index].whenAmountOverUSD = try number(0...1e15)
        case "level":
            guard let level = Level(rawValue: try string().uppercased()) else { throw file.error(e, "unknown level \(e.value) (P1…P4)") }
            rules[index].level = level
        case "tier":
            guard let tier = SupportTier(name: try string()) else { throw file.error(e, "unknown tier \(e.value) (T0…T4)") }
            rules[index].tier = tier
        case "route": rules[index].route = try string()
        default: throw file.error(e, "unknown key '\(e.key)' in [rule.\(name)]")
        }
    }

    /// The same configuration in freshly allocated storage (for a scoring thread of its own).
    public func uniqueCopy() -> PriorityConfig {
        var copy = self
        copy.weights = Dictionary(uniqueKeysWithValues: weights.map { ($0.key, $0.value) })
        copy.riskWeights = Dictionary(uniqueKeysWithValues: riskWeights.map { ($0.key, $0.value) })
        copy.tierValues = Dictionary(uniqueKeysWithValues: tierValues.map { ($0.key, $0.value) })
        copy.levels = Dictionary(uniqueKeysWithValues: levels.map { ($0.key, $0.value) })
        copy.routes = Dictionary(uniqueKeysWithValues: routes.map { ($0.key, $0.value) })
        copy.rules = rules.map { $0 }
        copy.tierThresholds = Dictionary(uniqueKeysWithValues: tierThresholds.map { ($0.key, $0.value) })
        return copy
    }

    public func spec(_ level: Level) -> LevelSpec { levels[level] ?? LevelSpec() }

    /// The escalation threshold for a ticket: its account tier's, else the global one.
    public func threshold(for metadata: AccountMetadata) -> Double {
        metadata.accountTier.flatMap { tierThresholds[$0] } ?? threshold
    }
}
