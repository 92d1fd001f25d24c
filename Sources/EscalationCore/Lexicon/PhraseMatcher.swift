/// One element of a lexicon phrase.
public indirect enum PatternWord: Sendable, Hashable {
    case exact(String)
    /// `cancel*`: any word starting with the stem.
    case prefix(String)
    /// `call*|meeting*|invite`: any one of these.
    case anyOf([PatternWord])
    /// `...`: up to this many arbitrary words ("cancel ... meeting" = "cancel the weekly meeting").
    case gap(Int)

    /// Exact words and stems this element uses, for the vocabulary.
    func register(into builder: inout Vocabulary.Builder) {
        switch self {
        case .exact(let w): builder.add(w)
        case .prefix(let p): builder.addStem(p)
        case .anyOf(let options): for o in options { o.register(into: &builder) }
        case .gap: break
        }
    }
}

/// Lexicon phrases as written, in insertion order; `index(_:)` compiles them for matching.
public struct PhraseMatcher<Payload: Sendable>: Sendable {
    public struct Entry: Sendable {
        public var words: [PatternWord]
        public var payload: Payload
    }

    public private(set) var entries: [Entry] = []
    public var count: Int { entries.count }

    public init() {}

    public mutating func insert(_ words: [PatternWord], _ payload: Payload) {
        guard !words.isEmpty else { return }
        entries.append(Entry(words: words, payload: payload))
    }

    public func register(into builder: inout Vocabulary.Builder) {
        for entry in entries { for word in entry.words { word.register(into: &builder) } }
    }

    /// The phrases over `vocabulary`'s ids; every word and stem must have been registered.
    public func index(_ vocabulary: Vocabulary) -> PhraseIndex<Payload> {
        PhraseIndex(entries, vocabulary)
    }
}

/// A run of words to match phrases in: a ticket's words (some subset of its tokens) by id.
public struct WordView {
    public let encoded: EncodedText
    /// Token index of each word.
    public let tokens: [Int]
    /// Vocabulary id of each word.
    public let ids: [Int32]

    public init(_ encoded: EncodedText, tokens: [Int]) {
        self.init(encoded, tokens: tokens, ids: tokens.map { encoded.ids[$0] })
    }

    /// `ids` must be `encoded.ids` at `tokens`.
    init(_ encoded: EncodedText, tokens: [Int], ids: [Int32]) {
        self.encoded = encoded
        self.tokens = tokens
        self.ids = ids
    }

    public var count: Int { tokens.count }
}

/// Finds lexicon phrases in a word sequence: candidates are looked up by the id (or stem) of
/// their first word, so the cost per position is bounded by the few phrases sharing it (no
/// regular expressions). Gaps are short (a few words), so matching stays linear in the text.
public struct PhraseIndex<Payload: Sendable>: Sendable {
    indirect enum Element: Sendable {
        case word(Int32), stem(Int32), anyOf([Element]), gap(Int)
    }
    struct Entry: Sendable {
        var elements: [Element]
        var payload: Payload
    }
    public struct Match: Sendable {
        public var start: Int
        public var length: Int
        public var payload: Payload
    }

    private let entries: [Entry]
    /// Entries by the id of a first word they accept (CSR: ranges of `wordEntries`).
    private let wordStart: [Int32]
    private let wordEntries: [Int32]
    /// Entries by a stem their first element accepts, indexed by stem id.
    private let stemEntries: [[Int32]]
    /// Entries that may start with any word (a leading gap).
    private let anyFirst: [Int32]

    public var isEmpty: Bool { entries.isEmpty }

    /// An id no token has: a pattern word missing from the vocabulary never matches.
    private static var missing: Int32 { -2 }

    init(_ source: [PhraseMatcher<Payload>.Entry], _ vocabulary: Vocabulary) {
        func compile(_ w: PatternWord) -> Element {
            switch w {
            case .exact(let s): return .word(vocabulary.id(of: s) ?? Self.missing)
            case .prefix(let p): return .stem(vocabulary.stemID(of: p) ?? Self.missing)
            case .anyOf(let options): return .anyOf(options.map(compile))
            case .gap(let n): return .gap(n)
            }
        }
        entries = source.map { Entry(elements: $0.words.map(compile), payload: $0.payload) }
        var byWord = [[Int32]](repeating: [], count: vocabulary.count)
        var byStem = [[Int32]](repeating: [], count: vocabulary.stemCount)
        var any: [Int32] = []
        func file(_ e: Element, _ k: Int32) {
            switch e {
            case .word(let id): if id >= 0 { byWord[Int(id)].append(k) }
            case .stem(let s): if s >= 0 { byStem[Int(s)].append(k) }
            case .anyOf(let options): for o in options { file(o, k) }
            case .gap: any.append(k)
            }
        }
        for (k, entry) in entries.enumerated() { file(entry.elements[0], Int32(k)) }
        // Ids past the last one that starts an entry need no slots.
        let used = (byWord.lastIndex { !$0.isEmpty } ?? -1) + 1
        var start: [Int32] = [0]
        var flat: [Int32] = []
        for list in byWord[..<used] { flat += list; start.append(Int32(flat.count)) }
        wordStart = start
        wordEntries = flat
        stemEntries = byStem
        anyFirst = any
    }

    /// The longest entry matching at `start` (ties: the first inserted), or nil.
    /// Longest is all callers need: a shorter match from the same start covers less.
    public func longest(in view: borrowing WordView, at start: Int) -> Match? {
        var best = (end: start, entry: Int32(-1))
        let id = Int(view.ids[start])
        if id >= 0 && id + 1 < wordStart.count {
            for i in Int(wordStart[id])..<Int(wordStart[id + 1]) { consider(wordEntries[i], view, start, &best) }
        }
        for i in view.encoded.stemRange(ofToken: view.tokens[start]) {
            let s = Int(view.encoded.stem(at: i))
            if s < stemEntries.count { for k in stemEntries[s] { consider(k, view, start, &best) } }
        }
        for k in anyFirst { consider(k, view, start, &best) }
        guard best.entry >= 0 else { return nil }
        return Match(start: start, length: best.end - start, payload: entries[Int(best.entry)].payload)
    }

    @inline(__always) private func consider(_ k: Int32, _ view: borrowing WordView, _ start: Int, _ best: inout (end: Int, entry: Int32)) {
        guard let end = match(entries[Int(k)].elements, 0, view, start), end > start else { return }
        if end > best.end || (end == best.end && (best.entry < 0 || k < best.entry)) { best = (end, k) }
    }

    /// End index of the shortest match of `pattern[p...]` at word `i`, or nil.
    private func match(_ pattern: borrowing [Element], _ p: Int, _ view: borrowing WordView, _ i: Int) -> Int? {
        guard p < pattern.count else { return i }
        if case .gap(let most) = pattern[p] {
            for skip in 0...most where i + skip <= view.count {
                if let end = match(pattern, p + 1, view, i + skip) { return end }
            }
            return nil
        }
        guard i < view.count, matches(pattern[p], view, i) else { return nil }
        return match(pattern, p + 1, view, i + 1)
    }

    private func matches(_ element: borrowing Element, _ view: borrowing WordView, _ i: Int) -> Bool {
        switch element {
        case .word(let id): return view.ids[i] == id
        case .stem(let s):
            for k in view.encoded.stemRange(ofToken: view.tokens[i]) where view.encoded.stem(at: k) == s { return true }
            return false
        case .anyOf(let options): return options.contains { matches($0, view, i) }
        case .gap: return false
        }
    }
}
