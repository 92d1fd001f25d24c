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

    /// Input field name → where it goes and its allowed range. Immutable; key paths are
    /// not Sendable-annotated, hence nonisolated(unsafe).
    nonisolated(unsafe) static let numericFields: [(String, WritableKeyPath<AccountMetadata, Double?>, ClosedRange<Double>)] = [
        ("arr_usd", \.arrUSD, 0...1e13),
        ("sla_hours_left", \.slaHoursLeft, -1e6...1e6),
        ("renewal_days", \.renewalDays, -1e5...1e5),
        ("open_tickets", \.openTickets, 0...1e9),
        ("prior_escalations", \.priorEscalations, 0...1e9),
        ("health", \.health, 0...100),
        ("dispute_amount_usd", \.disputeAmountUSD, 0...1e13),
    ]
    public static let fieldNames: Set<String> = Set(numericFields.map(\.0) + ["account_tier"])

    /// `fieldNames.contains(name)` without touching a shared global set (this runs per record).
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
