import Foundation

/// A read-mostly hash table from words to values, for the per-word lookups on the scoring path.
/// `ByteTable.hash` over the UTF-8 bytes with linear probing is several times cheaper than
/// `Dictionary`'s seeded SipHash for short keys. Slots hold 4-byte indices into dense key and value arrays, so
/// a large table (a 90k-feature model) costs a third of the memory of slots holding the keys.
public struct WordTable<Value: Sendable>: Sendable {
    /// 0 = empty, else 1 + index into `keys`/`values`.
    private var slots: [Int32]
    public private(set) var keys: [String] = []
    private var values: [Value] = []
    private var mask: Int

    public init(minimumCapacity: Int = 8) {
        var capacity = 8
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        slots = [Int32](repeating: 0, count: capacity)
        mask = capacity - 1
        keys.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
    }

    public init<S: Sequence>(_ pairs: S) where S.Element == (String, Value) {
        let array = Array(pairs)
        self.init(minimumCapacity: array.count)
        for (k, v) in array { self[k] = v }
    }

    public var count: Int { keys.count }

    @inline(__always) static func hash(_ key: String) -> Int {
        var key = key
        return key.withUTF8(hash)
    }

    @inline(__always) static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let h = ByteTable.hash(bytes)
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// Slot of `key`, or of the empty slot where it would go.
    @inline(__always) private func find(_ key: String) -> Int {
        var i = Self.hash(key) & mask
        while true {
            let s = slots[i]
            if s == 0 || keys[Int(s) - 1] == key { return i }
            i = (i + 1) & mask
        }
    }

    public subscript(key: String) -> Value? {
        get {
            let s = slots[find(key)]
            return s == 0 ? nil : values[Int(s) - 1]
        }
        set {
            guard let newValue else { preconditionFailure("WordTable does not support removal") }
            let i = find(key)
            if slots[i] != 0 { values[Int(slots[i]) - 1] = newValue } else { add(key, newValue, at: i) }
        }
    }

    /// Stores a key that is not there at `i`, its empty slot from `find`.
    private mutating func add(_ key: String, _ value: Value, at i: Int) {
        keys.append(key)
        values.append(value)
        slots[i] = Int32(keys.count)
        if keys.count * 2 > slots.count { grow() }
    }

    /// Adds `key` with `value` unless it is there already; returns whether it was added (one
    /// probe, where a lookup and then a store would take two).
    public mutating func insertNew(_ key: String, _ value: Value) -> Bool {
        let i = find(key)
        guard slots[i] == 0 else { return false }
        add(key, value, at: i)
        return true
    }

    /// The value of the key whose UTF-8 is `bytes`, without making a `String` of them.
    public subscript(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        var i = Self.hash(bytes) & mask
        while true {
            let s = slots[i]
            if s == 0 { return nil }
            var key = keys[Int(s) - 1]
            let equal = key.withUTF8 { k in k.count == bytes.count && (k.count == 0 || memcmp(k.baseAddress!, bytes.baseAddress!, k.count) == 0) }
            if equal { return values[Int(s) - 1] }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for (k, key) in keys.enumerated() {
            var i = Self.hash(key) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(k + 1)
        }
    }
}
