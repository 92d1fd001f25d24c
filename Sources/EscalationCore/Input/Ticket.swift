/// Account metadata that feeds the priority. Every field is optional: missing is neutral.
public struct AccountMetadata: Sendable, Equatable {
    public var accountTier: String?
    /// The priority the helpdesk gave the ticket, when the record has one.
    public var declared: DeclaredPriority?
    /// Numeric fields' values by their position in `InputField.numericFields` (a test ties the
    /// count to the table), inline: no allocation per record.
    private var numbers = InputField.NumericValues<Double?>(repeating: nil)

    public init() {}

    /// A numeric field's value; nil when missing (and for a field that is not numeric).
    public subscript(field: InputField) -> Double? {
        get { field.numericSlot.flatMap { numbers[$0] } }
        set { if let slot = field.numericSlot { numbers[slot] = newValue } }
    }

    /// The value of the numeric field at `slot` in `InputField.numericFields`.
    subscript(slot slot: Int) -> Double? {
        get { numbers[slot] }
        set { numbers[slot] = newValue }
    }

    public var arrUSD: Double? { get { self[.arrUSD] } set { self[.arrUSD] = newValue } }
    public var slaHoursLeft: Double? { get { self[.slaHoursLeft] } set { self[.slaHoursLeft] = newValue } }
    public var renewalDays: Double? { get { self[.renewalDays] } set { self[.renewalDays] = newValue } }
    public var openTickets: Double? { get { self[.openTickets] } set { self[.openTickets] = newValue } }
    public var priorEscalations: Double? { get { self[.priorEscalations] } set { self[.priorEscalations] = newValue } }
    public var health: Double? { get { self[.health] } set { self[.health] = newValue } }
    public var disputeAmountUSD: Double? { get { self[.disputeAmountUSD] } set { self[.disputeAmountUSD] = newValue } }

    public static func == (a: AccountMetadata, b: AccountMetadata) -> Bool {
        a.accountTier == b.accountTier && a.declared == b.declared && a.numbers.indices.allSatisfy { a.numbers[$0] == b.numbers[$0] }
    }
}

public struct Ticket: Sendable, Equatable {
    public var id: String
    /// The text as UTF-8, always valid: the JSON decoder hands over the bytes it unescaped and
    /// the normalizer reads bytes, so most tickets never hold their text as a `String`.
    public private(set) var utf8: [UInt8]
    public var metadata: AccountMetadata
    /// The conversation, opening text first, when the record carries one; nil for a single text.
    public var thread: [ThreadMessage]?
    /// What hygiene removed from the text as given (HTML, quoted history, signatures, notices).
    public var stripped = HygieneReport()

    public var text: String {
        get { String(decoding: utf8, as: UTF8.self) }
        set { utf8 = Array(newValue.utf8) }
    }

    public init(id: String, text: String, metadata: AccountMetadata = AccountMetadata()) {
        self.init(id: id, validUTF8: Array(text.utf8), metadata: metadata)
    }

    /// A ticket of one text as it arrived (plain-text input, `explain`): its own words, with
    /// what hygiene removed.
    public static func cleaned(id: String, text: String) -> Ticket {
        let (utf8, removed) = Hygiene.clean(Array(text.utf8))
        var ticket = Ticket(id: id, validUTF8: utf8, metadata: AccountMetadata())
        ticket.stripped = removed
        return ticket
    }

    /// `validUTF8` must be valid UTF-8 (decoders repair input before they unescape it).
    init(id: String, validUTF8: [UInt8], metadata: AccountMetadata) {
        self.id = id
        self.utf8 = validUTF8
        self.metadata = metadata
    }
}

/// A record that cannot be scored; becomes an `error` output record and a FILE:LINE message.
public struct RecordError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The record has no field read as text (counted apart: usually a field-name problem).
    public var isMissingText = false
    public init(_ message: String, isMissingText: Bool = false) { (self.message, self.isMissingText) = (message, isMissingText) }
    public var description: String { message }
}
