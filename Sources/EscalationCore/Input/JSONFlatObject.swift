/// The usual ticket record — one object of strings, numbers, booleans and nulls — read member
/// by member without building a `JSONValue` tree.
extension JSONParser {
    /// A member value of a flat object (`visitFlatObject`).
    enum FlatValue {
        case null, bool(Bool), number(Double)
        /// A string without escapes: its bytes in the input.
        case string(UnsafeBufferPointer<UInt8>)
        /// A string with escapes, unescaped: the parser's buffer, which a visitor may keep
        /// (a ticket's text then needs no copy; the parser starts another buffer).
        case unescaped([UInt8])

        /// As `parse` gives it.
        var json: JSONValue {
            switch self {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .number(let n): return .number(n)
            case .string(let s): return .string(String(decoding: s, as: UTF8.self))
            case .unescaped(let s): return .string(String(decoding: s, as: UTF8.self))
            }
        }
    }

    /// Visits in order the members of an object whose values are all strings, numbers, booleans
    /// or null — a ticket record's usual shape — with each key's bytes, without building a
    /// `JSONValue` tree; key and `.string` bytes are valid only during the call. Returns false,
    /// perhaps after visiting some members, for anything else (nested values, keys with escapes,
    /// invalid JSON: `parse` says what is wrong) or as soon as `visit` returns false.
    static func visitFlatObject(_ bytes: [UInt8], _ visit: (_ key: UnsafeBufferPointer<UInt8>, FlatValue) -> Bool) -> Bool {
        struct NotFlat: Error {}
        var p = JSONParser(bytes: bytes)
        var scratch: [UInt8] = []
        do {
            p.skipSpace()
            guard p.i < bytes.count, bytes[p.i] == UInt8(ascii: "{") else { return false }
            try p.members { key, p in
                guard case .plain(let range) = key, p.i < bytes.count else { throw NotFlat() }
                let visited = try bytes.withUnsafeBufferPointer { all -> Bool in
                    let key = UnsafeBufferPointer(rebasing: all[range])
                    switch bytes[p.i] {
                    case UInt8(ascii: "\""):
                        guard let plain = try p.readString(unescapingInto: &scratch) else { return visit(key, .unescaped(scratch)) }
                        return visit(key, .string(UnsafeBufferPointer(rebasing: all[plain])))
                    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return visit(key, .number(try p.number()))
                    case UInt8(ascii: "t"): try p.literal("true"); return visit(key, .bool(true))
                    case UInt8(ascii: "f"): try p.literal("false"); return visit(key, .bool(false))
                    case UInt8(ascii: "n"): try p.literal("null"); return visit(key, .null)
                    default: return false
                    }
                }
                guard visited else { throw NotFlat() }
            }
            p.skipSpace()
            return p.i == bytes.count
        } catch {
            return false
        }
    }
}
