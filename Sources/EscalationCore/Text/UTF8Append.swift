extension Array where Element == UInt8 {
    /// A literal's UTF-8 bytes, copied from the binary in one piece: `append(contentsOf: s.utf8)`
    /// walks a generic sequence, about 70 instructions more a call (reasons append a few a ticket).
    mutating func append(utf8 literal: StaticString) {
        literal.withUTF8Buffer { append(contentsOf: $0) }
    }
}
