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
    public static func decode(_ value: JSONValue, fallbackID: String) throws -> Decoded {
        guard case .object(let pairs) = value else { throw RecordError("record is a JSON \(value.typeName), expected an object") }
        var fields = RecordFields()
        for (position, (key, v)) in pairs.enumerated() {
            if let field = InputField(key: key) { fields.take(field, v, position: position) }
        }
        return try fields.build(fallbackID: fallbackID)
    }

    /// `decode(JSONParser.parse(json), fallbackID:)`, with the record's other fields, for the
    /// usual record — one object of strings, numbers, booleans and nulls — without building a
    /// `JSONValue` tree (see `JSONParser.visitFlatObject`). Nil for any other record, and for
    /// one that cannot be scored: the general path then decodes it and says what is wrong.
    /// `json` must be valid UTF-8.
    public static func decodeFlat(_ json: [UInt8], fallbackID: String) -> (decoded: Decoded, otherFields: [(String, JSONValue)])? {
        var fields = RecordFields()
        var otherFields: [(String, JSONValue)] = []
        var position = 0
        let keyTable = InputField.keyTable
        let flat = JSONParser.visitFlatObject(json) { key, value in
            defer { position += 1 }
            switch (keyTable.field(key), value) {
            case (nil, _): otherFields.append((String(decoding: key, as: UTF8.self), value.json))
            case (.text?, .string(let s)): fields.takeText(.text, utf8: Array(s))
            case (let field?, _): fields.take(field, value.json, position: position)
            }
            return true
        }
        guard flat, let decoded = try? fields.build(fallbackID: fallbackID) else { return nil }
        return (decoded, otherFields)
    }

    /// A CSV/TSV row: the cells of the columns whose header names a field, in column order.
    /// Every value is text; an empty id counts as none.
    public static func decode(cells: [(InputField, String)], fallbackID: String) throws -> Decoded {
        var fields = RecordFields()
        for (position, (field, value)) in cells.enumerated() {
            fields.take(field, field == .id && value.isEmpty ? .null : .string(value), position: position)
        }
        return try fields.build(fallbackID: fallbackID)
    }

    /// Accepts "12000", "12,000", "$12,000.50", " 3 "; rejects NaN, infinities and words.
    public static func lenientNumber(_ s: String) -> Double? {
        // Fast path for plain numbers ("12000", "-3.5e2"); Double(_:) alone would also take
        // "nan", "inf" and hex floats, hence the byte check.
        if !s.isEmpty, s.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 | 0x20 == 0x65 }) {
            if let n = Double(s), n.isFinite { return n }
        }
        var t = Substring(s)
        while let f = t.first, f == " " || f == "\t" { t = t.dropFirst() }
        while let l = t.last, l == " " || l == "\t" { t = t.dropLast() }
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
