/// The classifiers this build knows: the one place a new implementation is registered and the
/// default is chosen.
public enum ClassifierKinds {
    /// Every classifier a model file may hold, found by the file's `format`.
    public static var all: [any Classifier.Type] { [NaiveBayes.self] }

    /// What `train`, `eval --folds` and a start-up without `--model` train.
    /// `smoothing`: additive smoothing of the counts (Laplace = 1).
    public static func defaultTrainer(smoothing: Double = 1.0) -> any ClassifierTrainer {
        NaiveBayesTrainer(configuration: .init(alpha: smoothing))
    }
}
