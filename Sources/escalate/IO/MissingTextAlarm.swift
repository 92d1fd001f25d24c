/// Says once per file, early, when its first records all lack text: then the file's field
/// names are not the ones escalate reads, and every record will fail the same way.
struct MissingTextAlarm {
    static let firstRecords = 5
    private var source = ""
    private var seen = 0, missing = 0

    mutating func check(_ result: ScoredRecord) -> String? {
        if result.source != source { (source, seen, missing) = (result.source, 0, 0) }
        guard seen < Self.firstRecords else { return nil }
        seen += 1
        if result.missingText { missing += 1 }
        guard seen == Self.firstRecords, missing == seen else { return nil }
        return "\(source): warning: none of the first \(seen) records has a field read as text; "
            + "name it with --field text=KEY (`escalate fields \(source)` shows the keys and what they feed)"
    }
}
