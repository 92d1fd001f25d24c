/// Warns when an id repeats. Remembers at most `capacity` ids so memory stays bounded on
/// huge dumps; past that it says once that checking stopped.
///
/// Ids are kept as 64-bit hashes in one table allocated up front (2 MiB, no growth spikes);
/// two different ids share a hash with probability about 3 × 10⁻¹⁰ over 100,000 ids.
struct DuplicateIDs {
    static let capacity = 100_000
    private static let slotCount = 1 << 17  // load ≤ 0.77 at capacity
    private var hashes: [UInt64] = []
    /// Where each remembered id was first seen: index into `sources`, and line.
    private var places: [(source: Int32, line: Int32)] = []
    private var sources: [String] = []
    private var count = 0
    private var full = false

    mutating func check(_ record: ScoredRecord) -> String? {
        if hashes.isEmpty {
            hashes = [UInt64](repeating: 0, count: Self.slotCount)
            places = [(source: Int32, line: Int32)](repeating: (source: 0, line: 0), count: Self.slotCount)  // labels spelled out: an unlabeled array would be cast element by element
        }
        let h = Self.hash(record.id)
        var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & (Self.slotCount - 1)
        while hashes[i] != 0 {
            if hashes[i] == h {
                let first = places[i]
                let source = sources[Int(first.source)]
                let place = source == record.source ? "line \(first.line)" : "\(source):\(first.line)"
                return "\(record.source):\(record.line): warning: duplicate id '\(record.id)' (first on \(place))"
            }
            i = (i + 1) & (Self.slotCount - 1)
        }
        guard count < Self.capacity else {
            if full { return nil }
            full = true
            return "\(record.source):\(record.line): note: more than \(Self.capacity) ids; duplicate-id checking stops here"
        }
        if sources.last != record.source { sources.append(record.source) }
        hashes[i] = h
        places[i] = (Int32(sources.count - 1), Int32(clamping: record.line))
        count += 1
        return nil
    }

    /// FNV-1a; 0 is reserved for empty slots.
    private static func hash(_ id: String) -> UInt64 {
        // A native string's bytes in place: stepping through `utf8` costs several times more a
        // byte. The running value stays local to `fnv` (a variable captured and changed by a
        // closure is checked for exclusive access at every byte).
        let h = id.utf8.withContiguousStorageIfAvailable { fnv($0) } ?? fnv(id.utf8)
        return h == 0 ? 1 : h
    }

    private static func fnv<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}
