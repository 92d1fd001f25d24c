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

    /// An array of numbers: a model's 180k counts.
    mutating func readNumbers() throws -> [Double] {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { throw fail("expected an array") }
        if let (items, end) = Self.plainIntegers(bytes, from: i + 1) {
            i = end
            return items
        }
        var items: [Double] = []
        try elements { items.append(try $0.readNumber()) }
        return items
    }

    /// The numbers of an array as `train` writes counts — plain integers of up to 15 digits
    /// (exact as Doubles, as `number()` reads them), a comma between, no spaces — read in one
    /// loop, with where the array ends; nil for any other spelling, which `readNumbers` then
    /// reads (and explains) number by number.
    private static func plainIntegers(_ bytes: [UInt8], from start: Int) -> (items: [Double], end: Int)? {
        bytes.withUnsafeBufferPointer { b in
            var items: [Double] = [], k = start
            while true {
                let first = k
                var n = 0
                while k < b.count, k - first < 15, case let d = b[k] &- 0x30, d < 10 { n = n &* 10 &+ Int(d); k += 1 }
                guard k > first, k < b.count else { return nil }
                items.append(Double(n))
                if b[k] == UInt8(ascii: "]") { return (items, k + 1) }
                guard b[k] == UInt8(ascii: ",") else { return nil }
                k += 1
            }
        }
    }

    /// An array whose elements `element` reads (spaces around them are skipped here).
    @inline(__always) mutating func readArray<T>(_ element: (inout JSONParser) throws -> T) throws -> [T] {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { throw fail("expected an array") }
        var items: [T] = []
        try elements { items.append(try element(&$0)) }
        return items
    }
}
