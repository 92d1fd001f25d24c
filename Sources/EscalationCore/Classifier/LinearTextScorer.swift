import Foundation

/// `LinearText`'s scoring tables for one vocabulary: per word id, its weight and norm share
/// with its character n-grams already summed, so a known word costs one read of 32 bytes plus
/// the bigram probe, as in naive Bayes. Only unknown words are cut into n-grams per ticket.
///
/// Counting occurrences (for the sublinear weights) needs scratch space, so a scorer is a class
/// used by one escalator on one thread, as the `ClassifierScorer` contract says.
final class LinearTextScorer: ClassifierScorer, @unchecked Sendable {
    private let intercept: Double
    /// Per vocabulary id: [4i] word weight, [4i+1] word norm, [4i+2] n-gram weight, [4i+3] n-gram norm.
    private let words: [Double]
    /// Bigram weight and norm by the ids of its words.
    private let bigrams: PairTable
    /// Per bucket: [2b] weight, [2b+1] norm (zeros for buckets the model does not use).
    private let buckets: [Double]
    private let grams: CharGrams
    /// The id of the first clause mark (see `NormalizedText.marks`).
    private let markBase: Int32

    /// Occurrences so far in the current ticket, per id: the ticket's stamp in the high 32 bits,
    /// the count in the low. A new stamp per ticket empties it without a pass.
    private var seen: [UInt64]
    private var stamp: UInt64 = 0
    /// Occurrences of unknown words in the current ticket, by a hash of their bytes.
    private var unknownSeen: [UInt64: Int] = [:]

    init(_ model: LinearText, vocabulary: Vocabulary) {
        intercept = model.intercept
        grams = model.grams
        var buckets = [Double](repeating: 0, count: 2 * model.grams.bucketCount)
        for (i, b) in model.buckets.enumerated() {
            buckets[2 * b] = model.bucketWeights[i]
            buckets[2 * b + 1] = model.bucketNorms[i]
        }
        self.buckets = buckets
        // Ids past the vocabulary's stand for the clause marks, which the tokenizer never looks up.
        let markBase = vocabulary.count
        var words = [Double](repeating: 0, count: 4 * (markBase + NormalizedText.marks.count))
        var entries = vocabulary.words.enumerated().map { ($0.offset, $0.element) }
        entries += NormalizedText.marks.enumerated().map { (markBase + $0.offset, String(decoding: [$0.element], as: UTF8.self)) }
        func id(of word: Substring) -> Int32? {
            if word.utf8.count == 1, let m = NormalizedText.marks.firstIndex(of: word.utf8.first!) { return Int32(markBase + m) }
            return vocabulary.id(of: String(word))
        }
        for (id, word) in entries {
            if let c = model.column[word].map(Int.init) {
                words[4 * id] = model.featureWeights[c]
                words[4 * id + 1] = model.featureNorms[c]
            }
            var word = word
            word.withUTF8 { bytes in
                model.grams.forEachBucket(bytes) { b in
                    words[4 * id + 2] += buckets[2 * b]
                    words[4 * id + 3] += buckets[2 * b + 1]
                }
            }
        }
        self.words = words
        var pairs = PairTable(minimumCapacity: model.features.count / 2, values: 2)
        for (c, name) in model.features.enumerated() {
            guard let space = name.utf8.firstIndex(of: 0x20) else { continue }
            guard let a = id(of: name[..<space]), let b = id(of: name[name.utf8.index(after: space)...]) else { continue }
            pairs.insert(a, b, model.featureWeights[c], model.featureNorms[c])
        }
        bigrams = pairs
        seen = [UInt64](repeating: 0, count: markBase + NormalizedText.marks.count)
        self.markBase = Int32(markBase)
    }

    func logOdds(_ encoded: EncodedText) -> Double {
        stamp &+= 1 << 32
        if stamp == 0 { for i in seen.indices { seen[i] = 0 }; stamp = 1 << 32 }
        if !unknownSeen.isEmpty { unknownSeen.removeAll(keepingCapacity: true) }
        var sw = 0.0, qw = 0.0, sc = 0.0, qc = 0.0
        let text = encoded.text
        encoded.withTokenColumns { tokens in
            words.withUnsafeBufferPointer { words in
                seen.withUnsafeMutableBufferPointer { seen in
                    var previous: Int32 = -1
                    for t in 0..<tokens.count {
                        var id = tokens.ids[t]
                        if tokens.kinds[t] == .punctuation {
                            guard let m = text.markIndex(t) else { continue }
                            id = markBase + Int32(m)
                        }
                        if id >= 0 {
                            let i = Int(id)
                            let s = seen[i]
                            let k = (s & ~0xFFFF_FFFF) == stamp ? (s & 0xFFFF_FFFF) + 1 : 1
                            seen[i] = stamp | k
                            let d = Damping.weight(occurrence: Int(k))
                            sw += d * words[4 * i]
                            qw += d * words[4 * i + 1]
                            sc += d * words[4 * i + 2]
                            qc += d * words[4 * i + 3]
                            if previous >= 0, let (w, q) = bigrams.pair(previous, id) {
                                sw += d * w
                                qw += d * q
                            }
                        } else {
                            let (w, q, k) = unknown(text, t)
                            let d = Damping.weight(occurrence: k)
                            sc += d * w
                            qc += d * q
                        }
                        previous = id
                    }
                }
            }
        }
        return LinearText.combine(intercept, sw, qw, sc, qc)
    }

    /// An unknown word's n-gram sums and its occurrence number in this ticket.
    private func unknown(_ text: NormalizedText, _ t: Int) -> (Double, Double, Int) {
        text.bytes.withUnsafeBufferPointer { bytes in
            let word = UnsafeBufferPointer(rebasing: bytes[text.byteRange(of: t)])
            var h = FNV1a()
            for b in word { h.mix(b) }
            let k = (unknownSeen[h.value] ?? 0) + 1
            unknownSeen[h.value] = k
            var w = 0.0, q = 0.0
            buckets.withUnsafeBufferPointer { buckets in
                grams.forEachBucket(word) { b in
                    w += buckets[2 * b]
                    q += buckets[2 * b + 1]
                }
            }
            return (w, q, k)
        }
    }
}
