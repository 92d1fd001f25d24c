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

    func render(_ a: Assessment, extra: [(String, JSONValue)], warnings: [String] = []) -> String {
        let risks = a.risks.map { "\($0.category):\($0.terms.joined(separator: "|"))" }.joined(separator: ";")
        switch format {
        case .jsonl:
            var fields: [(String, String)] = [
                ("id", JSONWriter.quoted(a.id)),
                ("priority", JSONWriter.number(a.priority)),
                ("escalate", a.escalate ? "true" : "false"),
                ("level", JSONWriter.quoted(a.level.rawValue)),
                ("tier", JSONWriter.quoted(a.tier.description)),
                ("type", JSONWriter.quoted(a.type.rawValue)),
                ("review", a.review ? "true" : "false"),
                ("sentiment", JSONWriter.number(round4(a.sentiment))),
                ("probability", JSONWriter.number(round4(a.probability))),
                ("risks", "{" + a.risks.map { JSONWriter.quoted($0.category) + ":[" + $0.terms.map(JSONWriter.quoted).joined(separator: ",") + "]" }.joined(separator: ",") + "}"),
                ("triggers", "[" + a.triggers.map(JSONWriter.quoted).joined(separator: ",") + "]"),
                ("reasons", "[" + a.reasons.map(JSONWriter.quoted).joined(separator: ",") + "]"),
                ("respond_minutes", JSONWriter.number(a.respondMinutes)),
                ("resolve_hours", JSONWriter.number(a.resolveHours)),
            ]
            if let route = a.route { fields.append(("route", JSONWriter.quoted(route))) }
            if !warnings.isEmpty { fields.append(("warnings", "[" + warnings.map(JSONWriter.quoted).joined(separator: ",") + "]")) }
            if !a.ignoredRisks.isEmpty { fields.append(("ignored_risks", "[" + a.ignoredRisks.map(JSONWriter.quoted).joined(separator: ",") + "]")) }
            if keepFields {
                let taken = Set(fields.map(\.0))
                fields += extra.filter { !taken.contains($0.0) }.map { ($0.0, JSONWriter.encode($0.1)) }
            }
            return "{" + fields.map { JSONWriter.quoted($0.0) + ":" + $0.1 }.joined(separator: ",") + "}\n"
        case .csv:
            return csvRow([a.id, JSONWriter.number(a.priority), String(a.escalate), a.level.rawValue, a.tier.description,
                           a.type.rawValue, String(a.review), fmt(a.sentiment), fmt(a.probability), risks,
                           a.triggers.joined(separator: "|"), a.reasons.joined(separator: " | "), a.route ?? "", ""])
        case .table:
            return pad([a.id, String(format: "%.1f", a.priority), a.level.rawValue, a.tier.description, a.type.rawValue,
                        a.escalate ? "yes" : "no", a.review ? "yes" : "", fmt(a.sentiment), fmt(a.probability), risks]) + "\n"
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
