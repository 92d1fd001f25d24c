/// An encoded ticket's per-token columns — kind, flags, vocabulary id — read by token index:
/// what the rule stages (sentiment, risk) loop over. Backed by the columns' buffer pointers
/// (`withTokenColumns`) and handed out only inside `EncodedText.withTokenView`; every read
/// checks the index with one compare against the shared count (the columns have equal counts,
/// checked once), which the optimizer can hoist out of a loop over `0..<count`, so a wrong
/// index traps instead of reading another token.
struct TokenView {
    private let columns: TokenColumns
    /// A per-token mark the caller supplies (sentiment's question mask), or empty.
    private let marks: UnsafeBufferPointer<Bool>

    fileprivate init(_ columns: TokenColumns, marks: UnsafeBufferPointer<Bool>) {
        precondition(marks.isEmpty || marks.count == columns.count)
        self.columns = columns
        self.marks = marks
    }

    var count: Int { columns.count }

    @inline(__always) private func checked(_ t: Int) -> Int {
        precondition(UInt(bitPattern: t) < UInt(bitPattern: columns.count), "token index out of range")
        return t
    }

    @inline(__always) func kind(_ t: Int) -> Token.Kind { columns.kinds[checked(t)] }
    @inline(__always) func id(_ t: Int) -> Int32 { columns.ids[checked(t)] }
    @inline(__always) func isPunctuation(_ t: Int) -> Bool { kind(t) == .punctuation }
    @inline(__always) func isLexical(_ t: Int) -> Bool { kind(t).isLexical }
    @inline(__always) func isAllCaps(_ t: Int) -> Bool { columns.flags[checked(t)].contains(.allCaps) }
    @inline(__always) func endsInNT(_ t: Int) -> Bool { columns.flags[checked(t)].contains(.endsInNT) }
    /// Token `t`'s mark; only in a view made with marks.
    @inline(__always) func isMarked(_ t: Int) -> Bool {
        precondition(UInt(bitPattern: t) < UInt(bitPattern: marks.count), "token index out of range")
        return marks[t]
    }
    @inline(__always) func endsSentence(_ t: Int) -> Bool { columns.flags[checked(t)].contains(.endsSentence) }
}

extension EncodedText {
    /// The per-token columns, for a loop over every token; the view is valid only inside `body`.
    @inline(__always) func withTokenView<R>(_ body: (TokenView) -> R) -> R {
        withTokenColumns { body(TokenView($0, marks: UnsafeBufferPointer(start: nil, count: 0))) }
    }

    /// The same, with `marks` (one per token) readable by `isMarked`.
    @inline(__always) func withTokenView<R>(marks: [Bool], _ body: (TokenView) -> R) -> R {
        marks.withUnsafeBufferPointer { marks in withTokenColumns { body(TokenView($0, marks: marks)) } }
    }
}
