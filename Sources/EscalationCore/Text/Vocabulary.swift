/// Every word some stage knows — lexicon and modifier words, phrase-pattern words, classifier
/// features — numbered once, plus every stem (`cancel*`) a phrase pattern uses.
///
/// A ticket's words are looked up here once (`encode`); sentiment, risk and the classifier then
/// read their per-word facts from arrays indexed by id instead of hashing each word again.
public final class Vocabulary: Sendable {
    /// Collects words and stems from the stages before ids are fixed.
    public struct Builder {
        /// Words and stems in the order first added, each once (keys of a `WordTable`: every
        /// stage registers each word of its lexicons' phrases, a list of forty products in a
        /// dozen phrases, and a `Dictionary`'s SipHash made that a tenth of start-up).
        private var words = WordTable<Int32>()
        private var stems = WordTable<Int32>()

        public init() {}

        public mutating func add(_ word: String) { _ = words.insertNew(word, Int32(words.count)) }

        public mutating func add<S: Sequence>(_ words: S) where S.Element == String {
            for word in words { add(word) }
        }

        public mutating func addStem(_ stem: String) { _ = stems.insertNew(stem, Int32(stems.count)) }

        public func build() -> Vocabulary { Vocabulary(words: words.keys, stems: stems.keys) }
    }

    /// Id of an unknown word (and of punctuation) in `EncodedText.ids`.
    public static let unknown: Int32 = -1
    /// In `NormalizedText.ids`: the tokenizer did not look this token up (`encode` will).
    static let notLookedUp: Int32 = -2

    public let words: [String]
    let table: ByteTable
    private let stems: [[UInt8]]
    private let stemIndex: [String: Int32]
    /// Stems bucketed by first byte: an unknown word only tries the few sharing its first letter.
    private let stemsByFirstByte: [[Int32]]
    /// Words that start with some stem have the lowest ids, `0..<stemmedCount`: whether a word
    /// has stems is then a comparison, with no table read for most words (a 90k-word table
    /// read per word is a likely cache miss).
    private let stemmedCount: Int32
    /// Stems each of those words matches, as ranges into `knownStems` (CSR layout).
    private let knownStemStart: [Int32]
    private let knownStems: [Int32]
    /// `zeroCount` zeros each, for `zeroed`.
    private let zeroInt32s = [Int32](repeating: 0, count: Vocabulary.zeroCount)
    private let zeroUInt64s = [UInt64](repeating: 0, count: Vocabulary.zeroCount)

    private init(words given: [String], stems: [String]) {
        self.stems = stems.map { Array($0.utf8) }
        stemIndex = Dictionary(uniqueKeysWithValues: stems.enumerated().map { ($0.element, Int32($0.offset)) })
        var buckets = [[Int32]](repeating: [], count: 256)
        for (s, stem) in self.stems.enumerated() { if let b = stem.first { buckets[Int(b)].append(Int32(s)) } }
        stemsByFirstByte = buckets
        var stemmed: [String] = [], plain: [String] = []
        var start: [Int32] = [0], matched: [Int32] = []
        for word in given {
            var word = word
            let stems = self.stems
            word.withUTF8 { Self.appendStems(of: $0, stems: stems, buckets: buckets, to: &matched) }
            if matched.count > Int(start.last!) {
                stemmed.append(word)
                start.append(Int32(matched.count))
            } else {
                plain.append(word)
            }
        }
        words = stemmed + plain
        table = ByteTable(words)
        stemmedCount = Int32(stemmed.count)
        knownStemStart = start
        knownStems = matched
    }

    public var count: Int { words.count }
    public var stemCount: Int { stems.count }

    public func id(of word: String) -> Int32? { table.id(of: word) }

    public func stemID(of stem: String) -> Int32? { stemIndex[stem] }

    /// Words with ids below this start with some stem (the others with none).
    var stemmedWordCount: Int { Int(stemmedCount) }

    /// The stems word `id` starts with (what `encode` gives its tokens).
    func stems(ofWord id: Int) -> ArraySlice<Int32> {
        id < stemmedWordCount ? knownStems[Int(knownStemStart[id])..<Int(knownStemStart[id + 1])] : []
    }

    private static func appendStems(of word: UnsafeBufferPointer<UInt8>, stems: [[UInt8]], buckets: [[Int32]], to out: inout [Int32]) {
        guard let first = word.first, !buckets[Int(first)].isEmpty else { return }
        // Byte compares, not the generic `starts(with:)` (unknown words come through here per ticket).
        for s in buckets[Int(first)] {
            let stem = stems[Int(s)]
            guard stem.count <= word.count else { continue }
            var k = 1  // the first byte is the bucket's
            while k < stem.count && stem[k] == word[k] { k += 1 }
            if k == stem.count { out.append(s) }
        }
    }

    /// `encode`, looking every token up here whatever vocabulary the tokenizer used.
    public func encodeAfresh(_ text: NormalizedText) -> EncodedText {
        var text = text
        text.ids = [Int32](filled: Self.notLookedUp, count: text.count)
        return encode(text)
    }

    /// Ids and stems of every token of `text` (punctuation gets `unknown` and no stems).
    public func encode(_ text: NormalizedText) -> EncodedText {
        let n = text.count
        // The tokenizer looked most tokens up already: their ids are shared, not copied, unless
        // some token (from ICU's path) still needs its lookup, done in the loop below (no
        // separate pass to find such tokens).
        var fixedIDs: [Int32]?
        var stemStart = Self.zeroed(n + 1, from: zeroInt32s)
        var signatures = Self.zeroed(n + Presence.words, from: zeroUInt64s)
        var matched: [Int32] = []
        matched.reserveCapacity(16)  // a ticket's stems, most of the time: no regrowth
        text.kinds.withUnsafeBufferPointer { kinds in
            text.ids.withUnsafeBufferPointer { ids in
                stemStart.withUnsafeMutableBufferPointer { stemStart in
                    signatures.withUnsafeMutableBufferPointer { signatures in
                        encodeTokens(of: text, kinds: kinds, ids: ids, stemStart: stemStart, signatures: signatures,
                                     matched: &matched, fixedIDs: &fixedIDs)
                    }
                }
            }
        }
        return EncodedText(text: text, ids: fixedIDs ?? text.ids, stemStart: stemStart, stems: matched, signatures: signatures)
    }
}

extension Vocabulary {
    /// `encode`'s loop over the tokens, its columns passed in as buffer pointers (array accesses
    /// would check bounds and uniqueness each time; inside `encode`'s nested closures the
    /// compiler reloaded each captured pointer at every token).
    private func encodeTokens(of text: NormalizedText, kinds: UnsafeBufferPointer<Token.Kind>, ids: UnsafeBufferPointer<Int32>,
                              stemStart: UnsafeMutableBufferPointer<Int32>, signatures: UnsafeMutableBufferPointer<UInt64>,
                              matched: inout [Int32], fixedIDs: inout [Int32]?) {
        let n = kinds.count
        let presence = signatures.baseAddress! + n
        let stemmedCount = self.stemmedCount
        var matchedCount = matched.count
        for t in 0..<n {
            var id = ids[t]
            if id == Self.notLookedUp {
                id = kinds[t] == .punctuation ? Self.unknown : text.bytes.withUnsafeBufferPointer { bytes in
                    let word = UnsafeBufferPointer(rebasing: bytes[text.byteRange(of: t)])
                    return table.id(word, hash: ByteTable.hash(word)) ?? Self.unknown
                }
                if fixedIDs == nil { fixedIDs = text.ids }
                fixedIDs![t] = id
            }
            var signature: UInt64 = 0
            if id >= 0 {
                signature = Signature.bit(word: id)
                Presence.set(Presence.bit(word: id), in: presence)
                // A known word's stems were listed when the vocabulary was built: their bits
                // are set as they are copied.
                if id < stemmedCount {
                    for k in Int(knownStemStart[Int(id)])..<Int(knownStemStart[Int(id) &+ 1]) {
                        let stem = knownStems[k]
                        matched.append(stem)
                        signature |= Signature.bit(stem: stem)
                        Presence.set(Presence.bit(stem: stem), in: presence)
                    }
                    matchedCount = matched.count
                }
            } else if kinds[t] != .punctuation {
                // Only words the vocabulary does not know are compared with the stems.
                text.bytes.withUnsafeBufferPointer { bytes in
                    Self.appendStems(of: UnsafeBufferPointer(rebasing: bytes[text.byteRange(of: t)]), stems: stems,
                                     buckets: stemsByFirstByte, to: &matched)
                }
                for k in matchedCount..<matched.count {
                    signature |= Signature.bit(stem: matched[k])
                    Presence.set(Presence.bit(stem: matched[k]), in: presence)
                }
                matchedCount = matched.count
            }
            signatures[t] = signature
            stemStart[t &+ 1] = Int32(truncatingIfNeeded: matchedCount)
        }
    }

    /// Zeros, to copy a ticket's per-token arrays from: `Array(zeros[..<count])` is one
    /// `memcpy`, where `[T](filled: 0, count:)` stores element by element (~5 instructions
    /// each, a thousand or so per ticket for `encode`'s two arrays).
    static let zeroCount = 2048

    @inline(__always) static func zeroed<T: FixedWidthInteger>(_ count: Int, from zeros: [T]) -> [T] {
        // Never the whole array: that slice would share its storage rather than copy it.
        count < zeros.count ? Array(zeros[..<count]) : [T](filled: 0, count: count)
    }
}

/// A ticket's tokens with their vocabulary ids and matched stems. A class (its fields never
/// change): the risk, impact and sentiment stages each keep it in their views, and a copy of a
/// struct of nine arrays cost nine retains and releases, ~2k instructions per ticket in all.
public final class EncodedText: Sendable {
    public let text: NormalizedText
    /// Per token: its id in the vocabulary that encoded it, or `Vocabulary.unknown`.
    public let ids: [Int32]
    private let stemStart: [Int32]
    private let stems: [Int32]
    /// Per token, the `Signature` bits of its id and stems; then `Presence.words` words of
    /// `Presence` bits for the whole text. Phrase matching reads them for every phrase it tries.
    private let signatures: [UInt64]

    init(text: NormalizedText, ids: [Int32], stemStart: [Int32], stems: [Int32], signatures: [UInt64]) {
        self.text = text
        self.ids = ids
        self.stemStart = stemStart
        self.stems = stems
        self.signatures = signatures
    }

    @inline(__always) func signature(ofToken t: Int) -> UInt64 { signatures[t] }

    /// The per-token signatures (then the `Presence` words) as a buffer, for loops over every token.
    @inline(__always) func withSignatures<R>(_ body: (UnsafeBufferPointer<UInt64>) -> R) -> R {
        signatures.withUnsafeBufferPointer(body)
    }

    /// Some token may have an id or stem with one of these `Presence` bits (none has when false).
    @inline(__always) func mayHave(_ mask: PresenceMask) -> Bool {
        signatures[ids.count + Int(mask.word)] & mask.bits != 0
    }

    /// Positions (for `stem(at:)`) of the stem ids token `t` starts with.
    @inline(__always) public func stemRange(ofToken t: Int) -> Range<Int> {
        Int(stemStart[t])..<Int(stemStart[t + 1])
    }

    @inline(__always) public func stem(at position: Int) -> Int32 { stems[position] }
}

/// A text's per-token arrays as buffer pointers, for the loops that visit every token (array
/// reads there would check bounds each time). Valid only inside `withTokenColumns`.
struct TokenColumns {
    let kinds: UnsafeBufferPointer<Token.Kind>
    let flags: UnsafeBufferPointer<NormalizedText.Flags>
    let ids: UnsafeBufferPointer<Int32>
    var count: Int { kinds.count }
}

extension EncodedText {
    func withTokenColumns<R>(_ body: (TokenColumns) -> R) -> R {
        precondition(text.flags.count == text.count && ids.count == text.count)
        return text.kinds.withUnsafeBufferPointer { kinds in
            text.flags.withUnsafeBufferPointer { flags in
                ids.withUnsafeBufferPointer { ids in body(TokenColumns(kinds: kinds, flags: flags, ids: ids)) }
            }
        }
    }
}
