/// Trains the classifier from labeled tickets, with the same normalization used for scoring.
public enum Training {
    public static func train(_ examples: [(text: String, escalate: Bool)], normalizer: Normalizer,
                             configuration: NaiveBayesConfiguration = .init()) -> NaiveBayes {
        var model = NaiveBayes(configuration: configuration)
        model.fit(examples.map { Features.counts(normalizer.normalize($0.text).words) },
                  labels: examples.map(\.escalate))
        return model
    }
}
