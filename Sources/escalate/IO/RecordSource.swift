import Foundation
import ArgumentParser
import EscalationCore

enum InputFormat: String, ExpressibleByArgument, CaseIterable {
    /// JSON Lines, or JSON documents (an array of records, or an API response holding one).
    case jsonl, json, csv, tsv, text

    /// By extension; nil when the name does not tell (stdin included): the content decides.
    static func guess(path: String) -> InputFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") { return .tsv }
        if lower.hasSuffix(".txt") { return .text }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") { return .jsonl }
        return nil
    }

    /// From the first line that is not blank: JSON when it starts with `{` or `[`; CSV or TSV
    /// when it is a header naming an input field; otherwise plain text, one ticket per line.
    static func sniff(firstLine: [UInt8], mapping: FieldMapping) -> InputFormat {
        var line = firstLine[...]
        if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
        if let first = line.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return .jsonl }
        for (format, delimiter) in [(InputFormat.tsv, UInt8(ascii: "\t")), (.csv, UInt8(ascii: ","))] where line.contains(delimiter) {
            let names = line.split(separator: delimiter, omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: "\" \r")) }
            // A header's names are short, and one of them names a field the scorer reads.
            if names.allSatisfy({ $0.count <= 64 }), names.contains(where: { mapping.field($0).map { $0.spec.kind == .text || $0 == .id } ?? false }) {
                return format
            }
        }
        return .text
    }
}

/// One input record: where it came from and what it decoded to (or why it could not).
struct InputRecord {
    var source: String
    var line: Int
    var result: Result<TicketDecoder.Decoded, RecordError>
    /// Input fields `escalate` does not use, echoed with `--keep-fields`.
    var extraFields: [(String, JSONValue)] = []
    /// The record's own id when a failed record still had a readable one.
    var failedID: String?

    /// The id to print: the record's own when it was readable, else its line number.
    var id: String {
        if case .success(let d) = result { return d.ticket.id }
        return failedID ?? String(line)
    }
}

/// How input keys map to fields: `--preset` and `--field`, for every file read.
struct FieldChoices {
    var preset: Vendor?
    var overrides: [FieldMapping.Override] = []

    /// The mapping for a file whose first record or header has these keys.
    func mapping(keys: [String]) -> FieldMapping { FieldMapping.resolve(keys: keys, preset: preset, overrides: overrides) }
}

/// Reads records of one format from one file or stdin, one at a time.
final class RecordSource {
    let lines: LineReader
    let format: InputFormat
    private let choices: FieldChoices
    private var csv: CSVReader?
    /// The CSV/TSV header's names, and the column each names (resolved once per file).
    private(set) var header: [String]?
    private var headerColumns: [TicketDecoder.HeaderColumn?] = []
    /// Decided by the file's header or first record.
    private(set) var mapping: FieldMapping?
    /// JSON input starts here; once its first object is a lone record, the rest is read by line.
    private var splitter: JSONDocumentSplitter?
    private var pieces: [JSONDocumentSplitter.Piece] = []
    private var sawFirstLine = false
    /// Lines already used as record fallback ids, for records sharing a line in a document.
    private var lastRecordLine = 0

    init(path: String, format: InputFormat?, maxRecordBytes: Int = Int.max, fields: FieldChoices = FieldChoices()) throws {
        lines = try LineReader(path: path, maxLineBytes: maxRecordBytes)
        choices = fields
        self.format = format ?? InputFormat.guess(path: path)
            ?? InputFormat.sniff(firstLine: lines.peekFirstLine(), mapping: fields.mapping(keys: []))
        switch self.format {
        case .csv: csv = CSVReader(lines: lines, delimiter: UInt8(ascii: ","))
        case .tsv: csv = CSVReader(lines: lines, delimiter: UInt8(ascii: "\t"))
        case .json, .jsonl:
            // Documents start with `{` or `[`; anything else is read by line, each line a record.
            var first = lines.peekFirstLine(limit: 16)[...]
            if first.starts(with: [0xEF, 0xBB, 0xBF]) { first = first.dropFirst(3) }
            if first.isEmpty || first.first == UInt8(ascii: "{") || first.first == UInt8(ascii: "[") {
                splitter = JSONDocumentSplitter(maxRecordBytes: maxRecordBytes)
            }
        case .text: break
        }
    }

    var name: String { lines.displayName }

    /// A record read but not yet decoded: JSON decoding is left to the scoring threads.
    /// Indirect: chunks hold, copy and destroy one reference per record, not its fields.
    indirect enum Pending {
        case ready(InputRecord)
        /// `fallbackID` nil: the line number.
        case json(source: String, line: Int, bytes: [UInt8], mapping: FieldMapping, fallbackID: String?)

        /// Approximate bytes held, for bounding batches.
        var size: Int {
            switch self {
            case .ready(let record): if case .success(let d) = record.result { return d.ticket.utf8.count } else { return 64 }
            case .json(_, _, let bytes, _, _): return bytes.count
            }
        }

        func decode() -> InputRecord {
            switch self {
            case .ready(let record): return record
            case .json(let source, let line, let bytes, let mapping, let fallbackID):
                return RecordSource.decodeJSON(source: source, line: line, bytes: bytes, mapping: mapping, fallbackID: fallbackID)
            }
        }
    }

    func next() -> InputRecord? { nextPending()?.decode() }

    func nextPending() -> Pending? {
        if csv != nil { return nextRow().map { .ready($0) } }
        if splitter != nil || !pieces.isEmpty, let piece = nextPiece() { return piece }
        while var bytes = lines.nextLine() {
            if let size = lines.oversizedLine {
                return .ready(InputRecord(source: name, line: lines.lineNumber, result: .failure(
                    RecordError("record is \(size) bytes, over the --max-record-bytes limit of \(lines.maxLineBytes); skipped"))))
            }
            stripBOM(&bytes)
            // Blank lines separate nothing and are not records.
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let line = lines.lineNumber
            if format == .text {
                let (text, valid) = Self.utf8(bytes)
                let ticket = Ticket.cleaned(id: String(line), text: text)
                return .ready(InputRecord(source: name, line: line, result: .success(.init(
                    ticket: ticket, warnings: valid ? [] : [Self.invalidUTF8Warning], rawLabel: nil))))
            }
            return .json(source: name, line: line, bytes: bytes, mapping: mapping(for: bytes), fallbackID: nil)
        }
        return nil
    }

    /// The next record of a JSON document; nil once the input is read to its end or turned out
    /// to be JSON Lines (then read by line).
    private func nextPiece() -> Pending? {
        while pieces.isEmpty, var splitter {
            // Held here alone while it scans, so its buffers are not copied on write.
            self.splitter = nil
            let more = lines.consume { bytes in
                if !sawFirstLine {
                    sawFirstLine = true
                    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return 3 }
                }
                return splitter.feed(bytes)
            }
            if !more { splitter.finish() }
            pieces = splitter.pieces.reversed()
            splitter.pieces.removeAll()
            // Done once the input ends or turns out to be JSON Lines (then read by line).
            if more, !splitter.isLines { self.splitter = splitter }
            if self.splitter == nil && pieces.isEmpty { return nil }
        }
        guard let piece = pieces.popLast() else { return nil }
        switch piece {
        case .record(let bytes, let line, let column):
            // Records sharing a line (a document on one line) are told apart by column.
            let fallbackID = line == lastRecordLine ? "\(line):\(column)" : nil
            lastRecordLine = line
            return .json(source: name, line: line, bytes: bytes, mapping: mapping(for: bytes), fallbackID: fallbackID)
        case .oversized(let size, let line, let column):
            return .ready(InputRecord(source: name, line: line, result: .failure(RecordError(
                "record at column \(column) is \(size) bytes, over the --max-record-bytes limit of \(lines.maxLineBytes); skipped")),
                failedID: "\(line):\(column)"))
        case .error(let message, let line, let column):
            return .ready(InputRecord(source: name, line: line, result: .failure(RecordError("\(message) (column \(column))")),
                                      failedID: "\(line):\(column)"))
        }
    }

    /// The file's mapping, resolved from its first record's keys.
    private func mapping(for bytes: [UInt8]) -> FieldMapping {
        if let mapping { return mapping }
        var keys: [String] = []
        if case .object(let pairs)? = try? JSONParser.parse(bytes) { keys = FieldMapping.keysAndPaths(pairs) }
        let resolved = choices.mapping(keys: keys)
        mapping = resolved
        return resolved
    }

    static let invalidUTF8Warning = "invalid UTF-8 replaced with U+FFFD"

    /// Text from bytes, invalid UTF-8 repaired; `valid` says whether repair was needed.
    static func utf8(_ bytes: [UInt8]) -> (String, valid: Bool) {
        if let s = String(validating: bytes, as: UTF8.self) { return (s, true) }
        return (String(decoding: bytes, as: UTF8.self), false)
    }

    static func decodeJSON(source name: String, line: Int, bytes: [UInt8], mapping: FieldMapping = .generic, fallbackID: String? = nil) -> InputRecord {
        // Made only for a record without an id.
        func fallback() -> String { fallbackID ?? String(line) }
        var value = JSONValue.null
        do {
            // Repair invalid UTF-8 first so the record is scored (and flagged), not rejected.
            let valid = UTF8Validation.isValid(bytes)
            let json = valid ? bytes : Array(utf8(bytes).0.utf8)
            // The usual record, straight from its bytes; any other through a `JSONValue`.
            if case (var decoded, let otherFields)? = TicketDecoder.decodeFlat(json, mapping: mapping, fallbackID: fallback()) {
                if !valid { decoded.warnings.insert(invalidUTF8Warning, at: 0) }
                return InputRecord(source: name, line: line, result: .success(decoded), extraFields: otherFields)
            }
            value = try JSONParser.parse(json)
            var extra: [(String, JSONValue)] = []
            var decoded = try TicketDecoder.decode(value, mapping: mapping, fallbackID: fallback()) { extra.append($0) }
            if !valid { decoded.warnings.insert(invalidUTF8Warning, at: 0) }
            return InputRecord(source: name, line: line, result: .success(decoded), extraFields: extra)
        } catch let error as RecordError {
            var record = InputRecord(source: name, line: line, result: .failure(error))
            if case .object(let pairs) = value {
                switch mapping.id(of: pairs) {
                case .string(let s)?: record.failedID = s
                case .number(let n)?: record.failedID = JSONWriter.number(n)
                default: break
                }
            }
            return record
        } catch {
            return InputRecord(source: name, line: line, result: .failure(RecordError("\(error)\(hint(bytes))")))
        }
    }

    /// For plain text read as JSON: the way out.
    private static func hint(_ bytes: [UInt8]) -> String {
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 }), first != UInt8(ascii: "{"), first != UInt8(ascii: "[") else { return "" }
        return " (the line is not JSON; for plain text, one ticket per line, use --format text)"
    }

    private func stripBOM(_ bytes: inout [UInt8]) {
        if !sawFirstLine {
            sawFirstLine = true
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        }
    }

    private func nextRow() -> InputRecord? {
        while let row = csv!.next() {
            if let error = row.error { return InputRecord(source: name, line: row.line, result: .failure(RecordError(error))) }
            if row.fields.count == 1 && row.fields[0].isEmpty { continue }
            guard let header else {
                var names = row.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                if let first = names.first, first.hasPrefix("\u{FEFF}") { names[0] = String(first.dropFirst()) }
                self.header = names
                let mapping = choices.mapping(keys: names)
                self.mapping = mapping
                headerColumns = names.map { TicketDecoder.HeaderColumn(name: $0, mapping: mapping) }
                continue
            }
            guard row.fields.count == header.count else {
                return InputRecord(source: name, line: row.line, result: .failure(
                    RecordError("row has \(row.fields.count) fields, the header has \(header.count)")))
            }
            // Input fields the scorer reads go to the decoder; `--keep-fields` echoes the others.
            var cells: [(column: TicketDecoder.HeaderColumn, value: String)] = [], extra: [(String, JSONValue)] = []
            for (index, value) in row.fields.enumerated() {
                guard let column = headerColumns[index] else { extra.append((header[index], .string(value))); continue }
                cells.append((column, value))
                // The helpdesk's priority is also kept as given (`--keep-fields`).
                if column.field.spec.kind == .declaredLevel { extra.append((header[index], .string(value))) }
            }
            do {
                var decoded = try TicketDecoder.decode(cells: cells, mapping: mapping ?? .generic,
                                                       header: zip(header, row.fields).map { ($0, $1.utf8.count) }, fallbackID: String(row.line))
                if row.invalidUTF8 { decoded.warnings.insert(Self.invalidUTF8Warning, at: 0) }
                return InputRecord(source: name, line: row.line, result: .success(decoded), extraFields: extra)
            } catch {
                return InputRecord(source: name, line: row.line, result: .failure(error as? RecordError ?? RecordError("\(error)")))
            }
        }
        return nil
    }
}
