/// RFC 4180 records over a `LineReader`: quoted fields may hold delimiters, "" and newlines.
struct CSVReader {
    let lines: LineReader
    let delimiter: UInt8

    struct Record {
        var fields: [String]
        /// Line where the record starts (a quoted newline makes records span lines).
        var line: Int
        var error: String?
        var invalidUTF8 = false
    }

    mutating func next() -> Record? {
        guard var bytes = lines.nextLine() else { return nil }
        let firstLine = lines.lineNumber
        if let size = lines.oversizedLine { return oversized(size, firstLine) }
        while !Self.quotesBalanced(bytes) {
            guard let more = lines.nextLine() else {
                return Record(fields: [], line: firstLine, error: "unterminated quoted field (opened on this line, runs to end of file)")
            }
            if let size = lines.oversizedLine { return oversized(size, firstLine) }
            bytes.append(0x0A)
            bytes += more
            // A stray quote must not swallow the rest of the file into one record.
            if bytes.count > lines.maxLineBytes { return oversized(bytes.count, firstLine) }
        }
        // split() repairs invalid UTF-8; the record is flagged so the caller can say so.
        return Record(fields: split(bytes), line: firstLine, error: nil,
                      invalidUTF8: String(validating: bytes, as: UTF8.self) == nil)
    }

    private func oversized(_ size: Int, _ line: Int) -> Record {
        Record(fields: [], line: line, error: "record is \(size) bytes or more, over the --max-record-bytes limit of \(lines.maxLineBytes); skipped")
    }

    static func quotesBalanced(_ bytes: [UInt8]) -> Bool {
        bytes.reduce(0) { $1 == UInt8(ascii: "\"") ? $0 + 1 : $0 } % 2 == 0
    }

    private func split(_ bytes: [UInt8]) -> [String] {
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") { field.append(b); i += 1 } else { inQuotes = false }
                } else {
                    field.append(b)
                }
            } else if b == UInt8(ascii: "\"") {
                inQuotes = true
            } else if b == delimiter {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else {
                field.append(b)
            }
            i += 1
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
    }
}
