/// Source keys to input fields: an open-addressing hash table built once per field mapping.
/// Every key of every record is looked up, on every scoring thread, so a lookup normalizes the
/// key into a small stack buffer, hashes its length and three bytes and compares it with one
/// candidate (rarely more); the table stays at most a quarter full.
///
/// Keys are compared normalized (`FieldKeyTable.normalize`): ASCII letters lower-cased, ASCII
/// characters other than letters, digits and the path separator `.` dropped, other bytes kept.
/// So "Ticket ID", "ticket_id" and "TicketId" are one key, and "fields.summary" stays a path.
struct FieldKeyTable: Sendable {
    /// What a key names: the field and the source's rank (lower wins when a record gives several).
    struct Entry: Sendable, Equatable {
        var field: InputField
        var rank: UInt8
    }

    private struct Slot: Sendable {
        /// Where the key starts in `keyBytes`; `count` 0 marks an empty slot.
        var start: UInt32 = 0, count: UInt16 = 0
        var field: UInt8 = 0, rank: UInt8 = 0
    }

    /// Longest normalized key the table holds; a longer key names no field.
    static let maxKeyBytes = 96

    private let slots: [Slot]
    private let mask: Int
    /// Every key's normalized bytes, back to back.
    private let keyBytes: [UInt8]

    /// `entries` in rank order; a key already in the table keeps its first entry. Each key is
    /// held normalized and, when that differs, as written too: a key spelled as documented
    /// ("arr_usd", "description_text") is then found without normalizing it first.
    init(_ entries: [(key: String, field: InputField)]) {
        var normalized: [([UInt8], Entry)] = [], seen = Set<[UInt8]>()
        for (rank, (key, field)) in entries.enumerated() {
            let bytes = Self.normalize(Array(key.utf8))
            precondition(!bytes.isEmpty && bytes.count <= Self.maxKeyBytes, "input field key '\(key)'")
            if seen.insert(bytes).inserted { normalized.append((bytes, Entry(field: field, rank: UInt8(min(rank, 255))))) }
        }
        let byKey = Dictionary(normalized, uniquingKeysWith: { first, _ in first })
        // A spelling as written names what its normalized form names (the first entry of it).
        let written = entries.compactMap { key, _ -> ([UInt8], Entry)? in
            let bytes = Array(key.utf8)
            guard bytes.count <= Self.maxKeyBytes, seen.insert(bytes).inserted else { return nil }
            return (bytes, byKey[Self.normalize(bytes)]!)
        }
        let all = normalized + written
        var size = 16
        while size < 4 * all.count { size *= 2 }
        var slots = [Slot](repeating: Slot(), count: size)
        var keyBytes: [UInt8] = []
        for (bytes, entry) in all {
            var h = bytes.withUnsafeBufferPointer(Self.hash)
            while slots[h & (size - 1)].count != 0 { h &+= 1 }
            slots[h & (size - 1)] = Slot(start: UInt32(keyBytes.count), count: UInt16(bytes.count),
                                         field: entry.field.rawValue, rank: entry.rank)
            keyBytes += bytes
        }
        (self.slots, self.mask, self.keyBytes) = (slots, size - 1, keyBytes)
    }

    /// The normalized form keys are compared in.
    static func normalize(_ key: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for b in key {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): out.append(b | 0x20)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), 0x80...: out.append(b)
            default: continue
            }
        }
        return out
    }

    static func normalize(_ key: String) -> String { String(decoding: normalize(Array(key.utf8)), as: UTF8.self) }

    /// The entry for a key as written in the input: as written, else normalized here.
    @inline(__always) func entry(_ key: UnsafeBufferPointer<UInt8>) -> Entry? {
        guard !key.isEmpty, key.count <= 4 * Self.maxKeyBytes else { return nil }
        if key.count <= Self.maxKeyBytes, let entry = normalizedEntry(key) { return entry }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maxKeyBytes) { buffer -> Entry? in
            var n = 0
            for b in key {
                let c: UInt8
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), 0x80...: c = b
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): c = b | 0x20
                default: continue
                }
                if n == Self.maxKeyBytes { return nil }
                buffer[n] = c
                n += 1
            }
            return normalizedEntry(UnsafeBufferPointer(rebasing: buffer[..<n]))
        }
    }

    func entry(_ key: String) -> Entry? {
        var key = key
        return key.withUTF8 { entry($0) }
    }

    @inline(__always) private func normalizedEntry(_ key: UnsafeBufferPointer<UInt8>) -> Entry? {
        guard !key.isEmpty else { return nil }
        var h = Self.hash(key)
        return slots.withUnsafeBufferPointer { slots in
            keyBytes.withUnsafeBufferPointer { names in
                while true {
                    let slot = slots[h & mask]
                    if slot.count == 0 { return nil }
                    if Int(slot.count) == key.count, Self.equal(names.baseAddress! + Int(slot.start), key) {
                        return Entry(field: InputField(rawValue: slot.field)!, rank: slot.rank)
                    }
                    h &+= 1
                }
            }
        }
    }

    /// Two equally long byte runs, a word at a time (a key is a few bytes, too short for
    /// `memcmp`'s call to pay): 4 to 16 bytes as two words from either end, which may overlap;
    /// no load reaches outside either run.
    @inline(__always) private static func equal(_ name: UnsafePointer<UInt8>, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = key.count, a = UnsafeRawPointer(name), b = UnsafeRawPointer(key.baseAddress!)
        @inline(__always) func same<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> Bool {
            a.loadUnaligned(fromByteOffset: offset, as: T.self) == b.loadUnaligned(fromByteOffset: offset, as: T.self)
        }
        if n >= 8 {
            var k = 0
            while k < n - 8 { if !same(UInt64.self, at: k) { return false }; k += 8 }
            return same(UInt64.self, at: n - 8)
        }
        if n >= 4 { return same(UInt32.self, at: 0) && same(UInt32.self, at: n - 4) }
        for k in 0..<n where name[k] != key[k] { return false }
        return true
    }

    /// Length, first, middle and last byte: enough to tell the table's keys apart almost always.
    @inline(__always) private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        let n = key.count
        let mixed = UInt32(truncatingIfNeeded: n) &* 0x9E37_79B1 ^ UInt32(key[0]) &* 0x85EB_CA6B
            ^ UInt32(key[n / 2]) &* 0xC2B2_AE35 ^ UInt32(key[n - 1]) &* 0x27D4_EB2F
        return Int(mixed >> 16)
    }
}
