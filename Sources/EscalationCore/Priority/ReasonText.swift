/// Builds a short explanation ("SLA 2.5 h left +12.0") as UTF-8 bytes, then one `String`:
/// every ticket gets a few of these, and `String` interpolation would make a temporary string
/// per piece.
struct ReasonText {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(64) }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// `x` rounded to `digits` (at most 6) decimals; see `DecimalFormat`.
    mutating func appendFixed(_ x: Double, _ digits: Int) {
        DecimalFormat.appendFixed(x, digits: digits, to: &bytes)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
