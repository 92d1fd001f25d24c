import Foundation

/// Words → dense ids, keyed by UTF-8 bytes, so the tokenizer can look a word up straight from
/// its fold buffer without first making a `String` (open addressing, FNV-1a, keys in one arena).
struct ByteTable: Sendable {
    /// 0 = empty, else id + 1.
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    /// Key `id` is `arena[offsets[id]..<offsets[id + 1]]`.
    private var offsets: [Int32] = [0]
    private var arena: [UInt8] = []
    private var mask: Int

    init(_ words: [String]) {
        var capacity = 8
        while capacity < words.count * 2 { capacity <<= 1 }
        slots = [Int32](repeating: 0, count: capacity)
        mask = capacity - 1
        for word in words {
            var word = word
            word.withUTF8 { bytes in
                let h = Self.hash(bytes)
                guard id(bytes, hash: h) == nil else { return }
                var i = Self.slot(h) & mask
                while slots[i] != 0 { i = (i + 1) & mask }
                slots[i] = Int32(hashes.count + 1)
                hashes.append(h)
                arena.append(contentsOf: bytes)
                offsets.append(Int32(arena.count))
            }
        }
    }

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
        var i = Self.slot(h) & mask
        while true {
            let s = Int(slots[i])
            if s == 0 { return nil }
            let id = s - 1
            if hashes[id] == h {
                let start = Int(offsets[id]), end = Int(offsets[id + 1])
                if end - start == bytes.count && arena.withUnsafeBufferPointer({ a in
                    bytes.count == 0 || memcmp(a.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
                }) {
                    return Int32(id)
                }
            }
            i = (i + 1) & mask
        }
    }

    func id(of word: String) -> Int32? {
        var word = word
        return word.withUTF8 { id($0, hash: Self.hash($0)) }
    }
}
