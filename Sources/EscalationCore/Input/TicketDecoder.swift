/// Turns one input record (a JSON object or a CSV row) into a `Ticket`.
/// Fatal problems throw `RecordError`; metadata that cannot be read is ignored with a warning.
public enum TicketDecoder {
    public static let textFields = ["text", "subject", "body"]

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
        var textValues: [(String, JSONValue)] = []
        var metadataValues: [(String, JSONValue)] = []
        for (key, v) in pairs {
            switch key {
            case "id": idValue = v
            case "escalate": escalateValue = v
            case "label": labelValue = v
            case "text", "subject", "body": textValues.append((key, v))
            default: if AccountMetadata.isField(key) { metadataValues.append((key, v)) }
            }
        }
        let id: String
        switch idValue {
        case nil, .null?: id = fallbackID
        case .string(let s)?: id = s
        case .number(let n)?: id = JSONWriter.number(n)
        case let other?: throw RecordError("'id' is \(other.typeWithArticle), expected a string or number")
        }
        var parts: [String: String] = [:]
        for field in textFields {
            switch textValues.last(where: { $0.0 == field })?.1 {
            case nil, .null?: continue
            case .string(let s)?: parts[field] = s
            case let other?: throw RecordError("'\(field)' is \(other.typeWithArticle), expected a string")
            }
        }
        var raw: [String: String] = [:]
        var warnings: [String] = []
        for (k, (field, v)) in metadataValues.enumerated()
        where !metadataValues[(k + 1)...].contains(where: { $0.0 == field }) {
            switch v {
            case .null: continue
            case .string(let s): raw[field] = s
            case .number(let n): raw[field] = n.isFinite ? JSONWriter.number(n) : "inf"
            default: warnings.append("'\(field)' is \(v.typeWithArticle); ignored")
            }
        }
        return try build(id: id, parts: parts, metadata: raw, label: escalateValue ?? labelValue, warnings: warnings)
    }

    /// A CSV/TSV row by header name; every value is text.
    public static func decode(fields: [String: String], fallbackID: String) throws -> Decoded {
        let id = fields["id"].flatMap { $0.isEmpty ? nil : $0 } ?? fallbackID
        let parts = fields.filter { textFields.contains($0.key) }
        let label = (fields["escalate"] ?? fields["label"]).map { JSONValue.string($0) }
        return try build(id: id, parts: parts, metadata: fields.filter { AccountMetadata.isField($0.key) },
                         label: label, warnings: [])
    }

    private static func build(id: String, parts: [String: String], metadata raw: [String: String],
                              label rawLabel: JSONValue?, warnings: [String]) throws -> Decoded {
        let text: String
        if let t = parts["text"] {
            text = t
        } else if parts["subject"] != nil || parts["body"] != nil {
            // Subject and body read as one text; the subject's words count like any others.
            text = [parts["subject"], parts["body"]].compactMap { $0 }.joined(separator: "\n")
        } else {
            throw RecordError("missing 'text' (or 'subject'/'body')")
        }
        var warnings = warnings
        var metadata = AccountMetadata()
        if let tier = raw["account_tier"], !tier.isEmpty { metadata.accountTier = tier.lowercased() }
        for k in 0..<AccountMetadata.numericFieldCount {
            let (name, range) = AccountMetadata.numericField(k)
            guard let s = raw[name], !s.isEmpty else { continue }
            guard let n = lenientNumber(s) else {
                warnings.append("'\(name)' value \"\(s)\" is not a number; ignored")
                continue
            }
            guard range.contains(n) else {
                warnings.append("'\(name)' value \(s) is outside \(JSONWriter.number(range.lowerBound))…\(JSONWriter.number(range.upperBound)); ignored")
                continue
            }
            metadata.setNumeric(k, n)
        }
        return Decoded(ticket: Ticket(id: id, text: text, metadata: metadata), warnings: warnings, rawLabel: rawLabel)
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
