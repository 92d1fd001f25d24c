/// The model file's reader (`ModelFile`).
extension JSONParser {
    /// Parses an object, handing each key to `member`, which reads the value itself
    /// (`readValue`, `readNumber`, `readString`, `readNumbers`, `readArray`): a large file of known shape (a
    /// model's 90k names and 180k counts) is read straight into arrays, with no `JSONValue` tree.
    static func parseObject(_ bytes: [UInt8], member: (String, inout JSONParser) throws -> Void) throws {
        var p = JSONParser(bytes: bytes)
        p.skipSpace()
        guard p.i < bytes.count, bytes[p.i] == UInt8(ascii: "{") else { throw p.fail("expected an object") }
        try p.members { key, p in try member(p.string(key), &p) }
        p.skipSpace()
        guard p.i == bytes.count else { throw p.fail("unexpected text after the value") }
    }

    mutating func readValue() throws -> JSONValue { try value(depth: 1) }

    @inline(__always) mutating func readNumber() throws -> Double {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "-") || (bytes[i] &- 0x30) < 10 else { throw fail("expected a number") }
        return try number()
    }

    mutating func readString() throws -> String {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a string") }
        return try string()
    }

    /// An array of numbers: a model's 180k counts. A count is a plain integer of up to 15
    /// digits, exact as a Double (as `number()` reads it), taken here in one loop; any other
    /// number is read again by `readNumber`.
    mutating func readNumbers() throws -> [Double] {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { throw fail("expected an array") }
        var items: [Double] = []
        let bytes = bytes  // a local the loop reads without going through the parser
        try elements { p in
            var end = p.i, n = 0
            while end < bytes.count, end - p.i < 15, case let d = bytes[end] &- 0x30, d < 10 { n = n &* 10 &+ Int(d); end += 1 }
            if end > p.i, end < bytes.count, bytes[end] == UInt8(ascii: ",") || bytes[end] == UInt8(ascii: "]") {
                p.i = end
                items.append(Double(n))
            } else {
                items.append(try p.readNumber())
            }
        }
        return items
    }

    /// An array whose elements `element` reads (spaces around them are skipped here).
    @inline(__always) mutating func readArray<T>(_ element: (inout JSONParser) throws -> T) throws -> [T] {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { throw fail("expected an array") }
        var items: [T] = []
        try elements { items.append(try element(&$0)) }
        return items
    }
}
