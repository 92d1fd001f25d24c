import Foundation

extension NaiveBayes {
    /// What scoring a text needs, in flat arrays: derived from the counts by `refresh()`.
    /// A scoring thread takes its own `uniqueCopy()`, so threads share no reference counts.
    public struct Scorer: Sendable {
        var logPrior: (calm: Double, escalate: Double)
        /// log P(feature | class), interleaved: [2 × column] calm, [2 × column + 1] escalate.
        var logProb: [Double]
        /// Bigram features by their two unigram columns, so scoring a text needs one lookup
        /// per word and no bigram strings at all.
        var bigrams: PairTable

        /// P(escalate) for a text's words mapped to unigram columns (-1: not a feature), scored as
        /// unigrams + adjacent bigrams (the features of `Features.counts`) without building them:
        /// Σ count × log p equals a sum over occurrences.
        public func probability<S: Sequence>(columns: S) -> Double where S.Element == Int32 {
            var jll0 = logPrior.calm, jll1 = logPrior.escalate
            logProb.withUnsafeBufferPointer { lp in
                var previous: Int32 = -1
                for column in columns {
                    if column >= 0 {
                        jll0 += lp[2 * Int(column)]; jll1 += lp[2 * Int(column) + 1]
                        // A bigram can only be known if both its words are (training adds both unigrams).
                        if previous >= 0, let b = bigrams[previous, column] {
                            jll0 += lp[2 * Int(b)]; jll1 += lp[2 * Int(b) + 1]
                        }
                    }
                    previous = column
                }
            }
            let norm = NaiveBayes.logSumExp([jll0, jll1])
            return exp(jll1 - norm)
        }

        /// The same tables in freshly allocated storage.
        public func uniqueCopy() -> Scorer {
            Scorer(logPrior: logPrior, logProb: logProb.map { $0 }, bigrams: bigrams.uniqueCopy())
        }
    }
}
