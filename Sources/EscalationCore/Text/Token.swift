/// One unit of normalized ticket text, in reading order.
public struct Token: Sendable, Hashable {
    public enum Kind: UInt8, Sendable {
        case word, number, ideograph
        /// Emoji keep their own token so sentiment can score them; ICU reports them as non-words.
        case emoji
        /// Clause punctuation (. , ; : ! ?) kept as a scope boundary for negation.
        case punctuation
    }

    /// NFKC case-folded form, used for every lookup.
    public var text: String
    public var kind: Kind
    /// The original had at least two letters, all upper case ("DOWN", not "I" or "Down").
    public var isAllCaps: Bool
    /// Ends in "n't" ("doesn't"): VADER counts every such word as a negator.
    public var endsInNT: Bool

    public init(_ text: String, kind: Kind = .word, isAllCaps: Bool = false) {
        self.init(text, kind: kind, isAllCaps: isAllCaps, endsInNT: text.utf8.hasSuffixNT)
    }

    init(_ text: String, kind: Kind, isAllCaps: Bool, endsInNT: Bool) {
        self.text = text
        self.kind = kind
        self.isAllCaps = isAllCaps
        self.endsInNT = endsInNT
    }

    /// Words, numbers and ideographs: what lexicons and the classifier look at.
    public var isLexical: Bool { kind == .word || kind == .number || kind == .ideograph }
}

/// The normalizer's output: tokens plus the emphasis signals sentiment needs.
public struct NormalizedText: Sendable, Equatable {
    public var tokens: [Token]
    public var exclamationMarks: Int
    public var questionMarks: Int
    /// Vocabulary ids the tokenizer found while folding (see `Normalizer.normalize(_:vocabulary:)`),
    /// one per token, `Vocabulary.notLookedUp` where it did not look; empty without a vocabulary.
    var ids: [Int32] = []

    public static func == (a: NormalizedText, b: NormalizedText) -> Bool {
        a.tokens == b.tokens && a.exclamationMarks == b.exclamationMarks && a.questionMarks == b.questionMarks
    }

    public init(tokens: [Token], exclamationMarks: Int = 0, questionMarks: Int = 0) {
        self.tokens = tokens
        self.exclamationMarks = exclamationMarks
        self.questionMarks = questionMarks
    }

    /// Lexical tokens only, folded: the classifier's and lexicon matchers' view.
    public var words: [String] { tokens.lazy.filter(\.isLexical).map(\.text) }
}

extension String.UTF8View {
    /// Ends in "n't" ("doesn't", "won't"): VADER counts every such word as a negator.
    var hasSuffixNT: Bool {
        var it = reversed().makeIterator()
        return it.next() == UInt8(ascii: "t") && it.next() == UInt8(ascii: "'") && it.next() == UInt8(ascii: "n")
    }
}
