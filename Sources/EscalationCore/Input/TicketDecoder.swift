/// Turns one input record (a JSON object or a CSV row) into a `Ticket`.
/// Fatal problems throw `RecordError`; metadata that cannot be read is ignored with a warning.
public enum TicketDecoder {
    public struct Decoded: Sendable {
        public var ticket: Ticket
        public var warnings: [String]
        /// `escalate` or `label` as given; read with `label()` only where labels matter.
        public var rawLabel: JSONValue?

        public init(ticket: Ticket, warnings: [String] = [], rawLabel: JSONValue? = nil) {
            self.ticket = ticket
            self.warnings = warnings
            self.rawLabel = rawLabel
        }

        /// The label of training/evaluation input; nil when absent.
        public func label() throws -> Bool? { try TicketDecoder.label(rawLabel) }
    }

    /// `fallbackID` (usually the line number) is used when the record has no id.
    public static func decode(_ value: JSONValue, mapping: FieldMapping = .generic, fallbackID: String) throws -> Decoded {
        try decode(value, mapping: mapping, fallbackID: fallbackID, unread: { _ in })
    }

    /// `decode`, handing the record's top-level members that feed no field to `unread`.
    public static func decode(_ value: JSONValue, mapping: FieldMapping, fallbackID: String,
                              unread: ((String, JSONValue)) -> Void) throws -> Decoded {
        guard case .object(let pairs) = value else { throw RecordError("record is a JSON \(value.typeName), expected an object") }
        var fields = RecordFields()
        var position = 0
        mapping.walk(pairs, { entry, path, v in
            fields.take(entry, v, position: position, source: path)
            position += 1
        }, unread: unread)
        return try fields.build(fallbackID: fallbackID, numericPriority: mapping.numericPriority, keys: {
            pairs.map { key, value in
                if case .string(let s) = value { return (key, s.utf8.count) }
                return (key, 0)
            }
        })
    }

    /// `decode(JSONParser.parse(json), fallbackID:)`, with the record's other fields, for the
    /// usual record — one object of strings, numbers, booleans and nulls — without building a
    /// `JSONValue` tree (see `JSONParser.visitFlatObject`). Nil for any other record, and for
    /// one that cannot be scored: the general path then decodes it and says what is wrong.
    /// `json` must be valid UTF-8. `fallbackID` is made only for a record without an id.
    public static func decodeFlat(_ json: [UInt8], mapping: FieldMapping = .generic, fallbackID: @autoclosure () -> String) -> (decoded: Decoded, otherFields: [(String, JSONValue)])? {
        var fields = RecordFields()
        var otherFields: [(String, JSONValue)] = []
        var position = 0
        let keyTable = mapping.table
        let flat = JSONParser.visitFlatObject(json) { key, value in
            defer { position += 1 }
            guard let entry = keyTable.entry(key) else {
                otherFields.append((String(decoding: key, as: UTF8.self), value.json))
                return true
            }
            switch (value, InputField.rows[Int(entry.field.rawValue)].kind) {
            case (.string(let s), .text): fields.takeText(entry, utf8: Array(s))
            case (.unescaped(let s), .text): fields.takeText(entry, utf8: s)
            case (_, .declaredLevel):
                // Also kept as given (`--keep-fields`): the output shows only the 0…1 level.
                let name = String(decoding: key, as: UTF8.self)
                fields.take(entry, value.json, position: position, source: name)
                otherFields.append((name, value.json))
            default: fields.take(entry, value.json, position: position, source: String(decoding: key, as: UTF8.self))
            }
            return true
        }
        // A record with no text is decoded again by the general path, whose message lists its keys.
        guard flat, let decoded = try? fields.build(fallbackID: fallbackID(), numericPriority: mapping.numericPriority, keys: { [] }) else { return nil }
        return (decoded, otherFields)
    }

    /// A CSV/TSV row: the cells of the columns whose header names a field (with the header
    /// name), in column order. Every value is text; an empty id or priority counts as none.
    public static func decode(cells: [(column: HeaderColumn, value: String)], mapping: FieldMapping = .generic,
                              header: [(name: String, textLength: Int)] = [], fallbackID: String) throws -> Decoded {
        var fields = RecordFields()
        for (position, (column, value)) in cells.enumerated() {
            let empty = value.isEmpty && column.entry.field.spec.kind != .text
            fields.take(column.entry, empty ? .null : .string(value), position: position, source: column.name)
        }
        return try fields.build(fallbackID: fallbackID, numericPriority: mapping.numericPriority, keys: { header })
    }

    /// A CSV/TSV header column that names a field.
    public struct HeaderColumn: Sendable {
        public var name: String
        var entry: FieldKeyTable.Entry
        /// The column named `name`, when the mapping reads it.
        public init?(name: String, mapping: FieldMapping) {
            guard let entry = mapping.entry(name) else { return nil }
            (self.name, self.entry) = (name, entry)
        }
        public var field: InputField { entry.field }
    }

    /// Accepts "12000", "12,000", "$12,000.50", " 3 "; rejects NaN, infinities and words.
    public static func lenientNumber(_ s: String) -> Double? {
        // Fast path for plain numbers ("12000", "-3.5e2"); Double(_:) alone would also take
        // "nan", "inf" and hex floats, hence the byte check.
        if !s.isEmpty, s.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 | 0x20 == 0x65 }) {
            if let n = Double(s), n.isFinite { return n }
        }
        var t = s.trimmingSpaces
        if t.hasPrefix("$") { t = t.dropFirst() }
        let cleaned = t.filter { $0 != "," && $0 != "_" }
        guard !cleaned.isEmpty, cleaned.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              let n = Double(cleaned), n.isFinite else { return nil }
        return n
    }

    private static func label(_ value: JSONValue?) throws -> Bool? {
        switch value {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        case .number(let n)? where n == 0 || n == 1: return n == 1
        case .string(let s)?:
            switch s.lowercased() {
            case "", "na", "n/a": return nil
            case "true", "1", "yes", "escalate", "escalated": return true
            case "false", "0", "no", "calm", "not_escalated": return false
            default: throw RecordError("label \"\(s)\" is not true/false")
            }
        case let other?: throw RecordError("label is \(other.typeWithArticle) (\(JSONWriter.encode(other))), expected true/false")
        }
    }
}
