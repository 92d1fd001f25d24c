/// The input fields of one record as its decoder meets them (JSON members or CSV cells), then
/// checked and built into a `Ticket`. The one place that says what each kind of field does.
/// When several sources feed one field, the best-ranked wins (see `FieldMapping`); among
/// equals, the last, as with `JSONValue[key]`.
struct RecordFields {
    private var id: Ranked<JSONValue>?
    /// Who opened the ticket, to tell their messages from the agents' where the export names authors.
    private var requester: String?
    /// The label, from the first field in table order that was given (`escalate` over `label`).
    private var label: (field: InputField, value: JSONValue)?
    private var parts = TextParts()
    private var metadata = MetadataFields()
    /// Fetched once a record, then read for each member.
    private let rows = InputField.rows

    /// Takes a member's value; `position` orders type warnings as the fields were given, and
    /// `source` is the key as written, for messages.
    @inline(__always) mutating func take(_ entry: FieldKeyTable.Entry, _ value: JSONValue, position: Int,
                                         source: @autoclosure () -> String) {
        let field = entry.field
        switch rows[Int(field.rawValue)].kind {
        case .id: if entry.rank <= id?.rank ?? .max { id = Ranked(rank: entry.rank, value: value) }
        case .requester: requester = ThreadMessages.authorID(value) ?? requester
        case .label: if field.rawValue <= label?.field.rawValue ?? .max { label = (field, value) }
        case .text:
            switch value {
            case .null: parts.set(field, rank: entry.rank, nil)
            case .string(let s): parts.set(field, rank: entry.rank, Array(s.utf8))
            case .object where DocumentText.isDocument(value): parts.set(field, rank: entry.rank, Array(DocumentText.text(of: value).utf8))
            default: parts.setWrongType(field, rank: entry.rank, "'\(source())' is \(value.typeWithArticle), expected a string")
            }
        case .thread: parts.addMessages(value, source: source)
        case .declaredLevel: metadata.setDeclared(field, rank: entry.rank, value, source: source)
        case .category, .numeric: metadata.set(field, slot: rows[Int(field.rawValue)].numericSlot, value, position: position)
        }
    }

    /// A text field's string as UTF-8: the flat JSON path hands over the bytes it unescaped.
    mutating func takeText(_ entry: FieldKeyTable.Entry, utf8: [UInt8]) { parts.set(entry.field, rank: entry.rank, utf8) }

    /// The ticket, or why the record cannot be scored. `fallbackID` is used when there is no id;
    /// `keys` lists the record's keys for the message when it has no text.
    /// Cleans the text in place (`Hygiene`), so a record is built once.
    mutating func build(fallbackID: @autoclosure () -> String, numericPriority: NumericPriority, keys: () -> [(name: String, textLength: Int)]) throws -> TicketDecoder.Decoded {
        let id: String
        switch self.id?.value {
        case nil, .null?: id = fallbackID()
        case .string(let s)?: id = s.isEmpty ? fallbackID() : s
        case .number(let n)?: id = JSONWriter.number(n)
        case let other?: throw RecordError("'\(InputField.id.name)' is \(other.typeWithArticle), expected a string or number")
        }
        if let message = parts.wrongType { throw RecordError(message) }
        var warnings = metadata.typeWarnings() + parts.warnings
        var metadata = self.metadata.build(warnings: &warnings)
        metadata.declared = self.metadata.declared(numericPriority, warnings: &warnings)
        let stripped = parts.clean()
        guard let text = parts.joined(requester: requester) else { throw RecordError(Self.missingText(keys()), isMissingText: true) }
        var ticket = Ticket(id: id, validUTF8: text, metadata: metadata)
        ticket.thread = parts.thread(requester: requester)
        ticket.stripped = stripped
        return .init(ticket: ticket, warnings: warnings, rawLabel: label?.value)
    }

    /// Names the record's keys, and suggests the one with the longest text.
    static func missingText(_ keys: [(name: String, textLength: Int)]) -> String {
        let shown = keys.prefix(12).map { "'\($0.name)'" }.joined(separator: ", ") + (keys.count > 12 ? ", …" : "")
        let longest = keys.filter { $0.textLength > 0 }.max { $0.textLength < $1.textLength }?.name
        let hint = longest.map { " (e.g. --field text=\($0.contains(" ") ? "'\($0)'" : $0))" } ?? ""
        return "no text: none of the record's fields is read as text; it has \(keys.isEmpty ? "no fields" : shown). "
            + "Name the text field with --field text=KEY\(hint), or see `escalate fields FILE`"
    }
}

struct Ranked<Value> {
    var rank: UInt8
    var value: Value
}

/// The text fields of a record: `text`, or `subject` and/or `body`, then the customer's messages.
private struct TextParts {
    /// A text field as given: its bytes, null, or why it cannot be read.
    enum Given { case utf8([UInt8]), null, wrongType(String) }

    var text: Ranked<Given>?, subject: Ranked<Given>?, body: Ranked<Given>?
    var messages: [ThreadMessage] = []
    var warnings: [String] = []

    @inline(__always) mutating func set(_ field: InputField, rank: UInt8, _ value: [UInt8]?) {
        set(field, rank: rank, value.map(Given.utf8) ?? .null)
    }

    mutating func setWrongType(_ field: InputField, rank: UInt8, _ message: String) {
        set(field, rank: rank, .wrongType(message))
    }

    @inline(__always) private mutating func set(_ field: InputField, rank: UInt8, _ given: Given) {
        switch field {
        case .subject: Self.keep(&subject, rank, given)
        case .body: Self.keep(&body, rank, given)
        default: Self.keep(&text, rank, given)
        }
    }

    @inline(__always) private static func keep(_ slot: inout Ranked<Given>?, _ rank: UInt8, _ given: Given) {
        if rank <= slot?.rank ?? .max { slot = Ranked(rank: rank, value: given) }
    }

    /// The customer's own words of the text and of each message (`Hygiene`): HTML, quoted
    /// history, signatures and notices removed. The subject is a line of its own words.
    mutating func clean() -> HygieneReport {
        var report = HygieneReport()
        func cleaned(_ slot: inout Ranked<Given>?) {
            guard case .utf8(let bytes)? = slot?.value else { return }
            let (utf8, removed) = Hygiene.clean(bytes)
            guard !removed.isEmpty else { return }
            slot?.value = .utf8(utf8)
            report = report + removed
        }
        cleaned(&text)
        cleaned(&body)
        for k in messages.indices {
            let (utf8, removed) = Hygiene.clean(messages[k].utf8)
            if !removed.isEmpty { (messages[k].utf8, report) = (utf8, report + removed) }
        }
        return report
    }

    /// The first text field, in table order, whose chosen source has the wrong type.
    var wrongType: String? {
        if case .wrongType(let message)? = text?.value { return message }
        if case .wrongType(let message)? = subject?.value { return message }
        if case .wrongType(let message)? = body?.value { return message }
        return nil
    }

    mutating func addMessages(_ value: JSONValue, source: () -> String) {
        var thread = ThreadMessages()
        thread.add(value)
        messages += thread.messages
        if thread.dropped > 0 {
            warnings.append("'\(source())' has more than \(ThreadMessages.maxMessages) messages; only the first \(ThreadMessages.maxMessages) were read")
        }
        if let type = thread.unreadableType {
            warnings.append("'\(source())' holds \(type); ignored")
        }
    }

    private static func bytes(_ slot: Ranked<Given>?) -> [UInt8]? {
        if case .utf8(let b)? = slot?.value { return b }
        return nil
    }

    /// The opening text: `text`, else subject and body.
    private var opening: [UInt8]? {
        if let text = Self.bytes(text) { return text }
        // Subject and body read as one text; the subject's words count like any others.
        switch (Self.bytes(subject), Self.bytes(body)) {
        case let (s?, b?): return s + [0x0A] + b
        case let (s?, nil): return s
        case let (nil, b?): return b
        case (nil, nil): return nil
        }
    }

    /// The thread's messages other than one repeating the opening (Zendesk's first comment is
    /// the description), roles settled by author where the export names the requester.
    private func conversation(requester: String?) -> [ThreadMessage] {
        let body = Self.bytes(body), text = Self.bytes(text)
        return messages.compactMap { message in
            guard !message.utf8.isEmpty, message.utf8 != body, message.utf8 != text else { return nil }
            var message = message
            if message.role == .unknown, let requester, let author = message.author {
                message.role = author == requester ? .customer : .agent
            }
            return message
        }
    }

    /// What is scored: the opening, then the customer's messages (agents' replies left out).
    func joined(requester: String?) -> [UInt8]? {
        let base = opening
        guard !messages.isEmpty else { return base }
        var all = base ?? []
        for message in conversation(requester: requester) where message.role != .agent {
            if !all.isEmpty { all += [0x0A, 0x0A] }
            all += message.utf8
        }
        return all.isEmpty && base == nil ? nil : all
    }

    /// The conversation, opening first, when the record has one.
    func thread(requester: String?) -> [ThreadMessage]? {
        guard !messages.isEmpty else { return nil }
        let rest = conversation(requester: requester)
        guard !rest.isEmpty else { return nil }
        // The opening message without the subject, whose few words would colour its tone.
        let first = Self.bytes(text) ?? Self.bytes(body) ?? Self.bytes(subject)
        return (first.map { [ThreadMessage(role: .customer, utf8: $0)] } ?? []) + rest
    }
}

/// Metadata fields as given, by field (the last of repeated keys wins), and where each was.
private struct MetadataFields {
    var tier: MetadataValue?
    /// One per numeric field, by `InputField.numericSlot`, inline: no allocation per record.
    var numbers = InputField.NumericValues<MetadataValue?>(repeating: nil)
    /// Values of a type no metadata field takes, with their field position (for warnings in input order).
    var wrongTypes: [(position: Int, field: InputField, type: String)] = []
    /// The helpdesk's priority, impact and urgency as given, with the key each came from.
    var priority: Ranked<(JSONValue, String)>?, impact: (JSONValue, String)?, urgency: (JSONValue, String)?

    mutating func setDeclared(_ field: InputField, rank: UInt8, _ value: JSONValue, source: () -> String) {
        switch field {
        case .impact: impact = (value, source())
        case .urgency: urgency = (value, source())
        default: if rank <= priority?.rank ?? .max { priority = Ranked(rank: rank, value: (value, source())) }
        }
    }

    /// The declared priority, from the priority field, else from impact and urgency; a value
    /// that cannot be read is left out with a warning.
    func declared(_ numeric: NumericPriority, warnings: inout [String]) -> DeclaredPriority? {
        if let (value, source) = priority?.value, value != .null {
            switch DeclaredPriority.read(value, numeric: numeric) {
            case .success(let declared): return declared
            case .failure(let why): warnings.append("'\(source)' value \(JSONWriter.encode(value)) \(why.message); ignored")
            }
        }
        guard let (i, iSource) = impact, let (u, uSource) = urgency, i != .null, u != .null else { return nil }
        switch DeclaredPriority.read(impact: i, urgency: u) {
        case .success(let declared): return declared
        case .failure(let why): warnings.append("'\(iSource)'/'\(uSource)' values \(JSONWriter.encode(i))/\(JSONWriter.encode(u)) \(why.message); ignored")
        }
        return nil
    }

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
        if let tier = tier?.shown, !tier.isEmpty {
            // Tiers usually come lower-case, and `lowercased()` builds a new string every time.
            // (Bytes through `withUTF8`: `utf8.contains` walks a small string slower than `lowercased()`.)
            var tier = tier
            let lower = tier.withUTF8 { !$0.contains { $0 &- UInt8(ascii: "A") < 26 || $0 >= 0x80 } }
            metadata.accountTier = lower ? tier : tier.lowercased()
        }
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
