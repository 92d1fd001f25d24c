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

    /// An entry that a starting word starts, with its quick tests, read before the entry's own
    /// tables: the next word's signature against the second element's (`quickOffset` 0), or else
    /// its first window check; `quickBits` 0: none; and one more window check (`nearBits` 0:
    /// none). A common first word ("not", "for") starts a dozen entries; most fail these, read
    /// from the slot's own run of candidates.
    struct Candidate: Sendable {
        var entry: Int32
        var quickOffset: Int32
        var nearOffset: Int32
        var quickBits: UInt64
        var nearBits: UInt64
    }

    /// How one entry starts: the ids and stems its first element accepts, what it needs next,
    /// and its fewest-bits `Presence` group (nil: nothing after its first word).
    struct Start {
        var candidate: Candidate
        var words: [Int32]
        var stems: [Int32]
        var slot: Slot
        var firstGroup: [PresenceMask]?
    }

    /// Bit `id` set when vocabulary id `id` starts some entry (itself or by one of its stems).
    private let bits: [UInt64]
    /// Per id up to the last starting one: its slot (read only where its bit is set, so only the
    /// few starting ids' entries are ever loaded). A rank by bit count would need `popcnt`, which
    /// a build for baseline x86-64 spells in fifteen instructions. (Two bytes each measured no
    /// faster, and a user's lexicon may start more than 65,535 phrases with different words.)
    private let slotOfID: [Int32]
    /// Per starting id, in id order.
    let wordSlots: [Slot]
    /// Per starting id: the entries it starts, by itself or by a stem it has, each once
    /// (`entries[entryStart[s]..<entryStart[s + 1]]`).
    let entryStart: [Int32]
    let entries: [Candidate]
    /// Per starting id: the union of those entries' first `Presence` groups; empty when one of
    /// them has none. Where a ticket has none of these bits, nothing can start at the word.
    let needStart: [Int32]
    let needs: [PresenceMask]
    /// By stem id, for words the vocabulary does not know ("cancelllation").
    let stemSlots: [Slot]
    let stemEntries: [[Candidate]]

    /// What the entries starting with one id or stem add up to, while building.
    private struct Filed {
        var slot = Slot()
        var entries: [Candidate] = []
        var need = SIMD16<UInt64>()
        var always = false

        mutating func add(_ start: Start) {
            slot.add(start.slot)
            entries.append(start.candidate)
            if let group = start.firstGroup { for m in group { need[Int(m.word)] |= m.bits } } else { always = true }
        }

        mutating func add(_ other: Filed) {
            slot.add(other.slot)
            entries += other.entries
            need |= other.need
            always = always || other.always
        }
    }

    init(_ starts: [Start], _ vocabulary: Vocabulary) {
        var byWord: [Int32: Filed] = [:]
        var byStem = [Filed?](repeating: nil, count: vocabulary.stemCount)
        for start in starts {
            for id in start.words { byWord[id, default: Filed()].add(start) }
            for stem in start.stems {
                if byStem[Int(stem)] == nil { byStem[Int(stem)] = Filed() }
                byStem[Int(stem)]!.add(start)
            }
        }
        // A known word also starts what its stems start (its stems are fixed: one slot holds all).
        for id in 0..<vocabulary.stemmedWordCount {
            for stem in vocabulary.stems(ofWord: id) {
                if let filed = byStem[Int(stem)] { byWord[Int32(id), default: Filed()].add(filed) }
            }
        }
        let ids = byWord.keys.sorted()
        var bits = [UInt64](repeating: 0, count: ids.last.map { Int($0) / 64 + 1 } ?? 0)
        for id in ids { bits[Int(id) >> 6] |= 1 &<< UInt64(id & 63) }
        var slotOfID = [Int32](repeating: -1, count: ids.last.map { Int($0) + 1 } ?? 0)
        for (slot, id) in ids.enumerated() { slotOfID[Int(id)] = Int32(slot) }
        var entryStart: [Int32] = [0], entries: [Candidate] = [], needStart: [Int32] = [0], needs: [PresenceMask] = []
        var wordSlots: [Slot] = []
        for id in ids {
            let filed = byWord[id]!
            wordSlots.append(filed.slot)
            let list = filed.entries.sorted { $0.entry < $1.entry }
            for (j, c) in list.enumerated() where j == 0 || list[j - 1].entry != c.entry { entries.append(c) }
            entryStart.append(Int32(entries.count))
            if !filed.always {
                for w in 0..<Presence.words where filed.need[w] != 0 { needs.append(PresenceMask(word: Int32(w), bits: filed.need[w])) }
            }
            needStart.append(Int32(needs.count))
        }
        self.bits = bits
        self.slotOfID = slotOfID
        self.wordSlots = wordSlots
        self.entryStart = entryStart
        self.entries = entries
        self.needStart = needStart
        self.needs = needs
        stemSlots = byStem.map { $0?.slot ?? Slot() }
        stemEntries = byStem.map { $0?.entries ?? [] }
    }

    /// Every id whose bit is set, in order.
    var startingIDs: [Int32] {
        var ids: [Int32] = []
        for (w, word) in bits.enumerated() {
            var rest = word
            while rest != 0 {
                ids.append(Int32(w * 64 + rest.trailingZeroBitCount))
                rest &= rest &- 1
            }
        }
        return ids
    }

    /// The slot of vocabulary id `id`, or nil when it starts nothing.
    @inline(__always) func slot(ofWord id: Int) -> Int? {
        let w = id >> 6
        guard w < bits.count else { return nil }
        guard bits[w] & (1 &<< UInt64(id & 63)) != 0 else { return nil }
        return Int(slotOfID[id])
    }
}
