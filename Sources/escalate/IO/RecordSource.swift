import Foundation
import ArgumentParser
import EscalationCore

enum InputFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, csv, tsv, text

    /// By extension; JSONL unless the name says otherwise (stdin included).
    static func guess(path: String) -> InputFormat {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") { return .tsv }
        if lower.hasSuffix(".txt") { return .text }
        return .jsonl
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

/// Reads records of one format from one file or stdin, one at a time.
final class RecordSource {
    let lines: LineReader
    let format: InputFormat
    private var csv: CSVReader?
    /// The CSV/TSV header's names, and the field each names (resolved once per file).
    private var header: [String]?
    private var headerFields: [InputField?] = []
    private var sawFirstLine = false

    init(path: String, format: InputFormat?, maxRecordBytes: Int = Int.max) throws {
        lines = try LineReader(path: path, maxLineBytes: maxRecordBytes)
        self.format = format ?? InputFormat.guess(path: path)
        switch self.format {
        case .csv: csv = CSVReader(lines: lines, delimiter: UInt8(ascii: ","))
        case .tsv: csv = CSVReader(lines: lines, delimiter: UInt8(ascii: "\t"))
        default: break
        }
    }

    var name: String { lines.displayName }

    /// A record read but not yet decoded: JSON decoding is left to the scoring threads.
    enum Pending {
        case ready(InputRecord)
        case json(source: String, line: Int, bytes: [UInt8])

        /// Approximate bytes held, for bounding batches.
        var size: Int {
            switch self {
            case .ready(let record): if case .success(let d) = record.result { return d.ticket.utf8.count } else { return 64 }
            case .json(_, _, let bytes): return bytes.count
            }
        }

        func decode() -> InputRecord {
            switch self {
            case .ready(let record): return record
            case .json(let source, let line, let bytes): return RecordSource.decodeJSON(source: source, line: line, bytes: bytes)
            }
        }
    }

    func next() -> InputRecord? { nextPending()?.decode() }

    func nextPending() -> Pending? {
        if csv != nil { return nextRow().map { .ready($0) } }
        while var bytes = lines.nextLine() {
            if let size = lines.oversizedLine {
                return .ready(InputRecord(source: name, line: lines.lineNumber, result: .failure(
                    RecordError("record is \(size) bytes, over the --max-record-bytes limit of \(lines.maxLineBytes); skipped"))))
            }
            stripBOM(&bytes)
            // Blank lines separate nothing and are not records.
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let line = lines.lineNumber
            if format == .text {
                let (text, valid) = Self.utf8(bytes)
                let ticket = Ticket(id: String(line), text: text)
                return .ready(InputRecord(source: name, line: line, result: .success(.init(
                    ticket: ticket, warnings: valid ? [] : [Self.invalidUTF8Warning], rawLabel: nil))))
            }
            return .json(source: name, line: line, bytes: bytes)
        }
        return nil
    }

    static let invalidUTF8Warning = "invalid UTF-8 replaced with U+FFFD"

    /// Text from bytes, invalid UTF-8 repaired; `valid` says whether repair was needed.
    static func utf8(_ bytes: [UInt8]) -> (String, valid: Bool) {
        if let s = String(validating: bytes, as: UTF8.self) { return (s, true) }
        return (String(decoding: bytes, as: UTF8.self), false)
    }

    static func decodeJSON(source name: String, line: Int, bytes: [UInt8]) -> InputRecord {
        var value = JSONValue.null
        do {
            // Repair invalid UTF-8 first so the record is scored (and flagged), not rejected.
            let valid = UTF8Validation.isValid(bytes)
            let json = valid ? bytes : Array(utf8(bytes).0.utf8)
            // The usual record, straight from its bytes; any other through a `JSONValue`.
            if case (var decoded, let otherFields)? = TicketDecoder.decodeFlat(json, fallbackID: String(line)) {
                if !valid { decoded.warnings.insert(invalidUTF8Warning, at: 0) }
                return InputRecord(source: name, line: line, result: .success(decoded), extraFields: otherFields)
            }
            value = try JSONParser.parse(json)
            var decoded = try TicketDecoder.decode(value, fallbackID: String(line))
            if !valid { decoded.warnings.insert(invalidUTF8Warning, at: 0) }
            var extra: [(String, JSONValue)] = []
            if case .object(let pairs) = value {
                extra = pairs.filter { InputField(key: $0.0) == nil }
            }
            return InputRecord(source: name, line: line, result: .success(decoded), extraFields: extra)
        } catch let error as RecordError {
            var record = InputRecord(source: name, line: line, result: .failure(error))
            switch value["id"] {
            case .string(let s)?: record.failedID = s
            case .number(let n)?: record.failedID = JSONWriter.number(n)
            default: break
            }
            return record
        } catch {
            return InputRecord(source: name, line: line, result: .failure(RecordError("\(error)")))
        }
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
                headerFields = names.map { InputField(key: $0) }
                continue
            }
            guard row.fields.count == header.count else {
                return InputRecord(source: name, line: row.line, result: .failure(
                    RecordError("row has \(row.fields.count) fields, the header has \(header.count)")))
            }
            // Input fields the scorer reads go to the decoder; `--keep-fields` echoes the others.
            var cells: [(InputField, String)] = [], extra: [(String, JSONValue)] = []
            for (column, value) in row.fields.enumerated() {
                if let field = headerFields[column] { cells.append((field, value)) } else { extra.append((header[column], .string(value))) }
            }
            do {
                var decoded = try TicketDecoder.decode(cells: cells, fallbackID: String(row.line))
                if row.invalidUTF8 { decoded.warnings.insert(Self.invalidUTF8Warning, at: 0) }
                return InputRecord(source: name, line: row.line, result: .success(decoded), extraFields: extra)
            } catch {
                return InputRecord(source: name, line: row.line, result: .failure(error as? RecordError ?? RecordError("\(error)")))
            }
        }
        return nil
    }
}
