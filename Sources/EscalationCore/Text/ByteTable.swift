import Foundation

/// Words → dense ids, keyed by UTF-8 bytes, so the tokenizer can look a word up straight from
/// its fold buffer without first making a `String` (open addressing, keys in one arena).
///
/// Each slot is two words side by side — hash tag, key length and id, then the key itself when
/// it has at most eight bytes (most words), else its place in the arena — so a probe costs one
/// cache line, and only long keys cost another for their bytes: with a 90k-word vocabulary the
/// table is megabytes, and every extra memory access per lookup is a likely cache miss.
struct ByteTable: Sendable {
    /// Per slot: [2i] = upper 32 hash bits << 32 | min(key length, 255) << 24 | (id + 1), 0 when
    /// empty; [2i + 1] = the key `packed` if it has at most 8 bytes, else arena offset << 32 | length.
    private var slots: [UInt64]
    private var arena: [UInt8] = []
    private var mask: Int
    private(set) var count = 0

    /// Ids fit in the 24 bits a slot gives them.
    static let maxCount = (1 << 24) - 1

    init(_ words: [String]) {
        precondition(words.count <= Self.maxCount, "vocabulary too large")
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
                slots[2 * i] = Self.tag(h) | Self.lengthField(bytes.count) | UInt64(count)
                if bytes.count <= 8 {
                    slots[2 * i + 1] = Self.packed(bytes)
                } else {
                    slots[2 * i + 1] = UInt64(arena.count) << 32 | UInt64(bytes.count)
                    arena.append(contentsOf: bytes)
                }
            }
        }
    }

    @inline(__always) private static func tag(_ h: UInt64) -> UInt64 { h & 0xFFFF_FFFF_0000_0000 }
    @inline(__always) private static func lengthField(_ n: Int) -> UInt64 { UInt64(min(n, 255)) << 24 }

    /// A key of at most 8 bytes as one number, first byte lowest.
    @inline(__always) static func packed(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var key: UInt64 = 0
        for k in 0..<min(bytes.count, 8) { key |= UInt64(bytes[k]) << (8 * UInt64(k)) }
        return key
    }

    /// `packed` of the `length` (≤ 8) bytes at `p`, reading eight: the caller guarantees they
    /// are readable (`TokenBuffer.slack`).
    @inline(__always) static func packed(reading8 p: UnsafePointer<UInt8>, length: Int) -> UInt64 {
        let word = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        return length >= 8 ? word : word & ((1 << (8 * UInt64(length))) &- 1)
    }

    /// A key's hash: its bytes taken eight at a time (first byte lowest, as `packed`), each
    /// word mixed in by a full-width multiplication whose halves are folded together (as in
    /// wyhash). The tokenizer hashes a word once folded, straight from its fold buffer, in a
    /// few instructions per eight bytes rather than two per byte.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = bytes.count
        guard n > 8, let base = bytes.baseAddress else { return step(seed(n), packed(bytes)) }
        func load(_ k: Int) -> UInt64 { UInt64(littleEndian: UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)) }
        var h = seed(n)
        var k = 0
        while n - k > 8 { h = step(h, load(k)); k += 8 }
        // The last one to eight bytes: the top ones of the eight that end the key.
        return step(h, load(n - 8) >> (8 * UInt64(8 - (n - k))))
    }

    /// `hash` of the `length` bytes at `p`, reading whole eight-byte words: the caller
    /// guarantees that seven bytes past them are readable (`TokenBuffer.slack`).
    @inline(__always) static func hash(reading8 p: UnsafePointer<UInt8>, length: Int) -> UInt64 {
        var h = seed(length)
        var k = 0
        repeat {
            h = step(h, packed(reading8: p + k, length: length &- k))
            k &+= 8
        } while k < length
        return h
    }

    /// `hash` of a key of at most eight bytes, given `packed`.
    @inline(__always) static func hash(packed key: UInt64, length: Int) -> UInt64 {
        step(seed(length), key)
    }

    @inline(__always) private static func seed(_ length: Int) -> UInt64 { UInt64(truncatingIfNeeded: length) &* 0x9E37_79B9_7F4A_7C15 }
    @inline(__always) private static func step(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let product = (h ^ word).multipliedFullWidth(by: 0xFF51_AFD7_ED55_8CCD)
        return product.high ^ product.low
    }

    @inline(__always) private static func slot(_ h: UInt64) -> Int { Int(truncatingIfNeeded: h ^ (h >> 29)) }

    /// Id of the word with these bytes; `hash` must be `hash(bytes)`.
    func id(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int32? {
        id(bytes, hash: h, packed: bytes.count <= 8 ? Self.packed(bytes) : 0)
    }

    /// As `id(_:hash:)`, with `packed`: `packed(bytes)` for keys of at most 8 bytes.
    @inline(__always) func id(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64, packed key: UInt64) -> Int32? {
        let want = Self.tag(h) | Self.lengthField(bytes.count)
        return slots.withUnsafeBufferPointer { slots in
            var i = Self.slot(h) & mask
            while true {
                // `i` is masked, so `2 &* i` cannot overflow: no check per probe.
                let entry = slots[2 &* i]
                if entry == 0 { return nil }
                if entry & 0xFFFF_FFFF_FF00_0000 == want {
                    let place = slots[2 &* i &+ 1]
                    if bytes.count <= 8 {
                        if place == key { return Int32(truncatingIfNeeded: entry & 0xFF_FFFF) - 1 }
                    } else {
                        let start = Int(place >> 32), length = Int(place & 0xFFFF_FFFF)
                        if length == bytes.count && arena.withUnsafeBufferPointer({ a in
                            memcmp(a.baseAddress! + start, bytes.baseAddress!, length) == 0
                        }) {
                            return Int32(truncatingIfNeeded: entry & 0xFF_FFFF) - 1
                        }
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
