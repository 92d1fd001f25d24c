import Foundation

extension PriorityConfig {
    /// The parts the priority adds up, each in 0…1 and weighted by its `[weights]` key.
    /// The case order is the order tied contributions are listed in `reasons`.
    ///
    /// A new component is a case here and its arm in each switch below (keys, value, reason; the
    /// compiler asks for each), plus its weight line in `defaultText`. Storage is sized from
    /// `allCases`, and `ComponentTableTests` ties the table to the default text.
    public enum Component: Int, CaseIterable, Sendable {
        case classifier, risk, negativity, tier, arr, sla, renewal, openTickets, priorEscalations, health, declaredPriority
        case threadTrend, threadFollowUps, threadRepeatContact, threadTimeOpen
        case impact, urgency

        /// Extras on top of the evidence, whose weights sum to 1: the helpdesk's priority, what
        /// a conversation shows, impact and urgency. Missing for most tickets; the total is capped at 100.
        public var isExtra: Bool {
            switch self {
            case .declaredPriority, .threadTrend, .threadFollowUps, .threadRepeatContact, .threadTimeOpen, .impact, .urgency: true
            default: false
            }
        }

        /// `allCases`, built once (the synthesized property builds an array per call).
        static let all = allCases
        /// Position in `allCases`: the index into every per-component storage.
        public var index: Int { rawValue }
        /// The key of its weight in `[weights]`.
        public var key: String { keys.weight }
        /// The key of its scale in `[scales]`, when its value is relative to one.
        public var scaleKey: String? { keys.scale }

        /// The component whose `[weights]` key this is.
        public init?(key: String) {
            guard let component = Self.all.first(where: { $0.key == key }) else { return nil }
            self = component
        }

        /// Its key in `[weights]`, and in `[scales]` when its value is relative to a configured scale
        /// (read by `value` as `config.scales[component]`).
        var keys: (weight: String, scale: String?) {
            switch self {
            case .classifier: ("classifier", nil)
            case .risk: ("risk", nil)
            case .negativity: ("negativity", nil)
            case .tier: ("tier", nil)
            case .arr: ("arr", "arr_full_usd")
            case .sla: ("sla", "sla_window_hours")
            case .renewal: ("renewal", "renewal_window_days")
            case .openTickets: ("open_tickets", "open_tickets_full")
            case .priorEscalations: ("prior_escalations", "prior_escalations_full")
            case .health: ("health", nil)
            case .declaredPriority: ("declared_priority", nil)
            case .threadTrend: ("thread_trend", "trend_full")
            case .threadFollowUps: ("thread_follow_ups", "follow_ups_full")
            case .threadRepeatContact: ("thread_repeat_contact", "repeat_contact_full")
            case .threadTimeOpen: ("thread_time_open", "time_open_full_hours")
            case .impact: ("impact", nil)
            case .urgency: ("urgency", nil)
            }
        }

        /// Its value from the evidence; the model clamps it to 0…1. Missing evidence gives 0: neutral.
        /// Inlined into the model's loop over the table, which then needs no call per component.
        /// `resolved`: what the model looked up by name for this ticket.
        @inline(__always)
        func value(_ e: borrowing Evidence, _ resolved: ResolvedValues, _ config: borrowing PriorityConfig) -> Double {
            let m = e.metadata
            switch self {
            // Its log-odds, where `train` set their range: a learned combination is a logistic
            // regression, linear in the log-odds; linear in the probability, it would read a
            // step from 0.02 to 0.05 as nothing and let weaker components reorder such tickets.
            case .classifier:
                guard let range = config.classifierLogOdds else { return e.probability }
                return (log(e.probability / (1 - e.probability)) - range.low) / (range.high - range.low)
            // Each counted category once, whatever the number of its hits.
            case .risk: return resolved.riskWeights
            case .negativity: return -e.sentiment
            case .tier: return resolved.tierValue ?? 0
            case .arr: return m.arrUSD.map { log10(1 + $0) / resolved.arrFull } ?? 0
            case .sla: return m.slaHoursLeft.map { $0 <= 0 ? 1 : 1 - $0 / config.scales[.sla] } ?? 0
            // A renewal date already passed (negative days) is as pressing as one due today.
            case .renewal: return m.renewalDays.map { 1 - $0 / config.scales[.renewal] } ?? 0
            case .openTickets: return m.openTickets.map { $0 / config.scales[.openTickets] } ?? 0
            case .priorEscalations: return m.priorEscalations.map { $0 / config.scales[.priorEscalations] } ?? 0
            // An unhealthy account is at risk.
            case .health: return m.health.map { (100 - $0) / 100 } ?? 0
            // Above normal only: most tickets are "normal", which says nothing.
            case .declaredPriority: return m.declared.map { max(0, 2 * $0.level - 1) } ?? 0
            // A resolved thread adds nothing: the customer said the problem is gone.
            case .threadTrend: return e.openThread.map { $0.customerMessages >= 2 ? ($0.firstSentiment - $0.lastSentiment) / config.scales[.threadTrend] : 0 } ?? 0
            case .threadFollowUps: return e.openThread.map { Double($0.followUps) / config.scales[.threadFollowUps] } ?? 0
            case .threadRepeatContact: return e.openThread.map { Double($0.repeatTerms.count) / config.scales[.threadRepeatContact] } ?? 0
            case .threadTimeOpen: return e.openThread?.hoursOpen.map { $0 / config.scales[.threadTimeOpen] } ?? 0
            // Only for a ticket that reports a problem (`ImpactEvidence.counted`): 1 wide, 0.5 several.
            case .impact: return Double(e.impact.counted.impact.rawValue) / 2
            case .urgency: return Double(e.impact.counted.urgency.rawValue) / 2
            }
        }

        /// Its reason's words, before the points ("SLA 2.5 h left").
        func reason(into r: inout ReasonText, _ e: Evidence, _ risks: CountedRisks) {
            let m = e.metadata
            switch self {
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
                if (m.slaHoursLeft ?? 1) <= 0 { return r.append("SLA breached") }
                r.append("SLA "); r.appendFixed(m.slaHoursLeft ?? 0, 1); r.append(" h left")
            case .renewal: r.append("renewal in "); r.appendFixed(m.renewalDays ?? 0, 0); r.append(" days")
            case .openTickets: r.appendFixed(m.openTickets ?? 0, 0); r.append(" open tickets")
            case .priorEscalations: r.appendFixed(m.priorEscalations ?? 0, 0); r.append(" prior escalations")
            case .health: r.append("account health "); r.appendFixed(m.health ?? 0, 0); r.append("/100")
            case .declaredPriority: r.append("helpdesk priority "); r.append(text: m.declared?.shown ?? "?")
            case .threadTrend:
                r.append("customer sentiment worsened "); r.appendFixed(e.thread?.firstSentiment ?? 0, 2)
                r.append(" → "); r.appendFixed(e.thread?.lastSentiment ?? 0, 2)
            case .threadFollowUps: r.appendFixed(Double(e.thread?.followUps ?? 0), 0); r.append(" customer follow-ups without an agent reply")
            case .threadRepeatContact:
                r.append("repeat contact (")
                for (k, term) in (e.thread?.repeatTerms ?? []).enumerated() {
                    if k > 0 { r.append(", ") }
                    r.append(text: term)
                }
                r.append(")")
            case .threadTimeOpen: r.append("thread open "); r.appendFixed(e.thread?.hoursOpen ?? 0, 0); r.append(" h")
            case .impact: r.append("impact "); r.append(text: e.impact.impact.name); Self.appendTerms(e.impact.impactTerms, into: &r)
            case .urgency: r.append("urgency "); r.append(text: e.impact.urgency.name); Self.appendTerms(e.impact.urgencyTerms, into: &r)
            }
        }

        /// " (a, b)".
        private static func appendTerms(_ terms: [String], into r: inout ReasonText) {
            r.append(" (")
            for (k, term) in terms.enumerated() {
                if k > 0 { r.append(", ") }
                r.append(text: term)
            }
            r.append(")")
        }
    }
}

/// What `Component.value` reads of the configuration by name or through a logarithm, resolved
/// by `PriorityModel` for one ticket.
struct ResolvedValues {
    /// The `[risk]` weights of the ticket's counted categories, each once, added in their order.
    var riskWeights: Double
    /// The `[tiers]` value of its account tier.
    var tierValue: Double?
    /// log10(1 + arr_full_usd).
    var arrFull: Double
}

/// The risk hits that count, grouped by category in order of first appearance, each term once.
typealias CountedRisks = [(category: String, terms: [String])]

/// Inline storage with one slot per `PriorityConfig.Component`: no allocation per ticket. Its size
/// must be a literal; `ComponentTableTests` and `PriorityModel.init` check it equals `allCases.count`.
typealias PerComponent<Element> = InlineArray<17, Element>

/// A value per priority component, indexed by component.
public struct ComponentValues: Sendable, Equatable {
    private var values = PerComponent<Double>(repeating: 0)

    /// Every component at 0.
    public init() {}

    /// Each component's value from `value`.
    public init(_ value: (PriorityConfig.Component) -> Double) {
        for component in PriorityConfig.Component.all { values[component.index] = value(component) }
    }

    // Read through a span: InlineArray's own getter copies the whole storage (136 bytes) per read.
    public subscript(component: PriorityConfig.Component) -> Double {
        get { values.span[component.index] }
        set { values[component.index] = newValue }
    }

    /// By `Component.index`.
    subscript(index: Int) -> Double { values.span[index] }

    public static func == (a: Self, b: Self) -> Bool {
        a.values.indices.allSatisfy { a.values[$0] == b.values[$0] }
    }
}
