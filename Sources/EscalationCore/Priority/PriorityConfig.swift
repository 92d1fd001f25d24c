/// Priority weights, scales, levels, routing and escalation-matrix rules (see `defaultText`).
public struct PriorityConfig: Sendable {
    public struct LevelSpec: Sendable, Equatable {
        public var minimum = Double.nan
        public var respondMinutes = Double.nan
        public var resolveHours = Double.nan
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

    // Every setting starts unset (NaN or nil): `defaultText` is the one source of defaults, and a
    // test checks that it leaves nothing unset.
    public var threshold = Double.nan
    /// Per account tier thresholds (`[thresholds_by_account_tier]`, written by `escalate tune --by account_tier`).
    public var tierThresholds: [String: Double] = [:]
    public var reviewConfidence = Double.nan
    public var weights = ComponentValues { _ in .nan }
    /// Each component's `[scales]` value (0 for components without a scale key).
    public var scales = ComponentValues { $0.scaleKey == nil ? 0 : .nan }
    /// `[scales]` classifier_log_odds_low and _high: when both are set (a model `train` learned
    /// weights for), the classifier component is its log-odds placed linearly between them
    /// (0 at low or below, 1 at high or above), not its probability. See `Component.value`.
    public var classifierLogOddsLow: Double?, classifierLogOddsHigh: Double?
    public var riskWeights: [String: Double] = [:]
    public var tierValues: [String: Double] = [:]
    /// By `Level.index`. P4 has no minimum of its own: it is what falls below p3_min.
    private var levels = Level.allCases.map { LevelSpec(minimum: $0 == .p4 ? 0 : .nan) }
    private var defaultType: EscalationType?
    private var defaultTier: SupportTier?
    public var routes: [String: Route] = [:]
    public var rules: [Rule] = []
    /// `[impact_urgency]`: the lowest level by impact × urgency, at `Impact.rawValue * 3 + Urgency.rawValue`.
    private var impactFloors = [Level?](repeating: nil, count: Impact.allCases.count * Urgency.allCases.count)
    /// Risk categories named by a user's file, checked by `validate(categories:)`.
    private var categoryMentions: [CategoryMention] = []

    private init() {}

    /// The built-in configuration; a test checks it parses, so this cannot fail at run time.
    public static let `default`: PriorityConfig = {
        var config = PriorityConfig()
        // swiftlint:disable:next force_try
        try! config.apply(ConfigFile(path: "<built-in config>", contents: defaultText))
        // Only a user's own keys are checked against the lexicon: a custom lexicon may lack a
        // built-in category, which then simply never occurs.
        config.categoryMentions = []
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
        // The two log-odds bounds go together, low below high.
        if let e = file.entries.last(where: { $0.section == "scales" && $0.key.hasPrefix("classifier_log_odds_") }) {
            guard let low = classifierLogOddsLow, let high = classifierLogOddsHigh else {
                throw file.error(e, "set both classifier_log_odds_low and classifier_log_odds_high in [scales]")
            }
            guard low < high else { throw file.error(e, "classifier_log_odds_low (\(low)) must be below classifier_log_odds_high (\(high))") }
        }
    }

    /// The classifier's log-odds range of its component, when set (see `classifierLogOddsLow`).
    var classifierLogOdds: (low: Double, high: Double)? {
        guard let low = classifierLogOddsLow, let high = classifierLogOddsHigh, low < high else { return nil }
        return (low, high)
    }

    // swiftlint:disable:next cyclomatic_complexity
    private mutating func apply(_ e: ConfigFile.Entry, _ file: ConfigFile) throws {
        func number(_ range: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude) throws -> Double {
            guard case .number(let n) = e.value else { throw file.error(e, "'\(e.key)' must be a number") }
            guard range.contains(n) else { throw file.error(e, "'\(e.key)' = \(e.value) is outside \(range.lowerBound)...\(range.upperBound)") }
            return n
        }
        func signed() throws -> Double {
            guard case .number(let n) = e.value else { throw file.error(e, "'\(e.key)' must be a number") }
            guard abs(n) <= 1000 else { throw file.error(e, "'\(e.key)' = \(e.value) is outside -1000...1000") }
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
            guard let component = Component(key: e.key) else { throw unknown() }
            weights[component] = try number(0...1)
        case "risk":
            riskWeights[e.key] = try number(0...1)
            mention(category: e.key, e, file)
        case "thresholds_by_account_tier": tierThresholds[e.key.lowercased()] = try number(0...100)
        case "tiers": tierValues[e.key] = try number(0...1)
        case "scales" where e.key == "classifier_log_odds_low": classifierLogOddsLow = try signed()
        case "scales" where e.key == "classifier_log_odds_high": classifierLogOddsHigh = try signed()
        case "scales":
            guard let component = Component.allCases.first(where: { $0.scaleKey == e.key }) else { throw unknown() }
            scales[component] = try number(Double.ulpOfOne...1e12)
        case "levels": try applyLevel(e, file, value: number())
        case "routing":
            switch e.key {
            case "default_type":
                guard let t = EscalationType(rawValue: try string()) else { throw file.error(e, "unknown escalation type \(e.value)") }
                defaultType = t
            case "default_tier":
                guard let t = SupportTier(name: try string()) else { throw file.error(e, "unknown tier \(e.value) (T0…T4)") }
                defaultTier = t
            default:
                let parts = try string().split(separator: " ")
                guard parts.count == 2, let type = EscalationType(rawValue: String(parts[0])),
                      let tier = SupportTier(name: String(parts[1])) else {
                    throw file.error(e, "routing for '\(e.key)' must be \"TYPE TIER\", e.g. \"technical T3\"")
                }
                routes[e.key] = Route(type: type, tier: tier)
                mention(category: e.key, e, file)
            }
        case "impact_urgency":
            let parts = e.key.split(separator: "_")
            guard parts.count == 2, let impact = Impact.allCases.first(where: { $0.name == parts[0] }),
                  let urgency = Urgency.allCases.first(where: { $0.name == parts[1] }) else { throw unknown() }
            guard let level = Level(rawValue: try string().uppercased()) else { throw file.error(e, "unknown level \(e.value) (P1…P4)") }
            impactFloors[impact.rawValue * 3 + urgency.rawValue] = level
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
        var spec = levels[level.index]
        switch parts[1] {
        case "min": spec.minimum = value
        case "respond_minutes": spec.respondMinutes = value
        case "resolve_hours": spec.resolveHours = value
        default: throw file.error(e, "unknown key '\(e.key)' in [levels]")
        }
        levels[level.index] = spec
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
        case "when_risk":
            rules[index].whenRisk = try string()
            mention(category: try string(), e, file)
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

    /// The same configuration in freshly allocated storage (for a scoring thread of its own): the
    /// parts read per ticket (weights and levels are resolved once by `PriorityModel`).
    public func uniqueCopy() -> PriorityConfig {
        var copy = self
        copy.scales = ComponentValues { scales[$0] }
        copy.riskWeights = Dictionary(uniqueKeysWithValues: riskWeights.map { ($0.key, $0.value) })
        copy.tierValues = Dictionary(uniqueKeysWithValues: tierValues.map { ($0.key, $0.value) })
        copy.routes = Dictionary(uniqueKeysWithValues: routes.map { ($0.key, $0.value) })
        copy.rules = rules.map { $0 }
        copy.tierThresholds = Dictionary(uniqueKeysWithValues: tierThresholds.map { ($0.key, $0.value) })
        return copy
    }

    public func spec(_ level: Level) -> LevelSpec { levels[level.index] }

    /// The lowest level of a ticket with this impact and urgency (P4: no floor).
    public func floor(impact: Impact, urgency: Urgency) -> Level {
        // Set by `defaultText`, which every configuration starts from.
        impactFloors[impact.rawValue * 3 + urgency.rawValue] ?? .p4
    }

    /// The route of an escalation with no routed risk category (`[routing]` default_type and default_tier).
    public var defaultRoute: Route {
        // Set by `defaultText`, which every configuration starts from (a test checks it sets them).
        Route(type: defaultType!, tier: defaultTier!)
    }

    /// The escalation threshold for a ticket: its account tier's, else the global one.
    public func threshold(for metadata: AccountMetadata) -> Double {
        metadata.accountTier.flatMap { tierThresholds[$0] } ?? threshold
    }
}

/// Risk categories come from the risk lexicon, which is loaded after the config: the config
/// remembers where a user's file names one, and the pipeline checks them once both are loaded.
extension PriorityConfig {
    struct CategoryMention: Sendable {
        var category: String
        var section: String
        var file: String
        var line: Int
    }

    private mutating func mention(category: String, _ e: ConfigFile.Entry, _ file: ConfigFile) {
        categoryMentions.append(CategoryMention(category: category, section: e.section, file: file.path, line: e.line))
    }

    /// Throws `FILE:LINE: error: …` for the first `[risk]` or `[routing]` key, or rule `when_risk`,
    /// that names none of `categories` (the risk lexicon's): a typo would weigh 0, route nothing
    /// or never fire, silently.
    public func validate(categories: [String]) throws {
        for m in categoryMentions where !categories.contains(m.category) {
            throw DataFileError(file: m.file, line: m.line, message:
                "unknown risk category '\(m.category)' in [\(m.section)]; the risk lexicon has \(categories.joined(separator: ", "))")
        }
    }
}
