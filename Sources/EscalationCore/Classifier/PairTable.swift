/// Read-mostly hash table from a pair of unigram columns to a bigram column: open addressing
/// with a multiplicative hash, several times cheaper than `Dictionary`'s seeded SipHash.
struct PairTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private var shift: UInt64
    private(set) var count = 0
    /// No pair packs to this: columns are non-negative.
    private static let empty = UInt64.max

    init(minimumCapacity: Int = 8) {
        // Load up to 3/4: linear probing stays short, and a 90k-feature model's table stays small.
        var capacity = 8
        while capacity * 3 < minimumCapacity * 4 { capacity <<= 1 }
        keys = [UInt64](repeating: Self.empty, count: capacity)
        values = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    @inline(__always) private static func key(_ a: Int32, _ b: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
    }

    /// Fibonacci hashing: the top bits of the product depend on every bit of the key.
    @inline(__always) private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    subscript(a: Int32, b: Int32) -> Int32? {
        let key = Self.key(a, b)
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == Self.empty { return nil }
            i = (i + 1) & mask
        }
    }

    mutating func insert(_ a: Int32, _ b: Int32, _ value: Int32) {
        if (count + 1) * 4 > keys.count * 3 { grow() }
        let key = Self.key(a, b)
        var i = slot(key)
        while keys[i] != Self.empty && keys[i] != key { i = (i + 1) & mask }
        if keys[i] == Self.empty { count += 1 }
        keys[i] = key
        values[i] = value
    }

    func uniqueCopy() -> PairTable {
        var copy = self
        copy.keys = keys.map { $0 }
        copy.values = values.map { $0 }
        return copy
    }

    private mutating func grow() {
        let old = zip(keys, values).filter { $0.0 != Self.empty }
        self = PairTable(minimumCapacity: keys.count)
        for (k, v) in old { insert(Int32(truncatingIfNeeded: k >> 32), Int32(truncatingIfNeeded: k), v) }
    }
}
