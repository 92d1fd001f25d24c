import Foundation

/// The evidence about one ticket that the priority combines.
public struct Evidence: Sendable {
    public var probability: Double
    public var sentiment: Double
    public var risks: [RiskHit]
    public var metadata: AccountMetadata
    /// Largest money amount in the text, used when metadata has no dispute amount.
    public var amountInText: Double?

    public init(probability: Double, sentiment: Double, risks: [RiskHit], metadata: AccountMetadata, amountInText: Double? = nil) {
        self.probability = probability
        self.sentiment = sentiment
        self.risks = risks
        self.metadata = metadata
        self.amountInText = amountInText
    }
}

/// Each priority component's value in 0…1, by component.
public struct ComponentValues: Sendable {
    /// Inline, one per `PriorityConfig.Component` (`PriorityModel.init` checks the count): no
    /// allocation per ticket.
    private var values = InlineArray<10, Double>(repeating: 0)
    public subscript(component: PriorityConfig.Component) -> Double {
        get { values[component.index] }
        set { values[component.index] = newValue }
    }
}

/// Weighted priority, levels, escalation-matrix rules and routing, all from `PriorityConfig`.
public struct PriorityModel: Sendable {
    public let config: PriorityConfig
    /// The config's weights by component index, resolved once (this runs for every ticket).
    private let weights: [Double]
    private let components = PriorityConfig.Component.allCases
    /// Each level's spec, resolved once (the config keeps levels in a dictionary).
    private let specs: (p1: PriorityConfig.LevelSpec, p2: PriorityConfig.LevelSpec, p3: PriorityConfig.LevelSpec, p4: PriorityConfig.LevelSpec)

    public init(config: PriorityConfig = .default) {
        precondition(PriorityConfig.Component.count == 10, "ComponentValues holds ten values")
        self.config = config
        weights = PriorityConfig.Component.allCases.map { config.weights[$0] ?? 0 }
        specs = (config.spec(.p1), config.spec(.p2), config.spec(.p3), config.spec(.p4))
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

    public func components(_ e: Evidence) -> ComponentValues {
        let m = e.metadata
        func clamp(_ x: Double) -> Double { min(1, max(0, x)) }
        var riskSum = 0.0
        var seen: [String] = []
        for hit in e.risks where hit.counts && !seen.contains(hit.category) {
            seen.append(hit.category)
            riskSum += config.riskWeights[hit.category] ?? 0
        }
        var c = ComponentValues()
        c[.classifier] = clamp(e.probability)
        c[.risk] = clamp(riskSum)
        c[.negativity] = clamp(-e.sentiment)
        c[.tier] = m.accountTier.flatMap { config.tierValues[$0] } ?? 0
        c[.arr] = m.arrUSD.map { clamp(log10(1 + $0) / log10(1 + config.arrFullUSD)) } ?? 0
        c[.sla] = m.slaHoursLeft.map { $0 <= 0 ? 1 : clamp(1 - $0 / config.slaWindowHours) } ?? 0
        // A renewal date already passed (negative days) is as pressing as one due today.
        c[.renewal] = m.renewalDays.map { clamp(1 - $0 / config.renewalWindowDays) } ?? 0
        c[.openTickets] = m.openTickets.map { clamp($0 / config.openTicketsFull) } ?? 0
        c[.priorEscalations] = m.priorEscalations.map { clamp($0 / config.priorEscalationsFull) } ?? 0
        c[.health] = m.health.map { clamp((100 - $0) / 100) } ?? 0
        return c
    }

    public func assess(id: String, _ e: Evidence) -> Assessment {
        let values = components(e)
        // Points per component, and the components ordered by points, largest first (a stable
        // insertion sort: ties keep component order). Inline: no arrays per ticket.
        var points = InlineArray<10, Double>(repeating: 0)
        var order = InlineArray<10, Int>(repeating: 0)
        var total = 0.0
        for k in 0..<PriorityConfig.Component.count {
            let p = 100 * weights[k] * values[components[k]]
            points[k] = p
            total += p
            var j = k
            while j > 0 && points[order[j - 1]] < p { order[j] = order[j - 1]; j -= 1 }
            order[j] = k
        }
        // Rounded before any decision, so a threshold equal to a shown priority behaves as shown.
        var priority = (min(100, total) * 10).rounded() / 10

        var risks: [(category: String, terms: [String])] = []
        for hit in e.risks where hit.counts {
            if let k = risks.firstIndex(where: { $0.category == hit.category }) {
                if !risks[k].terms.contains(hit.matched) { risks[k].terms.append(hit.matched) }
            } else {
                risks.append((hit.category, [hit.matched]))
            }
        }

        var escalate = priority >= config.threshold(for: e.metadata)
        var level = level(for: priority)
        // Route by the heaviest risk category present; no category → the default route.
        var strongest: (category: String, weight: Double)?
        for (category, _) in risks {
            let weight = config.riskWeights[category] ?? 0
            // Ties: the category that sorts first (as `max` over (weight, name) pairs picks).
            if let s = strongest, (weight, s.category) <= (s.weight, category) { continue }
            strongest = (category, weight)
        }
        var route = strongest.flatMap { config.routes[$0.category] } ?? config.defaultRoute
        var routeNote: String?
        var triggers: [String] = []
        var ruleReasons: [String] = []

        for rule in config.rules where rule.enabled && fires(rule, risks: risks, e) {
            triggers.append(rule.name)
            escalate = true
            var effects: [String] = []
            if let ruleLevel = rule.level, ruleLevel > level {
                level = ruleLevel
                priority = max(priority, spec(ruleLevel).minimum)
                effects.append(ruleLevel.rawValue)
            }
            if let tier = rule.tier, tier > route.tier { route.tier = tier; effects.append(tier.description) }
            if let note = rule.route { routeNote = note; effects.append("→ \(note)") }
            ruleReasons.append("rule \(rule.name)" + (effects.isEmpty ? "" : ": " + effects.joined(separator: ", ")))
        }
        if !escalate { route = PriorityConfig.Route(type: .none, tier: .t1) }

        // Rule reasons first, then the largest contributions (of the top five, those worth half a
        // point), at least three of them; five reasons at most. One array, no intermediate ones.
        var reasons = ruleReasons
        reasons.reserveCapacity(ruleReasons.count + 5)
        let contributionLimit = max(3, 5 - ruleReasons.count)
        var text = ReasonText()  // one buffer for all of them
        for rank in 0..<5 where points[order[rank]] >= 0.5 {
            guard reasons.count - ruleReasons.count < contributionLimit else { break }
            reasons.append(reason(components[order[rank]], points: points[order[rank]], e, risks: risks, into: &text))
        }
        let spec = spec(level)
        let confidence = max(e.probability, 1 - e.probability)
        return Assessment(
            id: id, priority: priority, escalate: escalate, level: level,
            tier: route.tier, type: route.type, review: confidence < config.reviewConfidence,
            sentiment: e.sentiment, probability: e.probability, risks: risks,
            ignoredRisks: e.risks.filter { !$0.counts && !$0.exempt }.map { "\($0.category): \($0.matched) (\($0.negated ? "negated" : "question"))" },
            triggers: triggers, reasons: reasons.count > 5 ? Array(reasons.prefix(5)) : reasons, route: routeNote,
            respondMinutes: spec.respondMinutes, resolveHours: spec.resolveHours, components: values)
    }

    private func fires(_ rule: PriorityConfig.Rule, risks: [(category: String, terms: [String])], _ e: Evidence) -> Bool {
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

    /// `r` is scratch space, emptied first.
    private func reason(_ component: PriorityConfig.Component, points: Double, _ e: Evidence,
                        risks: [(category: String, terms: [String])], into r: inout ReasonText) -> String {
        let m = e.metadata
        r.removeAll()
        switch component {
        case .classifier: r.append("classifier P(escalate) "); r.appendFixed(e.probability, 2)
        case .risk:
            r.append("risk ")
            for (k, risk) in risks.enumerated() {
                if k > 0 { r.append(", ") }
                r.append(text: risk.category); r.append(" (")
                for (t, term) in risk.terms.enumerated() {
                    if t > 0 { r.append(", ") }
                    r.append(text: term)
                }
                r.append(")")
            }
        case .negativity: r.append("negative sentiment "); r.appendFixed(e.sentiment, 2)
        case .tier: r.append(text: m.accountTier ?? "?"); r.append(" account")
        case .arr: r.append("ARR $"); r.appendFixed(m.arrUSD ?? 0, 0)
        case .sla:
            if (m.slaHoursLeft ?? 1) <= 0 { r.append("SLA breached") } else {
                r.append("SLA "); r.appendFixed(m.slaHoursLeft ?? 0, 1); r.append(" h left")
            }
        case .renewal: r.append("renewal in "); r.appendFixed(m.renewalDays ?? 0, 0); r.append(" days")
        case .openTickets: r.appendFixed(m.openTickets ?? 0, 0); r.append(" open tickets")
        case .priorEscalations: r.appendFixed(m.priorEscalations ?? 0, 0); r.append(" prior escalations")
        case .health: r.append("account health "); r.appendFixed(m.health ?? 0, 0); r.append("/100")
        }
        r.append(" +"); r.appendFixed(points, 1)
        return r.string
    }
}
