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

    static let csvColumns = ["id", "priority", "escalate", "level", "tier", "type", "review", "sentiment",
                             "probability", "risks", "triggers", "reasons", "route", "error"]

    func header() -> String? {
        switch format {
        case .csv: return Self.csvColumns.joined(separator: ",") + "\n"
        case .table: return pad(["ID", "PRI", "LVL", "TIER", "TYPE", "ESC", "REVIEW", "SENT", "P(ESC)", "RISKS"]) + "\n"
        case .jsonl: return nil
        }
    }

    /// The record's output line as UTF-8.
    func render(_ a: Assessment, extra: [(String, JSONValue)], warnings: [String] = []) -> [UInt8] {
        switch format {
        case .jsonl:
            return renderJSON(a, extra: extra, warnings: warnings)
        case .csv:
            let risks = riskSummary(a)
            return Array(csvRow([a.id, JSONWriter.number(a.priority), String(a.escalate), a.level.rawValue, a.tier.description,
                                 a.type.rawValue, String(a.review), fmt(a.sentiment), fmt(a.probability), risks,
                                 a.triggers.joined(separator: "|"), a.reasons.joined(separator: " | "), a.route ?? "", ""]).utf8)
        case .table:
            let risks = riskSummary(a)
            return Array((pad([a.id, String(format: "%.1f", a.priority), a.level.rawValue, a.tier.description, a.type.rawValue,
                               a.escalate ? "yes" : "no", a.review ? "yes" : "", fmt(a.sentiment), fmt(a.probability), risks]) + "\n").utf8)
        }
    }

    private func riskSummary(_ a: Assessment) -> String {
        a.risks.map { "\($0.category):\($0.terms.joined(separator: "|"))" }.joined(separator: ";")
    }

    /// One JSON object, written through a cursor into room for the longest it could be
    /// (every string escaped), then copied out once: this runs once per ticket.
    private func renderJSON(_ a: Assessment, extra: [(String, JSONValue)], warnings: [String]) -> [UInt8] {
        let kept = keepFields ? extra.filter { key, _ in !Self.isResultField(key) || (key == "route" && a.route == nil)
            || (key == "warnings" && warnings.isEmpty) || (key == "ignored_risks" && a.ignoredRisks.isEmpty) }
            .map { ($0.0, JSONWriter.encode($0.1)) } : []
        // Fixed text (about 250 bytes), five numbers, each string with its comma or colon.
        var room = 512 + 5 * JSONWriter.numberLengthLimit
        func add(_ s: String) { room += JSONWriter.quotedLengthLimit(s) + 2 }
        for s in [a.id, a.level.rawValue, a.tier.description, a.type.rawValue] { add(s) }
        for risk in a.risks { add(risk.category); risk.terms.forEach(add) }
        a.triggers.forEach(add); a.reasons.forEach(add); warnings.forEach(add); a.ignoredRisks.forEach(add)
        if let route = a.route { add(route) }
        for (key, value) in kept { add(key); room += value.utf8.count + 2 }

        var out: [UInt8] = []
        ByteCursor.append(to: &out, atMost: room) { c in
            func string(_ s: String) { JSONWriter.writeQuoted(s, to: &c) }
            func number(_ x: Double) { JSONWriter.writeNumber(x, to: &c) }
            func array(_ items: [String]) {
                c.write(UInt8(ascii: "["))
                for (k, item) in items.enumerated() { if k > 0 { c.write(UInt8(ascii: ",")) }; string(item) }
                c.write(UInt8(ascii: "]"))
            }
            c.write("{\"id\":"); string(a.id)
            c.write(",\"priority\":"); number(a.priority)
            c.write(a.escalate ? ",\"escalate\":true,\"level\":" : ",\"escalate\":false,\"level\":")
            string(a.level.rawValue)
            c.write(",\"tier\":"); string(a.tier.description)
            c.write(",\"type\":"); string(a.type.rawValue)
            c.write(a.review ? ",\"review\":true" : ",\"review\":false")
            c.write(",\"sentiment\":"); number(round4(a.sentiment))
            c.write(",\"probability\":"); number(round4(a.probability))
            c.write(",\"risks\":{")
            for (k, risk) in a.risks.enumerated() {
                if k > 0 { c.write(UInt8(ascii: ",")) }
                string(risk.category); c.write(UInt8(ascii: ":")); array(risk.terms)
            }
            c.write("},\"triggers\":"); array(a.triggers)
            c.write(",\"reasons\":"); array(a.reasons)
            c.write(",\"respond_minutes\":"); number(a.respondMinutes)
            c.write(",\"resolve_hours\":"); number(a.resolveHours)
            if let route = a.route { c.write(",\"route\":"); string(route) }
            if !warnings.isEmpty { c.write(",\"warnings\":"); array(warnings) }
            if !a.ignoredRisks.isEmpty { c.write(",\"ignored_risks\":"); array(a.ignoredRisks) }
            for (key, value) in kept {
                c.write(UInt8(ascii: ",")); string(key); c.write(UInt8(ascii: ":"))
                var value = value
                value.withUTF8 { c.write($0) }
            }
            c.write("}\n")
        }
        return out
    }

    /// Fields a JSON result may have; `--keep-fields` does not repeat input fields of these names
    /// (the optional ones only when the result has them). A switch, not a shared global set:
    /// scoring threads would bounce its reference count.
    private static func isResultField(_ key: String) -> Bool {
        switch key {
        case "id", "priority", "escalate", "level", "tier", "type", "review", "sentiment", "probability", "risks",
             "triggers", "reasons", "respond_minutes", "resolve_hours", "route", "warnings", "ignored_risks": return true
        default: return false
        }
    }

    func renderError(id: String, line: Int, message: String) -> String {
        switch format {
        case .jsonl:
            return "{\"id\":\(JSONWriter.quoted(id)),\"line\":\(line),\"error\":\(JSONWriter.quoted(message))}\n"
        case .csv:
            return csvRow([id] + [String](repeating: "", count: Self.csvColumns.count - 2) + [message])
        case .table:
            return pad([id, "-", "-", "-", "-", "-", "-", "-", "-", "error: " + message]) + "\n"
        }
    }

    private func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
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
        let widths = [14, 6, 4, 5, 13, 4, 7, 8, 7, 0]
        return zip(cells, widths).map { cell, w in
            let c = cell.count > 14 && w == 14 ? String(cell.prefix(13)) + "…" : cell
            return w == 0 ? c : c.padding(toLength: max(w, c.count + 1), withPad: " ", startingAt: 0)
        }.joined()
    }
}
