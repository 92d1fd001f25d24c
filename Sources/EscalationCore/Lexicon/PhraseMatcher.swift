/// One element of a lexicon phrase.
public indirect enum PatternWord: Sendable, Hashable {
    case exact(String)
    /// `cancel*`: any word starting with the stem.
    case prefix(String)
    /// `call*|meeting*|invite`: any one of these.
    case anyOf([PatternWord])
    /// `...`: up to this many arbitrary words ("cancel ... meeting" = "cancel the weekly meeting").
    case gap(Int)

    @inline(__always) func matches(_ word: String) -> Bool {
        switch self {
        case .exact(let w): return w == word
        case .prefix(let p): return word.hasPrefix(p)
        case .anyOf(let options): return options.contains { $0.matches(word) }
        case .gap: return false
        }
    }

    /// First UTF-8 bytes a word matching this element can start with; nil = any (a gap).
    var firstBytes: Set<UInt8>? {
        switch self {
        case .exact(let w): return w.utf8.first.map { [$0] } ?? []
        case .prefix(let p): return p.utf8.first.map { [$0] }
        case .anyOf(let options):
            var bytes = Set<UInt8>()
            for o in options { guard let b = o.firstBytes else { return nil }; bytes.formUnion(b) }
            return bytes
        case .gap: return nil
        }
    }

    /// Exact words this element can start with, or nil when it needs a prefix scan.
    var firstWords: [String]? {
        switch self {
        case .exact(let w): return [w]
        case .anyOf(let options):
            var words: [String] = []
            for o in options { guard let w = o.firstWords else { return nil }; words += w }
            return words
        case .prefix, .gap: return nil
        }
    }
}

/// Finds lexicon phrases in a token sequence: candidates are looked up by their first word,
/// so the cost per position is bounded by the few phrases sharing it (no regular expressions).
/// Gaps are short (a few words), so matching stays linear in the text.
public struct PhraseMatcher<Payload: Sendable>: Sendable {
    public struct Entry: Sendable {
        public var words: [PatternWord]
        public var payload: Payload
    }
    public struct Match: Sendable {
        public var start: Int
        public var length: Int
        public var payload: Payload
    }

    private var byFirstWord: [String: [Entry]] = [:]
    /// `byFirstWord` as a fast read-only table, rebuilt on insert (lexicons are small).
    private var firstWordTable = WordTable<[Entry]>()
    /// Entries whose first element is a stem, bucketed by the stem's first byte so a word
    /// only tries the few stems that share its first letter.
    private var byFirstByte = [[Entry]](repeating: [], count: 256)
    /// Entries that may start with any word (a leading gap).
    private var anyFirst: [Entry] = []
    public private(set) var count = 0

    public init() {}

    public mutating func insert(_ words: [PatternWord], _ payload: Payload) {
        guard let first = words.first else { return }
        let entry = Entry(words: words, payload: payload)
        if let keys = first.firstWords {
            for key in keys { byFirstWord[key, default: []].append(entry) }
            firstWordTable = WordTable(byFirstWord.map { ($0.key, $0.value) })
        } else if let bytes = first.firstBytes {
            for b in bytes { byFirstByte[Int(b)].append(entry) }
        } else {
            anyFirst.append(entry)
        }
        count += 1
    }

    /// The longest entry matching at `start` (ties: the first inserted), or nil.
    /// Longest is all callers need: a shorter match from the same start covers less.
    public func longest(in words: [String], at start: Int) -> Match? {
        var best: Match?
        if let entries = firstWordTable[words[start]] { consider(entries, words, start, &best) }
        if let b = words[start].utf8.first, !byFirstByte[Int(b)].isEmpty { consider(byFirstByte[Int(b)], words, start, &best) }
        if !anyFirst.isEmpty { consider(anyFirst, words, start, &best) }
        return best
    }

    private func consider(_ entries: [Entry], _ words: [String], _ start: Int, _ best: inout Match?) {
        for entry in entries {
            if let end = Self.match(entry.words[...], words, start), end - start > (best?.length ?? 0) {
                best = Match(start: start, length: end - start, payload: entry.payload)
            }
        }
    }

    /// End index of the shortest match of `pattern` at `i`, or nil.
    private static func match(_ pattern: ArraySlice<PatternWord>, _ words: [String], _ i: Int) -> Int? {
        guard let head = pattern.first else { return i }
        if case .gap(let most) = head {
            for skip in 0...most where i + skip <= words.count {
                if let end = match(pattern.dropFirst(), words, i + skip) { return end }
            }
            return nil
        }
        guard i < words.count, head.matches(words[i]) else { return nil }
        return match(pattern.dropFirst(), words, i + 1)
    }
}
