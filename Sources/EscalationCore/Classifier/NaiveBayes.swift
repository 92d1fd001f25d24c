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
    /// Feature name → column; columns index `featureCounts[class][column]`. Words hold no
    /// spaces, so a word looked up here finds its unigram column.
    private var columns = WordTable<Int32>()
    /// Feature names by column.
    public var featureNames: [String] { columns.keys }
    public private(set) var featureCounts: [[Double]]

    /// Derived from the counts by `refresh()`.
    public private(set) var scorer = Scorer(logPrior: (0, 0), logProb: [], bigrams: PairTable())

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
                let column = columns[feature].map(Int.init) ?? addFeature(feature)
                featureCounts[c][column] += Double(count)
            }
        }
        refresh()
    }

    private mutating func addFeature(_ name: String) -> Int {
        let column = columns.count
        columns[name] = Int32(column)
        for c in 0..<Self.classCount { featureCounts[c].append(0) }
        return column
    }

    /// Recomputes log priors and log likelihoods from the counts (scikit-learn `_update_*`).
    private mutating func refresh() {
        let total = documentsPerClass.reduce(0, +)
        var logPrior: [Double]
        if configuration.fitPrior && total > 0 {
            // A class with no documents gets -inf, as in scikit-learn.
            logPrior = documentsPerClass.map { log($0) - log(total) }
        } else {
            logPrior = [Double](repeating: -log(Double(Self.classCount)), count: Self.classCount)
        }
        let alpha = configuration.alpha
        let denominators = featureCounts.map { counts in log(counts.reduce(0, +) + alpha * Double(counts.count)) }
        var logProb = [Double](repeating: 0, count: 2 * columns.count)
        for column in 0..<columns.count {
            for c in 0..<Self.classCount { logProb[2 * column + c] = log(featureCounts[c][column] + alpha) - denominators[c] }
        }
        var bigrams: [(Int32, Int32, Int32)] = []
        for (column, name) in columns.keys.enumerated() {
            var name = name
            name.withUTF8 { bytes in
                guard let space = bytes.firstIndex(of: 0x20) else { return }
                // The halves looked up as bytes: no two strings per bigram (a model has ~45k).
                if let a = columns[utf8: UnsafeBufferPointer(rebasing: bytes[..<space])],
                   let b = columns[utf8: UnsafeBufferPointer(rebasing: bytes[(space + 1)...])] {
                    bigrams.append((a, b, Int32(column)))
                }
            }
        }
        var table = PairTable(minimumCapacity: bigrams.count)
        for (a, b, column) in bigrams { table.insert(a, b, column) }
        scorer = Scorer(logPrior: (logPrior[0], logPrior[1]), logProb: logProb, bigrams: table)
    }

    /// Unigram names: the words a vocabulary shared with other stages must know.
    public var unigrams: [String] {
        featureNames.filter { name in
            var name = name
            return name.withUTF8 { !$0.contains(0x20) }  // a buffer scan, not a generic UTF8View walk
        }
    }

    /// Column of a unigram feature, or -1.
    public func column(of word: String) -> Int32 { columns[word] ?? -1 }

    /// P(escalate) for a text's words, scored as unigrams + adjacent bigrams (the same features as
    /// `Features.counts`) without building them: Σ count × log p equals a sum over occurrences.
    public func probability(words: [String]) -> Double {
        probability(columns: words.map { column(of: $0) })
    }

    /// `probability(words:)` for words already mapped to their `column(of:)`.
    public func probability<C: Collection>(columns: C) -> Double where C.Element == Int32 {
        scorer.probability(columns: columns)
    }

    /// Joint log-likelihood per class; features outside the vocabulary are ignored.
    public func jointLogLikelihood(_ document: [String: Int]) -> [Double] {
        var jll = [scorer.logPrior.calm, scorer.logPrior.escalate]
        for (feature, count) in document {
            guard let column = columns[feature].map(Int.init) else { continue }
            for c in 0..<Self.classCount { jll[c] += Double(count) * scorer.logProb[2 * column + c] }
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

    /// Rebuilds a model from stored counts (the model file holds exactly these).
    public init(configuration: NaiveBayesConfiguration, documentsPerClass: [Double],
                featureNames: [String], featureCounts: [[Double]]) throws {
        guard documentsPerClass.count == Self.classCount, featureCounts.count == Self.classCount,
              featureCounts.allSatisfy({ $0.count == featureNames.count }) else {
            throw NaiveBayesError.inconsistentCounts
        }
        self.configuration = configuration
        self.documentsPerClass = documentsPerClass
        self.featureCounts = featureCounts
        columns = WordTable(minimumCapacity: featureNames.count)
        for (i, name) in featureNames.enumerated() {
            guard columns.insertNew(name, Int32(i)) else { throw NaiveBayesError.duplicateFeature(name) }
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
