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

    /// Derived from the counts by `refresh()`: log P(class), and log P(feature | class)
    /// interleaved, [2 × column] calm, [2 × column + 1] escalate.
    private var logPrior: (calm: Double, escalate: Double) = (0, 0)
    private var logProb: [Double] = []
    /// Bigram features by the columns of their two words (also derived).
    private var bigramColumns: [(first: Int32, second: Int32, column: Int32)] = []

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
        var bigrams: [(first: Int32, second: Int32, column: Int32)] = []
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
        self.logPrior = (logPrior[0], logPrior[1])
        self.logProb = logProb
        bigramColumns = bigrams
    }

    public var featureCount: Int { columns.count }

    /// The scoring tables for words indexed by `indexOfColumn` (unigram column → word index in
    /// 0..<wordCount, -1 for none), e.g. a vocabulary's ids; see `PackedScorer`.
    public func scorer(wordCount: Int, indexOfColumn: [Int32]) -> PackedScorer {
        precondition(indexOfColumn.count == featureCount)
        func logOdds(_ column: Int32) -> Double { logProb[2 * Int(column) + 1] - logProb[2 * Int(column)] }
        var unigrams: [(word: Int32, logOdds: Double)] = []
        for (column, word) in indexOfColumn.enumerated() where word >= 0 {
            unigrams.append((word, logOdds(Int32(column))))
        }
        let bigrams = bigramColumns.compactMap { b -> (first: Int32, second: Int32, logOdds: Double)? in
            let first = indexOfColumn[Int(b.first)], second = indexOfColumn[Int(b.second)]
            return first >= 0 && second >= 0 ? (first, second, logOdds(b.column)) : nil
        }
        return PackedScorer(priorLogOdds: logPrior.escalate - logPrior.calm, wordCount: wordCount,
                            unigrams: unigrams, bigrams: bigrams)
    }

    /// The scoring tables with words indexed by their own unigram column (`column(of:)`).
    public func scorer() -> PackedScorer {
        var indexOfColumn = [Int32](repeating: -1, count: featureCount)
        for (column, name) in columns.keys.enumerated() where !name.utf8.contains(0x20) { indexOfColumn[column] = Int32(column) }
        return scorer(wordCount: featureCount, indexOfColumn: indexOfColumn)
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

    /// Joint log-likelihood per class; features outside the vocabulary are ignored.
    public func jointLogLikelihood(_ document: [String: Int]) -> [Double] {
        var jll = [logPrior.calm, logPrior.escalate]
        for (feature, count) in document {
            guard let column = columns[feature].map(Int.init) else { continue }
            for c in 0..<Self.classCount { jll[c] += Double(count) * logProb[2 * column + c] }
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
