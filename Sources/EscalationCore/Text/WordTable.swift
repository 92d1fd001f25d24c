/// A read-mostly hash table from words to values, for the per-word lookups on the scoring path.
/// FNV-1a over the UTF-8 bytes with linear probing is several times cheaper than `Dictionary`'s
/// seeded SipHash for short keys; the table is built once and then only read.
public struct WordTable<Value: Sendable>: Sendable {
    private var keys: [String?]
    private var values: [Value?]
    private var mask: Int
    public private(set) var count = 0

    public init(minimumCapacity: Int = 8) {
        var capacity = 8
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        keys = [String?](repeating: nil, count: capacity)
        values = [Value?](repeating: nil, count: capacity)
        mask = capacity - 1
    }

    public init<S: Sequence>(_ pairs: S) where S.Element == (String, Value) {
        let array = Array(pairs)
        self.init(minimumCapacity: array.count)
        for (k, v) in array { self[k] = v }
    }

    @inline(__always) static func hash(_ key: String) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var key = key
        key.withUTF8 { bytes in
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    public subscript(key: String) -> Value? {
        get {
            var i = Self.hash(key) & mask
            while let k = keys[i] {
                if k == key { return values[i] }
                i = (i + 1) & mask
            }
            return nil
        }
        set {
            guard let newValue else { preconditionFailure("WordTable does not support removal") }
            if (count + 1) * 2 > keys.count { grow() }
            var i = Self.hash(key) & mask
            while let k = keys[i] {
                if k == key { values[i] = newValue; return }
                i = (i + 1) & mask
            }
            keys[i] = key
            values[i] = newValue
            count += 1
        }
    }

    private mutating func grow() {
        let old = zip(keys, values).compactMap { k, v in k.map { ($0, v!) } }
        self = WordTable(minimumCapacity: max(8, keys.count))
        for (k, v) in old { self[k] = v }
    }
}
