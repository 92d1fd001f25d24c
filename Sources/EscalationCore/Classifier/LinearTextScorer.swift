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
    /// One bit per bucket, set when the model uses it: an unknown word's n-grams mostly miss,
    /// and a miss then costs a read of this small map instead of the big table.
    private let usedBuckets: [UInt64]
    private let grams: CharGrams
    /// The id of the first clause mark (see `NormalizedText.marks`).
    private let markBase: Int32
    /// `Damping.table`, held here (see `Damping.weight(occurrence:in:)`).
    private let damping = Damping.table

    /// Occurrences so far in the current ticket, per id: the ticket's stamp in the high 32 bits,
    /// the count in the low. A new stamp per ticket empties it without a pass.
    private var seen: [UInt64]
    private var stamp: UInt64 = 0
    /// Unknown words' n-gram sums and occurrences in the current ticket.
    private var unknownWords = UnknownWords()

    init(_ model: LinearText, vocabulary: Vocabulary) {
        intercept = model.intercept
        grams = model.grams
        var buckets = [Double](repeating: 0, count: 2 * model.grams.bucketCount)
        for (i, b) in model.buckets.enumerated() {
            buckets[2 * b] = model.bucketWeights[i]
            buckets[2 * b + 1] = model.bucketNorms[i]
        }
        self.buckets = buckets
        var usedBuckets = [UInt64](repeating: 0, count: (model.grams.bucketCount + 63) / 64)
        for b in model.buckets { usedBuckets[b >> 6] |= 1 << UInt64(b & 63) }
        self.usedBuckets = usedBuckets
        // Ids past the vocabulary's stand for the clause marks, which the tokenizer never looks up.
        let markBase = vocabulary.count
        var words = [Double](repeating: 0, count: 4 * (markBase + NormalizedText.marks.count))
        var entries = vocabulary.words.enumerated().map { ($0.offset, $0.element) }
        entries += NormalizedText.marks.enumerated().map { (markBase + $0.offset, String(decoding: [$0.element], as: UTF8.self)) }
        func id(of word: Substring) -> Int32? {
            if word.utf8.count == 1, let m = NormalizedText.marks.firstIndex(of: word.utf8.first!) { return Int32(markBase + m) }
            return vocabulary.id(of: String(word))
        }
        // Every vocabulary word's n-grams, summed through pointers and past the buckets the
        // model does not use (as `unknown` does): start-up cuts tens of thousands of words, and
        // each unused bucket read from the megabytes-large table is a likely cache miss.
        words.withUnsafeMutableBufferPointer { words in
            buckets.withUnsafeBufferPointer { buckets in
                usedBuckets.withUnsafeBufferPointer { used in
                    for (id, word) in entries {
                        if let c = model.column.id(of: word).map(Int.init) {
                            words[4 * id] = model.featureWeights[c]
                            words[4 * id + 1] = model.featureNorms[c]
                        }
                        var word = word
                        var (w, q) = (0.0, 0.0)
                        word.withUTF8 { bytes in
                            model.grams.forEachBucket(bytes) { b in
                                guard used[b >> 6] & (1 << UInt64(b & 63)) != 0 else { return }
                                w += buckets[2 * b]
                                q += buckets[2 * b + 1]
                            }
                        }
                        (words[4 * id + 2], words[4 * id + 3]) = (w, q)
                    }
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
        if stamp == 0 { for i in seen.indices { seen[i] = 0 }; unknownWords = UnknownWords(); stamp = 1 << 32 }
        // Moved out for the ticket and back: each access to a class's stored `var` is checked
        // for exclusivity at run time, ~120 instructions per unknown word.
        var unknownWords = UnknownWords(capacity: 0)
        swap(&unknownWords, &self.unknownWords)
        defer { swap(&unknownWords, &self.unknownWords) }
        unknownWords.startTicket()
        var sw = 0.0, qw = 0.0, sc = 0.0, qc = 0.0
        let text = encoded.text
        encoded.withTokenColumns { tokens in
            words.withUnsafeBufferPointer { words in
                damping.withUnsafeBufferPointer { damping in
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
                                let d = Damping.weight(occurrence: Int(k), in: damping)
                                sw += d * words[4 * i]
                                qw += d * words[4 * i + 1]
                                sc += d * words[4 * i + 2]
                                qc += d * words[4 * i + 3]
                                if previous >= 0, let (w, q) = bigrams.pair(previous, id) {
                                    sw += d * w
                                    qw += d * q
                                }
                            } else {
                                let (w, q, k) = unknown(text, t, &unknownWords)
                                let d = Damping.weight(occurrence: k, in: damping)
                                sc += d * w
                                qc += d * q
                            }
                            previous = id
                        }
                    }
                }
            }
        }
        return LinearText.combine(intercept, sw, qw, sc, qc)
    }

    /// An unknown word's n-gram sums and its occurrence number in this ticket.
    private func unknown(_ text: NormalizedText, _ t: Int, _ unknownWords: inout UnknownWords) -> (Double, Double, Int) {
        text.bytes.withUnsafeBufferPointer { bytes in
            let word = UnsafeBufferPointer(rebasing: bytes[text.byteRange(of: t)])
            return unknownWords.look(up: word, stamp: stamp) {
                var w = 0.0, q = 0.0
                buckets.withUnsafeBufferPointer { buckets in
                    usedBuckets.withUnsafeBufferPointer { used in
                        grams.forEachBucket(word) { b in
                            guard used[b >> 6] & (1 << UInt64(b & 63)) != 0 else { return }
                            w += buckets[2 * b]
                            q += buckets[2 * b + 1]
                        }
                    }
                }
                return (w, q)
            }
        }
    }
}

/// Words the vocabulary lacks, by a 64-bit hash of their bytes: their n-gram sums, kept across
/// tickets (real text repeats its names, numbers and typos, and cutting a word into n-grams
/// costs a probe per n-gram), and how often each occurred in the current ticket (a ticket stamp
/// in the high 32 bits, so nothing is cleared between tickets). Open addressing; emptied at a
/// ticket's start once it holds `limit` words, so a stream of unique ids cannot grow it forever.
struct UnknownWords {
    /// Per slot, one cache line's half: [4i] key (0: empty), [4i+1] weight, [4i+2] norm (as
    /// bit patterns), [4i+3] ticket stamp | occurrences.
    private var slots: [UInt64]
    private var mask: Int
    private var used = 0
    static let limit = 1 << 15

    init(capacity: Int = 1 << 12) {
        slots = [UInt64](repeating: 0, count: 4 * capacity)
        mask = capacity - 1
    }

    /// Empties the table once it holds `limit` words, keeping its size (growing it again from
    /// the start cost more than zeroing it).
    mutating func startTicket() {
        if used >= Self.limit {
            slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            used = 0
        }
    }

    @inline(__always) private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask }

    /// The word's sums (from `compute` the first time) and its occurrence number under `stamp`.
    @inline(__always)
    mutating func look(up word: UnsafeBufferPointer<UInt8>, stamp: UInt64, compute: () -> (Double, Double)) -> (Double, Double, Int) {
        var h = FNV1a()
        for b in word { h.mix(b) }
        let key = h.value | 1  // 0 marks an empty slot
        if 2 * (used + 1) > mask + 1 { grow() }
        let mask = mask
        var i = home(key)
        var inserted = false
        let result = slots.withUnsafeMutableBufferPointer { slots -> (Double, Double, Int) in
            while slots[4 * i] != 0 && slots[4 * i] != key { i = (i + 1) & mask }
            if slots[4 * i] == 0 {
                let (w, q) = compute()
                (slots[4 * i], slots[4 * i + 1], slots[4 * i + 2], slots[4 * i + 3]) = (key, w.bitPattern, q.bitPattern, 0)
                inserted = true
            }
            let c = slots[4 * i + 3]
            let k = (c & ~0xFFFF_FFFF) == stamp ? (c & 0xFFFF_FFFF) + 1 : 1
            slots[4 * i + 3] = stamp | k
            return (Double(bitPattern: slots[4 * i + 1]), Double(bitPattern: slots[4 * i + 2]), Int(k))
        }
        if inserted { used += 1 }
        return result
    }

    private mutating func grow() {
        var bigger = UnknownWords(capacity: 2 * (mask + 1))
        for i in 0...mask where slots[4 * i] != 0 {
            var j = bigger.home(slots[4 * i])
            while bigger.slots[4 * j] != 0 { j = (j + 1) & bigger.mask }
            for m in 0..<4 { bigger.slots[4 * j + m] = slots[4 * i + m] }
        }
        bigger.used = used
        self = bigger
    }
}
