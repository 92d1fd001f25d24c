import ArgumentParser
import EscalationCore
import Foundation

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, csv, table
}

/// Renders assessments and error records in the chosen format, one line per input record.
struct RecordWriter {
    let format: OutputFormat
    let keepFields: Bool
    let rawCSV: Bool

    func header() -> String? {
        switch format {
        case .csv: return OutputField.csvColumns.map(\.nameText).joined(separator: ",") + "\n"
        case .table: return pad(OutputField.tableColumns.map(\.tableHeading.title)) + "\n"
        case .jsonl: return nil
        }
    }

    /// The record's output line as UTF-8.
    func render(_ a: Assessment, extra: [(String, JSONValue)], warnings: [String] = []) -> [UInt8] {
        switch format {
        case .jsonl:
            return renderJSON(a, extra: extra, warnings: warnings)
        case .csv:
            return Array(csvRow(OutputField.csvColumns.map { csvCell($0, $0.value(of: a, warnings: warnings)) }).utf8)
        case .table:
            return Array((pad(OutputField.tableColumns.map { tableCell($0, $0.value(of: a, warnings: warnings)) }) + "\n").utf8)
        }
    }

    private func csvCell(_ field: OutputField, _ value: OutputField.Value) -> String {
        switch value {
        case .text(let s): return s
        case .number(let x): return field.isFraction ? fmt(x) : JSONWriter.number(x)
        case .flag(let b): return String(b)
        case .list(let items): return items.joined(separator: field.csvListSeparator)
        case .risks(let risks): return riskSummary(risks)
        case .counts(let counts): return counts.map { "\($0.0):\(JSONWriter.number($0.1))" }.joined(separator: ";")
        case .absent: return ""
        }
    }

    /// The table is for reading at a glance: one-decimal priority, yes/no flags.
    private func tableCell(_ field: OutputField, _ value: OutputField.Value) -> String {
        switch value {
        case .number(let x) where !field.isFraction: return String(format: "%.1f", x)
        case .flag(let b): return b ? "yes" : field == .escalate ? "no" : ""
        default: return csvCell(field, value)
        }
    }

    private func riskSummary(_ risks: [(category: String, terms: [String])]) -> String {
        risks.map { "\($0.category):\($0.terms.joined(separator: "|"))" }.joined(separator: ";")
    }

    /// One JSON object, written through a cursor into room for the longest it could be
    /// (every string escaped), then copied out once: this runs once per ticket. Both passes
    /// take the values straight from the assessment (`OutputField.visit`).
    private func renderJSON(_ a: Assessment, extra: [(String, JSONValue)], warnings: [String]) -> [UInt8] {
        let kept = keepFields ? KeptFields.named(extra).map { ($0.0, JSONWriter.encode($0.1)) } : []
        var room = JSONRoom(bytes: 4)
        OutputField.forEach { field in
            room.bytes += field.name.utf8CodeUnitCount + 4
            field.visit(a, warnings: warnings, &room)
        }
        for (key, value) in kept { room.bytes += JSONWriter.quotedLengthLimit(key) + value.utf8.count + 2 }

        var out: [UInt8] = []
        ByteCursor.append(to: &out, atMost: room.bytes) { c in
            c.write(UInt8(ascii: "{"))
            var fields = JSONFields(c: c)
            OutputField.forEach { field in
                fields.field = field
                field.visit(a, warnings: warnings, &fields)
            }
            c = fields.c
            for (key, value) in kept {
                c.write(UInt8(ascii: ",")); JSONWriter.writeQuoted(key, to: &c); c.write(UInt8(ascii: ":"))
                var value = value
                value.withUTF8 { c.write($0) }
            }
            c.write("}\n")
        }
        return out
    }

    /// Adds up the most bytes `JSONFields` can write for the values it is handed (every string escaped).
    private struct JSONRoom: FieldSink {
        var bytes: Int
        private static func list(_ items: [String]) -> Int { items.reduce(2) { $0 + JSONWriter.quotedLengthLimit($1) + 1 } }
        mutating func text(_ s: String) { bytes += JSONWriter.quotedLengthLimit(s) }
        mutating func number(_ x: Double) { bytes += JSONWriter.numberLengthLimit }
        mutating func flag(_ b: Bool) { bytes += 5 }
        mutating func list(_ items: [String]) { bytes += Self.list(items) }
        mutating func risks(_ risks: [(category: String, terms: [String])]) {
            bytes += risks.reduce(2) { $0 + JSONWriter.quotedLengthLimit($1.category) + 2 + Self.list($1.terms) }
        }
        mutating func counts(_ counts: [(String, Double)]) {
            bytes += counts.reduce(2) { $0 + JSONWriter.quotedLengthLimit($1.0) + 2 + JSONWriter.numberLengthLimit }
        }
    }

    /// Writes each value it is handed as `"name":value` after the fields before it, `field` naming it.
    private struct JSONFields: FieldSink {
        var c: ByteCursor
        var field = OutputField.id
        var first = true

        @inline(__always) private mutating func key() {
            if !first { c.write(UInt8(ascii: ",")) }
            first = false
            c.write(UInt8(ascii: "\"")); c.write(field.name); c.write("\":")
        }
        private mutating func array(_ items: [String]) {
            c.write(UInt8(ascii: "["))
            for (k, item) in items.enumerated() {
                if k > 0 { c.write(UInt8(ascii: ",")) }
                JSONWriter.writeQuoted(item, to: &c)
            }
            c.write(UInt8(ascii: "]"))
        }

        mutating func text(_ s: String) { key(); JSONWriter.writeQuoted(s, to: &c) }
        mutating func number(_ x: Double) { key(); JSONWriter.writeNumber(field.isFraction ? round4(x) : x, to: &c) }
        mutating func flag(_ b: Bool) { key(); c.write(b ? "true" : "false") }
        mutating func list(_ items: [String]) { key(); array(items) }
        mutating func risks(_ risks: [(category: String, terms: [String])]) {
            key()
            c.write(UInt8(ascii: "{"))
            for (k, risk) in risks.enumerated() {
                if k > 0 { c.write(UInt8(ascii: ",")) }
                JSONWriter.writeQuoted(risk.category, to: &c); c.write(UInt8(ascii: ":")); array(risk.terms)
            }
            c.write(UInt8(ascii: "}"))
        }
        mutating func counts(_ counts: [(String, Double)]) {
            key()
            c.write(UInt8(ascii: "{"))
            for (k, (name, n)) in counts.enumerated() {
                if k > 0 { c.write(UInt8(ascii: ",")) }
                JSONWriter.writeQuoted(name, to: &c); c.write(UInt8(ascii: ":")); JSONWriter.writeNumber(n, to: &c)
            }
            c.write(UInt8(ascii: "}"))
        }
    }

    func renderError(id: String, line: Int, message: String) -> String {
        switch format {
        case .jsonl:
            return "{\"id\":\(JSONWriter.quoted(id)),\"line\":\(line),\"error\":\(JSONWriter.quoted(message))}\n"
        case .csv:
            return csvRow(OutputField.csvColumns.map { $0 == .id ? id : $0 == .error ? message : "" })
        case .table:
            return pad(OutputField.tableColumns.map { $0 == .id ? id : $0 == .risks ? "error: " + message : "-" }) + "\n"
        }
    }

    private static func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
    private func fmt(_ x: Double) -> String { String(format: "%.4f", x) }

    private func csvRow(_ cells: [String]) -> String {
        cells.map(csvCell).joined(separator: ",") + "\n"
    }

    private func csvCell(_ raw: String) -> String {
        var s = raw
        // Spreadsheets run cells starting with these as formulas; a leading ' defuses them.
        // Our own numbers never start with one except negative sentiment, which is safe to quote too.
        if !rawCSV, let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(s) == nil {
            s = "'" + s
        }
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    private func pad(_ cells: [String]) -> String {
        let widths = OutputField.tableColumns.map(\.tableHeading.width)
        return zip(cells, widths).map { cell, w in
            let c = cell.count > 14 && w == 14 ? String(cell.prefix(13)) + "…" : cell
            return w == 0 ? c : c.padding(toLength: max(w, c.count + 1), withPad: " ", startingAt: 0)
        }.joined()
    }
}
