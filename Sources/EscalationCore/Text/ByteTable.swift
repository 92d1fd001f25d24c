import Foundation

/// Words → dense ids, keyed by UTF-8 bytes, so the tokenizer can look a word up straight from
/// its fold buffer without first making a `String` (open addressing, FNV-1a, keys in one arena).
///
/// Each slot is two words side by side — hash tag and id, then the key's place in the arena — so
/// a probe costs one cache line and a hit one more for the key's bytes: with a 90k-word vocabulary
/// the table is megabytes, and separate arrays cost a cache miss each.
struct ByteTable: Sendable {
    /// Per slot: [2i] = upper 32 hash bits << 32 | (id + 1), 0 when empty; [2i + 1] = arena
    /// offset << 32 | key length.
    private var slots: [UInt64]
    private var arena: [UInt8] = []
    private var mask: Int
    private(set) var count = 0

    init(_ words: [String]) {
        var capacity = 8
        while capacity < words.count * 2 { capacity <<= 1 }
        slots = [UInt64](repeating: 0, count: 2 * capacity)
        mask = capacity - 1
        for word in words {
            var word = word
            word.withUTF8 { bytes in
                let h = Self.hash(bytes)
                guard id(bytes, hash: h) == nil else { return }
                var i = Self.slot(h) & mask
                while slots[2 * i] != 0 { i = (i + 1) & mask }
                count += 1
                slots[2 * i] = Self.tag(h) | UInt64(count)
                slots[2 * i + 1] = UInt64(arena.count) << 32 | UInt64(bytes.count)
                arena.append(contentsOf: bytes)
            }
        }
    }

    @inline(__always) private static func tag(_ h: UInt64) -> UInt64 { h & 0xFFFF_FFFF_0000_0000 }

    static let fnvBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always) static func fnvStep(_ h: UInt64, _ byte: UInt8) -> UInt64 { (h ^ UInt64(byte)) &* 0x100_0000_01b3 }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = fnvBasis
        for b in bytes { h = fnvStep(h, b) }
        return h
    }

    @inline(__always) private static func slot(_ h: UInt64) -> Int { Int(truncatingIfNeeded: h ^ (h >> 29)) }

    /// Id of the word with these bytes; `hash` must be `hash(bytes)`.
    func id(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int32? {
        let tag = Self.tag(h)
        return slots.withUnsafeBufferPointer { slots in
            var i = Self.slot(h) & mask
            while true {
                let entry = slots[2 * i]
                if entry == 0 { return nil }
                if entry & 0xFFFF_FFFF_0000_0000 == tag {
                    let place = slots[2 * i + 1]
                    let start = Int(place >> 32), length = Int(place & 0xFFFF_FFFF)
                    if length == bytes.count && arena.withUnsafeBufferPointer({ a in
                        length == 0 || memcmp(a.baseAddress! + start, bytes.baseAddress!, length) == 0
                    }) {
                        return Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                    }
                }
                i = (i + 1) & mask
            }
        }
    }

    func id(of word: String) -> Int32? {
        var word = word
        return word.withUTF8 { id($0, hash: Self.hash($0)) }
    }
}
