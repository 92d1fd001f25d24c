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
        var section: String? = nil
        var lineNumber = 0
        for rawLine in contents.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = Self.stripComment(rawLine).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw DataFileError(file: path, line: lineNumber, message: "malformed section header '\(line)'; expected [name]")
                }
                section = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                continue
            }
            entries.append(Entry(section: section, text: line, line: lineNumber))
        }
    }

    /// `#` starts a comment at the start of a line or after whitespace ("cancel*  # churn").
    private static func stripComment(_ line: Substring) -> Substring {
        var previous: Character = " "
        for index in line.indices {
            let c = line[index]
            if c == "#" && previous.isWhitespace { return line[..<index] }
            previous = c
        }
        return line.hasSuffix("\r") ? line.dropLast() : line
    }

    public func error(_ entry: Entry, _ message: String) -> DataFileError {
        DataFileError(file: path, line: entry.line, message: message)
    }

    /// Splits "some phrase  -1.5" into the phrase and its number.
    public func termAndValue(_ entry: Entry, range: ClosedRange<Double>) throws -> (String, Double) {
        let fields = entry.text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count >= 2, let value = Double(fields[fields.count - 1]) else {
            throw error(entry, "expected a term followed by a number, got '\(entry.text)'")
        }
        guard range.contains(value) else {
            throw error(entry, "value \(value) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return (fields.dropLast().joined(separator: " "), value)
    }
}
