/// The categories of an impact file (`impact.txt`, `impact.de.txt`): how widely a problem hurts
/// and how soon. Hits inside informational questions never count ("Can all users export?").
public enum ImpactCategory: String, CaseIterable, Sendable {
    /// Everyone: "none of our users", "the whole company", "production".
    case wide = "impact_wide"
    /// More than one, not all: "several users", "a whole department".
    case several = "impact_several"
    /// Hurts within hours: "payroll runs in two hours", "right now", "go-live tomorrow morning".
    case immediate = "urgency_immediate"
    /// Within days, or time already lost: "by Friday", "since yesterday", "for three days".
    case soon = "urgency_soon"
    /// Who or what is counted after a number: "4,000 users", "12 stores".
    case people

    /// The category named `name`, by plain comparison with each (a `String` switch, which
    /// `init(rawValue:)` is, costs several times more, once per impact hit).
    static func named(_ name: String) -> ImpactCategory? {
        for (rawValue, category) in byName where rawValue == name { return category }
        return nil
    }

    private static let byName = allCases.map { ($0.rawValue, $0) }

    /// An impact file, which may use only these categories.
    static func lexicon(file: SectionedFile, normalizer: Normalizer) throws -> RiskLexicon {
        try RiskLexicon(file: file, normalizer: normalizer, base: base)
    }

    /// Time phrases and head counts keep their meaning after a negator ("can't log in since
    /// yesterday", "we cannot serve 4,000 users"); scope words do not ("not all users").
    static let base = RiskLexicon(categories: allCases.map(\.rawValue), ignoredInQuestions: true,
                                  ignoringNegation: [immediate.rawValue, soon.rawValue, people.rawValue])
}
