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
        // One pass over the fields; a repeated key's last value wins, as with `JSONValue[key]`.
        var idValue: JSONValue?, escalateValue: JSONValue?, labelValue: JSONValue?
        var parts = TextParts()
        var metadata = MetadataFields()
        for (position, (key, v)) in pairs.enumerated() {
            let field = InputField(key)
            switch field {
            case .id: idValue = v
            case .escalate: escalateValue = v
            case .label: labelValue = v
            case .text, .subject, .body:
                switch v {
                case .null: parts.set(field, nil)
                case .string(let s): parts.set(field, s)
                default: parts.set(field, nil); parts.wrongType[key] = v.typeWithArticle
                }
            case .accountTier, .numeric: metadata.set(field, v, position: position)
            case .other: break
            }
        }
        let id: String
        switch idValue {
        case nil, .null?: id = fallbackID
        case .string(let s)?: id = s
        case .number(let n)?: id = JSONWriter.number(n)
        case let other?: throw RecordError("'id' is \(other.typeWithArticle), expected a string or number")
        }
        if !parts.wrongType.isEmpty, let (field, type) = ["text", "subject", "body"].lazy.compactMap({ f in parts.wrongType[f].map { (f, $0) } }).first {
            throw RecordError("'\(field)' is \(type), expected a string")
        }
        return try build(id: id, parts: parts, metadata: metadata, label: escalateValue ?? labelValue, warnings: metadata.typeWarnings())
    }

    /// `decode(JSONParser.parse(json), fallbackID:)`, with the record's other fields, for the
    /// usual record — one object of strings, numbers, booleans and nulls — without building a
    /// `JSONValue` tree (see `JSONParser.visitFlatObject`). Nil for any other record, and for
    /// one whose text fields or id have a wrong type or that has no text: the general path then
    /// decodes it and says what is wrong. `json` must be valid UTF-8.
    public static func decodeFlat(_ json: [UInt8], fallbackID: String) -> (decoded: Decoded, otherFields: [(String, JSONValue)])? {
        var id: String?, escalateValue: JSONValue?, labelValue: JSONValue?
        var parts = TextParts()
        var metadata = MetadataFields()
        var otherFields: [(String, JSONValue)] = []
        var position = 0
        let flat = JSONParser.visitFlatObject(json) { field, key, value in
            defer { position += 1 }
            switch field {
            case .id:
                switch value {
                case .null: id = nil
                case .string(let s): id = String(decoding: s, as: UTF8.self)
                case .number(let n): id = JSONWriter.number(n)
                case .bool: return false
                }
            case .escalate: escalateValue = value.json
            case .label: labelValue = value.json
            case .text, .subject, .body:
                switch value {
                case .null: parts.set(field, nil)
                case .string(let s) where field == .text: parts.text = Array(s)
                case .string(let s): parts.set(field, String(decoding: s, as: UTF8.self))
                default: return false
                }
            case .accountTier, .numeric: metadata.set(field, value.json, position: position)
            case .other: otherFields.append((String(decoding: key, as: UTF8.self), value.json))
            }
            return true
        }
        guard flat, let decoded = try? build(id: id ?? fallbackID, parts: parts, metadata: metadata,
                                             label: escalateValue ?? labelValue, warnings: metadata.typeWarnings()) else { return nil }
        return (decoded, otherFields)
    }

    /// A CSV/TSV row by header name; every value is text.
    public static func decode(fields: [String: String], fallbackID: String) throws -> Decoded {
        let id = fields["id"].flatMap { $0.isEmpty ? nil : $0 } ?? fallbackID
        var parts = TextParts()
        var metadata = MetadataFields()
        for (key, value) in fields {
            let field = InputField(key)
            switch field {
            case .text, .subject, .body: parts.set(field, value)
            case .accountTier, .numeric: metadata.set(field, .string(value), position: 0)
            default: break
            }
        }
        let label = (fields["escalate"] ?? fields["label"]).map { JSONValue.string($0) }
        return try build(id: id, parts: parts, metadata: metadata, label: label, warnings: [])
    }

    /// Metadata fields as given, by field (the last of repeated keys wins), and where each was.
    private struct MetadataFields {
        var tier: MetadataValue?
        /// One per numeric field (`AccountMetadata.numericFieldCount`), inline: no allocation per record.
        var numbers = InlineArray<7, MetadataValue?>(repeating: nil)
        /// Values of a type no metadata field takes, with their field position (for warnings in input order).
        var wrongTypes: [(position: Int, key: String, type: String)] = []

        mutating func set(_ field: InputField, _ v: JSONValue, position: Int) {
            let key: String
            switch field {
            case .accountTier: key = "account_tier"
            case .numeric(let k): key = AccountMetadata.numericField(k).name
            default: return
            }
            // The common case, no wrong types, skips the scan (this runs for every field of every record).
            if !wrongTypes.isEmpty { wrongTypes.removeAll { $0.key == key } }
            let value: MetadataValue?
            switch v {
            case .null: value = nil
            case .string(let s): value = .text(s)
            case .number(let n): value = .number(n)
            default: value = nil; wrongTypes.append((position, key, v.typeWithArticle))
            }
            if case .numeric(let k) = field { numbers[k] = value } else { tier = value }
        }

        func typeWarnings() -> [String] {
            guard !wrongTypes.isEmpty else { return [] }
            return wrongTypes.sorted { $0.position < $1.position }.map { "'\($0.key)' is \($0.type); ignored" }
        }
    }

    /// The text fields of a record; a record may give `text`, or `subject` and/or `body`.
    private struct TextParts {
        /// As UTF-8: the flat JSON path hands over the bytes it unescaped.
        var text: [UInt8]?
        var subject: String?, body: String?
        /// Fields given with a type other than string, for the error message.
        var wrongType: [String: String] = [:]

        mutating func set(_ field: InputField, _ value: String?) {
            switch field {
            case .text: text = value.map { Array($0.utf8) }; clearWrongType("text")
            case .subject: subject = value; clearWrongType("subject")
            case .body: body = value; clearWrongType("body")
            default: break
            }
        }

        /// Hashes the key only when there is something to remove (almost never).
        private mutating func clearWrongType(_ key: String) { if !wrongType.isEmpty { wrongType[key] = nil } }
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

    private static func build(id: String, parts: TextParts, metadata raw: MetadataFields,
                              label rawLabel: JSONValue?, warnings: [String]) throws -> Decoded {
        let text: [UInt8]
        if let t = parts.text {
            text = t
        } else if parts.subject != nil || parts.body != nil {
            // Subject and body read as one text; the subject's words count like any others.
            text = Array([parts.subject, parts.body].compactMap { $0 }.joined(separator: "\n").utf8)
        } else {
            throw RecordError("missing 'text' (or 'subject'/'body')")
        }
        var warnings = warnings
        var metadata = AccountMetadata()
        if let tier = raw.tier?.shown, !tier.isEmpty { metadata.accountTier = tier.lowercased() }
        for k in 0..<AccountMetadata.numericFieldCount {
            let (name, range) = AccountMetadata.numericField(k)
            guard let given = raw.numbers[k] else { continue }
            let number: Double?
            switch given {
            case .number(let n): number = n.isFinite ? n : nil
            case .text(let s):
                guard !s.isEmpty else { continue }
                number = lenientNumber(s)
            }
            guard let n = number else {
                warnings.append("'\(name)' value \"\(given.shown)\" is not a number; ignored")
                continue
            }
            guard range.contains(n) else {
                warnings.append("'\(name)' value \(given.shown) is outside \(JSONWriter.number(range.lowerBound))…\(JSONWriter.number(range.upperBound)); ignored")
                continue
            }
            metadata.setNumeric(k, n)
        }
        return Decoded(ticket: Ticket(id: id, validUTF8: text, metadata: metadata), warnings: warnings, rawLabel: rawLabel)
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
