/// An encoded ticket's per-token columns — kind, flags, vocabulary id — read by token index:
/// what the rule stages (sentiment, risk) loop over. Plain arrays underneath, so every read is
/// bounds-checked and a wrong index traps instead of reading another token; the accessors are
/// inlined, so the loops cost what pointer reads did.
struct TokenView {
    private let kinds: [Token.Kind]
    private let flags: [NormalizedText.Flags]
    private let ids: [Int32]

    init(_ encoded: EncodedText) {
        precondition(encoded.text.flags.count == encoded.text.count && encoded.ids.count == encoded.text.count)
        kinds = encoded.text.kinds
        flags = encoded.text.flags
        ids = encoded.ids
    }

    var count: Int { kinds.count }

    @inline(__always) func kind(_ t: Int) -> Token.Kind { kinds[t] }
    @inline(__always) func id(_ t: Int) -> Int32 { ids[t] }
    @inline(__always) func isPunctuation(_ t: Int) -> Bool { kinds[t] == .punctuation }
    @inline(__always) func isLexical(_ t: Int) -> Bool { kinds[t].isLexical }
    @inline(__always) func isAllCaps(_ t: Int) -> Bool { flags[t].contains(.allCaps) }
    @inline(__always) func endsInNT(_ t: Int) -> Bool { flags[t].contains(.endsInNT) }
    @inline(__always) func endsSentence(_ t: Int) -> Bool { flags[t].contains(.endsSentence) }
}

extension EncodedText {
    /// The per-token columns, for a loop over every token.
    var tokenView: TokenView { TokenView(self) }
}
