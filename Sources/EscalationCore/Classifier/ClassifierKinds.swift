/// The classifiers this build knows: the one place a new implementation is registered and the
/// default is chosen.
public enum ClassifierKinds {
    /// Every classifier a model file may hold, found by the file's `format`.
    public static var all: [any Classifier.Type] { [NaiveBayes.self, LinearText.self] }

    /// The modes `train --classifier` offers, by name.
    public enum Mode: String, Sendable, CaseIterable {
        /// Multinomial naive Bayes over word unigrams and bigrams (counts).
        case naiveBayes = "naive-bayes"
        /// Sublinear IDF-weighted words, bigrams and character n-grams, normalized, under a
        /// logistic regression whose C is chosen by internal cross-validation.
        case linear
    }

    public static let defaultMode = Mode.linear

    /// What `train` and `eval --folds` train.
    /// `smoothing`: additive smoothing of naive Bayes' counts (Laplace = 1).
    public static func defaultTrainer(smoothing: Double = 1.0) -> any ClassifierTrainer {
        trainer(defaultMode, smoothing: smoothing)
    }

    /// What a start-up without `--model` trains from the corpus: naive Bayes, which trains in a
    /// few milliseconds. The linear mode, even without its internal cross-validation, roughly
    /// doubled start-up (about 50 → 70 ms of CPU); `escalate train Corpora/*.jsonl` and
    /// `--model` give it.
    public static func startupTrainer() -> any ClassifierTrainer { trainer(.naiveBayes) }

    public static func trainer(_ mode: Mode, smoothing: Double = 1.0, folds: Int? = nil) -> any ClassifierTrainer {
        switch mode {
        case .naiveBayes: return NaiveBayesTrainer(configuration: .init(alpha: smoothing))
        case .linear:
            var configuration = LinearTextConfiguration()
            if let folds { configuration.folds = folds }
            return LinearTextTrainer(configuration: configuration)
        }
    }
}
