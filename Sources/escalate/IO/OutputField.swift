import EscalationCore

/// Every field an output record can have, in output order: the one place output fields are
/// named. JSON writes them all (leaving out an optional one the record lacks), CSV the ones
/// marked `inCSV`, the table `tableColumns`; the JSON size estimate walks the same list.
/// A new output field is a case here plus its name and its value below.
/// Raw values number the cases, so a per-ticket loop walks them without building `allCases`.
enum OutputField: UInt8, CaseIterable {
    case id, priority, escalate, level, tier, type, review, sentiment, probability, declaredPriority, language, impact, urgency, risks, triggers, reasons
    case respondMinutes, resolveHours, route, warnings, ignoredRisks, stripped
    /// Only on records that could not be scored (see `RecordWriter.renderError`).
    case error

    var name: StaticString {
        switch self {
        case .id: return "id"
        case .priority: return "priority"
        case .escalate: return "escalate"
        case .level: return "level"
        case .tier: return "tier"
        case .type: return "type"
        case .review: return "review"
        case .sentiment: return "sentiment"
        case .probability: return "probability"
        case .declaredPriority: return "declared_priority"
        case .language: return "language"
        case .impact: return "impact"
        case .urgency: return "urgency"
        case .risks: return "risks"
        case .triggers: return "triggers"
        case .reasons: return "reasons"
        case .respondMinutes: return "respond_minutes"
        case .resolveHours: return "resolve_hours"
        case .route: return "route"
        case .warnings: return "warnings"
        case .ignoredRisks: return "ignored_risks"
        case .stripped: return "stripped"
        case .error: return "error"
        }
    }

    var nameText: String { name.description }

    init?(name: String) {
        guard let field = Self.allCases.first(where: { $0.nameText == name }) else { return nil }
        self = field
    }

    /// Every case in order, built once (`allCases` builds an array per call, and the synthesized
    /// `init(rawValue:)` is a chain of compares per field: the JSON writer runs this per ticket).
    static let ordered = allCases

    @inline(__always) static func forEach(_ body: (OutputField) -> Void) {
        for field in ordered { body(field) }
    }

    /// A field's value for one record; `absent` leaves the field out of JSON.
    enum Value {
        case text(String), number(Double), flag(Bool), list([String])
        case risks([(category: String, terms: [String])])
        /// Named counts, a JSON object of numbers.
        case counts([(String, Double)])
        case absent
    }

    /// Keeps the one value it is handed.
    private struct ValueCapture: FieldSink {
        var value = Value.absent
        mutating func text(_ s: String) { value = .text(s) }
        mutating func number(_ x: Double) { value = .number(x) }
        mutating func flag(_ b: Bool) { value = .flag(b) }
        mutating func list(_ items: [String]) { value = .list(items) }
        mutating func risks(_ risks: [(category: String, terms: [String])]) { value = .risks(risks) }
        mutating func counts(_ counts: [(String, Double)]) { value = .counts(counts) }
    }

    /// A field's value for one record (CSV and the table read these).
    func value(of a: Assessment, warnings: [String]) -> Value {
        var capture = ValueCapture()
        visit(a, warnings: warnings, &capture)
        return capture.value
    }

    /// Hands the field's value to `sink` by kind, or nothing when the record lacks it (JSON leaves
    /// it out): the one list of what each field holds. JSON sizes and writes a record through
    /// this without building a `Value` (and its copies of arrays) per field twice per ticket.
    @inline(__always) func visit<Sink: FieldSink>(_ a: Assessment, warnings: [String], _ sink: inout Sink) {
        switch self {
        case .id: sink.text(a.id)
        case .priority: sink.number(a.priority)
        case .escalate: sink.flag(a.escalate)
        case .level: sink.text(a.level.rawValue)
        case .tier: sink.text(a.tier.description)
        case .type: sink.text(a.type.rawValue)
        case .review: sink.flag(a.review)
        case .sentiment: sink.number(a.sentiment)
        case .probability: sink.number(a.probability)
        case .declaredPriority: if let p = a.declaredPriority { sink.number(p) }
        case .language: sink.text(a.language)
        // Only what counted (a ticket reporting a problem), and only above the default.
        case .impact: if a.impact != .single { sink.text(a.impact.name) }
        case .urgency: if a.urgency != .none { sink.text(a.urgency.name) }
        case .risks: sink.risks(a.risks)
        case .triggers: sink.list(a.triggers)
        case .reasons: sink.list(a.reasons)
        case .respondMinutes: sink.number(a.respondMinutes)
        case .resolveHours: sink.number(a.resolveHours)
        case .route: if let route = a.route { sink.text(route) }
        case .warnings: if !warnings.isEmpty { sink.list(warnings) }
        case .ignoredRisks: if !a.ignoredRisks.isEmpty { sink.list(a.ignoredRisks) }
        case .stripped: if !a.stripped.isEmpty { sink.counts(Self.strippedCounts(a.stripped)) }
        case .error: break
        }
    }

    /// What hygiene removed, the kinds it removed only.
    static func strippedCounts(_ r: HygieneReport) -> [(String, Double)] {
        [("html_tags", r.htmlTags), ("quoted_lines", r.quotedLines), ("signature_lines", r.signatureLines),
         ("disclaimer_lines", r.disclaimerLines)].filter { $0.1 > 0 }.map { ($0.0, Double($0.1)) }
    }

    /// Scores in [0, 1] or [−1, 1], written with four decimals in every format.
    var isFraction: Bool { self == .sentiment || self == .probability }

    /// CSV has the fields a spreadsheet user filters on, and `error` for failed records.
    var inCSV: Bool {
        switch self {
        case .respondMinutes, .resolveHours, .warnings, .ignoredRisks, .declaredPriority, .stripped, .impact, .urgency: return false
        default: return true
        }
    }

    static let csvColumns = allCases.filter(\.inCSV)

    /// The table's columns, in the order a reader scans them (level before the yes/no).
    static let tableColumns: [OutputField] = [.id, .priority, .level, .tier, .type, .escalate, .review, .sentiment, .probability, .risks]

    /// Table heading and width (0: the last column, not padded).
    var tableHeading: (title: String, width: Int) {
        switch self {
        case .id: return ("ID", 14)
        case .priority: return ("PRI", 6)
        case .level: return ("LVL", 4)
        case .tier: return ("TIER", 5)
        case .type: return ("TYPE", 13)
        case .escalate: return ("ESC", 4)
        case .review: return ("REVIEW", 7)
        case .sentiment: return ("SENT", 8)
        case .probability: return ("P(ESC)", 7)
        default: return (nameText.uppercased(), 0)
        }
    }

    /// Separator of a list's items in a CSV cell (reasons are sentences, so wider).
    var csvListSeparator: String { self == .reasons ? " | " : "|" }
}

/// What `OutputField.visit` hands a field's value to, one method per kind of `OutputField.Value`.
protocol FieldSink {
    mutating func text(_ s: String)
    mutating func number(_ x: Double)
    mutating func flag(_ b: Bool)
    mutating func list(_ items: [String])
    mutating func risks(_ risks: [(category: String, terms: [String])])
    /// Named counts, a JSON object of numbers.
    mutating func counts(_ counts: [(String, Double)])
}
