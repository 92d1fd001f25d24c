/// Trains a classifier from labeled tickets, with the same normalization used for scoring.
public enum Training {
    public static func train(_ examples: [(text: String, escalate: Bool)], normalizer: Normalizer,
                             trainer: any ClassifierTrainer = ClassifierKinds.defaultTrainer()) -> any Classifier {
        trainer.train(examples.map { normalizer.normalize($0.text).words }, labels: examples.map(\.escalate))
    }
}
