/// One unit of normalized ticket text, in reading order.
public struct Token: Sendable, Hashable {
    public enum Kind: UInt8, Sendable {
        case word, number, ideograph
        /// Emoji keep their own token so sentiment can score them; ICU reports them as non-words.
        case emoji
        /// Clause punctuation (. , ; : ! ?) kept as a scope boundary for negation.
        case punctuation

        /// Words, numbers and ideographs: what lexicons and the classifier look at.
        @inline(__always) public var isLexical: Bool { rawValue <= Kind.ideograph.rawValue }
    }

    /// NFKC case-folded form, used for every lookup.
    public var text: String
    public var kind: Kind
    /// The original had at least two letters, all upper case ("DOWN", not "I" or "Down").
    public var isAllCaps: Bool
    /// Ends in "n't" ("doesn't"): VADER counts every such word as a negator.
    public var endsInNT: Bool

    public init(_ text: String, kind: Kind = .word, isAllCaps: Bool = false) {
        var text = text
        let nt = text.withUTF8 { Self.endsInNT($0) }
        self.init(text, kind: kind, isAllCaps: isAllCaps, endsInNT: nt)
    }

    init(_ text: String, kind: Kind, isAllCaps: Bool, endsInNT: Bool) {
        self.text = text
        self.kind = kind
        self.isAllCaps = isAllCaps
        self.endsInNT = endsInNT
    }

    public var isLexical: Bool { kind.isLexical }

    /// Ends in "n't" ("doesn't", "won't"): VADER counts every such word as a negator.
    @inline(__always) static func endsInNT(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        return n >= 3 && b[n - 3] == UInt8(ascii: "n") && b[n - 2] == UInt8(ascii: "'") && b[n - 1] == UInt8(ascii: "t")
    }

    static func endsInNT(_ word: String) -> Bool {
        var word = word
        return word.withUTF8 { endsInNT($0) }
    }
}

/// The normalizer's output: tokens plus the emphasis signals sentiment needs.
///
/// Stored as parallel arrays, the folded text of all tokens back to back in one byte array:
/// scoring reads kinds, flags and ids per token and never makes a `String` per token
/// (`tokens` and `text(at:)` make them on demand, for explanations and tests).
public struct NormalizedText: Sendable, Equatable {
    /// Per-token facts, one byte each.
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        static let allCaps = Flags(rawValue: 1)
        static let endsInNT = Flags(rawValue: 2)
        /// . ! ? and the ideographic full stop.
        static let endsSentence = Flags(rawValue: 4)
        static let questionMark = Flags(rawValue: 8)
    }

    public internal(set) var kinds: [Token.Kind]
    var flags: [Flags]
    /// Token `t`'s folded UTF-8 is `bytes[ends[t - 1]..<ends[t]]` (from 0 for the first).
    var bytes: [UInt8]
    var ends: [Int32]
    /// Vocabulary ids the tokenizer found while folding (see `Normalizer.normalize(_:vocabulary:)`),
    /// one per token, `Vocabulary.notLookedUp` where it did not look.
    var ids: [Int32]
    public var exclamationMarks: Int
    public var questionMarks: Int

    public static func == (a: NormalizedText, b: NormalizedText) -> Bool {
        a.kinds == b.kinds && a.flags == b.flags && a.bytes == b.bytes && a.ends == b.ends
            && a.exclamationMarks == b.exclamationMarks && a.questionMarks == b.questionMarks
    }

    public init(tokens: [Token] = [], exclamationMarks: Int = 0, questionMarks: Int = 0) {
        var buffer = TokenBuffer()
        defer { buffer.deallocate() }
        for token in tokens { buffer.append(token) }
        self = buffer.make()
        self.exclamationMarks = exclamationMarks
        self.questionMarks = questionMarks
    }

    public var count: Int { kinds.count }

    /// The tokens as values (a `String` each): for explanations and tests, not the scoring path.
    public var tokens: [Token] { (0..<count).map(token(at:)) }

    public func token(at t: Int) -> Token {
        let f = flags[t]
        return Token(text(at: t), kind: kinds[t], isAllCaps: f.contains(.allCaps), endsInNT: f.contains(.endsInNT))
    }

    /// Token `t`'s folded text.
    public func text(at t: Int) -> String {
        String(decoding: bytes[byteRange(of: t)], as: UTF8.self)
    }

    /// Tokens `ts`' text joined by single spaces, built in one buffer (risk hits quote theirs).
    func words<C: Collection>(_ ts: C) -> String where C.Element == Int {
        if ts.count == 1 { return text(at: ts.first!) }
        var length = ts.count - 1
        for t in ts { length += byteRange(of: t).count }
        return bytes.withUnsafeBufferPointer { bytes in
            String(unsafeUninitializedCapacity: length) { out in
                var n = 0
                for (k, t) in ts.enumerated() {
                    if k > 0 { out[n] = 0x20; n += 1 }
                    for b in bytes[byteRange(of: t)] { out[n] = b; n += 1 }
                }
                return n
            }
        }
    }

    @inline(__always) func byteRange(of t: Int) -> Range<Int> {
        (t == 0 ? 0 : Int(ends[t - 1]))..<Int(ends[t])
    }

    @inline(__always) func isLexical(_ t: Int) -> Bool { kinds[t].isLexical }
    @inline(__always) func isAllCaps(_ t: Int) -> Bool { flags[t].contains(.allCaps) }
    @inline(__always) func endsInNT(_ t: Int) -> Bool { flags[t].contains(.endsInNT) }
    @inline(__always) func endsSentence(_ t: Int) -> Bool { flags[t].contains(.endsSentence) }
    @inline(__always) func isQuestionMark(_ t: Int) -> Bool { flags[t].contains(.questionMark) }

    /// Lexical tokens only, folded: the classifier's and lexicon matchers' view.
    public var words: [String] { (0..<count).filter(isLexical).map(text(at:)) }

    /// Lexical tokens, emoji and ASCII clause marks (. , ; : ! ?), folded: what a classifier that
    /// reads marks sees ("thanks!" and "thanks?" differ, ":(" counts).
    public var wordsAndMarks: [String] { (0..<count).filter { markIndex($0) != nil || kinds[$0] != .punctuation }.map(text(at:)) }

    /// The ASCII clause marks in a fixed order, and the index of token t's mark (nil: not one).
    public static let marks: [UInt8] = Array(".,;:!?".utf8)
    @inline(__always) func markIndex(_ t: Int) -> Int? {
        guard kinds[t] == .punctuation, ends[t] - (t == 0 ? 0 : ends[t - 1]) == 1 else { return nil }
        return Self.marks.firstIndex(of: bytes[Int(ends[t]) - 1])
    }

    init(kinds: [Token.Kind], flags: [Flags], bytes: [UInt8], ends: [Int32], ids: [Int32],
         exclamationMarks: Int, questionMarks: Int) {
        self.kinds = kinds; self.flags = flags; self.bytes = bytes; self.ends = ends; self.ids = ids
        self.exclamationMarks = exclamationMarks
        self.questionMarks = questionMarks
    }

    static func flags(of folded: UnsafeBufferPointer<UInt8>, kind: Token.Kind, allCaps: Bool) -> Flags {
        var f: Flags = allCaps ? .allCaps : []
        if kind == .punctuation {
            if folded.count == 1 {
                f.formUnion(punctuationFlags(folded[0]) ?? [])
            } else if folded.elementsEqual("\u{3002}".utf8) || folded.elementsEqual("\u{BF}".utf8) || folded.elementsEqual("\u{A1}".utf8) {
                // ¿ and ¡ open a sentence: the one before ends there.
                f.insert(.endsSentence)
            }
        } else if Token.endsInNT(folded) {
            f.insert(.endsInNT)
        }
        return f
    }

    /// ASCII clause punctuation kept as a token, with its flags; nil for other bytes.
    @inline(__always) static func punctuationFlags(_ byte: UInt8) -> Flags? {
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "!"): return .endsSentence
        case UInt8(ascii: "?"): return [.endsSentence, .questionMark]
        case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"): return []
        default: return nil
        }
    }
}

extension Token {
    /// Sentence-final punctuation: . ! ? and the ideographic full stop.
    public var endsSentence: Bool {
        kind == .punctuation && (text == "." || text == "!" || text == "?" || text == "\u{3002}" || text == "\u{BF}" || text == "\u{A1}")
    }
}

extension NormalizedText {
    /// Some token has a byte outside ASCII: only then can a script other than Latin occur.
    /// Eight bytes at a time, so an all-ASCII ticket costs a few instructions per word.
    var hasNonASCII: Bool {
        bytes.withUnsafeBytes { raw in
            var i = 0
            let n = raw.count
            while i + 8 <= n {
                if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return true }
                i += 8
            }
            while i < n {
                if raw[i] >= 0x80 { return true }
                i += 1
            }
            return false
        }
    }

    /// The first Unicode scalar of token `t`.
    func firstScalar(of t: Int) -> UInt32 {
        var iterator = bytes[byteRange(of: t)].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let s) = decoder.decode(&iterator) { return s.value }
        return 0
    }
}
