import Foundation

/// The evidence about one ticket that the priority combines.
/// What a conversation shows beyond its words (see `ThreadReading`).
public struct ThreadEvidence: Sendable, Equatable {
    public var customerMessages = 0
    /// Compound sentiment of the customer's first and latest messages.
    public var firstSentiment = 0.0, lastSentiment = 0.0
    /// Customer messages since the last agent reply (beyond the first ask).
    public var followUps = 0
    /// Repeat-contact terms the customer wrote ("still waiting", "third time").
    public var repeatTerms: [String] = []
    /// From the first to the latest message, when the export gives times.
    public var hoursOpen: Double?
    /// The latest customer message confirms the fix: only it was scored.
    public var resolved = false
    public init() {}
}

public struct Evidence: Sendable {
    /// The thread, unless the customer's latest message resolved it.
    var openThread: ThreadEvidence? { thread?.resolved == true ? nil : thread }

    public var probability: Double
    /// The classifier's log-odds before calibration (NaN when not scored by a classifier):
    /// what `train` calibrates and learns from.
    public var logOdds = Double.nan
    public var sentiment: Double
    public var risks: [RiskHit]
    public var metadata: AccountMetadata
    /// Largest money amount in the text, used when metadata has no dispute amount.
    public var amountInText: Double?
    /// What the conversation shows, when the ticket came with one.
    public var thread: ThreadEvidence?
    /// The ticket's language, and the lexicons that read it.
    public var language = DetectedLanguage.english
    /// How widely and how soon its problem hurts.
    public var impact = ImpactEvidence()

    public init(probability: Double, sentiment: Double, risks: [RiskHit], metadata: AccountMetadata, amountInText: Double? = nil) {
        self.probability = probability
        self.sentiment = sentiment
        self.risks = risks
        self.metadata = metadata
        self.amountInText = amountInText
    }
}

/// Weighted priority, levels, escalation-matrix rules and routing, all from `PriorityConfig`.
public struct PriorityModel: Sendable {
    public let config: PriorityConfig
    /// The weights, resolved once (this runs for every ticket), inline in this model (see `Escalator`).
    private let weights: ComponentValues
    /// Each level's spec, resolved once.
    private let specs: (p1: PriorityConfig.LevelSpec, p2: PriorityConfig.LevelSpec, p3: PriorityConfig.LevelSpec, p4: PriorityConfig.LevelSpec)
    private let defaultRoute: PriorityConfig.Route
    /// `[risk]` weights and `[routing]` routes by category, and `[tiers]` values and thresholds by
    /// account tier, in one short list each: per ticket a name is found by comparing it with a few
    /// short names, once, where hashing it for each dictionary cost more.
    private let categories: [(name: String, weight: Double, route: PriorityConfig.Route?)]
    private let tiers: [(name: String, value: Double?, threshold: Double?)]
    /// log10(1 + arr_full_usd), the same for every ticket.
    private let arrFull: Double

    public init(config: PriorityConfig = .default) {
        precondition(PerComponent<Double>.count == PriorityConfig.Component.all.count, "PerComponent holds one slot per component")
        self.config = config
        weights = config.weights
        specs = (config.spec(.p1), config.spec(.p2), config.spec(.p3), config.spec(.p4))
        defaultRoute = config.defaultRoute
        let categoryNames = Set(config.riskWeights.keys).union(config.routes.keys).sorted()
        categories = categoryNames.map { ($0, config.riskWeights[$0] ?? 0, config.routes[$0]) }
        let tierNames = Set(config.tierValues.keys).union(config.tierThresholds.keys).sorted()
        tiers = tierNames.map { ($0, config.tierValues[$0], config.tierThresholds[$0]) }
        arrFull = log10(1 + config.scales[.arr])
    }

    private func category(_ name: String) -> (weight: Double, route: PriorityConfig.Route?) {
        for c in categories where c.name == name { return (c.weight, c.route) }
        return (0, nil)
    }

    private func tier(_ name: String?) -> (value: Double?, threshold: Double?) {
        guard let name else { return (nil, nil) }
        for t in tiers where t.name == name { return (t.value, t.threshold) }
        return (nil, nil)
    }

    private func spec(_ level: Level) -> PriorityConfig.LevelSpec {
        switch level {
        case .p1: specs.p1
        case .p2: specs.p2
        case .p3: specs.p3
        case .p4: specs.p4
        }
    }

    /// The highest level whose minimum the priority reaches.
    public func level(for priority: Double) -> Level {
        priority >= specs.p1.minimum ? .p1 : priority >= specs.p2.minimum ? .p2 : priority >= specs.p3.minimum ? .p3 : .p4
    }

    /// Each component's value in 0…1.
    public func components(_ e: Evidence) -> ComponentValues {
        values(e, resolve(e, Self.countedRisks(e.risks)).values)
    }

    /// What the components and the decision read by name, found once per ticket: the counted
    /// categories' weights, the route of the heaviest one, the account tier's value and threshold.
    private func resolve(_ e: Evidence, _ risks: CountedRisks)
        -> (values: ResolvedValues, route: PriorityConfig.Route?, threshold: Double?) {
        var riskWeights = 0.0
        var strongest: (category: String, weight: Double, route: PriorityConfig.Route?)?
        for (name, _) in risks {
            let (weight, route) = category(name)
            riskWeights += weight
            // Ties: the category that sorts first (as `max` over (weight, name) pairs picks).
            if let s = strongest, (weight, s.category) <= (s.weight, name) { continue }
            strongest = (name, weight, route)
        }
        let tier = tier(e.metadata.accountTier)
        return (ResolvedValues(riskWeights: riskWeights, tierValue: tier.value, arrFull: arrFull), strongest?.route, tier.threshold)
    }

    private func values(_ e: Evidence, _ resolved: ResolvedValues) -> ComponentValues {
        var values = ComponentValues()
        for k in 0..<PerComponent<Double>.count {
            let component = PriorityConfig.Component(rawValue: k)!  // `all` would be an array read per ticket
            values[component] = min(1, max(0, component.value(e, resolved, config)))
        }
        return values
    }

    /// See `CountedRisks`.
    static func countedRisks(_ hits: [RiskHit]) -> CountedRisks {
        var risks: CountedRisks = []
        for hit in hits where hit.counts {
            if let k = risks.firstIndex(where: { $0.category == hit.category }) {
                if !risks[k].terms.contains(hit.matched) { risks[k].terms.append(hit.matched) }
            } else {
                // Room made once: grown from one element, each array would be allocated again.
                if risks.isEmpty { risks.reserveCapacity(hits.count) }
                var terms: [String] = []
                terms.reserveCapacity(4)
                terms.append(hit.matched)
                risks.append((hit.category, terms))
            }
        }
        return risks
    }

    /// The trigger name of the impact × urgency matrix, beside the rules' names.
    public static let impactTrigger = "impact_urgency"

    public func assess(id: String, _ e: Evidence) -> Assessment {
        let risks = Self.countedRisks(e.risks)
        let resolved = resolve(e, risks)
        let values = values(e, resolved.values)
        // Points per component, and the components ordered by points, largest first (a stable
        // insertion sort: equal points keep component order). Inline: no arrays per ticket.
        var points = PerComponent<Double>(repeating: 0)
        var order = PerComponent<Int>(repeating: 0)
        var total = 0.0
        for k in points.indices {
            let p = 100 * weights[k] * values[k]
            points[k] = p
            total += p
            var j = k
            while j > 0 && points[order[j - 1]] < p { order[j] = order[j - 1]; j -= 1 }
            order[j] = k
        }
        // Rounded before any decision, so a threshold equal to a shown priority behaves as shown.
        var priority = (min(100, total) * 10).rounded() / 10

        // The account tier's threshold, else the global one (`PriorityConfig.threshold(for:)`).
        var escalate = priority >= resolved.threshold ?? config.threshold
        var level = level(for: priority)
        // Route by the heaviest risk category present; no category → the default route.
        var route = resolved.route ?? defaultRoute
        var routeNote: String?
        var triggers: [String] = []
        // Rule reasons first, then the contributions; built as bytes in one buffer (no String
        // per piece), in one array.
        var reasons: [String] = []
        reasons.reserveCapacity(5)
        var text = ReasonText(capacity: 256)
        if e.thread?.resolved == true { reasons.append("thread resolved: the customer's latest message confirms the fix; only it was scored") }

        for rule in config.rules where rule.enabled && fires(rule, risks: risks, e) {
            triggers.append(rule.name)
            escalate = true
            // "rule NAME", then ": " and its effects separated by ", ".
            text.append("rule "); text.append(text: rule.name)
            var separator: StaticString = ": "
            if let ruleLevel = rule.level, ruleLevel > level {
                level = ruleLevel
                priority = max(priority, spec(ruleLevel).minimum)
                text.append(separator); text.append(text: ruleLevel.rawValue); separator = ", "
            }
            if let tier = rule.tier, tier > route.tier {
                route.tier = tier
                text.append(separator); text.append(text: tier.description); separator = ", "
            }
            if let note = rule.route { routeNote = note; text.append(separator); text.append("→ "); text.append(text: note) }
            reasons.append(text.next())
        }
        // The impact × urgency matrix acts like a rule for a problem (`ImpactEvidence.problem`: a
        // counted risk category): a floor of P3 or above escalates.
        let (impact, urgency) = e.impact.counted
        let floor = config.floor(impact: impact, urgency: urgency)
        if floor >= .p3 {
            triggers.append(Self.impactTrigger)
            escalate = true
            text.append("impact "); text.append(text: impact.name); text.append(" × urgency "); text.append(text: urgency.name)
            if floor > level {
                level = floor
                priority = max(priority, spec(floor).minimum)
                text.append(": "); text.append(text: floor.rawValue)
            }
            reasons.append(text.next())
        }
        if !escalate { route = PriorityConfig.Route(type: .none, tier: .t1) }

        // After the rule reasons, the largest contributions (of the top five, those worth half a
        // point), at least three of them; five reasons at most.
        let ruleReasons = reasons.count
        let contributionLimit = max(3, 5 - ruleReasons)
        for rank in 0..<5 where points[order[rank]] >= 0.5 {
            guard reasons.count - ruleReasons < contributionLimit else { break }
            let k = order[rank]
            PriorityConfig.Component(rawValue: k)!.reason(into: &text, e, risks)
            text.appendPoints(points[k])
            reasons.append(text.next())
        }
        let spec = spec(level)
        let confidence = max(e.probability, 1 - e.probability)
        var assessment = Assessment(
            id: id, priority: priority, escalate: escalate, level: level,
            tier: route.tier, type: route.type, review: confidence < config.reviewConfidence,
            sentiment: e.sentiment, probability: e.probability, declaredPriority: e.metadata.declared?.level, risks: risks,
            ignoredRisks: e.risks.filter { !$0.counts && !$0.exempt }.map { "\($0.category): \($0.matched) (\($0.negated ? "negated" : "question"))" },
            triggers: triggers, reasons: reasons.count > 5 ? Array(reasons.prefix(5)) : reasons, route: routeNote,
            respondMinutes: spec.respondMinutes, resolveHours: spec.resolveHours, components: values)
        assessment.language = e.language.code
        (assessment.impact, assessment.urgency) = (impact, urgency)
        return assessment
    }

    private func fires(_ rule: PriorityConfig.Rule, risks: CountedRisks, _ e: Evidence) -> Bool {
        if let risk = rule.whenRisk, !risks.contains(where: { $0.category == risk }) { return false }
        if let tier = rule.whenAccountTier, e.metadata.accountTier != tier { return false }
        if let floor = rule.whenAmountOverUSD {
            guard let amount = e.metadata.disputeAmountUSD ?? e.amountInText, amount > floor else { return false }
        }
        if let breached = rule.whenSLABreached {
            let isBreached = (e.metadata.slaHoursLeft ?? 1) <= 0
            if breached != isBreached { return false }
        }
        return true
    }
}
