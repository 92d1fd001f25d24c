import Foundation

/// The stages that read a ticket in one set of languages: sentiment, risk and impact over the
/// merged lexicons of those languages. English's share the escalator's vocabulary; another
/// set's stages have a vocabulary of their own, built with them, and read the ticket's tokens
/// encoded afresh in it (`encoding`). Another set's stages serve every scoring thread
/// (`LanguageShare`): all they hold is read-only but `impact`, built under a lock.
final class LanguageStages: @unchecked Sendable {
    let sentiment: SentimentAnalyzer
    let risk: RiskMatcher
    /// Nil: the escalator's (English); the ticket is read as the classifier encoded it.
    let vocabulary: Vocabulary?
    private let makeImpact: () -> RiskMatcher
    private var builtImpact: RiskMatcher?
    private let impactLock = NSLock()

    init(sentiment: SentimentAnalyzer, risk: RiskMatcher, impact: @escaping () -> RiskMatcher, vocabulary: Vocabulary?) {
        self.sentiment = sentiment
        self.risk = risk
        makeImpact = impact
        self.vocabulary = vocabulary
    }

    /// Built the first time a ticket reporting a problem needs it: impact is read for those only,
    /// and most language sets a run meets never see one.
    var impact: RiskMatcher {
        impactLock.lock()
        defer { impactLock.unlock() }
        if let builtImpact { return builtImpact }
        let impact = makeImpact()
        builtImpact = impact
        return impact
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
/// occur). English alone, the common case, is the escalator's own, built up front and found
/// without a look-up; other sets come from the `LanguageShare`, and are remembered here so the
/// share's lock is taken once per set and thread.
struct LanguageStageCache {
    let english: LanguageStages
    private let englishLexicon: LanguageLexicon
    private let store: LanguageStore
    private let share: LanguageShare
    /// Nil: English's (a set whose other languages have no files).
    private var seen: [UInt16: LanguageStages?] = [:]

    init(english: LanguageStages, englishLexicon: LanguageLexicon, store: LanguageStore, share: LanguageShare) {
        self.english = english
        self.englishLexicon = englishLexicon
        self.store = store
        self.share = share
    }

    mutating func stages(for detected: DetectedLanguage) -> LanguageStages {
        if detected.lexicons == .english { return english }
        let key = UInt16(detected.primary.rawValue) << 8 | UInt16(detected.lexicons.rawValue)
        if let stages = seen[key] { return stages ?? english }
        let stages = share.stages(key, for: detected, englishLexicon: englishLexicon, store: store)
        seen[key] = stages
        return stages ?? english
    }
}

/// Other languages' lexicons and stages, read and built once for all the escalators of a run
/// (one per scoring thread) that share it: they are the same for every thread, and building
/// them costs more than thousands of tickets. Escalators built from different lexicon folders
/// must not share one.
public final class LanguageShare: @unchecked Sendable {
    private let lock = NSLock()
    private var lexicons: [Language: LanguageLexicon?] = [:]
    /// Nil: the set reads with English's stages (its other languages have no files).
    private var built: [UInt16: LanguageStages?] = [:]
    /// English's emoji and emoticons, found the first time another language needs them
    /// (finding them reads every VADER entry: not worth doing at every start-up).
    private var symbols: SentimentLexicon?

    public init() {}

    /// The stages of `detected`'s set (`key`), built on first use with the caller's `store`
    /// (its normalizer) while the others wait.
    func stages(_ key: UInt16, for detected: DetectedLanguage, englishLexicon: LanguageLexicon, store: LanguageStore) -> LanguageStages? {
        lock.lock()
        defer { lock.unlock() }
        if let stages = built[key] { return stages }
        let order = [detected.primary] + detected.lexicons.languages.filter { $0 != detected.primary }
        let parts = order.compactMap { $0 == .en ? englishLexicon : lexicon($0, store) }
        var stages: LanguageStages?
        if !(parts.isEmpty || (parts.count == 1 && parts[0].language == .en)) {
            if symbols == nil { symbols = englishLexicon.sentiment.symbols }
            stages = LanguageStages(LanguageLexicon.merged(parts, symbols: symbols!))
        }
        built[key] = stages
        return stages
    }

    /// Called with the lock held.
    private func lexicon(_ language: Language, _ store: LanguageStore) -> LanguageLexicon? {
        if let lexicon = lexicons[language] { return lexicon }
        // The built-in files are checked by the tests and a folder's at start-up (`loadAll`):
        // a language that fails here was read already, so `try?` loses nothing.
        let lexicon = (try? store.lexicon(language)) ?? nil
        lexicons[language] = lexicon
        return lexicon
    }
}
