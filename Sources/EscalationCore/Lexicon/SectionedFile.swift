import Foundation

/// The shared text format of our lexicon files: `# comments`, `[section]` headers and one
/// entry per line. Each consumer decides what an entry means; this only splits and locates.
public struct SectionedFile: Sendable {
    public struct Entry: Sendable {
        public var section: String?
        public var text: String
        public var line: Int
    }

    public var path: String
    public var entries: [Entry] = []

    public init(path: String, contents: String) throws {
        self.path = path
        // Read as bytes: start-up reads every language's files, and Character-wise splitting,
        // trimming and comment search took most of it. All syntax characters are ASCII, so byte
        // offsets cut the UTF-8 text only between characters.
        var contents = contents
        var failure: DataFileError?
        contents.withUTF8 { bytes in
            var section: String? = nil
            var lineNumber = 0
            var start = 0
            while start < bytes.count && failure == nil {
                lineNumber += 1
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                defer { start = end + 1 }
                var (lo, hi) = (start, Self.commentStart(bytes, start, end))
                while lo < hi && Self.isSpace(bytes[lo]) { lo += 1 }
                while hi > lo && Self.isSpace(bytes[hi - 1]) { hi -= 1 }
                guard lo < hi else { continue }
                let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)
                if bytes[lo] == UInt8(ascii: "[") {
                    guard bytes[hi - 1] == UInt8(ascii: "]"), hi - lo > 2 else {
                        failure = DataFileError(file: path, line: lineNumber, message: "malformed section header '\(line)'; expected [name]")
                        return
                    }
                    section = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                    continue
                }
                entries.append(Entry(section: section, text: line, line: lineNumber))
            }
        }
        if let failure { throw failure }
    }

    /// Spaces, tabs and a CRLF file's carriage return.
    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }

    /// Where a comment starts in `bytes[start..<end]` (or `end`): `#` at the start of a line or
    /// after whitespace ("cancel*  # churn").
    private static func commentStart(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var previousIsSpace = true
        for i in start..<end {
            let b = bytes[i]
            if b == UInt8(ascii: "#") && previousIsSpace { return i }
            previousIsSpace = isSpace(b) || b == 0x0B || b == 0x0C
        }
        return end
    }

    public func error(_ entry: Entry, _ message: String) -> DataFileError {
        DataFileError(file: path, line: entry.line, message: message)
    }

    /// Splits "some phrase  -1.5" into the phrase and its number.
    public func termAndValue(_ entry: Entry, range: ClosedRange<Double>) throws -> (String, Double) {
        guard let (term, value) = Self.termAndNumber(entry.text) else {
            throw error(entry, "expected a term followed by a number, got '\(entry.text)'")
        }
        guard range.contains(value) else {
            throw error(entry, "value \(value) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return (term, value)
    }

    /// The fields of `text` split at spaces and tabs: all but the last joined by one space, and
    /// the last as a number. By bytes: a language's sentiment file is hundreds of these, read
    /// when its first ticket arrives, and Character-wise splitting took half of reading it.
    static func termAndNumber(_ text: String) -> (String, Double)? {
        var text = text
        return text.withUTF8 { b -> (String, Double)? in
            func isBlank(_ i: Int) -> Bool { b[i] == 0x20 || b[i] == 0x09 }
            var hi = b.count
            while hi > 0 && isBlank(hi - 1) { hi -= 1 }
            var lo = hi
            while lo > 0 && !isBlank(lo - 1) { lo -= 1 }
            guard lo < hi, let value = Double(String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self)) else { return nil }
            var term: [UInt8] = []
            term.reserveCapacity(lo)
            var i = 0
            while i < lo {
                if isBlank(i) { i += 1; continue }
                if !term.isEmpty { term.append(0x20) }
                while i < lo && !isBlank(i) { term.append(b[i]); i += 1 }
            }
            guard !term.isEmpty else { return nil }
            return (String(decoding: term, as: UTF8.self), value)
        }
    }
}
