import Foundation

/// Weighted n-grams under a logistic regression: word unigrams and bigrams, and hashed character
/// n-grams of each word, each feature scaled by a learned weight (IDF, or naive Bayes'
/// log-count ratio as in Wang & Manning's NBSVM) and each block length-normalized, then
/// weighted by an L2-regularized logistic regression (`LinearTextTrainer`).
///
/// The score is a sum over tokens, so it runs as fast as naive Bayes: for a ticket's words
/// w₁…wₙ, with dᵢ the sublinear weight of wᵢ's occurrence (`Damping`),
///
///     log-odds = intercept + Σ dᵢ·a(wᵢ) / √(Σ dᵢ·q(wᵢ)) + Σ dᵢ·c(wᵢ) / √(Σ dᵢ·r(wᵢ))
///
/// where a(w) is the word's weight plus that of the bigram ending at it, q the squares of their
/// scales (each occurrence's share of the L2 norm; repeats within a feature are not squared), and
/// c, r the same summed over the word's character n-grams. A known word's c and r are summed once
/// per vocabulary (`LinearTextScorer`).
public struct LinearText: Sendable {
    public var grams: CharGrams
    public var intercept: Double
    /// Word features: unigrams and bigrams ("a b"), with their weights and squared scales.
    public var features: [String]
    public var featureWeights: [Double]
    public var featureNorms: [Double]
    /// Character n-gram buckets in use, ascending, with their weights and squared scales.
    public var buckets: [Int]
    public var bucketWeights: [Double]
    public var bucketNorms: [Double]
    /// How the model was chosen, for the reader (not used in scoring).
    public var info: TrainingInfo

    public struct TrainingInfo: Sendable, Equatable {
        public var trainedOn = 0
        public var positives = 0
        /// "idf" or "nb".
        public var weighting = "idf"
        /// Inverse L2 strength chosen, and the character block's weight chosen with it.
        public var c = 1.0
        public var charWeight = 1.0
        /// Internal cross-validation of the chosen settings (folds 0: none was run).
        public var folds = 0
        public var rocAUC = Double.nan
        public var prAUC = Double.nan
        public init() {}
    }

    /// Word feature → index (its id: features are distinct, so ids follow their order), and
    /// bucket → index, for the reference scoring and scorers. A `ByteTable`, not a dictionary:
    /// loading a model hashes every one of its tens of thousands of features.
    let column: ByteTable
    let bucketIndex: [Int32]  // per bucket, -1: unused

    public init(grams: CharGrams, intercept: Double, features: [String], featureWeights: [Double], featureNorms: [Double],
                buckets: [Int], bucketWeights: [Double], bucketNorms: [Double], info: TrainingInfo) throws {
        guard featureWeights.count == features.count, featureNorms.count == features.count,
              bucketWeights.count == buckets.count, bucketNorms.count == buckets.count else {
            throw ModelFileError("inconsistent model file: weight and feature arrays differ in length")
        }
        guard intercept.isFinite, [featureWeights, featureNorms, bucketWeights, bucketNorms].allSatisfy({ $0.allSatisfy(\.isFinite) }),
              [featureNorms, bucketNorms].allSatisfy({ $0.allSatisfy { $0 >= 0 } }) else {
            throw ModelFileError("inconsistent model file: a weight is not a finite number")
        }
        guard features.count <= ByteTable.maxCount else { throw ModelFileError("inconsistent model file: too many features") }
        let column = ByteTable(features)
        if column.count < features.count {
            var seen = Set<String>()
            let twice = features.first { !seen.insert($0).inserted }!
            throw ModelFileError("inconsistent model file: feature '\(twice)' appears twice")
        }
        var bucketIndex = [Int32](repeating: -1, count: grams.bucketCount)
        for (i, b) in buckets.enumerated() {
            guard (0..<grams.bucketCount).contains(b), bucketIndex[b] < 0 else {
                throw ModelFileError("inconsistent model file: bucket \(b) is out of range or twice")
            }
            bucketIndex[b] = Int32(i)
        }
        (self.grams, self.intercept, self.features, self.featureWeights, self.featureNorms) = (grams, intercept, features, featureWeights, featureNorms)
        (self.buckets, self.bucketWeights, self.bucketNorms, self.info) = (buckets, bucketWeights, bucketNorms, info)
        (self.column, self.bucketIndex) = (column, bucketIndex)
    }

    /// Sums of a word's character n-grams: weight and squared scale.
    func charSums(_ word: UnsafeBufferPointer<UInt8>) -> (weight: Double, norm: Double) {
        var w = 0.0, q = 0.0
        grams.forEachBucket(word) { b in
            let i = Int(bucketIndex[b])
            if i >= 0 { w += bucketWeights[i]; q += bucketNorms[i] }
        }
        return (w, q)
    }

    /// The formula above, with dictionaries: the reference `LinearTextScorer` is tested against.
    public func logOdds(words: [String]) -> Double {
        var seen: [String: Int] = [:]
        var sw = 0.0, qw = 0.0, sc = 0.0, qc = 0.0
        for (i, word) in words.enumerated() {
            let k = seen[word, default: 0] + 1
            seen[word] = k
            let d = Damping.weight(occurrence: k)
            if let c = column.id(of: word).map(Int.init) { sw += d * featureWeights[c]; qw += d * featureNorms[c] }
            if i > 0, let c = column.id(of: words[i - 1] + " " + word).map(Int.init) { sw += d * featureWeights[c]; qw += d * featureNorms[c] }
            var word = word
            let (w, q) = word.withUTF8 { charSums($0) }
            sc += d * w
            qc += d * q
        }
        return Self.combine(intercept, sw, qw, sc, qc)
    }

    /// Each block's sum over its norm; an empty block adds nothing.
    @inline(__always) static func combine(_ intercept: Double, _ sw: Double, _ qw: Double, _ sc: Double, _ qc: Double) -> Double {
        intercept + (qw > 0 ? sw / qw.squareRoot() : 0) + (qc > 0 ? sc / qc.squareRoot() : 0)
    }

    /// Unigram features: the words a shared vocabulary must know.
    public var unigrams: [String] { features.filter { !$0.utf8.contains(0x20) } }
}
