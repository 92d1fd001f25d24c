/// One language's lexicons: one file per kind (`sentiment`, `modifiers`, `risk`, `impact`).
public struct LanguageLexicon: Sendable {
    public var language: Language
    public var sentiment: SentimentLexicon
    public var modifiers: Modifiers
    public var risk: RiskLexicon
    /// Impact and urgency phrases (`ImpactCategory`).
    public var impact: RiskLexicon

    public init(language: Language, sentiment: SentimentLexicon, modifiers: Modifiers, risk: RiskLexicon, impact: RiskLexicon) {
        self.language = language
        self.sentiment = sentiment
        self.modifiers = modifiers
        self.risk = risk
        self.impact = impact
    }

    /// The kinds of file a language other than English has; English's sentiment is VADER's
    /// lexicon plus `support_sentiment.txt`.
    public static let kinds = ["modifiers", "sentiment", "risk", "impact"]

    /// A language other than English, from its files in `source`; `english` gives the risk
    /// categories and their attributes. Nil when the folder has none of its files. A missing
    /// kind reads as empty, so a language can be added one file at a time.
    static func load(_ language: Language, from source: DataSource, available: Set<String>, english: RiskLexicon,
                     normalizer: Normalizer, read: (String) throws -> SectionedFile) throws -> LanguageLexicon? {
        precondition(language != .en)
        let present = Self.kinds.filter { available.contains(language.fileName($0)) }
        guard !present.isEmpty else { return nil }
        func file(_ kind: String) throws -> SectionedFile? {
            present.contains(kind) ? try read(language.fileName(kind)) : nil
        }
        var sentiment = SentimentLexicon()
        if let f = try file("sentiment") { try sentiment.add(file: f, normalizer: normalizer) }
        return LanguageLexicon(
            language: language, sentiment: sentiment,
            modifiers: try file("modifiers").map { try Modifiers(file: $0, normalizer: normalizer) } ?? Modifiers(),
            risk: try file("risk").map { try RiskLexicon(file: $0, normalizer: normalizer, base: english) } ?? RiskLexicon(),
            impact: try file("impact").map { try ImpactCategory.lexicon(file: $0, normalizer: normalizer) } ?? RiskLexicon())
    }

    /// The lexicons of several languages as one, `parts[0]` winning where two disagree.
    /// Emoji and emoticons (`symbols`) are read in every language.
    static func merged(_ parts: [LanguageLexicon], symbols: SentimentLexicon) -> LanguageLexicon {
        var m = parts[0]
        for p in parts.dropFirst() {
            m.sentiment = m.sentiment.merging(p.sentiment)
            m.modifiers = m.modifiers.merging(p.modifiers)
            m.risk = m.risk.merging(p.risk)
            m.impact = m.impact.merging(p.impact)
        }
        m.sentiment = m.sentiment.merging(symbols)
        return m
    }
}
