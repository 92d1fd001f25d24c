/// Read-mostly hash table from a pair of word indices to a bigram's value(s): open addressing
/// with a multiplicative hash, several times cheaper than `Dictionary`'s seeded SipHash.
/// Key and values sit side by side, so a probe touches one cache line (a 90k-feature model's
/// table is megabytes: separate arrays cost a cache miss each).
struct PairTable: Sendable {
    /// Per slot: [stride·i] = key, then `values` values.
    private var entries: [UInt64]
    private var mask: Int
    private var shift: UInt64
    private let stride: Int
    private(set) var count = 0
    /// No pair packs to this: columns are non-negative.
    private static let empty = UInt64.max

    /// `values`: numbers stored per pair (naive Bayes: one log-odds; `LinearText`: weight and norm).
    init(minimumCapacity: Int = 8, values: Int = 1) {
        // Load up to 3/4: linear probing stays short, and a 90k-feature model's table stays small.
        var capacity = 8
        while capacity * 3 < minimumCapacity * 4 { capacity <<= 1 }
        stride = 1 + values
        entries = [UInt64](repeating: Self.empty, count: stride * capacity)
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

    /// The first value of a pair.
    @inline(__always) subscript(a: Int32, b: Int32) -> Double? {
        let key = Self.key(a, b)
        return entries.withUnsafeBufferPointer { entries in
            var i = slot(key)
            while true {
                let k = entries[stride * i]
                if k == key { return Double(bitPattern: entries[stride * i + 1]) }
                if k == Self.empty { return nil }
                i = (i + 1) & mask
            }
        }
    }

    /// The first two values of a pair (a table made with `values: 2`).
    @inline(__always) func pair(_ a: Int32, _ b: Int32) -> (Double, Double)? {
        let key = Self.key(a, b)
        return entries.withUnsafeBufferPointer { entries in
            var i = slot(key)
            while true {
                let k = entries[stride * i]
                if k == key { return (Double(bitPattern: entries[stride * i + 1]), Double(bitPattern: entries[stride * i + 2])) }
                if k == Self.empty { return nil }
                i = (i + 1) & mask
            }
        }
    }

    /// Sets a pair's value (a table made with `values: 1`). No array per call: models load
    /// tens of thousands of pairs at start-up.
    mutating func insert(_ a: Int32, _ b: Int32, _ value: Double) {
        precondition(stride == 2)
        entries[slot(forInserting: Self.key(a, b)) + 1] = value.bitPattern
    }

    /// Sets a pair's two values (a table made with `values: 2`).
    mutating func insert(_ a: Int32, _ b: Int32, _ first: Double, _ second: Double) {
        precondition(stride == 3)
        let at = slot(forInserting: Self.key(a, b))
        entries[at + 1] = first.bitPattern
        entries[at + 2] = second.bitPattern
    }

    /// The index in `entries` of `key`'s slot, claimed for it if new.
    private mutating func slot(forInserting key: UInt64) -> Int {
        if (count + 1) * 4 > capacity * 3 { grow() }
        var i = slot(key)
        while entries[stride * i] != Self.empty && entries[stride * i] != key { i = (i + 1) & mask }
        if entries[stride * i] == Self.empty { count += 1 }
        entries[stride * i] = key
        return stride * i
    }

    private mutating func grow() {
        let old = (0..<capacity).filter { entries[stride * $0] != Self.empty }
            .map { (entries[stride * $0], Array(entries[(stride * $0 + 1)..<(stride * $0 + stride)])) }
        self = PairTable(minimumCapacity: capacity, values: stride - 1)
        for (k, v) in old {
            let at = slot(forInserting: k)
            for (j, bits) in v.enumerated() { entries[at + 1 + j] = bits }
        }
    }
}
