/// Every input field the scorer reads, declared once: a case and its row in `spec`.
/// The decoders (flat JSON, general JSON, CSV/TSV header), the metadata storage, the
/// `score --help` text and the README table all come from these rows; a key no row names is an
/// extra field (`--keep-fields`). Adding a field: a case and its row; an alias: a string in
/// its row's `aliases`.
public enum InputField: UInt8, CaseIterable, Sendable {
    case id, text, subject, body, comments, requester, escalate, label, accountTier, declaredPriority, impact, urgency
    case arrUSD, slaHoursLeft, renewalDays, openTickets, priorEscalations, health, disputeAmountUSD

    /// The table. Numeric fields are stored, and their value warnings given, in this order.
    public var spec: Spec {
        switch self {
        case .id: Spec("id", .id, "the ticket's id (string or number); else the line number (line:column when records of a JSON document share a line)",
                       aliases: ["ticket_id", "ticket_number"])
        case .text: Spec("text", .text, "the ticket's text")
        case .subject: Spec("subject", .text, "read with `body` as the text when there is no `text`", aliases: ["title", "summary"])
        case .body: Spec("body", .text, "read after `subject` as the text when there is no `text`", aliases: ["description", "message"])
        case .comments: Spec("comments", .thread, "the conversation after the text: a string, or an array of strings or message objects (internal notes left out; agents' replies not scored but counted for thread features)", aliases: ["messages"])
        case .requester: Spec("requester", .requester, "who opened the ticket: a message object whose author id differs is an agent's", aliases: ["requester_id"])
        case .escalate: Spec("escalate", .label, "the label for `train`, `eval` and `tune` (true/false, yes/no, 1/0)")
        case .label: Spec("label", .label, "the label when there is no `escalate`")
        case .accountTier: Spec("account_tier", .category, "free, pro, business or enterprise")
        case .declaredPriority: Spec("declared_priority", .declaredLevel, "the helpdesk's own priority: urgent/high/normal/low, critical, highest…lowest, P1–P5, or the vendor's number", aliases: ["priority"])
        case .impact: Spec("impact", .declaredLevel, "ITIL impact (1 high … 3 low); with `urgency`, the declared priority when there is none")
        case .urgency: Spec("urgency", .declaredLevel, "ITIL urgency (1 high … 3 low); see `impact`")
        case .arrUSD: Spec("arr_usd", .numeric(0...1e13), "annual recurring revenue, USD")
        case .slaHoursLeft: Spec("sla_hours_left", .numeric(-1e6...1e6), "hours until the SLA breaches (≤ 0: breached)")
        case .renewalDays: Spec("renewal_days", .numeric(-1e5...1e5), "days until the contract renews")
        case .openTickets: Spec("open_tickets", .numeric(0...1e9), "the account's open tickets")
        case .priorEscalations: Spec("prior_escalations", .numeric(0...1e9), "the account's earlier escalations")
        case .health: Spec("health", .numeric(0...100), "account health score, 0–100")
        case .disputeAmountUSD: Spec("dispute_amount_usd", .numeric(0...1e13), "amount in dispute, USD")
        }
    }

    public struct Spec: Sendable {
        /// The key as written in input and in messages.
        public let name: String
        public let kind: Kind
        /// What the field means, for help texts.
        public let help: String
        /// Other keys read as this field (helpdesk exports name fields their own way).
        public let aliases: [String]

        init(_ name: String, _ kind: Kind, _ help: String, aliases: [String] = []) {
            (self.name, self.kind, self.help, self.aliases) = (name, kind, help, aliases)
        }

        /// Every key that names the field.
        public var keys: [String] { [name] + aliases }
    }

    public enum Kind: Sendable, Equatable {
        /// The ticket's id.
        case id
        /// Part of the text that is scored.
        case text
        /// Later messages of a conversation; the customer's are scored after the text.
        case thread
        /// Who opened the ticket, to tell the customer's messages from the agents'.
        case requester
        /// A priority the helpdesk or the customer set, in the vendor's words or numbers.
        case declaredLevel
        /// The escalate/calm label of training and evaluation data.
        case label
        /// A word from a small set (lower-cased), account metadata.
        case category
        /// A number in its allowed range, account metadata; a value outside it is ignored with a warning.
        case numeric(ClosedRange<Double>)
    }

    /// The field a key names when no helpdesk is recognized (`FieldMapping.generic`); nil for
    /// a key the scorer does not read.
    public init?(key: String) {
        guard let entry = FieldMapping.generic.table.entry(key) else { return nil }
        self = entry.field
    }

    public var name: String { spec.name }

    /// Storage for one value per numeric field, inline (no allocation per record); a test checks
    /// its count against the table.
    typealias NumericValues<Value> = InlineArray<7, Value>

    /// The numeric fields in table order; `AccountMetadata` stores their values by this position.
    public static let numericFields: [InputField] = allCases.filter { $0.range != nil }
    /// Their ranges, by the same position (read for every record's metadata).
    static let numericRanges: [ClosedRange<Double>] = numericFields.map { $0.range! }

    /// What decoding needs of each field, by raw value, taken from the table once: every
    /// member of every record is decoded, and building a `Spec` there would cost.
    struct Row: Sendable {
        let kind: Kind
        /// Position in `numericFields`; -1 for a field that is not numeric.
        let numericSlot: Int
    }

    static let rows: [Row] = allCases.map { Row(kind: $0.spec.kind, numericSlot: numericFields.firstIndex(of: $0) ?? -1) }

    /// The field's position in `numericFields`; nil for a field that is not numeric.
    @inline(__always) var numericSlot: Int? {
        let slot = Self.rows[Int(rawValue)].numericSlot
        return slot < 0 ? nil : slot
    }

    /// The allowed range of a numeric field.
    public var range: ClosedRange<Double>? {
        if case .numeric(let r) = spec.kind { return r }
        return nil
    }

    /// The README's table of input fields (a test checks the README holds exactly this).
    public static var markdownTable: String {
        let rows = allCases.map { field -> String in
            let spec = field.spec
            let keys = spec.keys.map { "`\($0)`" }.joined(separator: ", ")
            let kind: String
            switch spec.kind {
            case .id: kind = "id"
            case .text: kind = "text"
            case .thread: kind = "messages"
            case .requester: kind = "id"
            case .declaredLevel: kind = "priority"
            case .label: kind = "label"
            case .category: kind = "category"
            case .numeric(let r): kind = "number, \(JSONWriter.number(r.lowerBound))…\(JSONWriter.number(r.upperBound))"
            }
            return "| \(keys) | \(kind) | \(spec.help) |"
        }
        return (["| field | kind | meaning |", "|---|---|---|"] + rows).joined(separator: "\n")
    }

    /// Help lines for the fields `score` reads (labels are for `eval`/`tune`): `score --help` shows them.
    public static var scoreHelp: String {
        allCases.filter { $0.spec.kind != .label }.map { field in
            let name = field.spec.keys.joined(separator: ", ")
            return "  " + name.padding(toLength: max(20, name.count + 2), withPad: " ", startingAt: 0) + field.spec.help
        }.joined(separator: "\n")
    }

    /// Fields that feed `AccountMetadata`.
    public var isMetadata: Bool {
        switch spec.kind {
        case .category, .numeric: return true
        case .id, .text, .thread, .requester, .label, .declaredLevel: return false
        }
    }
}
