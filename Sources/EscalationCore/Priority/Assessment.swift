/// Everything `escalate` says about one ticket.
public struct Assessment: Sendable {
    public var id: String
    /// 0–100, one decimal.
    public var priority: Double
    public var escalate: Bool
    public var level: Level
    public var tier: SupportTier
    public var type: EscalationType
    /// Classifier confidence is low: a human should look.
    public var review: Bool
    public var sentiment: Double
    /// Naive-Bayes P(escalate).
    public var probability: Double
    /// The helpdesk's own priority on the 0…1 scale of `DeclaredPriority`, when the record had one.
    public var declaredPriority: Double?
    /// Category → matched words, in category order of first appearance (negated hits excluded).
    public var risks: [(category: String, terms: [String])]
    /// Risk terms that did not count, with why: negated ("not cancelling") or in an
    /// informational question ("Is the SLA timer paused?"). Shown for transparency.
    public var ignoredRisks: [String]
    /// Names of escalation-matrix rules that fired.
    public var triggers: [String]
    /// The largest contributions, readable by a support lead.
    public var reasons: [String]
    public var route: String?
    public var respondMinutes: Double
    public var resolveHours: Double
    /// Each component's value in 0…1 (for tuning and explanation).
    public var components: ComponentValues
    /// ISO 639-1 code of the ticket's language, or "und".
    public var language = "en"
    /// Impact and urgency that counted (a ticket reporting a problem).
    public var impact = Impact.single
    public var urgency = Urgency.none
    /// What hygiene removed from the ticket's text before scoring.
    public var stripped = HygieneReport()
}
