/// Multinomial naive Bayes behind the `Classifier` seam: its model-file section holds the
/// counts (predictions derive from them), and it scores through a `PackedScorer`.
extension NaiveBayes: Classifier {
    public static let formatName = "escalate-naive-bayes"
    public static let formatVersion = 2  // 2: checksum added

    /// The parameters and learned counts, as stored.
    public struct Section: ModelSection {
        public var alpha = 1.0
        public var fitPrior = true
        /// Features are unigrams and bigrams (`Features.counts`); nothing else is read.
        public var ngramMax = 2
        /// Documents trained on, for the reader's information.
        public var trainedOn = 0
        public var documentsPerClass: [Double] = []
        public var features: [String] = []
        public var featureCounts: [[Double]] = []

        public init() {}

        public static var members: [ModelMember<Section>] {
            [.init("alpha", \.alpha), .init("fit_prior", \.fitPrior), .init("ngram_max", \.ngramMax),
             .init("trained_on", \.trainedOn, checked: false), .init("documents_per_class", \.documentsPerClass),
             .init("features", \.features), .init("feature_counts", \.featureCounts)]
        }
    }

    public var section: Section {
        var s = Section()
        (s.alpha, s.fitPrior) = (configuration.alpha, configuration.fitPrior)
        s.trainedOn = Int(documentsPerClass.reduce(0, +))
        (s.documentsPerClass, s.features, s.featureCounts) = (documentsPerClass, featureNames, featureCounts)
        return s
    }

    public init(section s: Section) throws {
        guard s.ngramMax == 2, s.alpha > 0, s.alpha.isFinite else {
            throw ModelFileError("unsupported model parameters (ngram_max \(s.ngramMax), alpha \(s.alpha))")
        }
        do {
            try self.init(configuration: .init(alpha: s.alpha, fitPrior: s.fitPrior), documentsPerClass: s.documentsPerClass,
                          featureNames: s.features, featureCounts: s.featureCounts)
        } catch {
            throw ModelFileError("inconsistent model file: \(error)")
        }
    }

    public var vocabularyWords: [String] { unigrams }

    public func scorer(for vocabulary: Vocabulary) -> any ClassifierScorer {
        var idOfColumn = [Int32](repeating: -1, count: featureCount)
        for (id, word) in vocabulary.words.enumerated() {
            let column = column(of: word)
            if column >= 0 { idOfColumn[Int(column)] = Int32(id) }
        }
        return scorer(wordCount: vocabulary.words.count, indexOfColumn: idOfColumn)
    }

    public func logOdds(words: [String]) -> Double {
        let jll = jointLogLikelihood(Features.counts(words))
        return jll[1] - jll[0]
    }

    public var summary: String { "\(featureCount) features" }
}

/// Trains `NaiveBayes` on unigrams and bigrams of the words.
public struct NaiveBayesTrainer: ClassifierTrainer {
    public var configuration: NaiveBayesConfiguration

    public init(configuration: NaiveBayesConfiguration = .init()) { self.configuration = configuration }

    public func train(_ documents: [[String]], labels: [Bool]) -> any Classifier {
        var model = NaiveBayes(configuration: configuration)
        model.fit(documents.map { Features.counts($0) }, labels: labels)
        return model
    }
}
