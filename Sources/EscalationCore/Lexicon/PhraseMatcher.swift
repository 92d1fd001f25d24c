/// One element of a lexicon phrase. Not `indirect`: `anyOf`'s array already boxes its options,
/// and start-up builds tens of thousands of these (a box each would be an allocation each).
public enum PatternWord: Sendable, Hashable {
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

/// Finds lexicon phrases in a word sequence: candidates are looked up by the id (or stem) of
/// their first word, so the cost per position is bounded by the few phrases sharing it (no
/// regular expressions). Gaps are short (a few words), so matching stays linear in the text.
public struct PhraseIndex<Payload: Sendable>: Sendable {
    /// One pattern element, flat (no boxes to retain while matching): a word id, a stem id, a gap
    /// of up to `value` words, or a choice among `options[value..<value + count]`.
    struct Element: Sendable {
        enum Kind: UInt8, Sendable { case word, stem, gap, anyOf }
        var kind: Kind
        var value: Int32
        var count: Int32 = 0
        /// For `anyOf`: how many of its options (first, sorted by id) are words; stems follow, sorted.
        var words: Int32 = 0
    }
    /// A match names its entry; the payload is looked up from it (`payload(_:)`) only for the few
    /// matches kept: a payload inside the result made every word's look-up copy it.
    public struct Match: Sendable {
        public var start: Int
        public var length: Int
        /// The entry's index in insertion order, for callers' per-entry tables.
        public var entry: Int
    }

    /// The payload of entry `entry` (a `Match.entry`).
    @inline(__always) public func payload(_ entry: Int) -> Payload { payloads[entry] }

    /// Every entry's elements, concatenated; entry k is `elements[info[k].first..<info[k].last]`.
    private let elements: [Element]
    /// What `consider` reads of an entry, side by side: one bounds check and one cache line per
    /// candidate, where separate per-entry arrays cost a check and a likely miss each.
    struct EntryInfo: Sendable {
        /// `elements[first..<last]`.
        var first: Int32
        var last: Int32
        /// The most words it can cover (a gap counts its longest skip).
        var span: Int32
        /// The index in `elements` of its second element when `consider` checks it first (no gap
        /// before or at it), else -1; read instead of the entry's first two elements.
        var second: Int32
        /// `checkOffset`/`checkBits[checks..<checksEnd]`: elements past the first whose place is
        /// known within a window (`WordView.window` words from `checkOffset` after the start), with
        /// the signature bits they accept. One AND each rules out most candidates before matching
        /// ("api ... not working" where no "not" follows "api").
        var checks: Int32
        var checksEnd: Int32
        /// Its elements past the first (which lookup already matched) as groups of `Presence`
        /// masks, fewest first: groups `groups..<groupsEnd`, group g's masks
        /// `presenceMasks[groupStart[g]..<groupStart[g + 1]]`. An entry may match only where each
        /// of its groups meets the ticket's `Presence` bits.
        var groups: Int32
        var groupsEnd: Int32
    }
    private let info: [EntryInfo]
    /// The words and stems of `anyOf` elements.
    private let options: [Element]
    /// `options`' values alone, which `contains` binary-searches: four to a cache line's
    /// sixteen, as long option lists ("users|customers|clients|…") are searched at many words.
    private let optionValues: [Int32]
    private let payloads: [Payload]
    /// What starts each entry, read at every word.
    private let starts: PhraseStarts
    /// Entries that may start with any word (a leading gap).
    private let anyFirst: [Int32]
    /// The window checks of all entries (`EntryInfo.checks`).
    private let checkOffset: [Int32]
    private let checkBits: [UInt64]

    public var isEmpty: Bool { payloads.isEmpty }
    /// The most words any match can span (an element is one word, a gap up to its size).
    public let maxSpan: Int
    /// Per element of `elements`: the signature of what it accepts, checked before an `anyOf`'s
    /// options are scanned one by one (lexicons list dozens: "users|customers|clients|…").
    private let signatures: [UInt64]
    /// The presence groups of all entries (`EntryInfo.groups`).
    private let groupStart: [Int32]
    private let presenceMasks: [PresenceMask]
    /// An id no token has: a pattern word missing from the vocabulary never matches.
    private static var missing: Int32 { -2 }

    init(_ source: [PhraseMatcher<Payload>.Entry], _ vocabulary: Vocabulary) {
        var elements: [Element] = [], options: [Element] = [], entryStart: [Int32] = [0]
        func single(_ w: PatternWord, into out: inout [Element]) {
            switch w {
            case .exact(let s): out.append(Element(kind: .word, value: vocabulary.id(of: s) ?? Self.missing))
            case .prefix(let p): out.append(Element(kind: .stem, value: vocabulary.stemID(of: p) ?? Self.missing))
            case .anyOf(let nested): for o in nested { single(o, into: &out) }
            case .gap: break  // not an option: the parser only makes single words into choices
            }
        }
        for entry in source {
            for w in entry.words {
                switch w {
                case .gap(let n): elements.append(Element(kind: .gap, value: Int32(n)))
                case .anyOf:
                    let first = options.count
                    single(w, into: &options)
                    // Words by id, then stems by id: `matches` binary-searches them (lexicons list
                    // dozens of choices, "users|customers|clients|…"). Sorted where they were
                    // appended: start-up builds thousands of these.
                    options[first...].sort { ($0.kind.rawValue, $0.value) < ($1.kind.rawValue, $1.value) }
                    let words = options[first...].prefix { $0.kind == .word }.count
                    elements.append(Element(kind: .anyOf, value: Int32(first), count: Int32(options.count - first), words: Int32(words)))
                default: single(w, into: &elements)
                }
            }
            entryStart.append(Int32(elements.count))
        }
        let entrySpan = (0..<source.count).map { k in
            Int32(elements[Int(entryStart[k])..<Int(entryStart[k + 1])].reduce(0) { $0 + ($1.kind == .gap ? Int($1.value) : 1) })
        }
        maxSpan = Int(entrySpan.max() ?? 0)
        self.elements = elements
        self.options = options
        optionValues = options.map(\.value)
        let secondCheck = (0..<source.count).map { k in
            let first = Int(entryStart[k]), last = Int(entryStart[k + 1])
            return last - first >= 2 && elements[first].kind != .gap && elements[first + 1].kind != .gap ? Int32(first + 1) : -1
        }
        let signatures = elements.map { Self.signature(of: $0, options) }
        self.signatures = signatures
        var presenceGroups: [Int32] = [0], groupStart: [Int32] = [0], presenceMasks: [PresenceMask] = []
        var firstGroups: [[PresenceMask]?] = []  // per entry; nil when it has none
        var bits: [UInt16] = []  // scratch, for each element's presence bits
        var groups: [[PresenceMask]] = []
        for k in source.indices {
            let first = Int(entryStart[k]), last = Int(entryStart[k + 1])
            let checked = elements[first].kind == .gap ? first : first + 1
            groups.removeAll(keepingCapacity: true)
            for e in elements[checked..<last] where e.kind != .gap {
                Self.presence(of: e, options, into: &bits)
                groups.append(Presence.masks(sorting: &bits))
            }
            groups.sort { ($0.count, $0.reduce(0) { $0 + $1.bits.nonzeroBitCount }) < ($1.count, $1.reduce(0) { $0 + $1.bits.nonzeroBitCount }) }
            for group in groups { presenceMasks += group; groupStart.append(Int32(presenceMasks.count)) }
            presenceGroups.append(Int32(groupStart.count - 1))
            firstGroups.append(groups.first)
        }
        self.groupStart = groupStart
        self.presenceMasks = presenceMasks
        payloads = source.map(\.payload)
        var checkStart: [Int32] = [0], checkOffset: [Int32] = [], checkBits: [UInt64] = []
        for k in source.indices {
            // Offsets from the start that each element may stand at: a gap of n widens by 0...n.
            var (low, high) = (0, 0)
            for q in Int(entryStart[k])..<Int(entryStart[k + 1]) {
                let e = elements[q]
                if e.kind == .gap { high += Int(e.value); continue }
                if q > Int(entryStart[k]) {
                    (low, high) = (low + 1, high + 1)
                    if high - low < WordView.window && elements[Int(entryStart[k])].kind != .gap {
                        checkOffset.append(Int32(low))
                        checkBits.append(signatures[q])
                    }
                }
            }
            checkStart.append(Int32(checkOffset.count))
        }
        self.checkOffset = checkOffset
        self.checkBits = checkBits
        var quickBits = [UInt64](repeating: 0, count: source.count), quickOffset = [Int32](repeating: 0, count: source.count)
        // A second quick test: the most selective of the other window checks (fewest bits), so
        // that an entry whose later words are nowhere near ("for ... hours" at every "for")
        // fails before `consider` is called. Check 0 is the second element's, already tested.
        var nearBits = [UInt64](repeating: 0, count: source.count), nearOffset = [Int32](repeating: 0, count: source.count)
        for k in source.indices where checkStart[k] + 1 < checkStart[k + 1] {
            let c = (Int(checkStart[k]) + 1..<Int(checkStart[k + 1])).min { checkBits[$0].nonzeroBitCount < checkBits[$1].nonzeroBitCount }!
            (nearBits[k], nearOffset[k]) = (checkBits[c], checkOffset[c])
        }
        for k in source.indices {
            let first = Int(entryStart[k]), last = Int(entryStart[k + 1])
            guard elements[first].kind != .gap else { continue }
            if last - first >= 2 && elements[first + 1].kind != .gap {
                quickBits[k] = signatures[first + 1]
            } else if checkStart[k] < checkStart[k + 1] {
                (quickBits[k], quickOffset[k]) = (checkBits[Int(checkStart[k])], checkOffset[Int(checkStart[k])])
            }
        }
        info = (0..<source.count).map { k in
            EntryInfo(first: entryStart[k], last: entryStart[k + 1], span: entrySpan[k], second: secondCheck[k],
                      checks: checkStart[k], checksEnd: checkStart[k + 1], groups: presenceGroups[k], groupsEnd: presenceGroups[k + 1])
        }
        // How each entry starts, for the table read at every word.
        var starts: [PhraseStarts.Start] = [], any: [Int32] = []
        for k in source.indices {
            let first = Int(entryStart[k]), last = Int(entryStart[k + 1])
            let head = elements[first]
            guard head.kind != .gap else { any.append(Int32(k)); continue }
            let accepted = head.kind == .anyOf ? options[Int(head.value)..<Int(head.value + head.count)] : [head][...]
            var slot = PhraseStarts.Slot()
            if last - first < 2 {
                slot.seconds = .max  // one word: matches wherever it starts
            } else if elements[first + 1].kind != .gap {
                slot.seconds = signatures[first + 1]
            } else if Int(elements[first + 1].value) < WordView.window, first + 2 < last, elements[first + 2].kind != .gap {
                slot.near = signatures[first + 2]
            } else {
                slot.seconds = .max
            }
            starts.append(PhraseStarts.Start(
                candidate: PhraseStarts.Candidate(entry: Int32(k), quickOffset: quickOffset[k], nearOffset: nearOffset[k],
                                                  quickBits: quickBits[k], nearBits: nearBits[k]),
                words: accepted.filter { $0.kind == .word && $0.value >= 0 }.map(\.value),
                stems: accepted.filter { $0.kind == .stem && $0.value >= 0 }.map(\.value), slot: slot, firstGroup: firstGroups[k]))
        }
        self.starts = PhraseStarts(starts, vocabulary)
        anyFirst = any
    }

    /// The presence bits of what `e` accepts (none when it accepts nothing), into `bits`.
    private static func presence(of e: Element, _ options: [Element], into bits: inout [UInt16]) {
        bits.removeAll(keepingCapacity: true)
        switch e.kind {
        case .word: if e.value >= 0 { bits.append(Presence.bit(word: e.value)) }
        case .stem: if e.value >= 0 { bits.append(Presence.bit(stem: e.value)) }
        case .gap: break
        case .anyOf:
            for o in options[Int(e.value)..<Int(e.value + e.count)] where o.value >= 0 {
                bits.append(o.kind == .word ? Presence.bit(word: o.value) : Presence.bit(stem: o.value))
            }
        }
    }

    /// Each element of entry `k` past its first accepts some id or stem present in the ticket.
    @inline(__always) private func mayMatch(_ k: Int, _ view: borrowing WordView) -> Bool {
        let entry = info[k]
        for g in Int(entry.groups)..<Int(entry.groupsEnd) {
            var found = false
            for m in Int(groupStart[g])..<Int(groupStart[g + 1]) where view.encoded.mayHave(presenceMasks[m]) { found = true; break }
            if !found { return false }
        }
        return true
    }

    /// Some entry starting with the word in starts slot `slot` may match, given the ticket's
    /// presence bits.
    @inline(__always) private func mayStart(_ slot: Int, _ view: borrowing WordView) -> Bool {
        let (from, to) = (Int(starts.needStart[slot]), Int(starts.needStart[slot + 1]))
        guard from < to else { return true }
        for m in from..<to where view.encoded.mayHave(starts.needs[m]) { return true }
        return false
    }

    private static func signature(of e: Element, _ options: [Element]) -> UInt64 {
        switch e.kind {
        case .word: return e.value >= 0 ? Signature.bit(word: e.value) : 0
        case .stem: return e.value >= 0 ? Signature.bit(stem: e.value) : 0
        case .gap: return .max
        case .anyOf: return options[Int(e.value)..<Int(e.value + e.count)].reduce(0) { $0 | signature(of: $1, options) }
        }
    }

    /// The longest entry matching at `start` (ties: the first inserted), or nil.
    /// Longest is all callers need: a shorter match from the same start covers less.
    /// Most words start no entry: that is decided here, inline, before any matching.
    /// `reaching`: only entries that can cover at least this many words are tried (a caller
    /// looking for an exemption that reaches a hit further on skips the short ones unmatched).
    @inline(__always) public func longest(in view: borrowing WordView, at start: Int, reaching: Int = 0) -> Match? {
        guard anyFirst.isEmpty else { return match(in: view, at: start, reaching: reaching) }
        let id = Int(view.ids[start])
        var slot = PhraseStarts.Slot(), known = -1
        if id >= 0 {
            guard let k = starts.slot(ofWord: id) else { return nil }
            (slot, known) = (starts.wordSlots[k], k)
        } else {
            // Words the vocabulary does not know may still start with a stem ("cancelllation").
            for k in view.encoded.stemRange(ofToken: view.tokens[start]) { slot.add(starts.stemSlots[Int(view.encoded.stem(at: k))]) }
            guard slot.seconds | slot.near != 0 else { return nil }
        }
        guard slot.seconds == .max || (start + 1 < view.count && slot.seconds & view.signature(at: start + 1) != 0)
            || (slot.near != 0 && view.mayHave(slot.near, near: start + 1)) else { return nil }
        if known >= 0 && !mayStart(known, view) { return nil }
        return match(in: view, at: start, reaching: reaching, slot: known)
    }

    /// The vocabulary ids some entry may start with, by themselves or by a stem they have (a
    /// word the vocabulary does not know may start one by a stem): where `longest` can find
    /// something, unless `startsAnywhere`.
    public var startingIDs: [Int32] { starts.startingIDs }
    /// Some entry starts with a gap: any word may start it.
    public var startsAnywhere: Bool { !anyFirst.isEmpty }

    /// `slot`: the starts slot of the word at `start`, when `longest` has looked it up (-1: not yet).
    private func match(in view: borrowing WordView, at start: Int, reaching: Int, slot known: Int = -1) -> Match? {
        var best = (end: start, entry: Int32(-1))
        let next = start + 1 < view.count ? view.signature(at: start + 1) : 0
        let id = Int(view.ids[start])
        if id >= 0 {
            // A known word's entries include those of its stems.
            if let k = known >= 0 ? known : starts.slot(ofWord: id) {
                for i in Int(starts.entryStart[k])..<Int(starts.entryStart[k + 1]) {
                    let candidate = starts.entries[i]
                    if mayPass(candidate, view, start, next) { consider(candidate.entry, view, start, reaching, &best) }
                }
            }
        } else {
            for i in view.encoded.stemRange(ofToken: view.tokens[start]) {
                for candidate in starts.stemEntries[Int(view.encoded.stem(at: i))] where mayPass(candidate, view, start, next) {
                    consider(candidate.entry, view, start, reaching, &best)
                }
            }
        }
        for k in anyFirst { consider(k, view, start, reaching, &best) }
        guard best.entry >= 0 else { return nil }
        return Match(start: start, length: best.end - start, entry: Int(best.entry))
    }

    /// A candidate's quick test at `start`; `next`, the signature of the word after it (0: none).
    @inline(__always) private func mayPass(_ candidate: PhraseStarts.Candidate, _ view: borrowing WordView, _ start: Int, _ next: UInt64) -> Bool {
        if candidate.nearBits != 0 && !view.mayHave(candidate.nearBits, near: start + Int(candidate.nearOffset)) { return false }
        let bits = candidate.quickBits
        guard bits != 0 else { return true }
        let offset = Int(candidate.quickOffset)
        return offset == 0 ? bits & next != 0 : view.mayHave(bits, near: start + offset)
    }

    @inline(__always) private func consider(_ k: Int32, _ view: borrowing WordView, _ start: Int, _ reaching: Int,
                                            _ best: inout (end: Int, entry: Int32)) {
        let entry = info[Int(k)]
        guard Int(entry.span) >= reaching else { return }
        // Most candidates fail on their second word ("the" in "your|a|the manager*"): when no
        // gap comes before it, check it here, before the general matcher.
        let second = Int(entry.second)
        if second >= 0 && (start + 1 >= view.count || !matches(elements[second], at: second, view, start + 1)) { return }
        for c in Int(entry.checks)..<Int(entry.checksEnd) where !view.mayHave(checkBits[c], near: start + Int(checkOffset[c])) { return }
        guard mayMatch(Int(k), view), let end = match(Int(entry.first), Int(entry.last), view, start), end > start else { return }
        if end > best.end || (end == best.end && (best.entry < 0 || k < best.entry)) { best = (end, k) }
    }

    /// End index of the shortest match of `elements[p..<end]` at word `i`, or nil.
    /// The words reachable so far are bits of a mask (offsets from `i`), so a pattern with several
    /// gaps costs its length times the few offsets alive, not every combination of skips.
    private func match(_ p: Int, _ end: Int, _ view: borrowing WordView, _ i: Int) -> Int? {
        var reach: UInt64 = 1  // offset 0: the pattern starts at word i
        for q in p..<end {
            let e = elements[q]
            if e.kind == .gap {
                var widened = reach
                for skip in 1...max(1, Int(e.value)) { widened |= reach << UInt64(skip) }
                reach = widened
                continue
            }
            var next: UInt64 = 0
            var bits = reach
            while bits != 0 {
                let offset = bits.trailingZeroBitCount
                bits &= bits &- 1
                let w = i + offset
                // Offsets stay below 63: patterns are a few words and gaps of three.
                if w < view.count && offset < 63 && matches(e, at: q, view, w) { next |= 1 << UInt64(offset + 1) }
            }
            guard next != 0 else { return nil }
            reach = next
        }
        // Past the text's end a gap may still have widened the mask: only real ends count.
        while reach != 0 {
            let offset = reach.trailingZeroBitCount
            if i + offset <= view.count { return i + offset }
            reach &= reach &- 1
        }
        return nil
    }

    /// Element `e` (at `p` in `elements`) accepts word `i`.
    @inline(__always) private func matches(_ e: Element, at p: Int, _ view: borrowing WordView, _ i: Int) -> Bool {
        switch e.kind {
        case .word: return view.ids[i] == e.value
        case .stem: return hasStem(e.value, view, i)
        case .anyOf:
            guard signatures[p] & view.signature(at: i) != 0 else { return false }
            let start = Int(e.value), stems = start + Int(e.words), end = start + Int(e.count)
            if contains(view.ids[i], in: start..<stems) { return true }
            guard stems < end else { return false }
            for k in view.encoded.stemRange(ofToken: view.tokens[i]) where contains(view.encoded.stem(at: k), in: stems..<end) { return true }
            return false
        case .gap: return false
        }
    }

    /// `options[range]`, sorted by value, holds `value`.
    @inline(__always) private func contains(_ value: Int32, in range: Range<Int>) -> Bool {
        var (lo, hi) = (range.lowerBound, range.upperBound)
        while lo < hi {
            let mid = (lo + hi) / 2
            if optionValues[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo < range.upperBound && optionValues[lo] == value
    }

    @inline(__always) private func hasStem(_ s: Int32, _ view: borrowing WordView, _ i: Int) -> Bool {
        for k in view.encoded.stemRange(ofToken: view.tokens[i]) where view.encoded.stem(at: k) == s { return true }
        return false
    }
}
