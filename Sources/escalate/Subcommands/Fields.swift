import ArgumentParser
import EscalationCore
import Foundation

struct Fields: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how a file's fields are read: the helpdesk recognized, and which key or column feeds each input field.",
        discussion: """
        Reads the first records of each file (--records) the way `score` does and prints, per
        input field, the key, header or JSON path that fed it and in how many records; then the
        keys nothing reads (`score --keep-fields` carries them through).

        Examples:
          escalate fields zendesk-tickets.json
          escalate fields export.csv --preset servicenow
          escalate fields issues.json --field text=fields.environment
        """)

    @Argument(help: "Input files; none or '-' reads stdin.", completion: .file())
    var files: [String] = []

    @Option(help: ArgumentHelp("Records to look at in each file.", valueName: "n"))
    var records = 100

    @OptionGroup var input: InputOptions

    func validate() throws {
        if records < 1 { throw ValidationError("--records must be at least 1") }
    }

    func run() throws {
        var unreadable = 0
        for path in files.isEmpty ? ["-"] : files {
            do {
                let source = try RecordSource(path: path, format: input.format, fields: input.choices)
                print(FieldReport(source: source, limit: records).text)
            } catch let error as DataFileError {
                Diagnostics.emit(error.description)
                unreadable += 1
            }
        }
        if unreadable > 0 { throw ExitCode(1) }
    }
}

/// What `escalate fields` found in one file.
struct FieldReport {
    var name: String
    var format: InputFormat
    var mapping: FieldMapping = .generic
    var keys: [String] = []
    var read = 0, failed = 0, noText = 0
    /// Per field, the sources that fed it and in how many records.
    var fed: [InputField: [String: Int]] = [:]
    var unread: [String: Int] = [:]
    var unreadOrder: [String] = []

    init(source: RecordSource, limit: Int) {
        (name, format) = (source.name, source.format)
        while read < limit, let pending = source.nextPending() {
            read += 1
            let record = pending.decode()
            if case .failure(let error) = record.result {
                failed += 1
                if error.isMissingText { noText += 1 }
            }
            mapping = source.mapping ?? mapping
            switch pending {
            case .json(_, _, let bytes, let mapping, _):
                guard case .object(let pairs)? = try? JSONParser.parse(bytes) else { continue }
                if keys.isEmpty { keys = FieldMapping.keysAndPaths(pairs) }
                let (fields, others) = mapping.sources(of: pairs)
                for (field, path) in fields { fed[field, default: [:]][path, default: 0] += 1 }
                for key in others { count(unread: key) }
            case .ready:
                guard let header = source.header else { continue }
                if keys.isEmpty { keys = header }
                for name in header {
                    if let field = source.mapping?.field(name) { fed[field, default: [:]][name, default: 0] += 1 } else { count(unread: name) }
                }
            }
        }
    }

    private mutating func count(unread key: String) {
        if unread[key] == nil { unreadOrder.append(key) }
        unread[key, default: 0] += 1
    }

    var text: String {
        var lines: [String] = []
        let helpdesk: String
        if let vendor = mapping.vendor {
            let why = vendor.signatureHits(normalizedKeys: FieldMapping.normalizedKeys(keys))
            helpdesk = mapping.forced ? "\(vendor.rawValue) (--preset)" : "\(vendor.rawValue) (recognized by \(why.joined(separator: ", ")))"
        } else {
            helpdesk = "none recognized (generic names)"
        }
        let shownFormat = format == .json || format == .jsonl ? "JSON" : format.rawValue.uppercased()
        lines.append("\(name): \(shownFormat), \(read) records looked at, helpdesk: \(helpdesk)")
        for field in InputField.allCases {
            let sources = (fed[field] ?? [:]).sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            let shown = sources.isEmpty ? "-" : sources.map { "\($0.key) (\($0.value)/\(read))" }.joined(separator: ", ")
            lines.append("  " + field.name.padding(toLength: 20, withPad: " ", startingAt: 0) + shown)
        }
        if !unreadOrder.isEmpty {
            lines.append("  not read (kept by score --keep-fields): " + unreadOrder.prefix(30).joined(separator: ", ") + (unreadOrder.count > 30 ? ", …" : ""))
        }
        if noText > 0 {
            lines.append("  \(noText) of \(read) records have no text: name the text field with --field text=KEY")
        } else if failed > 0 {
            lines.append("  \(failed) of \(read) records cannot be scored (see `escalate score`)")
        }
        return lines.joined(separator: "\n")
    }
}
