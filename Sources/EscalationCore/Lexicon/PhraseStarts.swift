/// Which words start a lexicon's phrases, and what those phrases need next. This is the first
/// test at every word of a ticket, so it is kept small: one bit per vocabulary id, then a slot
/// for each of the few hundred words that start something. (A table per vocabulary id, ~100k
/// with a model, misses the cache at most words.)
struct PhraseStarts: Sendable {
    /// What the entries starting with one word (or stem) need from the words after it.
    struct Slot: Sendable {
        /// `Signature` bits the next word must share, for entries whose second element is a word
        /// (`.max`: some entry cannot be ruled out this way, e.g. it is a single word).
        var seconds: UInt64 = 0
        /// `Signature` bits some word of the `WordView.windows` after must share, for entries
        /// whose second element is a short gap ("we ... locked out").
        var near: UInt64 = 0

        mutating func add(_ other: Slot) {
            seconds |= other.seconds
            near |= other.near
        }
    }

    /// How one entry starts: the ids and stems its first element accepts, what it needs next,
    /// and its fewest-bits `Presence` group (nil: nothing after its first word).
    struct Start {
        var entry: Int32
        var words: [Int32]
        var stems: [Int32]
        var slot: Slot
        var firstGroup: [PresenceMask]?
    }

    /// Bit `id` set when vocabulary id `id` starts some entry (itself or by one of its stems).
    private let bits: [UInt64]
    /// Per word of `bits`: how many starting ids come before it.
    private let ranks: [Int32]
    /// Per starting id, in id order.
    let wordSlots: [Slot]
    /// Per starting id: the entries it starts, by itself or by a stem it has, each once
    /// (`entries[entryStart[s]..<entryStart[s + 1]]`).
    let entryStart: [Int32]
    let entries: [Int32]
    /// Per starting id: the union of those entries' first `Presence` groups; empty when one of
    /// them has none. Where a ticket has none of these bits, nothing can start at the word.
    let needStart: [Int32]
    let needs: [PresenceMask]
    /// By stem id, for words the vocabulary does not know ("cancelllation").
    let stemSlots: [Slot]
    let stemEntries: [[Int32]]

    init(_ starts: [Start], _ vocabulary: Vocabulary) {
        // Per starting id, in the order first seen, mutated in place (merged vocabularies give a
        // stem dozens of words: no copies per filing).
        var index: [Int32: Int] = [:]
        var slots: [Slot] = [], lists: [[Int32]] = [], always: [Bool] = [], need: [UInt64] = []
        var stemSlots = [Slot](repeating: Slot(), count: vocabulary.stemCount)
        var stemEntries = [[Int32]](repeating: [], count: vocabulary.stemCount)
        func file(_ id: Int32, _ start: Start) {
            let s: Int
            if let known = index[id] {
                s = known
            } else {
                s = slots.count
                index[id] = s
                slots.append(Slot())
                lists.append([])
                always.append(false)
                need += repeatElement(0, count: Presence.words)
            }
            slots[s].add(start.slot)
            lists[s].append(start.entry)
            if let group = start.firstGroup {
                for m in group { need[s * Presence.words + Int(m.word)] |= m.bits }
            } else {
                always[s] = true
            }
        }
        for start in starts {
            for id in start.words { file(id, start) }
            for stem in start.stems {
                stemSlots[Int(stem)].add(start.slot)
                stemEntries[Int(stem)].append(start.entry)
                for id in vocabulary.words(withStem: Int(stem)) { file(id, start) }
            }
        }
        let ids = index.keys.sorted()
        var bits = [UInt64](repeating: 0, count: ids.last.map { Int($0) / 64 + 1 } ?? 0)
        for id in ids { bits[Int(id) >> 6] |= 1 &<< UInt64(id & 63) }
        var ranks: [Int32] = [], rank: Int32 = 0
        for word in bits { ranks.append(rank); rank += Int32(word.nonzeroBitCount) }
        var entryStart: [Int32] = [0], entries: [Int32] = [], needStart: [Int32] = [0], needs: [PresenceMask] = []
        var wordSlots: [Slot] = []
        for id in ids {
            let s = index[id]!
            wordSlots.append(slots[s])
            var list = lists[s]
            list.sort()
            for (j, k) in list.enumerated() where j == 0 || list[j - 1] != k { entries.append(k) }
            entryStart.append(Int32(entries.count))
            if !always[s] {
                for w in 0..<Presence.words where need[s * Presence.words + w] != 0 {
                    needs.append(PresenceMask(word: Int32(w), bits: need[s * Presence.words + w]))
                }
            }
            needStart.append(Int32(needs.count))
        }
        self.bits = bits
        self.ranks = ranks
        self.wordSlots = wordSlots
        self.entryStart = entryStart
        self.entries = entries
        self.needStart = needStart
        self.needs = needs
        self.stemSlots = stemSlots
        self.stemEntries = stemEntries
    }

    /// The slot of vocabulary id `id`, or nil when it starts nothing.
    @inline(__always) func slot(ofWord id: Int) -> Int? {
        let w = id >> 6
        guard w < bits.count else { return nil }
        let word = bits[w], bit: UInt64 = 1 &<< UInt64(id & 63)
        guard word & bit != 0 else { return nil }
        return Int(ranks[w]) + (word & (bit &- 1)).nonzeroBitCount
    }
}
