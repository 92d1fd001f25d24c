/// One word of a lexicon phrase: exact, or a stem written `cancel*` that matches any ending.
public enum PatternWord: Sendable, Hashable {
    case exact(String)
    case prefix(String)

    public init(_ raw: String) {
        if raw.count > 1 && raw.hasSuffix("*") { self = .prefix(String(raw.dropLast())) } else { self = .exact(raw) }
    }

    @inline(__always) func matches(_ word: String) -> Bool {
        switch self {
        case .exact(let w): return w == word
        case .prefix(let p): return word.hasPrefix(p)
        }
    }
}

/// Finds multi-word lexicon phrases in a token sequence in time linear in the text:
/// candidates are looked up by their first word, so no regular expression is involved.
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
    /// Entries whose first word is a stem; kept short in practice (tens of stems).
    private var byFirstPrefix: [Entry] = []
    public private(set) var count = 0

    public init() {}

    public mutating func insert(_ words: [PatternWord], _ payload: Payload) {
        guard let first = words.first else { return }
        let entry = Entry(words: words, payload: payload)
        switch first {
        case .exact(let w): byFirstWord[w, default: []].append(entry)
        case .prefix: byFirstPrefix.append(entry)
        }
        count += 1
    }

    /// Every entry that matches starting at `start`, longest first.
    public func matches(in words: [String], at start: Int) -> [Match] {
        var found: [Match] = []
        let word = words[start]
        if let entries = byFirstWord[word] { collect(entries, words, start, &found) }
        if !byFirstPrefix.isEmpty { collect(byFirstPrefix, words, start, &found) }
        if found.count > 1 { found.sort { $0.length > $1.length } }
        return found
    }

    private func collect(_ entries: [Entry], _ words: [String], _ start: Int, _ found: inout [Match]) {
        for entry in entries where start + entry.words.count <= words.count {
            var ok = true
            for (offset, pattern) in entry.words.enumerated() where !pattern.matches(words[start + offset]) {
                ok = false
                break
            }
            if ok { found.append(Match(start: start, length: entry.words.count, payload: entry.payload)) }
        }
    }
}
