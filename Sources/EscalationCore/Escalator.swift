import Foundation

/// Lexicons and configuration a pipeline is built from.
public struct Resources: Sendable {
    public var sentiment: SentimentLexicon
    public var modifiers: Modifiers
    public var risk: RiskLexicon
    /// Conversation cues (repeat contact, confirmation), read in threads only.
    public var threadCues: RiskLexicon
    /// English impact and urgency phrases (`impact.txt`; empty when the folder has none).
    public var impact = RiskLexicon()
    /// The other languages whose files the folder has (`risk.de.txt`, …), read when needed.
    public var languages = LanguageStore()

    /// English's lexicons as one language's.
    public var english: LanguageLexicon {
        LanguageLexicon(language: .en, sentiment: sentiment, modifiers: modifiers, risk: risk, impact: impact)
    }

    public static let vaderFile = "vader_lexicon.txt"
    public static let supportFile = "support_sentiment.txt"
    public static let modifiersFile = "modifiers.txt"
    public static let riskFile = "risk.txt"
    public static let threadFile = "thread.txt"
    public static let impactFile = "impact.txt"

    /// Reads the lexicon files from `source` (a folder or the built-in copy); any malformed line
    /// is a `DataFileError` naming FILE:LINE.
    public static func load(from source: DataSource, normalizer: Normalizer) throws -> Resources {
        func text(_ name: String) throws -> String { try source.text(name, limit: DataFile.maxLexiconBytes, what: "lexicon") }
        func sectioned(_ name: String) throws -> SectionedFile { try SectionedFile(path: source.path(name), contents: text(name)) }
        let modifiers = try Modifiers(file: sectioned(modifiersFile), normalizer: normalizer)
        var sentiment = SentimentLexicon()
        try sentiment.addVADER(path: source.path(vaderFile), contents: text(vaderFile))
        try sentiment.add(file: sectioned(supportFile), normalizer: normalizer)
        let risk = try RiskLexicon(file: sectioned(riskFile), normalizer: normalizer)
        let threadCues = try RiskLexicon(file: sectioned(threadFile), normalizer: normalizer)
        var resources = Resources(sentiment: sentiment, modifiers: modifiers, risk: risk, threadCues: threadCues)
        let available = Set(try source.names(endingWith: ".txt"))
        if available.contains(impactFile) {
            resources.impact = try ImpactCategory.lexicon(file: sectioned(impactFile), normalizer: normalizer)
        }
        var present: [(Language, Modifiers)] = []
        for language in Language.allCases where language != .en {
            guard LanguageLexicon.kinds.contains(where: { available.contains(language.fileName($0)) }) else { continue }
            let name = language.fileName("modifiers")
            present.append((language, available.contains(name) ? try Modifiers(file: sectioned(name), normalizer: normalizer) : Modifiers()))
        }
        resources.languages = LanguageStore(modifiers: present) { language, modifiers in
            try LanguageLexicon.load(language, modifiers: modifiers, from: source, available: available, english: risk,
                                     normalizer: normalizer, read: sectioned)
        }
        if case .folder = source { try resources.languages.loadAll() }
        return resources
    }

    /// Reads the lexicon files of a folder.
    public static func load(lexicons dir: String, normalizer: Normalizer) throws -> Resources {
        try load(from: .folder(dir), normalizer: normalizer)
    }
}

/// One ticket's path, top to bottom: normalize → sentiment, risk, classifier → priority.
/// Holds an ICU normalizer, so use one per thread. Everything read per word is built here,
/// in this escalator's own storage: threads sharing arrays would keep bouncing their reference
/// counts between cores.
public final class Escalator {
    public let normalizer: Normalizer
    public let sentiment: SentimentAnalyzer
    public let risk: RiskMatcher
    /// Repeat-contact and confirmation cues, for threads.
    public let threadCues: RiskMatcher
    public let classifier: any Classifier
    public let priority: PriorityModel
    /// Words of all stages, so each ticket word is looked up once.
    public let vocabulary: Vocabulary
    /// The classifier's scoring tables indexed by vocabulary id, this escalator's own.
    private let scorer: any ClassifierScorer
    public let languageDetector: LanguageDetector
    /// Sentiment, risk and impact per set of languages (English's are `sentiment` and `risk`).
    private var stageCache: LanguageStageCache
    /// Set while `trace` runs: impact is then read even without a problem.
    private var tracing = false

    /// Maps the classifier's log-odds to `probability` (a trained model's Platt scaling, else σ).
    public let calibration: Calibration

    /// `languages`: shared by the escalators of one run built from the same lexicons, so each
    /// other language is read and built once for all of them.
    public init(resources: Resources, classifier: any Classifier, config: PriorityConfig, normalizer: Normalizer,
                calibration: Calibration = .identity, languages: LanguageShare = LanguageShare()) {
        self.normalizer = normalizer
        self.calibration = calibration
        normalizer.emoticons = resources.sentiment.emoticons
        var builder = Vocabulary.Builder()
        SentimentAnalyzer.register(lexicon: resources.sentiment, modifiers: resources.modifiers, into: &builder)
        RiskMatcher.register(lexicon: resources.risk, modifiers: resources.modifiers, into: &builder)
        RiskMatcher.register(lexicon: resources.threadCues, modifiers: resources.modifiers, into: &builder)
        RiskMatcher.register(lexicon: resources.impact, modifiers: resources.modifiers, into: &builder)
        // Other languages' words live in their stages' own vocabularies (`LanguageStageCache`);
        // only their modifiers, which hold the function words detection reads, are here.
        for (_, modifiers) in resources.languages.modifiers { modifiers.register(into: &builder) }
        builder.add(classifier.vocabularyWords)
        vocabulary = builder.build()
        sentiment = SentimentAnalyzer(lexicon: resources.sentiment, modifiers: resources.modifiers, vocabulary: vocabulary)
        risk = RiskMatcher(lexicon: resources.risk, modifiers: resources.modifiers, vocabulary: vocabulary)
        threadCues = RiskMatcher(lexicon: resources.threadCues, modifiers: resources.modifiers, vocabulary: vocabulary, sharing: risk)
        let english = LanguageStages(
            sentiment: sentiment, risk: risk,
            impact: { [vocabulary, risk] in RiskMatcher(lexicon: resources.impact, modifiers: resources.modifiers, vocabulary: vocabulary, sharing: risk) },
            vocabulary: nil)
        stageCache = LanguageStageCache(english: english, englishLexicon: resources.english, store: resources.languages, share: languages)
        languageDetector = LanguageDetector(
            functionWords: [(.en, resources.modifiers.functionWords)] + resources.languages.modifiers.map { ($0.0, $0.1.functionWords) },
            vocabulary: vocabulary)
        self.classifier = classifier
        scorer = classifier.scorer(for: vocabulary)
        priority = PriorityModel(config: config)
    }

    public func assess(_ ticket: Ticket) -> Assessment {
        var assessment = priority.assess(id: ticket.id, evidence(for: ticket))
        if !ticket.stripped.isEmpty { assessment.stripped = ticket.stripped }
        return assessment
    }

    public func evidence(for ticket: Ticket) -> Evidence {
        evidence(for: ticket) { stages, encoded, hits, questions in
            stages.sentiment.compound(encoded, risks: hits, riskValence: stages.risk.lexicon.valence, questions: questions)
        }.evidence
    }

    /// `assess`, keeping what each step saw (for `explain`): the same steps, with sentiment's
    /// per-word breakdown in place of the compound alone.
    public func trace(_ ticket: Ticket) -> Trace {
        var tokens = NormalizedText()
        var breakdown = SentimentAnalyzer.Breakdown(words: [], valences: [], compound: 0)
        tracing = true
        defer { tracing = false }
        let (evidence, scored) = evidence(for: ticket) { stages, encoded, hits, _ in
            tokens = encoded.text
            breakdown = stages.sentiment.breakdown(encoded, risks: hits, riskValence: stages.risk.lexicon.valence)
            return breakdown.compound
        }
        var assessment = priority.assess(id: ticket.id, evidence)
        assessment.stripped = ticket.stripped
        return Trace(scored: String(decoding: scored, as: UTF8.self), tokens: tokens, sentiment: breakdown, evidence: evidence,
                     assessment: assessment)
    }

    /// The pipeline, written once: `scoreSentiment` gets the encoded text, the risk hits and the
    /// informational-question mask. A thread is read message by message first (`ThreadReading`);
    /// when its latest customer message confirms a fix, only that message is scored.
    @inline(__always)
    private func evidence(for ticket: Ticket, scoreSentiment: SentimentScoring) -> (evidence: Evidence, scored: [UInt8]) {
        guard let thread = ticket.thread else { return (evidence(utf8: ticket.utf8, metadata: ticket.metadata, scoreSentiment: scoreSentiment).0, ticket.utf8) }
        var reading = ThreadReading(thread)
        reading.read(with: self)
        let scored = reading.resolved ? reading.lastCustomer!.utf8 : ticket.utf8
        var (evidence, encoded) = evidence(utf8: scored, metadata: ticket.metadata, scoreSentiment: scoreSentiment)
        var summary = reading.evidence
        summary.repeatTerms = Self.terms(threadCues.hits(in: encoded), "repeat_contact")
        evidence.thread = summary
        return (evidence, scored)
    }

    /// Sentiment of the encoded text, given the stages of its languages, the risk hits and the
    /// informational-question mask.
    typealias SentimentScoring = (LanguageStages, EncodedText, [RiskHit], [Bool]) -> Double

    @inline(__always)
    private func evidence(utf8: [UInt8], metadata: AccountMetadata, scoreSentiment: SentimentScoring) -> (Evidence, EncodedText) {
        let encoded = vocabulary.encode(normalizer.normalize(utf8: utf8, vocabulary: vocabulary))
        let language = languageDetector.detect(encoded)
        let stages = stageCache.stages(for: language)
        let read = stages.encoding(encoded)
        let questions = stages.sentiment.questionMask(read)
        let words = RiskMatcher.Words(read)
        let hits = stages.risk.hits(in: read, words: words, questions: questions)
        let sentiment = scoreSentiment(stages, read, hits, questions)
        let logOdds = scorer.logOdds(encoded)
        var evidence = Evidence(
            probability: calibration.probability(logOdds: logOdds),
            sentiment: sentiment,
            risks: hits,
            metadata: metadata,
            amountInText: Amounts.largestUSD(utf8: utf8))
        evidence.logOdds = logOdds
        evidence.language = language
        evidence.impact = impact(read, words: words, stages: stages, questions: questions, hits: hits)
        return (evidence, encoded)
    }

    /// Impact and urgency, read only for a ticket that reports a problem (a counted risk
    /// category), the only kind they count for (and for `trace`, so `explain` shows what the
    /// phrases found either way).
    @inline(__always)
    private func impact(_ encoded: EncodedText, words: RiskMatcher.Words, stages: LanguageStages, questions: [Bool],
                        hits: [RiskHit]) -> ImpactEvidence {
        let problem = hits.contains(where: \.counts)
        guard problem || tracing else { return ImpactEvidence() }
        let found = stages.impact.hits(in: encoded, words: words, questions: questions)
        guard !found.isEmpty else { return ImpactEvidence() }
        return ImpactEvidence(hits: found, text: encoded.text, problem: problem)
    }

    /// One message read alone: its compound sentiment, whether it counts a risk, and its cues.
    func read(message utf8: [UInt8]) -> (sentiment: Double, risky: Bool, cues: [RiskHit]) {
        let encoded = vocabulary.encode(normalizer.normalize(utf8: utf8, vocabulary: vocabulary))
        let stages = stageCache.stages(for: languageDetector.detect(encoded))
        let read = stages.encoding(encoded)
        let questions = stages.sentiment.questionMask(read)
        let hits = stages.risk.hits(in: read, questions: questions)
        let compound = stages.sentiment.compound(read, risks: hits, riskValence: stages.risk.lexicon.valence, questions: questions)
        return (compound, hits.contains(where: \.counts), threadCues.hits(in: encoded, questions: questions))
    }

    /// The distinct counted terms of one category, in order.
    static func terms(_ hits: [RiskHit], _ category: String) -> [String] {
        var seen: [String] = []
        for hit in hits where hit.category == category && hit.counts && !seen.contains(hit.matched) { seen.append(hit.matched) }
        return seen
    }
}

/// What scoring saw of one ticket, step by step.
public struct Trace: Sendable {
    /// The text scored: the ticket's, or a resolved thread's latest customer message.
    public var scored: String
    /// The normalized tokens, as the classifier and the lexicons read them.
    public var tokens: NormalizedText
    public var sentiment: SentimentAnalyzer.Breakdown
    /// Holds the risk hits and the classifier's probability.
    public var evidence: Evidence
    public var assessment: Assessment
}
