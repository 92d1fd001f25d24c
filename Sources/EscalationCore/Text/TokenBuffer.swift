/// Scratch space the tokenizer writes a text's tokens into, reused from text to text (it grows,
/// and gives its storage back only after an unusually long text): the per-token writes are plain stores, with no array growth or uniqueness
/// checks, and `make()` copies the result out once. A struct of pointers, used as a local
/// `inout` value: a class's stored properties would pay a dynamic exclusivity check per access.
/// The owner calls `deallocate()`.
struct TokenBuffer {
    private(set) var count = 0
    private(set) var byteCount = 0
    private var tokenCapacity = 0
    private var byteCapacity = 0
    private var kinds = UnsafeMutablePointer<Token.Kind>.allocate(capacity: 0)
    private var flags = UnsafeMutablePointer<NormalizedText.Flags>.allocate(capacity: 0)
    private var ends = UnsafeMutablePointer<Int32>.allocate(capacity: 0)
    private var ids = UnsafeMutablePointer<Int32>.allocate(capacity: 0)
    /// Folded bytes of all tokens so far; the tokenizer folds ASCII words straight into `freeBytes`.
    private(set) var bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 0)
    var exclamationMarks = 0
    var questionMarks = 0

    func deallocate() {
        kinds.deallocate(); flags.deallocate(); ends.deallocate(); ids.deallocate(); bytes.deallocate()
    }

    /// Gives back the storage after an unusually long text (a record may be megabytes), so one
    /// such record does not keep its buffers for the rest of the run.
    mutating func shrinkIfLarge() {
        guard tokenCapacity > Self.keptTokens || byteCapacity > Self.keptBytes else { return }
        deallocate()
        self = TokenBuffer()
    }

    private static let keptTokens = 1 << 16, keptBytes = 1 << 18

    mutating func reset() {
        count = 0; byteCount = 0; exclamationMarks = 0; questionMarks = 0
    }

    /// A point to `rewind(to:)` when a chunk of text must be tokenized another way.
    struct Mark { var count, byteCount, exclamationMarks, questionMarks: Int }

    var mark: Mark { Mark(count: count, byteCount: byteCount, exclamationMarks: exclamationMarks, questionMarks: questionMarks) }

    /// The mark as it was before the last `tokens` tokens, `bytes` bytes in all, that counted
    /// no `!` or `?`: for a chunk whose first word was appended before it was known to go on.
    @inline(__always) func mark(droppingLast tokens: Int, bytes: Int) -> Mark {
        Mark(count: count &- tokens, byteCount: byteCount &- bytes, exclamationMarks: exclamationMarks, questionMarks: questionMarks)
    }

    mutating func rewind(to mark: Mark) {
        count = mark.count; byteCount = mark.byteCount
        exclamationMarks = mark.exclamationMarks; questionMarks = mark.questionMarks
    }

    /// Room for `tokens` more tokens and `byteCount` more bytes.
    @inline(__always) mutating func reserve(tokens: Int, bytes extra: Int) {
        if count + tokens > tokenCapacity { growTokens(count + tokens) }
        if byteCount + extra > byteCapacity { growBytes(byteCount + extra) }
    }

    private mutating func growTokens(_ needed: Int) {
        let capacity = max(needed, 2 * tokenCapacity, 256)
        let used = count
        func grow<T>(_ p: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
            let q = UnsafeMutablePointer<T>.allocate(capacity: capacity)
            q.initialize(from: p, count: used)
            p.deallocate()
            return q
        }
        kinds = grow(kinds); flags = grow(flags); ends = grow(ends); ids = grow(ids)
        tokenCapacity = capacity
    }

    /// Readable (zeroed) bytes past the capacity, so a word's first eight bytes can be read as
    /// one `UInt64` wherever it ends (`ByteTable.packed`).
    static let slack = 8

    private mutating func growBytes(_ needed: Int) {
        // Token ends are `Int32`: `commit` converts them unchecked. Doubling stops at that bound,
        // so only a text longer than it (over 2 GiB) is refused.
        let capacity = min(max(needed, 2 * byteCapacity, 1024), Int(Int32.max))
        precondition(needed <= capacity, "text too long")
        let q = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + Self.slack)
        q.initialize(repeating: 0, count: capacity + Self.slack)
        q.update(from: bytes, count: byteCount)
        bytes.deallocate()
        bytes = q
        byteCapacity = capacity
    }

    /// Where the next token's bytes go (after `reserve`).
    @inline(__always) var freeBytes: UnsafeMutablePointer<UInt8> { bytes + byteCount }

    /// Records a token whose `length` folded bytes were written at `freeBytes` (after `reserve`).
    /// Wrapping arithmetic: `reserve` bounds both counts (and `growBytes` the byte count to
    /// `Int32`), so the overflow checks would only cost instructions per token.
    @inline(__always) mutating func commit(length: Int, kind: Token.Kind, flags f: NormalizedText.Flags, id: Int32) {
        byteCount &+= length
        kinds[count] = kind
        flags[count] = f
        ends[count] = Int32(truncatingIfNeeded: byteCount)
        ids[count] = id
        count &+= 1
    }

    mutating func append(_ folded: UnsafeBufferPointer<UInt8>, kind: Token.Kind, allCaps: Bool, id: Int32) {
        reserve(tokens: 1, bytes: folded.count)
        if folded.count > 0 { freeBytes.initialize(from: folded.baseAddress!, count: folded.count) }
        commit(length: folded.count, kind: kind, flags: NormalizedText.flags(of: folded, kind: kind, allCaps: allCaps), id: id)
    }

    mutating func append(_ token: Token) {
        var text = token.text
        text.withUTF8 { append($0, kind: token.kind, allCaps: token.isAllCaps, id: Vocabulary.notLookedUp) }
    }

    /// The tokens appended since `mark`, with their `!`/`?` counts, as a value to `replay`.
    func tokens(since mark: Mark) -> ChunkTokens {
        let base = Int32(mark.byteCount)
        let range = mark.count..<count
        return ChunkTokens(kinds: range.map { kinds[$0] }, flags: range.map { flags[$0] },
                           ends: range.map { ends[$0] - base }, ids: range.map { ids[$0] },
                           bytes: Array(UnsafeBufferPointer(start: bytes + mark.byteCount, count: byteCount - mark.byteCount)),
                           exclamationMarks: exclamationMarks - mark.exclamationMarks,
                           questionMarks: questionMarks - mark.questionMarks)
    }

    /// Gives the tokens since `mark` that were appended without a lookup their id in `table`
    /// (punctuation: `Vocabulary.unknown`), as `Vocabulary.encode` would.
    mutating func lookUpIDs(since mark: Mark, in table: ByteTable) {
        for t in mark.count..<count where ids[t] == Vocabulary.notLookedUp {
            if kinds[t] == .punctuation { ids[t] = Vocabulary.unknown; continue }
            let start = t == 0 ? 0 : Int(ends[t - 1])
            let word = UnsafeBufferPointer(start: bytes + start, count: Int(ends[t]) - start)
            ids[t] = table.id(word, hash: ByteTable.hash(word)) ?? Vocabulary.unknown
        }
    }

    /// Appends tokens taken by `tokens(since:)`, as they were.
    mutating func replay(_ chunk: ChunkTokens) {
        reserve(tokens: chunk.kinds.count, bytes: chunk.bytes.count)
        if !chunk.bytes.isEmpty { chunk.bytes.withUnsafeBufferPointer { freeBytes.update(from: $0.baseAddress!, count: $0.count) } }
        let base = Int32(byteCount)
        for t in chunk.kinds.indices {
            kinds[count + t] = chunk.kinds[t]
            flags[count + t] = chunk.flags[t]
            ends[count + t] = base + chunk.ends[t]
            ids[count + t] = chunk.ids[t]
        }
        count += chunk.kinds.count
        byteCount += chunk.bytes.count
        exclamationMarks += chunk.exclamationMarks
        questionMarks += chunk.questionMarks
    }

    /// The tokens so far, copied into `text`'s arrays: without an allocation when nothing else
    /// holds them (a text the caller is done with, handed back).
    func make(into text: inout NormalizedText) {
        func refill<T>(_ array: inout [T], from p: UnsafeMutablePointer<T>, count: Int) {
            array.removeAll(keepingCapacity: true)
            array.append(contentsOf: UnsafeBufferPointer(start: p, count: count))
        }
        refill(&text.kinds, from: kinds, count: count)
        refill(&text.flags, from: flags, count: count)
        refill(&text.bytes, from: bytes, count: byteCount)
        refill(&text.ends, from: ends, count: count)
        refill(&text.ids, from: ids, count: count)
        text.exclamationMarks = exclamationMarks
        text.questionMarks = questionMarks
    }

    /// Whether a text of this size is small enough to keep its storage for the next one.
    var isOrdinarySize: Bool { count <= Self.keptTokens && byteCount <= Self.keptBytes }

    /// The tokens so far, as a value.
    func make() -> NormalizedText {
        NormalizedText(kinds: Array(UnsafeBufferPointer(start: kinds, count: count)),
                       flags: Array(UnsafeBufferPointer(start: flags, count: count)),
                       bytes: Array(UnsafeBufferPointer(start: bytes, count: byteCount)),
                       ends: Array(UnsafeBufferPointer(start: ends, count: count)),
                       ids: Array(UnsafeBufferPointer(start: ids, count: count)),
                       exclamationMarks: exclamationMarks, questionMarks: questionMarks)
    }
}

/// A chunk's tokens as `TokenBuffer.tokens(since:)` took them: ends relative to the chunk.
struct ChunkTokens {
    let kinds: [Token.Kind]
    let flags: [NormalizedText.Flags]
    let ends: [Int32]
    let ids: [Int32]
    let bytes: [UInt8]
    let exclamationMarks: Int
    let questionMarks: Int
}
