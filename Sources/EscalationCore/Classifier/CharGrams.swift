import Foundation

/// Character n-grams of one word padded with a space each side (scikit-learn's `char_wb`), over
/// the folded word's UTF-8 bytes, hashed into 2^bits buckets: typos, inflections and other
/// languages share n-grams where they share no word. A word's n-grams depend on the word alone,
/// so a scorer sums them once per vocabulary word and hashes only unknown words per ticket.
public struct CharGrams: Sendable, Equatable {
    public var minN: Int
    public var maxN: Int
    public var bits: Int

    public init(minN: Int = 2, maxN: Int = 5, bits: Int = 18) {
        precondition(1 <= minN && minN <= maxN && (1...24).contains(bits))
        self.minN = minN
        self.maxN = maxN
        self.bits = bits
    }

    public var bucketCount: Int { 1 << bits }

    /// Calls `body` with the bucket of every n-gram, minN ≤ n ≤ maxN, of " word ". FNV-1a is
    /// extended a byte at a time, so each start position hashes its n-grams in one pass.
    /// The word is first copied between its two spaces, so the loops read bytes with no test
    /// for the padding (scorers cut every word the vocabulary lacks, and every vocabulary word
    /// at start-up).
    @inline(__always)
    public func forEachBucket(_ word: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) {
        let length = word.count + 2
        let shift = UInt64(64 - bits)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { padded in
            padded[0] = 0x20
            for i in 0..<word.count { padded[i + 1] = word[i] }
            padded[length - 1] = 0x20
            for start in 0..<length {
                var h: UInt64 = 0xcbf2_9ce4_8422_2325
                var n = 0
                let most = min(maxN, length - start)
                while n < most {
                    h = (h ^ UInt64(padded[start + n])) &* 0x100_0000_01b3
                    n += 1
                    // Fibonacci hashing: the top bits mix every bit of the FNV state.
                    if n >= minN { body(Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> shift)) }
                }
            }
        }
    }

    public func forEachBucket(_ word: String, _ body: (Int) -> Void) {
        var word = word
        word.withUTF8 { forEachBucket($0, body) }
    }
}

/// Sublinear term frequency, applied per occurrence so a score stays a sum over tokens: the k-th
/// occurrence of a word in a ticket counts log(k) − log(k−1), so c occurrences count 1 + log c
/// (scikit-learn's `sublinear_tf`). Long logs that repeat a word do not drown the rest.
enum Damping {
    static let table: [Double] = (0..<64).map { k in k <= 1 ? 1 : log(Double(k)) - log(Double(k - 1)) }

    @inline(__always) static func weight(occurrence k: Int) -> Double {
        table.withUnsafeBufferPointer { weight(occurrence: k, in: $0) }
    }

    /// The same from `table` as the caller holds it: reading the `static let` checks its one-time
    /// initialisation (`swift_once`) at every call, a cost per token in a scoring loop.
    @inline(__always) static func weight(occurrence k: Int, in table: UnsafeBufferPointer<Double>) -> Double {
        k < table.count ? table[k] : log(Double(k)) - log(Double(k - 1))
    }
}
