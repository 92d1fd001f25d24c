import Foundation

/// Lexicons and configuration a pipeline is built from.
public struct Resources: Sendable {
    public var sentiment: SentimentLexicon
    public var modifiers: Modifiers
    public var risk: RiskLexicon

    public static let vaderFile = "vader_lexicon.txt"
    public static let supportFile = "support_sentiment.txt"
    public static let modifiersFile = "modifiers.txt"
    public static let riskFile = "risk.txt"

    /// Reads `Lexicons/`; any malformed line is a `DataFileError` naming FILE:LINE.
    public static func load(lexicons dir: String, normalizer: Normalizer) throws -> Resources {
        func path(_ name: String) -> String { (dir as NSString).appendingPathComponent(name) }
        let modifiers = try Modifiers(file: SectionedFile(path: path(modifiersFile)), normalizer: normalizer)
        var sentiment = SentimentLexicon()
        let vaderPath = path(vaderFile)
        try sentiment.addVADER(path: vaderPath, contents: DataFile.text(vaderPath, limit: DataFile.maxLexiconBytes, what: "lexicon"))
        try sentiment.add(file: SectionedFile(path: path(supportFile)), normalizer: normalizer)
        let risk = try RiskLexicon(file: SectionedFile(path: path(riskFile)), normalizer: normalizer)
        return Resources(sentiment: sentiment, modifiers: modifiers, risk: risk)
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
    public let classifier: NaiveBayes
    public let priority: PriorityModel
    /// Words of all stages, so each ticket word is looked up once.
    public let vocabulary: Vocabulary
    /// The classifier's scoring tables indexed by vocabulary id, this escalator's own.
    private let scorer: PackedScorer

    public init(resources: Resources, classifier: NaiveBayes, config: PriorityConfig, normalizer: Normalizer) {
        self.normalizer = normalizer
        normalizer.emoticons = resources.sentiment.emoticons
        var builder = Vocabulary.Builder()
        SentimentAnalyzer.register(lexicon: resources.sentiment, modifiers: resources.modifiers, into: &builder)
        RiskMatcher.register(lexicon: resources.risk, modifiers: resources.modifiers, into: &builder)
        builder.add(classifier.unigrams)
        vocabulary = builder.build()
        sentiment = SentimentAnalyzer(lexicon: resources.sentiment, modifiers: resources.modifiers, vocabulary: vocabulary)
        risk = RiskMatcher(lexicon: resources.risk, modifiers: resources.modifiers, vocabulary: vocabulary)
        self.classifier = classifier
        var idOfColumn = [Int32](repeating: -1, count: classifier.featureCount)
        for (id, word) in vocabulary.words.enumerated() {
            let column = classifier.column(of: word)
            if column >= 0 { idOfColumn[Int(column)] = Int32(id) }
        }
        scorer = classifier.scorer(wordCount: vocabulary.words.count, indexOfColumn: idOfColumn)
        priority = PriorityModel(config: config)
    }

    public func evidence(for ticket: Ticket) -> Evidence {
        let encoded = vocabulary.encode(normalizer.normalize(utf8: ticket.utf8, vocabulary: vocabulary))
        let questions = sentiment.questionMask(encoded)
        let hits = risk.hits(in: encoded, questions: questions)
        let probability = encoded.withTokenColumns { scorer.probability(words: LexicalIDs(tokens: $0)) }
        return Evidence(
            probability: probability,
            sentiment: sentiment.compound(encoded, risks: hits, riskValence: risk.lexicon.valence, questions: questions),
            risks: hits,
            metadata: ticket.metadata,
            amountInText: Amounts.largestUSD(utf8: ticket.utf8))
    }

    public func assess(_ ticket: Ticket) -> Assessment {
        priority.assess(id: ticket.id, evidence(for: ticket))
    }
}

/// The vocabulary id of each lexical token (-1: unknown), read through pointers: the scoring
/// loop runs per token.
private struct LexicalIDs: Sequence, IteratorProtocol {
    let tokens: TokenColumns
    var t = 0

    init(tokens: TokenColumns) { self.tokens = tokens }

    mutating func next() -> Int32? {
        while t < tokens.count {
            defer { t += 1 }
            if tokens.kinds[t].isLexical { return tokens.ids[t] }
        }
        return nil
    }
}
