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

    var isPrefixLike: Bool {
        switch self {
        case .exact, .gap: return false
        case .prefix: return true
        case .anyOf(let options): return options.contains { $0.isPrefixLike }
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
    /// Entries whose first element is a stem; kept short in practice (tens of stems).
    private var byFirstPrefix: [Entry] = []
    public private(set) var count = 0

    public init() {}

    public mutating func insert(_ words: [PatternWord], _ payload: Payload) {
        guard let first = words.first else { return }
        let entry = Entry(words: words, payload: payload)
        if let keys = first.firstWords {
            for key in keys { byFirstWord[key, default: []].append(entry) }
        } else {
            byFirstPrefix.append(entry)
        }
        count += 1
    }

    /// Every entry that matches starting at `start`, longest first.
    public func matches(in words: [String], at start: Int) -> [Match] {
        var found: [Match] = []
        if let entries = byFirstWord[words[start]] { collect(entries, words, start, &found) }
        if !byFirstPrefix.isEmpty { collect(byFirstPrefix, words, start, &found) }
        if found.count > 1 { found.sort { $0.length > $1.length } }
        return found
    }

    private func collect(_ entries: [Entry], _ words: [String], _ start: Int, _ found: inout [Match]) {
        for entry in entries {
            if let end = Self.match(entry.words[...], words, start) {
                found.append(Match(start: start, length: end - start, payload: entry.payload))
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
