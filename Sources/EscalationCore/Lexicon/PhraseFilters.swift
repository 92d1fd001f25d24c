// What phrase matching reads of a ticket besides its ids: the words it matches in, and the
// bit filters (signatures per word, windows of words, presence per ticket) that rule candidates
// out before matching.

/// A run of words to match phrases in: a ticket's words (some subset of its tokens) by id.
public struct WordView {
    public let encoded: EncodedText
    /// Token index of each word.
    public let tokens: [Int]
    /// Vocabulary id of each word.
    public let ids: [Int32]

    public init(_ encoded: EncodedText, tokens: [Int]) {
        self.init(encoded, tokens: tokens, ids: tokens.map { encoded.ids[$0] }, windows: Self.windows(encoded, tokens))
    }

    /// `ids` must be `encoded.ids` at `tokens`; `windows`, `WordView.windows(encoded, tokens)` or
    /// empty (no window filtering: cheaper for lexicons with few phrases, such as sentiment's).
    init(_ encoded: EncodedText, tokens: [Int], ids: [Int32], windows: [UInt64]) {
        self.encoded = encoded
        self.tokens = tokens
        self.ids = ids
        self.windows = windows
    }

    public var count: Int { tokens.count }

    @inline(__always) func signature(at i: Int) -> UInt64 { encoded.signature(ofToken: tokens[i]) }

    /// Per word i, the `Signature` bits of words i..<i + `window` together (0 past the end, with
    /// `window` words of padding): an element that must stand within that many words of i is
    /// ruled out by one AND when none of them has its bits.
    let windows: [UInt64]
    static let window = 4

    /// Some word in i..<i + `window` may be accepted by an element with signature `bits`.
    @inline(__always) func mayHave(_ bits: UInt64, near i: Int) -> Bool {
        windows.isEmpty || (i < windows.count && windows[i] & bits != 0)
    }

    static func windows(_ encoded: EncodedText, _ tokens: [Int]) -> [UInt64] {
        let n = tokens.count
        // Filled, then written through pointers (see `Array(filled:)`; per-word array reads and
        // stores would each check bounds).
        var w = [UInt64](filled: 0, count: n + window)
        w.withUnsafeMutableBufferPointer { w in
            tokens.withUnsafeBufferPointer { tokens in
                encoded.withSignatures { signatures in
                    // From the end, keeping the signatures of the three words after i.
                    var (next1, next2, next3): (UInt64, UInt64, UInt64) = (0, 0, 0)
                    var i = n - 1
                    while i >= 0 {
                        let bits = signatures[tokens[i]]
                        w[i] = bits | next1 | next2 | next3
                        (next1, next2, next3) = (bits, next1, next2)
                        i -= 1
                    }
                }
            }
        }
        return w
    }
}

/// 64 bits per word, for what a pattern element accepts: one bit for a word id, one for a stem
/// id. Different words may share a bit (a filter lets the word through to matching, which decides).
enum Signature {
    @inline(__always) static func bit(word id: Int32) -> UInt64 { 1 &<< (UInt64(truncatingIfNeeded: id) & 63) }
    @inline(__always) static func bit(stem id: Int32) -> UInt64 { 1 &<< ((UInt64(truncatingIfNeeded: id) &+ 32) & 63) }
}

/// 1,024 bits per ticket for which ids and stems occur in it: a phrase one of whose elements
/// accepts none of them cannot match anywhere in the ticket, so it is ruled out in a few bit
/// tests. That keeps phrases starting at common words ("not|no|never ... refund*", "all ...
/// users") cheap in tickets that lack the rarer word.
enum Presence {
    static let words = 16
    @inline(__always) static func bit(word id: Int32) -> UInt16 { UInt16(truncatingIfNeeded: id) & 1023 }
    @inline(__always) static func bit(stem id: Int32) -> UInt16 { UInt16(truncatingIfNeeded: id &* 7 &+ 512) & 1023 }
    @inline(__always) static func set(_ bit: UInt16, in words: UnsafeMutablePointer<UInt64>) {
        words[Int(bit >> 6)] |= 1 &<< UInt64(bit & 63)
    }

    /// `bits` as one mask per presence word they fall in, in word order: a choice of sixty words
    /// is then at most sixteen tests, not sixty. Sorts `bits` (scratch space, reused by callers).
    static func masks(sorting bits: inout [UInt16]) -> [PresenceMask] {
        bits.sort()
        var masks: [PresenceMask] = []
        for bit in bits {
            let word = Int32(bit >> 6), mask: UInt64 = 1 &<< UInt64(bit & 63)
            if let last = masks.last, last.word == word { masks[masks.count - 1].bits |= mask } else { masks.append(PresenceMask(word: word, bits: mask)) }
        }
        return masks
    }
}

/// Some `Presence` bits: one of a ticket's presence words, and which of its bits.
struct PresenceMask: Sendable {
    var word: Int32
    var bits: UInt64
}
