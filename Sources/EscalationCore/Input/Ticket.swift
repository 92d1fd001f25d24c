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
    static let numericFieldCount = 7

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

    /// An input field that feeds metadata (`account_tier` or a numeric field); a switch, not a
    /// shared global set (this runs per record on every scoring thread).
    public static func isField(_ name: String) -> Bool {
        switch name {
        case "account_tier", "arr_usd", "sla_hours_left", "renewal_days", "open_tickets", "prior_escalations",
             "health", "dispute_amount_usd": return true
        default: return false
        }
    }
}

public struct Ticket: Sendable, Equatable {
    public var id: String
    public var text: String
    public var metadata: AccountMetadata

    public init(id: String, text: String, metadata: AccountMetadata = AccountMetadata()) {
        self.id = id
        self.text = text
        self.metadata = metadata
    }
}

/// A record that cannot be scored; becomes an `error` output record and a FILE:LINE message.
public struct RecordError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
