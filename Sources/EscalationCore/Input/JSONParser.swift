/// Strict RFC 8259 parser over UTF-8 bytes. Depth-limited so hostile input cannot overflow the stack.
public struct JSONParser {
    public static let maxDepth = 256
    let bytes: [UInt8]
    /// The next byte to read.
    var i = 0

    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        var p = JSONParser(bytes: bytes)
        p.skipSpace()
        let value = try p.value(depth: 0)
        p.skipSpace()
        guard p.i == bytes.count else { throw p.fail("unexpected text after the value") }
        return value
    }

    public static func parse(_ text: String) throws -> JSONValue { try parse(Array(text.utf8)) }

    init(bytes: [UInt8]) { self.bytes = bytes }

    func fail(_ message: String) -> JSONParseError { JSONParseError(column: i + 1, message: message) }

    @inline(__always) mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    mutating func value(depth: Int) throws -> JSONValue {
        guard depth < Self.maxDepth else { throw fail("nested deeper than \(Self.maxDepth) levels") }
        guard i < bytes.count else { throw fail("unexpected end of input") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw fail("unexpected character '\(Unicode.Scalar(bytes[i]))'")
        }
    }

    mutating func literal(_ word: String) throws {
        let expected = Array(word.utf8)
        guard i + expected.count <= bytes.count, bytes[i..<(i + expected.count)].elementsEqual(expected) else {
            throw fail("invalid literal")
        }
        i += expected.count
    }

    private mutating func object(depth: Int) throws -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        pairs.reserveCapacity(16)  // a ticket has about 8 fields: no regrowth
        try members { key, p in pairs.append((p.string(key), try p.value(depth: depth + 1))) }
        return .object(pairs)
    }

    private mutating func array(depth: Int) throws -> JSONValue {
        var items: [JSONValue] = []
        try elements { items.append(try $0.value(depth: depth + 1)) }
        return .array(items)
    }

    /// An object key as read: where its bytes are when it has no escapes (almost every key),
    /// else its unescaped text.
    enum Key {
        case plain(Range<Int>), escaped(String)
    }

    /// The key's text.
    func string(_ key: Key) -> String {
        switch key {
        case .plain(let range): return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
        case .escaped(let text): return text
        }
    }

    /// Reads the object whose `{` is at `i`, handing each key to `member`, which reads its value.
    /// Every object is read through here: `parse`, the flat record visitor and the model reader.
    @inline(__always) mutating func members(_ member: (Key, inout JSONParser) throws -> Void) throws {
        i += 1
        skipSpace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "}") { i += 1; return }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a \"key\"") }
            let end = endOfPlainRun(from: i + 1)
            let key: Key
            if end < bytes.count && bytes[end] == UInt8(ascii: "\"") {
                key = .plain((i + 1)..<end)
                i = end + 1
            } else {
                key = .escaped(try string())
            }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after key") }
            i += 1
            skipSpace()
            try member(key, &self)
            skipSpace()
            guard i < bytes.count else { throw fail("unexpected end of input in object") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return }
            throw fail("expected ',' or '}'")
        }
    }

    /// Reads the array whose `[` is at `i`, calling `element` to read each element (spaces
    /// around them are skipped here).
    @inline(__always) mutating func elements(_ element: (inout JSONParser) throws -> Void) throws {
        i += 1
        skipSpace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "]") { i += 1; return }
        while true {
            skipSpace()
            try element(&self)
            skipSpace()
            guard i < bytes.count else { throw fail("unexpected end of input in array") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return }
            throw fail("expected ',' or ']'")
        }
    }

    /// A number, read in one pass: `[-]digits[.digits]` of up to 15 digits in all (every number
    /// of a ticket record) is exact without string conversion — the digits as an integer (below
    /// 2^53) and the power of ten are exact Doubles, and one IEEE division rounds correctly, so
    /// this equals `Double(text)` (Clinger's fast path). Others go through `Double(_:)`.
    @inline(__always) mutating func number() throws -> Double {
        let start = i
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var mantissa = 0  // wraps past 18 digits, but is used only up to 15
        func digits() -> Int {
            let first = i
            while i < bytes.count, case let d = bytes[i] &- 0x30, d < 10 { mantissa = mantissa &* 10 &+ Int(d); i += 1 }
            return i - first
        }
        var digitCount = digits()
        guard digitCount > 0 else { throw fail("invalid number") }
        var fractionDigits = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            fractionDigits = digits()
            guard fractionDigits > 0 else { throw fail("invalid number") }
            digitCount += fractionDigits
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { throw fail("invalid number") }
        } else if digitCount <= 15 {
            let magnitude = fractionDigits > 0 ? Double(mantissa) / Self.exactPowerOfTen(fractionDigits) : Double(mantissa)
            return negative ? -magnitude : magnitude
        }
        // Out-of-range numbers (1e309) parse to ±inf; callers reject non-finite metadata.
        guard let value = Double(String(decoding: bytes[start..<i], as: UTF8.self)) else { throw fail("invalid number") }
        return value
    }

    /// Exact powers of ten as Doubles (10^22 is the largest that is).
    private static func exactPowerOfTen(_ k: Int) -> Double {
        var p = 1.0
        for _ in 0..<k { p *= 10 }  // exact: every product up to 10^22 is representable
        return p
    }
}
