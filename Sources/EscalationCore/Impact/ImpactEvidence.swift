/// How widely a ticket's problem hurts (ITIL impact).
public enum Impact: Int, Sendable, Comparable, CaseIterable {
    case single, several, wide
    public var name: String {
        switch self {
        case .single: "single"
        case .several: "several"
        case .wide: "wide"
        }
    }
    public static func < (a: Impact, b: Impact) -> Bool { a.rawValue < b.rawValue }
}

/// How soon it hurts (ITIL urgency).
public enum Urgency: Int, Sendable, Comparable, CaseIterable {
    case none, soon, immediate
    public var name: String {
        switch self {
        case .none: "none"
        case .soon: "soon"
        case .immediate: "immediate"
        }
    }
    public static func < (a: Urgency, b: Urgency) -> Bool { a.rawValue < b.rawValue }
}

/// The words behind an `ImpactEvidence`, kept apart so that the evidence of the many tickets
/// without any is a few bytes to copy.
public final class ImpactTerms: Sendable {
    /// The words that set impact and urgency, each once, in order.
    public let impact: [String]
    public let urgency: [String]
    /// The impact matcher's hits, counted or not (for `explain`).
    public let hits: [RiskHit]

    init(impact: [String], urgency: [String], hits: [RiskHit]) {
        (self.impact, self.urgency, self.hits) = (impact, urgency, hits)
    }
}

/// Impact and urgency read from a ticket's words (`impact.txt` and its languages' files).
public struct ImpactEvidence: Sendable {
    public var impact = Impact.single
    public var urgency = Urgency.none
    /// The ticket reports a problem: a risk category counts (an outage, a symptom of one, data
    /// loss, a legal threat…). "All users can now export to PDF" names everyone but reports
    /// nothing wrong, and "sadly we postpone the training for all our agents" is no incident:
    /// impact and urgency count only for a problem.
    public var problem = false
    /// Nil when the impact phrases found nothing.
    public var terms: ImpactTerms?

    public var impactTerms: [String] { terms?.impact ?? [] }
    public var urgencyTerms: [String] { terms?.urgency ?? [] }
    public var hits: [RiskHit] { terms?.hits ?? [] }

    /// What counts in the priority: the reading when there is a problem, else nothing.
    public var counted: (impact: Impact, urgency: Urgency) { problem ? (impact, urgency) : (.single, .none) }

    public init() {}

    /// A count of people or places ("4,000 users") this large is wide impact; this large, several.
    /// Round numbers a support lead would use: a hundred people is a company-wide problem for
    /// most B2B accounts, ten is more than one team's.
    public static let wideCount = 100.0
    public static let severalCount = 10.0

    /// From the impact matcher's hits; `problem` as decided by the caller.
    init(hits: [RiskHit], text: NormalizedText, problem: Bool) {
        self.problem = problem
        var impactTerms: [String] = [], urgencyTerms: [String] = []
        func raise(_ level: Impact, _ term: String) {
            if level > impact { impact = level }
            if !impactTerms.contains(term) { impactTerms.append(term) }
        }
        func raise(_ level: Urgency, _ term: String) {
            if level > urgency { urgency = level }
            if !urgencyTerms.contains(term) { urgencyTerms.append(term) }
        }
        for hit in hits where hit.counts {
            switch ImpactCategory.named(hit.category) {
            case .wide?: raise(.wide, hit.matched)
            case .several?: raise(.several, hit.matched)
            case .immediate?: raise(.immediate, hit.matched)
            case .soon?: raise(.soon, hit.matched)
            case .people?:
                guard let (count, number) = Self.count(before: hit.tokenIndex, in: text) else { continue }
                let term = number + " " + hit.matched
                if count >= Self.wideCount { raise(.wide, term) } else if count >= Self.severalCount { raise(.several, term) }
            case nil: continue
            }
        }
        terms = ImpactTerms(impact: impactTerms, urgency: urgencyTerms, hits: hits)
    }

    /// The number a few words before token `t` ("4,000 users", "4.000 of our users", "all 300 of our users").
    static func count(before t: Int, in text: NormalizedText) -> (Double, String)? {
        var k = t - 1
        while k >= 0 && k >= t - 4 {
            if text.kinds[k] == .punctuation { return nil }
            if text.kinds[k] == .number {
                // Its digits, skipping the thousands separators of any of our languages ("4,000",
                // "4.000", "4 000"); decimals do not occur in head counts. Bytes, not Characters:
                // people hits are frequent.
                var (value, digits) = (0.0, 0)
                for b in text.bytes[text.byteRange(of: k)] where b >= 0x30 && b <= 0x39 {
                    value = value * 10 + Double(b - 0x30)
                    digits += 1
                }
                guard digits > 0, digits <= 9 else { return nil }
                return (value, text.text(at: k))
            }
            k -= 1
        }
        return nil
    }
}
