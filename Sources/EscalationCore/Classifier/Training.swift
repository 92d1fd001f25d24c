/// Trains a classifier from labeled tickets, with the same normalization used for scoring.
public enum Training {
    public static func train(_ examples: [(text: String, escalate: Bool)], normalizer: Normalizer,
                             trainer: any ClassifierTrainer = ClassifierKinds.defaultTrainer()) -> any Classifier {
        trainer.train(examples.map { text in
            let normalized = normalizer.normalize(text.text)
            return trainer.readsMarks ? normalized.wordsAndMarks : normalized.words
        }, labels: examples.map(\.escalate))
    }

    /// Why these labels cannot train a classifier, or nil: it needs examples of both classes
    /// (one class alone gives a model that says the same for every ticket).
    public static func labelProblem(_ labels: [Bool]) -> String? {
        let positives = labels.filter { $0 }.count
        guard !labels.isEmpty else { return "no labeled records" }
        guard positives == 0 || positives == labels.count else { return nil }
        let which = positives == 0 ? "calm (escalate false)" : "escalate (true)"
        let all = labels.count == 1 ? "the only record is" : "all \(labels.count) records are"
        return "\(all) labeled \(which); training needs both classes"
    }
}
