import Foundation

/// P(escalate) for a sequence of words, scored as unigrams + adjacent bigrams (the features of
/// `Features.counts`) without building them: Σ count × log p equals a sum over occurrences.
///
/// Indexed by any dense word index (the classifier's columns, a vocabulary's ids) and packed for
/// the cache. With two classes only log-odds matter, log P(w | escalate) − log P(w | calm): one
/// number a word, read straight by its index, and one per bigram, stored in the bigram table
/// itself. Scoring a word reads two places, where a column map, per-class log-probabilities
/// and a bigram table of columns read four; a ticket's words were cache-miss bound (and two
/// threads missing at once slow each other down).
public struct PackedScorer: ClassifierScorer {
    private let priorLogOdds: Double
    /// Per word index; 0 for a word that is not a feature.
    private let logOdds: [Double]
    private let bigrams: PairTable

    /// `unigrams` and `bigrams` index words in 0..<wordCount; a word not given scores 0.
    init(priorLogOdds: Double, wordCount: Int, unigrams: [(word: Int32, logOdds: Double)],
         bigrams: [(first: Int32, second: Int32, logOdds: Double)]) {
        self.priorLogOdds = priorLogOdds
        var logOdds = [Double](repeating: 0, count: wordCount)
        for (word, value) in unigrams { logOdds[Int(word)] = value }
        self.logOdds = logOdds
        var table = PairTable(minimumCapacity: bigrams.count)
        for (first, second, value) in bigrams { table.insert(first, second, value) }
        self.bigrams = table
    }

    public func logOdds(_ encoded: EncodedText) -> Double {
        encoded.withTokenColumns { logOdds(words: LexicalIDs(tokens: $0)) }
    }

    /// P(escalate) for words given by index (negative: unknown, scores nothing and ends a bigram).
    public func probability<S: Sequence>(words indices: S) -> Double where S.Element == Int32 {
        Logistic.probability(logOdds: logOdds(words: indices))
    }

    func logOdds<S: Sequence>(words indices: S) -> Double where S.Element == Int32 {
        var odds = priorLogOdds
        logOdds.withUnsafeBufferPointer { logOdds in
            var previous: Int32 = -1
            for index in indices {
                if index >= 0 {
                    odds += logOdds[Int(index)]
                    if previous >= 0, let pair = bigrams[previous, index] { odds += pair }
                }
                previous = index
            }
        }
        return odds
    }
}

/// The vocabulary id of each lexical token (-1: unknown), read through pointers: the scoring
/// loop runs per token.
private struct LexicalIDs: Sequence, IteratorProtocol {
    let tokens: TokenColumns
    var t = 0

    init(tokens: TokenColumns) { self.tokens = tokens }

    mutating func next() -> Int32? {
        while t < tokens.count {
            defer { t += 1 }
            if tokens.kinds[t].isLexical { return tokens.ids[t] }
        }
        return nil
    }
}
