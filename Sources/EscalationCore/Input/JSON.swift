/// A JSON value with object keys kept in input order (so `--keep-fields` can echo them).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.last { $0.0 == key }?.1
    }

    /// "an array", "a string": for messages.
    public var typeWithArticle: String {
        switch self {
        case .array, .object: return "an " + typeName
        case .null: return "null"
        default: return "a " + typeName
        }
    }

    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based byte column in the line.
    public var column: Int
    public var message: String
    public var description: String { "invalid JSON at column \(column): \(message)" }
}

/// Strict RFC 8259 parser over UTF-8 bytes. Depth-limited so hostile input cannot overflow the stack.
public struct JSONParser {
    public static let maxDepth = 256
    private let bytes: [UInt8]
    private var i = 0

    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        var p = JSONParser(bytes: bytes)
        p.skipSpace()
        let value = try p.value(depth: 0)
        p.skipSpace()
        guard p.i == bytes.count else { throw p.fail("unexpected text after the value") }
        return value
    }

    public static func parse(_ text: String) throws -> JSONValue { try parse(Array(text.utf8)) }

    /// A member value of a flat object (`visitFlatObject`); string bytes are unescaped.
    enum FlatValue {
        case null, bool(Bool), number(Double), string(UnsafeBufferPointer<UInt8>)

        /// As `parse` gives it.
        var json: JSONValue {
            switch self {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .number(let n): return .number(n)
            case .string(let s): return .string(String(decoding: s, as: UTF8.self))
            }
        }
    }

    /// Visits in order the members of an object whose values are all strings, numbers, booleans
    /// or null — a ticket record's usual shape — with each key's field and bytes, without
    /// building a `JSONValue` tree; string bytes are valid only during the call. Returns false,
    /// perhaps after visiting some members, for anything else (nested values, keys with escapes,
    /// invalid JSON: `parse` says what is wrong) or as soon as `visit` returns false.
    static func visitFlatObject(_ bytes: [UInt8], _ visit: (InputField, UnsafeBufferPointer<UInt8>, FlatValue) -> Bool) -> Bool {
        var p = JSONParser(bytes: bytes)
        var scratch: [UInt8] = []
        func at(_ k: Int, _ c: UInt8) -> Bool { k < bytes.count && bytes[k] == c }
        do {
            p.skipSpace()
            guard at(p.i, UInt8(ascii: "{")) else { return false }
            p.i += 1
            p.skipSpace()
            if at(p.i, UInt8(ascii: "}")) { p.i += 1 } else {
                members: while true {
                    p.skipSpace()
                    guard at(p.i, UInt8(ascii: "\"")) else { return false }
                    let keyStart = p.i + 1, keyEnd = p.endOfPlainRun(from: keyStart)
                    guard at(keyEnd, UInt8(ascii: "\"")) else { return false }
                    p.i = keyEnd + 1
                    p.skipSpace()
                    guard at(p.i, UInt8(ascii: ":")) else { return false }
                    p.i += 1
                    p.skipSpace()
                    guard p.i < bytes.count else { return false }
                    let visited = try bytes.withUnsafeBufferPointer { all -> Bool in
                        let key = UnsafeBufferPointer(rebasing: all[keyStart..<keyEnd])
                        let field = InputField(bytes: key)
                        switch bytes[p.i] {
                        case UInt8(ascii: "\""): return try p.withString(scratch: &scratch) { visit(field, key, .string($0)) }
                        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return visit(field, key, .number(try p.number()))
                        case UInt8(ascii: "t"): try p.literal("true"); return visit(field, key, .bool(true))
                        case UInt8(ascii: "f"): try p.literal("false"); return visit(field, key, .bool(false))
                        case UInt8(ascii: "n"): try p.literal("null"); return visit(field, key, .null)
                        default: return false
                        }
                    }
                    guard visited else { return false }
                    p.skipSpace()
                    if at(p.i, UInt8(ascii: ",")) { p.i += 1; continue }
                    guard at(p.i, UInt8(ascii: "}")) else { return false }
                    p.i += 1
                    break members
                }
            }
            p.skipSpace()
            return p.i == bytes.count
        } catch {
            return false
        }
    }

    /// Parses an object, handing each key to `member`, which reads the value itself
    /// (`readValue`, `readNumber`, `readString`, `readArray`): a large file of known shape (a
    /// model's 90k names and 180k counts) is read straight into arrays, with no `JSONValue` tree.
    static func parseObject(_ bytes: [UInt8], member: (String, inout JSONParser) throws -> Void) throws {
        var p = JSONParser(bytes: bytes)
        p.skipSpace()
        guard p.i < bytes.count, bytes[p.i] == UInt8(ascii: "{") else { throw p.fail("expected an object") }
        p.i += 1
        p.skipSpace()
        if p.i < bytes.count && bytes[p.i] == UInt8(ascii: "}") { p.i += 1 } else {
            while true {
                p.skipSpace()
                guard p.i < bytes.count, bytes[p.i] == UInt8(ascii: "\"") else { throw p.fail("expected a \"key\"") }
                let key = try p.string()
                p.skipSpace()
                guard p.i < bytes.count, bytes[p.i] == UInt8(ascii: ":") else { throw p.fail("expected ':' after key") }
                p.i += 1
                p.skipSpace()
                try member(key, &p)
                p.skipSpace()
                guard p.i < bytes.count else { throw p.fail("unexpected end of input in object") }
                if bytes[p.i] == UInt8(ascii: ",") { p.i += 1; continue }
                if bytes[p.i] == UInt8(ascii: "}") { p.i += 1; break }
                throw p.fail("expected ',' or '}'")
            }
        }
        p.skipSpace()
        guard p.i == bytes.count else { throw p.fail("unexpected text after the value") }
    }

    mutating func readValue() throws -> JSONValue { try value(depth: 1) }

    mutating func readNumber() throws -> Double {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "-") || (bytes[i] &- 0x30) < 10 else { throw fail("expected a number") }
        return try number()
    }

    mutating func readString() throws -> String {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a string") }
        return try string()
    }

    /// An array whose elements `element` reads (spaces around them are skipped here).
    mutating func readArray<T>(_ element: (inout JSONParser) throws -> T) throws -> [T] {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { throw fail("expected an array") }
        i += 1
        var items: [T] = []
        skipSpace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "]") { i += 1; return items }
        while true {
            skipSpace()
            items.append(try element(&self))
            skipSpace()
            guard i < bytes.count else { throw fail("unexpected end of input in array") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return items }
            throw fail("expected ',' or ']'")
        }
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func fail(_ message: String) -> JSONParseError { JSONParseError(column: i + 1, message: message) }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    private mutating func value(depth: Int) throws -> JSONValue {
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

    private mutating func literal(_ word: String) throws {
        let expected = Array(word.utf8)
        guard i + expected.count <= bytes.count, bytes[i..<(i + expected.count)].elementsEqual(expected) else {
            throw fail("invalid literal")
        }
        i += expected.count
    }

    private mutating func object(depth: Int) throws -> JSONValue {
        i += 1
        var pairs: [(String, JSONValue)] = []
        pairs.reserveCapacity(16)  // a ticket has about 8 fields: no regrowth
        skipSpace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a \"key\"") }
            let key = try self.key()
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after key") }
            i += 1
            skipSpace()
            pairs.append((key, try value(depth: depth + 1)))
            skipSpace()
            guard i < bytes.count else { throw fail("unexpected end of input in object") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
            throw fail("expected ',' or '}'")
        }
    }

    private mutating func array(depth: Int) throws -> JSONValue {
        i += 1
        var items: [JSONValue] = []
        skipSpace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value(depth: depth + 1))
            skipSpace()
            guard i < bytes.count else { throw fail("unexpected end of input in array") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            throw fail("expected ',' or ']'")
        }
    }

    /// A number, read in one pass: `[-]digits[.digits]` of up to 15 digits in all (every number
    /// of a ticket record) is exact without string conversion — the digits as an integer (below
    /// 2^53) and the power of ten are exact Doubles, and one IEEE division rounds correctly, so
    /// this equals `Double(text)` (Clinger's fast path). Others go through `Double(_:)`.
    private mutating func number() throws -> Double {
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

    /// An object key: the input field names every record repeats come back as string literals,
    /// with no `String` built (and checked) from the bytes; other keys as `string()` reads them.
    private mutating func key() throws -> String {
        let start = i + 1
        let end = endOfPlainRun(from: start)
        if end < bytes.count && bytes[end] == UInt8(ascii: "\""),
           case let field = bytes.withUnsafeBufferPointer({ InputField(bytes: UnsafeBufferPointer(rebasing: $0[start..<end])) }),
           field.isKnown {
            i = end + 1
            return field.name
        }
        return try string()
    }

    private mutating func string() throws -> String {
        var scratch: [UInt8] = []
        return try withString(scratch: &scratch) { String(decoding: $0, as: UTF8.self) }
    }

    /// Reads the string whose opening quote is at `i` and hands its unescaped bytes to `body`:
    /// a slice of the input when the string has no escapes (most strings), else `scratch`.
    private mutating func withString<R>(scratch out: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> R) throws -> R {
        i += 1  // opening quote
        let start = i
        i = endOfPlainRun(from: i)
        if i < bytes.count && bytes[i] == UInt8(ascii: "\"") {
            i += 1
            let end = i - 1
            return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
        }
        out.removeAll(keepingCapacity: true)
        // The rest of the input bounds the string (no escape is shorter than what it stands
        // for): a ticket's text needs no regrowth, and a huge line reserves no more than needed.
        out.reserveCapacity(Swift.min(bytes.count - start, 2 * (i - start) + 4096))
        out.append(contentsOf: bytes[start..<i])
        while true {
            guard i < bytes.count else { throw fail("unterminated string") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; break }
            if b < 0x20 { throw fail("control character in string") }
            if b != UInt8(ascii: "\\") {
                // Copy the run up to the next quote, backslash or control byte at once.
                let run = i
                i = endOfPlainRun(from: i)
                out.append(contentsOf: bytes[run..<i])
                continue
            }
            i += 1
            guard i < bytes.count else { throw fail("unterminated escape") }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"): appendScalar(try unicodeEscape(), to: &out)
            default: throw fail("invalid escape '\\\(Unicode.Scalar(e))'")
            }
        }
        // Invalid UTF-8 inside the string becomes U+FFFD (in `String(decoding:)`) rather than
        // failing the record.
        return out.withUnsafeBufferPointer(body)
    }

    /// The first index from `start` holding a quote, a backslash or a control byte (or the end),
    /// eight bytes at a time: ticket texts are long runs of plain bytes.
    private func endOfPlainRun(from start: Int) -> Int {
        bytes.withUnsafeBytes { raw in
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            var i = start
            while i + 8 <= raw.count {
                let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // High bit set in a byte that is 0 after the xor (quote, backslash) or below 0x20;
                // bytes ≥ 0x80 never match, and a false hit can only follow a true one.
                let quote = v ^ (ones &* 0x22), backslash = v ^ (ones &* 0x5C)
                let found = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (v &- ones &* 0x20) & ~v) & highs
                if found != 0 { return i + found.littleEndian.trailingZeroBitCount / 8 }
                i += 8
            }
            while i < raw.count {
                let b = raw[i]
                if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
                i += 1
            }
            return i
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: throw fail("invalid \\u escape")
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }

    private mutating func unicodeEscape() throws -> Unicode.Scalar {
        let first = try hex4()
        if first >= 0xD800 && first < 0xDC00 {
            // A high surrogate must pair with a low one; a lone one becomes U+FFFD.
            if i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                let save = i
                i += 2
                let second = try hex4()
                if second >= 0xDC00 && second < 0xE000 {
                    return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))!
                }
                i = save
            }
            return "\u{FFFD}"
        }
        return Unicode.Scalar(first) ?? "\u{FFFD}"
    }

    private func appendScalar(_ s: Unicode.Scalar, to out: inout [UInt8]) {
        out.append(contentsOf: String(Character(s)).utf8)
    }
}
