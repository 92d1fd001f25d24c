import EscalationCore

/// A labeled record kept for evaluation: its text (for cross-validation retraining), metadata
/// and the `--by` segment.
struct LabeledRecord {
    var ticket: Ticket
    var label: Bool
    var segment: String?
    /// `--by language`: the segment is the language scoring detects.
    var segmentByLanguage = false

    /// Scored by `escalator`, beside its label.
    func evaluated(by escalator: Escalator) -> EvaluatedTicket {
        let a = escalator.assess(ticket)
        return EvaluatedTicket(priority: a.priority, escalated: a.escalate, label: label, type: a.type,
                               segment: segmentByLanguage ? a.language : segment)
    }
}

/// Reads labeled records from files, reporting every record that cannot be used.
/// Records in = usable + reported (errors and unlabeled). A file that cannot be opened throws
/// (exit 65): unlike `score`, whose records stand alone, figures computed over part of the named
/// data would look complete.
struct LabeledInput {
    var records: [LabeledRecord] = []
    var failed = 0
    var unlabeled = 0

    init(paths: [String], options: InputOptions, by field: String?) throws {
        for path in paths {
            let source = try RecordSource(path: path, format: options.format, fields: options.choices)
            while let record = source.next() {
                switch record.result {
                case .failure(let error):
                    failed += 1
                    Diagnostics.error(record.source, record.line, error.message)
                case .success(let decoded):
                    do {
                        guard let label = try decoded.label() else {
                            unlabeled += 1
                            Diagnostics.warning(record.source, record.line, "no 'escalate' or 'label' field; not evaluated")
                            continue
                        }
                        let byLanguage = field == Self.detectedLanguage
                        records.append(LabeledRecord(ticket: decoded.ticket, label: label,
                                                     segment: byLanguage ? nil : field.flatMap { Self.segment($0, record, decoded.ticket) },
                                                     segmentByLanguage: byLanguage))
                    } catch {
                        failed += 1
                        Diagnostics.error(record.source, record.line, "\(error)")
                    }
                }
            }
        }
    }

    /// `--by language` groups by the language scoring detects (an input field of that name is not read).
    static let detectedLanguage = "language"

    /// The `--by` value: account_tier from metadata, otherwise any other input field.
    static func segment(_ field: String, _ record: InputRecord, _ ticket: Ticket) -> String? {
        if field == "account_tier" { return ticket.metadata.accountTier ?? "(none)" }
        switch record.extraFields.last(where: { $0.0 == field })?.1 {
        case .string(let s)?: return s
        case .number(let n)?: return JSONWriter.number(n)
        case .bool(let b)?: return String(b)
        default: return "(none)"
        }
    }

    var summary: String {
        "read \(records.count + failed + unlabeled), evaluated \(records.count), failed \(failed), unlabeled \(unlabeled)"
    }
}
