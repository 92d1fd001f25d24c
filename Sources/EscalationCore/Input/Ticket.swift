import Foundation

/// Account metadata that feeds the priority. Every field is optional: missing is neutral.
public struct AccountMetadata: Sendable, Equatable {
    public var accountTier: String?
    public var arrUSD: Double?
    public var slaHoursLeft: Double?
    public var renewalDays: Double?
    public var openTickets: Double?
    public var priorEscalations: Double?
    public var health: Double?
    public var disputeAmountUSD: Double?

    public init() {}

    /// Numeric input fields, in the order warnings are given, with their allowed ranges.
    /// Switches rather than a shared table of key paths: every record is decoded through these,
    /// on every scoring thread.
    static let numericFieldCount = 7  // `TicketDecoder` keeps this many values inline

    static func numericField(_ k: Int) -> (name: String, range: ClosedRange<Double>) {
        switch k {
        case 0: return ("arr_usd", 0...1e13)
        case 1: return ("sla_hours_left", -1e6...1e6)
        case 2: return ("renewal_days", -1e5...1e5)
        case 3: return ("open_tickets", 0...1e9)
        case 4: return ("prior_escalations", 0...1e9)
        case 5: return ("health", 0...100)
        default: return ("dispute_amount_usd", 0...1e13)
        }
    }

    mutating func setNumeric(_ k: Int, _ value: Double) {
        switch k {
        case 0: arrUSD = value
        case 1: slaHoursLeft = value
        case 2: renewalDays = value
        case 3: openTickets = value
        case 4: priorEscalations = value
        case 5: health = value
        default: disputeAmountUSD = value
        }
    }

    /// An input field that feeds metadata (`account_tier` or a numeric field).
    public static func isField(_ name: String) -> Bool {
        switch InputField(name) {
        case .accountTier, .numeric: return true
        default: return false
        }
    }
}

/// What an input record's field is for. Decided by the key's length first, so each key is
/// compared with one or two names (every field of every record comes through here, on every
/// scoring thread: a switch, not a shared dictionary).
public enum InputField: Equatable, Sendable {
    case id, text, subject, body, escalate, label, accountTier
    /// `AccountMetadata.numericField(k)`.
    case numeric(Int)
    case other

    public init(_ key: String) {
        var key = key
        self = key.withUTF8 { InputField(bytes: $0) }
    }

    init(bytes key: UnsafeBufferPointer<UInt8>) {
        func matches(_ name: StaticString) -> Bool {
            name.utf8CodeUnitCount == key.count && memcmp(name.utf8Start, key.baseAddress!, key.count) == 0
        }
        switch key.count {
        case 2: self = matches("id") ? .id : .other
        case 4: self = matches("text") ? .text : matches("body") ? .body : .other
        case 5: self = matches("label") ? .label : .other
        case 6: self = matches("health") ? .numeric(5) : .other
        case 7: self = matches("subject") ? .subject : matches("arr_usd") ? .numeric(0) : .other
        case 8: self = matches("escalate") ? .escalate : .other
        case 12:
            self = matches("account_tier") ? .accountTier : matches("renewal_days") ? .numeric(2)
                : matches("open_tickets") ? .numeric(3) : .other
        case 14: self = matches("sla_hours_left") ? .numeric(1) : .other
        case 17: self = matches("prior_escalations") ? .numeric(4) : .other
        case 18: self = matches("dispute_amount_usd") ? .numeric(6) : .other
        default: self = .other
        }
    }

    /// The field's key (empty for `.other`): literals, so the JSON parser can hand back keys
    /// every record repeats without building strings from bytes.
    var name: String {
        switch self {
        case .id: return "id"
        case .text: return "text"
        case .subject: return "subject"
        case .body: return "body"
        case .escalate: return "escalate"
        case .label: return "label"
        case .accountTier: return "account_tier"
        case .numeric(let k): return AccountMetadata.numericField(k).name
        case .other: return ""
        }
    }

    /// Read by the scorer (anything else is an extra field `--keep-fields` can echo).
    public var isKnown: Bool { self != .other }
}

public struct Ticket: Sendable, Equatable {
    public var id: String
    /// The text as UTF-8, always valid: the JSON decoder hands over the bytes it unescaped and
    /// the normalizer reads bytes, so most tickets never hold their text as a `String`.
    public private(set) var utf8: [UInt8]
    public var metadata: AccountMetadata

    public var text: String {
        get { String(decoding: utf8, as: UTF8.self) }
        set { utf8 = Array(newValue.utf8) }
    }

    public init(id: String, text: String, metadata: AccountMetadata = AccountMetadata()) {
        self.init(id: id, validUTF8: Array(text.utf8), metadata: metadata)
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
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
