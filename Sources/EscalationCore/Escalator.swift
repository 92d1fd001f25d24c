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
/// Holds an ICU normalizer, so use one per thread.
public final class Escalator {
    public let normalizer: Normalizer
    public let sentiment: SentimentAnalyzer
    public let risk: RiskMatcher
    public let classifier: NaiveBayes
    public let priority: PriorityModel

    public init(resources: Resources, classifier: NaiveBayes, config: PriorityConfig, normalizer: Normalizer) {
        self.normalizer = normalizer
        normalizer.emoticons = resources.sentiment.emoticons
        sentiment = SentimentAnalyzer(lexicon: resources.sentiment, modifiers: resources.modifiers)
        risk = RiskMatcher(lexicon: resources.risk, modifiers: resources.modifiers)
        self.classifier = classifier
        priority = PriorityModel(config: config)
    }

    public func evidence(for ticket: Ticket) -> Evidence {
        let text = normalizer.normalize(ticket.text)
        let hits = risk.hits(in: text)
        return Evidence(
            probability: classifier.probability(words: text.words),
            sentiment: sentiment.compound(text, risks: hits, riskValence: risk.lexicon.valence),
            risks: hits,
            metadata: ticket.metadata,
            amountInText: Amounts.largestUSD(in: ticket.text))
    }

    public func assess(_ ticket: Ticket) -> Assessment {
        priority.assess(id: ticket.id, evidence(for: ticket))
    }
}
