/// The stages that read a ticket in one set of languages: sentiment, risk and impact over the
/// merged lexicons of those languages, all on the escalator's one vocabulary.
final class LanguageStages {
    let sentiment: SentimentAnalyzer
    let risk: RiskMatcher
    let impact: RiskMatcher

    init(sentiment: SentimentAnalyzer, risk: RiskMatcher, impact: RiskMatcher) {
        self.sentiment = sentiment
        self.risk = risk
        self.impact = impact
    }

    convenience init(_ lexicon: LanguageLexicon, vocabulary: Vocabulary) {
        let risk = RiskMatcher(lexicon: lexicon.risk, modifiers: lexicon.modifiers, vocabulary: vocabulary)
        self.init(sentiment: SentimentAnalyzer(lexicon: lexicon.sentiment, modifiers: lexicon.modifiers, vocabulary: vocabulary),
                  risk: risk,
                  impact: RiskMatcher(lexicon: lexicon.impact, modifiers: lexicon.modifiers, vocabulary: vocabulary, sharing: risk))
    }

    /// Every word and stem the stages of `lexicon` look up.
    static func register(_ lexicon: LanguageLexicon, into builder: inout Vocabulary.Builder) {
        SentimentAnalyzer.register(lexicon: lexicon.sentiment, modifiers: lexicon.modifiers, into: &builder)
        RiskMatcher.register(lexicon: lexicon.risk, modifiers: lexicon.modifiers, into: &builder)
        RiskMatcher.register(lexicon: lexicon.impact, modifiers: lexicon.modifiers, into: &builder)
    }
}

/// The stages per set of languages, built the first time a ticket needs them (most sets never
/// occur). English alone, the common case, is built up front and found without a look-up.
struct LanguageStageCache {
    let english: LanguageStages
    /// By language; nil for a language whose files the lexicon folder lacks.
    private let lexicons: [LanguageLexicon?]
    /// English's emoji and emoticons, found the first time another language needs them
    /// (finding them reads every VADER entry: not worth doing at every start-up).
    private let englishSentiment: SentimentLexicon
    private var symbols: SentimentLexicon?
    private let vocabulary: Vocabulary
    private var built: [UInt16: LanguageStages] = [:]

    init(english: LanguageStages, lexicons: [LanguageLexicon?], vocabulary: Vocabulary) {
        self.english = english
        self.lexicons = lexicons
        englishSentiment = lexicons[Language.en.rawValue]?.sentiment ?? SentimentLexicon()
        self.vocabulary = vocabulary
    }

    mutating func stages(for detected: DetectedLanguage) -> LanguageStages {
        if detected.lexicons == .english { return english }
        let key = UInt16(detected.primary.rawValue) << 8 | UInt16(detected.lexicons.rawValue)
        if let stages = built[key] { return stages }
        let order = [detected.primary] + detected.lexicons.languages.filter { $0 != detected.primary }
        let parts = order.compactMap { lexicons[$0.rawValue] }
        let stages: LanguageStages
        if parts.isEmpty || (parts.count == 1 && parts[0].language == .en) {
            stages = english
        } else {
            if symbols == nil { symbols = englishSentiment.symbols }
            stages = LanguageStages(LanguageLexicon.merged(parts, symbols: symbols!), vocabulary: vocabulary)
        }
        built[key] = stages
        return stages
    }
}
