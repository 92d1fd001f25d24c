import Foundation

/// `LinearText` behind the `Classifier` seam: the section holds the final weights (what scoring
/// reads) and how they were chosen; it scores through a `LinearTextScorer`.
extension LinearText: Classifier {
    public static let formatName = "escalate-linear-text"
    public static let formatVersion = 1

    public struct Section: ModelSection {
        public var charMin = 2, charMax = 5, charBits = 18
        public var intercept = 0.0
        public var features: [String] = []
        public var featureWeights: [Double] = []
        public var featureNorms: [Double] = []
        /// Bucket numbers, as JSON numbers (integral).
        public var buckets: [Double] = []
        public var bucketWeights: [Double] = []
        public var bucketNorms: [Double] = []
        // For the reader: not checked, not used in scoring.
        public var trainedOn = 0, positives = 0
        public var weighting = "idf"
        public var regularization = 1.0, charWeight = 1.0
        public var cvFolds = 0
        public var cvROCAUC = -1.0, cvPRAUC = -1.0

        public init() {}

        public static var members: [ModelMember<Section>] {
            [.init("char_ngram_min", \.charMin), .init("char_ngram_max", \.charMax), .init("char_bucket_bits", \.charBits),
             .init("intercept", \.intercept), .init("word_features", \.features), .init("word_weights", \.featureWeights),
             .init("word_norms", \.featureNorms), .init("char_buckets", \.buckets), .init("char_weights", \.bucketWeights),
             .init("char_norms", \.bucketNorms),
             .init("trained_on", \.trainedOn, checked: false), .init("positives", \.positives, checked: false),
             .init("weighting", \.weighting, checked: false), .init("regularization_c", \.regularization, checked: false),
             .init("char_block_weight", \.charWeight, checked: false), .init("cv_folds", \.cvFolds, checked: false),
             .init("cv_roc_auc", \.cvROCAUC, checked: false), .init("cv_pr_auc", \.cvPRAUC, checked: false)]
        }
    }

    public var section: Section {
        var s = Section()
        (s.charMin, s.charMax, s.charBits) = (grams.minN, grams.maxN, grams.bits)
        (s.intercept, s.features, s.featureWeights, s.featureNorms) = (intercept, features, featureWeights, featureNorms)
        (s.buckets, s.bucketWeights, s.bucketNorms) = (buckets.map(Double.init), bucketWeights, bucketNorms)
        (s.trainedOn, s.positives, s.weighting) = (info.trainedOn, info.positives, info.weighting)
        (s.regularization, s.charWeight, s.cvFolds) = (info.c, info.charWeight, info.folds)
        // JSON has no NaN: -1 stands for "not measured".
        (s.cvROCAUC, s.cvPRAUC) = (info.rocAUC.isNaN ? -1 : info.rocAUC, info.prAUC.isNaN ? -1 : info.prAUC)
        return s
    }

    public init(section s: Section) throws {
        guard 1 <= s.charMin, s.charMin <= s.charMax, s.charMax <= 16, (1...24).contains(s.charBits) else {
            throw ModelFileError("unsupported model parameters (char n-grams \(s.charMin)–\(s.charMax), \(s.charBits) bucket bits)")
        }
        let buckets = s.buckets.compactMap { Int(exactly: $0) }
        guard buckets.count == s.buckets.count else {
            throw ModelFileError("inconsistent model file: a bucket is not an integer")
        }
        var info = TrainingInfo()
        (info.trainedOn, info.positives, info.weighting) = (s.trainedOn, s.positives, s.weighting)
        (info.c, info.charWeight, info.folds) = (s.regularization, s.charWeight, s.cvFolds)
        (info.rocAUC, info.prAUC) = (s.cvROCAUC < 0 ? .nan : s.cvROCAUC, s.cvPRAUC < 0 ? .nan : s.cvPRAUC)
        try self.init(grams: CharGrams(minN: s.charMin, maxN: s.charMax, bits: s.charBits), intercept: s.intercept,
                      features: s.features, featureWeights: s.featureWeights, featureNorms: s.featureNorms,
                      buckets: buckets, bucketWeights: s.bucketWeights, bucketNorms: s.bucketNorms, info: info)
    }

    /// Reads "!" and "?" too: on tweets they separate complaints from thanks (about +0.004
    /// cross-validated ROC-AUC on airline tweets and +0.009 on complaints in a prototype).
    public static var readsMarks: Bool { true }

    /// Marks are never looked up (the scorer knows them by byte), so only words are shared.
    public var vocabularyWords: [String] { unigrams.filter { !($0.utf8.count == 1 && NormalizedText.marks.contains($0.utf8.first!)) } }

    public func scorer(for vocabulary: Vocabulary) -> any ClassifierScorer { LinearTextScorer(self, vocabulary: vocabulary) }

    public var summary: String {
        var text = "\(features.count) word features, \(buckets.count) character n-gram buckets, \(info.weighting) weighting, C \(Self.short(info.c))"
        if info.charWeight != 1 { text += ", character block ×\(Self.short(info.charWeight))" }
        if info.folds > 0 {
            text += "; \(info.folds)-fold CV ROC-AUC \(String(format: "%.3f", info.rocAUC)), PR-AUC \(String(format: "%.3f", info.prAUC))"
        }
        return text
    }

    static func short(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e9 ? String(Int(x)) : String(x) }
}
