/// Warns when an id repeats. Remembers at most `capacity` ids so memory stays bounded on
/// huge dumps; past that it says once that checking stopped.
struct DuplicateIDs {
    static let capacity = 100_000
    private var firstSeen: [String: (source: String, line: Int)] = [:]
    private var full = false

    mutating func check(_ record: ScoredRecord) -> String? {
        if let first = firstSeen[record.id] {
            let place = first.source == record.source ? "line \(first.line)" : "\(first.source):\(first.line)"
            return "\(record.source):\(record.line): warning: duplicate id '\(record.id)' (first on \(place))"
        }
        guard firstSeen.count < Self.capacity else {
            if full { return nil }
            full = true
            return "\(record.source):\(record.line): note: more than \(Self.capacity) ids; duplicate-id checking stops here"
        }
        firstSeen[record.id] = (record.source, record.line)
        return nil
    }
}
