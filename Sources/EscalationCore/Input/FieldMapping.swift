/// How one file's keys (or CSV header names) map to input fields: the recognized helpdesk's
/// names first, then the generic ones, with the user's `--field` choices ahead of both.
/// Resolved once per file, from its header or its first record, and shared by every record.
public final class FieldMapping: Sendable {
    /// The helpdesk whose names are read first; nil when none was recognized or forced.
    public let vendor: Vendor?
    /// Whether `vendor` was forced with `--preset` rather than recognized.
    public let forced: Bool
    /// `--field` choices: each field read only from the given source (none: not read at all).
    public let overrides: [Override]
    let table: FieldKeyTable
    let numericPriority: NumericPriority

    public struct Override: Sendable, Equatable {
        public var field: InputField
        /// A key or dotted path as the user wrote it; empty to read the field from nowhere.
        public var source: String
        public init(field: InputField, source: String) { (self.field, self.source) = (field, source) }
    }

    public init(vendor: Vendor?, forced: Bool = false, overrides: [Override] = []) {
        (self.vendor, self.forced, self.overrides) = (vendor, forced, overrides)
        numericPriority = vendor?.numericPriority ?? .unknown
        let chosen = Set(overrides.map(\.field))
        let given = overrides.filter { !$0.source.isEmpty }.map { (key: $0.source, field: $0.field) }
        let rest = (vendor?.entries ?? []) + Self.genericEntries
        table = FieldKeyTable(given + rest.filter { !chosen.contains($0.field) })
    }

    /// No helpdesk: the fields' own names and aliases, then every helpdesk's names except its
    /// ids (an "id" beside a "number" or a "key" means different things in different exports).
    public static let generic = FieldMapping(vendor: nil)

    static let genericEntries: [(key: String, field: InputField)] =
        InputField.allCases.flatMap { field in field.spec.keys.map { (key: $0, field: field) } }
        + Vendor.allCases.flatMap { $0.entries.filter { $0.field != .id } }

    private static let byVendor: [Vendor: FieldMapping] =
        Dictionary(uniqueKeysWithValues: Vendor.allCases.map { ($0, FieldMapping(vendor: $0)) })

    /// The mapping for a file whose first record has these keys (top-level keys and the paths
    /// of nested objects, as written) or whose header has these names.
    public static func resolve(keys: [String], preset: Vendor? = nil, overrides: [Override] = []) -> FieldMapping {
        let vendor = preset ?? Vendor.detect(normalizedKeys: Set(keys.map(FieldKeyTable.normalize)))
        if overrides.isEmpty, preset == nil { return vendor.map { byVendor[$0]! } ?? generic }
        return FieldMapping(vendor: vendor, forced: preset != nil, overrides: overrides)
    }

    /// The field and rank a key or path names (normalized here).
    func entry(_ key: String) -> FieldKeyTable.Entry? { table.entry(key) }

    /// The field a key, path or header name feeds; nil when it feeds none.
    public func field(_ key: String) -> InputField? { table.entry(key)?.field }

    /// For each field, the source that feeds it in this record (the best-ranked one present),
    /// and the top-level keys that feed none: what `escalate fields` shows.
    public func sources(of pairs: [(String, JSONValue)]) -> (fed: [InputField: String], unread: [String]) {
        var best: [InputField: (rank: UInt8, path: String)] = [:]
        var unread: [String] = []
        walk(pairs, { entry, path, _ in
            if entry.rank <= best[entry.field]?.rank ?? .max { best[entry.field] = (entry.rank, path) }
        }, unread: { unread.append($0.0) })
        return (best.mapValues(\.path), unread)
    }

    /// The record's id as given (best-ranked source), for naming a record that failed.
    public func id(of pairs: [(String, JSONValue)]) -> JSONValue? {
        var best: (rank: UInt8, value: JSONValue)?
        walk(pairs) { entry, _, v in if entry.field == .id, entry.rank <= best?.rank ?? .max { best = (entry.rank, v) } }
        return best?.value
    }

    /// Paths reach this deep into nested objects ("conversation_parts.conversation_parts" is 2).
    static let maxPathDepth = 4

    /// Visits each member of a record that names a field, nested objects' members by their
    /// dotted path, in input order; `unread` gets top-level members that feed no field, and
    /// the helpdesk's own priority fields too, so `--keep-fields` still shows them as given.
    func walk(_ pairs: [(String, JSONValue)], _ visit: (FieldKeyTable.Entry, _ path: String, JSONValue) -> Void,
              unread: ((String, JSONValue)) -> Void = { _ in }) {
        for pair in pairs where !walk(pair.0, pair.1, depth: 1, visit) || table.entry(pair.0)?.field.spec.kind == .declaredLevel {
            unread(pair)
        }
    }

    /// Whether the member, or anything nested in it, fed a field.
    private func walk(_ path: String, _ value: JSONValue, depth: Int, _ visit: (FieldKeyTable.Entry, String, JSONValue) -> Void) -> Bool {
        if let entry = table.entry(path) {
            visit(entry, path, value)
            return true
        }
        guard depth < Self.maxPathDepth, case .object(let pairs) = value else { return false }
        var fed = false
        for (key, inner) in pairs where walk(path + "." + key, inner, depth: depth + 1, visit) { fed = true }
        return fed
    }

    /// Top-level keys and the paths inside nested objects, as `resolve` wants them.
    public static func normalizedKeys(_ keys: [String]) -> Set<String> { Set(keys.map(FieldKeyTable.normalize)) }

    public static func keysAndPaths(_ pairs: [(String, JSONValue)], depth: Int = 1) -> [String] {
        pairs.flatMap { key, value -> [String] in
            guard depth < maxPathDepth, case .object(let inner) = value else { return [key] }
            return [key] + keysAndPaths(inner, depth: depth + 1).map { key + "." + $0 }
        }
    }
}
