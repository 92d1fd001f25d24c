/// Keys to input fields: an open-addressing hash table built once from the field table's names
/// and aliases. Every key of every record is looked up, on every scoring thread, so a lookup
/// hashes the length and three bytes and compares the key with one candidate (rarely more), as
/// fast as a hand-written switch on the length; the table stays at most a quarter full.
/// Keys are compared byte for byte.
struct FieldKeyTable: Sendable {
    private struct Slot: Sendable {
        /// Where the key starts in `keyBytes`; `count` 0 marks an empty slot.
        var start: UInt32 = 0, count: UInt16 = 0
        var field: UInt8 = 0
    }

    private let slots: [Slot]
    private let mask: Int
    /// Every key's bytes, back to back.
    private let keyBytes: [UInt8]

    init(_ keys: [(String, InputField)]) {
        var size = 16
        while size < 4 * keys.count { size *= 2 }
        var slots = [Slot](repeating: Slot(), count: size)
        var keyBytes: [UInt8] = []
        for (key, field) in keys {
            let bytes = Array(key.utf8)
            precondition(!bytes.isEmpty && bytes.count <= Int(UInt16.max), "input field key '\(key)'")
            precondition(keys.filter { $0.0 == key }.count == 1, "input field key '\(key)' is in the table twice")
            var h = bytes.withUnsafeBufferPointer(Self.hash)
            while slots[h & (size - 1)].count != 0 { h &+= 1 }
            slots[h & (size - 1)] = Slot(start: UInt32(keyBytes.count), count: UInt16(bytes.count), field: field.rawValue)
            keyBytes += bytes
        }
        (self.slots, self.mask, self.keyBytes) = (slots, size - 1, keyBytes)
    }

    @inline(__always) func field(_ key: UnsafeBufferPointer<UInt8>) -> InputField? {
        guard !key.isEmpty else { return nil }
        var h = Self.hash(key)
        return slots.withUnsafeBufferPointer { slots in
            keyBytes.withUnsafeBufferPointer { names in
                while true {
                    let slot = slots[h & mask]
                    if slot.count == 0 { return nil }
                    if Int(slot.count) == key.count, Self.equal(names.baseAddress! + Int(slot.start), key) {
                        return InputField(rawValue: slot.field)
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
