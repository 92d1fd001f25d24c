/// The input fields of one record as its decoder meets them (JSON members or CSV cells), then
/// checked and built into a `Ticket`. The one place that says what each kind of field does;
/// a repeated key's last value wins, as with `JSONValue[key]`.
struct RecordFields {
    private var id: JSONValue?
    /// The label, from the first field in table order that was given (`escalate` over `label`).
    private var label: (field: InputField, value: JSONValue)?
    private var parts = TextParts()
    private var metadata = MetadataFields()
    /// Fetched once a record, then read for each member.
    private let rows = InputField.rows

    /// Takes a member's value; `position` orders type warnings as the fields were given.
    @inline(__always) mutating func take(_ field: InputField, _ value: JSONValue, position: Int) {
        let row = rows[Int(field.rawValue)]
        switch row.kind {
        case .id: id = value
        case .label: if field.rawValue <= label?.field.rawValue ?? .max { label = (field, value) }
        case .text:
            switch value {
            case .null: parts.set(field, nil)
            case .string(let s): parts.set(field, Array(s.utf8))
            default: parts.set(field, nil); parts.wrongType.append((field, value.typeWithArticle))
            }
        case .category, .numeric: metadata.set(field, slot: row.numericSlot, value, position: position)
        }
    }

    /// A text field's string as UTF-8: the flat JSON path hands over the bytes it unescaped.
    mutating func takeText(_ field: InputField, utf8: [UInt8]) { parts.set(field, utf8) }

    /// The ticket, or why the record cannot be scored. `fallbackID` is used when there is no id.
    func build(fallbackID: String) throws -> TicketDecoder.Decoded {
        let id: String
        switch self.id {
        case nil, .null?: id = fallbackID
        case .string(let s)?: id = s
        case .number(let n)?: id = JSONWriter.number(n)
        case let other?: throw RecordError("'\(InputField.id.name)' is \(other.typeWithArticle), expected a string or number")
        }
        if let (field, type) = parts.wrongType.min(by: { $0.0.rawValue < $1.0.rawValue }) {
            throw RecordError("'\(field.name)' is \(type), expected a string")
        }
        var warnings = metadata.typeWarnings()
        let metadata = self.metadata.build(warnings: &warnings)
        return .init(ticket: Ticket(id: id, validUTF8: try parts.joined(), metadata: metadata), warnings: warnings, rawLabel: label?.value)
    }
}

/// The text fields of a record; a record may give `text`, or `subject` and/or `body`.
private struct TextParts {
    var text: [UInt8]?, subject: [UInt8]?, body: [UInt8]?
    /// Fields given with a type other than string, for the error message.
    var wrongType: [(InputField, String)] = []

    mutating func set(_ field: InputField, _ value: [UInt8]?) {
        // Checks before scanning: there is almost never anything to remove.
        if !wrongType.isEmpty { wrongType.removeAll { $0.0 == field } }
        switch field {
        case .subject: subject = value
        case .body: body = value
        default: text = value
        }
    }

    func joined() throws -> [UInt8] {
        if let text { return text }
        // Subject and body read as one text; the subject's words count like any others.
        switch (subject, body) {
        case let (s?, b?): return s + [0x0A] + b
        case let (s?, nil): return s
        case let (nil, b?): return b
        case (nil, nil): throw RecordError("missing 'text' (or 'subject'/'body')")
        }
    }
}

/// Metadata fields as given, by field (the last of repeated keys wins), and where each was.
private struct MetadataFields {
    var tier: MetadataValue?
    /// One per numeric field, by `InputField.numericSlot`, inline: no allocation per record.
    var numbers = InputField.NumericValues<MetadataValue?>(repeating: nil)
    /// Values of a type no metadata field takes, with their field position (for warnings in input order).
    var wrongTypes: [(position: Int, field: InputField, type: String)] = []

    /// `slot`: the field's `numericSlot`, -1 for `account_tier`.
    mutating func set(_ field: InputField, slot: Int, _ v: JSONValue, position: Int) {
        // The common case, no wrong types, skips the scan (this runs for every field of every record).
        if !wrongTypes.isEmpty { wrongTypes.removeAll { $0.field == field } }
        let value: MetadataValue?
        switch v {
        case .null: value = nil
        case .string(let s): value = .text(s)
        case .number(let n): value = .number(n)
        default: value = nil; wrongTypes.append((position, field, v.typeWithArticle))
        }
        if slot >= 0 { numbers[slot] = value } else { tier = value }
    }

    func typeWarnings() -> [String] {
        guard !wrongTypes.isEmpty else { return [] }
        return wrongTypes.sorted { $0.position < $1.position }.map { "'\($0.field.name)' is \($0.type); ignored" }
    }

    /// The metadata; values that are not numbers or lie outside their field's range are left
    /// out with a warning, in table order.
    func build(warnings: inout [String]) -> AccountMetadata {
        var metadata = AccountMetadata()
        if let tier = tier?.shown, !tier.isEmpty { metadata.accountTier = tier.lowercased() }
        let fields = InputField.numericFields, ranges = InputField.numericRanges
        for slot in fields.indices {
            guard let given = numbers[slot] else { continue }
            let field = fields[slot], range = ranges[slot]
            let number: Double?
            switch given {
            case .number(let n): number = n.isFinite ? n : nil
            case .text(let s):
                guard !s.isEmpty else { continue }
                number = TicketDecoder.lenientNumber(s)
            }
            guard let n = number else {
                warnings.append("'\(field.name)' value \"\(given.shown)\" is not a number; ignored")
                continue
            }
            guard range.contains(n) else {
                warnings.append("'\(field.name)' value \(given.shown) is outside \(JSONWriter.number(range.lowerBound))…\(JSONWriter.number(range.upperBound)); ignored")
                continue
            }
            metadata[slot: slot] = n
        }
        return metadata
    }
}

/// A metadata value as given: JSON numbers stay numbers (no round trip through text).
private enum MetadataValue {
    case number(Double), text(String)
    var shown: String {
        switch self {
        case .number(let n): return n.isFinite ? JSONWriter.number(n) : "inf"
        case .text(let s): return s
        }
    }
}
