import Foundation

/// Configured parameters, kept apart from what is learned (scikit-learn's convention).
public struct NaiveBayesConfiguration: Sendable, Equatable, Codable {
    /// Additive (Lidstone) smoothing; 1 is Laplace, scikit-learn's default.
    public var alpha: Double = 1.0
    /// Learn class priors from the data (true) or use uniform priors.
    public var fitPrior: Bool = true

    public init(alpha: Double = 1.0, fitPrior: Bool = true) {
        self.alpha = alpha
        self.fitPrior = fitPrior
    }
}

/// Multinomial naive Bayes over sparse feature counts, two classes (0 = calm, 1 = escalate).
///
/// The learned state is the counts; log-probabilities are derived from them, so repeated
/// `fit` calls accumulate exactly like scikit-learn's `partial_fit` and models can be merged.
public struct NaiveBayes: Sendable {
    public static let classCount = 2
    public var configuration: NaiveBayesConfiguration

    /// Documents seen per class.
    public private(set) var documentsPerClass: [Double]
    /// Feature name → column; columns index `featureCounts[class][column]`.
    public private(set) var vocabulary: [String: Int] = [:]
    public private(set) var featureNames: [String] = []
    public private(set) var featureCounts: [[Double]]

    // Derived from the counts by `refresh()`.
    private var classLogPrior: [Double] = []
    private var featureLogProb: [[Double]] = []
    /// Scoring index: bigram features by their two unigram columns, so scoring a text needs
    /// one string lookup per word and no bigram strings at all.
    private var bigramColumn = PairTable()
    private var unigramColumn = WordTable<Int32>()

    public init(configuration: NaiveBayesConfiguration = .init()) {
        self.configuration = configuration
        documentsPerClass = [Double](repeating: 0, count: Self.classCount)
        featureCounts = [[Double]](repeating: [], count: Self.classCount)
        refresh()
    }

    /// Adds documents (sparse counts) with labels; the vocabulary grows as needed.
    public mutating func fit(_ documents: [[String: Int]], labels: [Bool]) {
        precondition(documents.count == labels.count, "one label per document")
        for (document, label) in zip(documents, labels) {
            let c = label ? 1 : 0
            documentsPerClass[c] += 1
            for (feature, count) in document {
                let column = vocabulary[feature] ?? addFeature(feature)
                featureCounts[c][column] += Double(count)
            }
        }
        refresh()
    }

    private mutating func addFeature(_ name: String) -> Int {
        let column = featureNames.count
        vocabulary[name] = column
        featureNames.append(name)
        for c in 0..<Self.classCount { featureCounts[c].append(0) }
        return column
    }

    /// Recomputes log priors and log likelihoods from the counts (scikit-learn `_update_*`).
    private mutating func refresh() {
        let total = documentsPerClass.reduce(0, +)
        if configuration.fitPrior && total > 0 {
            // A class with no documents gets -inf, as in scikit-learn.
            classLogPrior = documentsPerClass.map { log($0) - log(total) }
        } else {
            classLogPrior = [Double](repeating: -log(Double(Self.classCount)), count: Self.classCount)
        }
        let alpha = configuration.alpha
        featureLogProb = featureCounts.map { counts in
            let denominator = log(counts.reduce(0, +) + alpha * Double(counts.count))
            return counts.map { log($0 + alpha) - denominator }
        }
        unigramColumn = WordTable(minimumCapacity: vocabulary.count)
        for (column, name) in featureNames.enumerated() where !name.utf8.contains(0x20) { unigramColumn[name] = Int32(column) }
        bigramColumn = PairTable(minimumCapacity: featureNames.count - unigramColumn.count)
        for (column, name) in featureNames.enumerated() {
            let parts = name.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let a = vocabulary[String(parts[0])], let b = vocabulary[String(parts[1])] else { continue }
            bigramColumn.insert(Int32(a), Int32(b), Int32(column))
        }
    }

    /// Unigram names: the words a vocabulary shared with other stages must know.
    public var unigrams: [String] { featureNames.filter { !$0.utf8.contains(0x20) } }

    /// Column of a unigram feature, or -1.
    public func column(of word: String) -> Int32 { unigramColumn[word] ?? -1 }

    /// P(escalate) for a text's words, scored as unigrams + adjacent bigrams (the same features as
    /// `Features.counts`) without building them: Σ count × log p equals a sum over occurrences.
    public func probability(words: [String]) -> Double {
        probability(columns: words.map { column(of: $0) })
    }

    /// `probability(words:)` for words already mapped to their `column(of:)`.
    public func probability<C: Collection>(columns: C) -> Double where C.Element == Int32 {
        var jll0 = classLogPrior[0], jll1 = classLogPrior[1]
        featureLogProb[0].withUnsafeBufferPointer { lp0 in
            featureLogProb[1].withUnsafeBufferPointer { lp1 in
                var previous: Int32 = -1
                for column in columns {
                    if column >= 0 {
                        jll0 += lp0[Int(column)]; jll1 += lp1[Int(column)]
                        // A bigram can only be known if both its words are (training adds both unigrams).
                        if previous >= 0, let b = bigramColumn[previous, column] {
                            jll0 += lp0[Int(b)]; jll1 += lp1[Int(b)]
                        }
                    }
                    previous = column
                }
            }
        }
        let norm = Self.logSumExp([jll0, jll1])
        return exp(jll1 - norm)
    }

    /// Joint log-likelihood per class; features outside the vocabulary are ignored.
    public func jointLogLikelihood(_ document: [String: Int]) -> [Double] {
        var jll = classLogPrior
        for (feature, count) in document {
            guard let column = vocabulary[feature] else { continue }
            for c in 0..<Self.classCount { jll[c] += Double(count) * featureLogProb[c][column] }
        }
        return jll
    }

    /// Log class probabilities, normalized with log-sum-exp (never exponentiating first).
    public func logProbabilities(_ document: [String: Int]) -> [Double] {
        let jll = jointLogLikelihood(document)
        let norm = Self.logSumExp(jll)
        return jll.map { $0 - norm }
    }

    /// P(escalate) for one document.
    public func probability(_ document: [String: Int]) -> Double {
        exp(logProbabilities(document)[1])
    }

    public static func logSumExp(_ values: [Double]) -> Double {
        guard let top = values.max(), top.isFinite else { return values.max() ?? -.infinity }
        return top + log(values.reduce(0) { $0 + exp($1 - top) })
    }

    /// The same model in freshly allocated storage (for a scoring thread of its own).
    public func uniqueCopy() throws -> NaiveBayes {
        try NaiveBayes(configuration: configuration, documentsPerClass: documentsPerClass.map { $0 },
                       featureNames: featureNames.map { String(decoding: Array($0.utf8), as: UTF8.self) },
                       featureCounts: featureCounts.map { $0.map { $0 } })
    }

    /// Rebuilds a model from stored counts (the model file holds exactly these).
    public init(configuration: NaiveBayesConfiguration, documentsPerClass: [Double],
                featureNames: [String], featureCounts: [[Double]]) throws {
        guard documentsPerClass.count == Self.classCount, featureCounts.count == Self.classCount,
              featureCounts.allSatisfy({ $0.count == featureNames.count }) else {
            throw NaiveBayesError.inconsistentCounts
        }
        self.configuration = configuration
        self.documentsPerClass = documentsPerClass
        self.featureNames = featureNames
        self.featureCounts = featureCounts
        for (i, name) in featureNames.enumerated() {
            guard vocabulary.updateValue(i, forKey: name) == nil else { throw NaiveBayesError.duplicateFeature(name) }
        }
        refresh()
    }
}

public enum NaiveBayesError: Error, CustomStringConvertible {
    case inconsistentCounts
    case duplicateFeature(String)

    public var description: String {
        switch self {
        case .inconsistentCounts: return "class and feature count arrays do not match the vocabulary"
        case .duplicateFeature(let name): return "feature '\(name)' appears twice"
        }
    }
}
