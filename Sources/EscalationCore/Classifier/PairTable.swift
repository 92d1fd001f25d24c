/// Read-mostly hash table from a pair of word indices to a bigram's log-odds: open addressing
/// with a multiplicative hash, several times cheaper than `Dictionary`'s seeded SipHash.
/// Key and value sit side by side, so a probe touches one cache line (a 90k-feature model's
/// table is megabytes: separate arrays cost a cache miss each).
struct PairTable: Sendable {
    /// Per slot: [2i] = key, [2i + 1] = value.
    private var entries: [UInt64]
    private var mask: Int
    private var shift: UInt64
    private(set) var count = 0
    /// No pair packs to this: columns are non-negative.
    private static let empty = UInt64.max

    init(minimumCapacity: Int = 8) {
        // Load up to 3/4: linear probing stays short, and a 90k-feature model's table stays small.
        var capacity = 8
        while capacity * 3 < minimumCapacity * 4 { capacity <<= 1 }
        entries = [UInt64](repeating: Self.empty, count: 2 * capacity)
        mask = capacity - 1
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    private var capacity: Int { mask + 1 }

    @inline(__always) private static func key(_ a: Int32, _ b: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
    }

    /// Fibonacci hashing: the top bits of the product depend on every bit of the key.
    @inline(__always) private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inline(__always) subscript(a: Int32, b: Int32) -> Double? {
        let key = Self.key(a, b)
        return entries.withUnsafeBufferPointer { entries in
            var i = slot(key)
            while true {
                let k = entries[2 * i]
                if k == key { return Double(bitPattern: entries[2 * i + 1]) }
                if k == Self.empty { return nil }
                i = (i + 1) & mask
            }
        }
    }

    mutating func insert(_ a: Int32, _ b: Int32, _ value: Double) {
        if (count + 1) * 4 > capacity * 3 { grow() }
        let key = Self.key(a, b)
        var i = slot(key)
        while entries[2 * i] != Self.empty && entries[2 * i] != key { i = (i + 1) & mask }
        if entries[2 * i] == Self.empty { count += 1 }
        entries[2 * i] = key
        entries[2 * i + 1] = value.bitPattern
    }

    private mutating func grow() {
        let old = (0..<capacity).filter { entries[2 * $0] != Self.empty }.map { (entries[2 * $0], entries[2 * $0 + 1]) }
        self = PairTable(minimumCapacity: capacity)
        for (k, v) in old {
            insert(Int32(truncatingIfNeeded: k >> 32), Int32(truncatingIfNeeded: k), Double(bitPattern: v))
        }
    }
}
