/// The stages that read a ticket in one set of languages: sentiment, risk and impact over the
/// merged lexicons of those languages. English's share the escalator's vocabulary; another
/// set's stages have a vocabulary of their own, built with them, and read the ticket's tokens
/// encoded afresh in it (`encoding`).
final class LanguageStages {
    let sentiment: SentimentAnalyzer
    let risk: RiskMatcher
    /// Built the first time a ticket reporting a problem needs it: impact is read for those only,
    /// and most language sets a run meets never see one.
    private(set) lazy var impact: RiskMatcher = makeImpact()
    private let makeImpact: () -> RiskMatcher
    /// Nil: the escalator's (English); the ticket is read as the classifier encoded it.
    let vocabulary: Vocabulary?

    init(sentiment: SentimentAnalyzer, risk: RiskMatcher, impact: @escaping () -> RiskMatcher, vocabulary: Vocabulary?) {
        self.sentiment = sentiment
        self.risk = risk
        makeImpact = impact
        self.vocabulary = vocabulary
    }

    /// Stages over `lexicon`, on a vocabulary of their own.
    convenience init(_ lexicon: LanguageLexicon) {
        var builder = Vocabulary.Builder()
        Self.register(lexicon, into: &builder)
        let vocabulary = builder.build()
        let risk = RiskMatcher(lexicon: lexicon.risk, modifiers: lexicon.modifiers, vocabulary: vocabulary)
        self.init(sentiment: SentimentAnalyzer(lexicon: lexicon.sentiment, modifiers: lexicon.modifiers, vocabulary: vocabulary),
                  risk: risk,
                  impact: { RiskMatcher(lexicon: lexicon.impact, modifiers: lexicon.modifiers, vocabulary: vocabulary, sharing: risk) },
                  vocabulary: vocabulary)
    }

    /// The ticket as these stages read it.
    @inline(__always) func encoding(_ encoded: EncodedText) -> EncodedText {
        guard let vocabulary else { return encoded }
        return vocabulary.encodeAfresh(encoded.text)
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
    private let englishLexicon: LanguageLexicon
    private let store: LanguageStore
    /// English's emoji and emoticons, found the first time another language needs them
    /// (finding them reads every VADER entry: not worth doing at every start-up).
    private var symbols: SentimentLexicon?
    private var built: [UInt16: LanguageStages] = [:]

    init(english: LanguageStages, englishLexicon: LanguageLexicon, store: LanguageStore) {
        self.english = english
        self.englishLexicon = englishLexicon
        self.store = store
    }

    mutating func stages(for detected: DetectedLanguage) -> LanguageStages {
        if detected.lexicons == .english { return english }
        let key = UInt16(detected.primary.rawValue) << 8 | UInt16(detected.lexicons.rawValue)
        if let stages = built[key] { return stages }
        let order = [detected.primary] + detected.lexicons.languages.filter { $0 != detected.primary }
        // The built-in files are checked by the tests and a folder's at start-up (`loadAll`):
        // a language that fails here was read already, so `try?` loses nothing.
        let parts = order.compactMap { $0 == .en ? englishLexicon : (try? store.lexicon($0)) ?? nil }
        let stages: LanguageStages
        if parts.isEmpty || (parts.count == 1 && parts[0].language == .en) {
            stages = english
        } else {
            if symbols == nil { symbols = englishLexicon.sentiment.symbols }
            stages = LanguageStages(LanguageLexicon.merged(parts, symbols: symbols!))
        }
        built[key] = stages
        return stages
    }
}
