/// Builds a short explanation ("SLA 2.5 h left +12.0") as UTF-8 bytes, then one `String`:
/// every ticket gets a few of these, and `String` interpolation would make a temporary string
/// per piece.
struct ReasonText {
    private(set) var bytes: [UInt8] = []

    /// Where the text `next()` returns starts.
    private var start = 0

    /// `capacity`: room for all the texts built before this buffer is dropped.
    init(capacity: Int = 64) { bytes.reserveCapacity(capacity) }

    /// The text since the last `next()` (or the beginning); the next text starts after it. Cheaper
    /// than emptying the buffer between texts.
    mutating func next() -> String {
        defer { start = bytes.count }
        return String(decoding: bytes[start...], as: UTF8.self)
    }

    mutating func append(_ literal: StaticString) { bytes.append(utf8: literal) }

    /// A run-time string (labelled: unlabelled, a literal would be ambiguous).
    mutating func append(text: String) { bytes.append(contentsOf: text.utf8) }

    /// " +" and the points, one decimal: the end of every contribution's reason.
    mutating func appendPoints(_ points: Double) {
        bytes.append(UInt8(ascii: " ")); bytes.append(UInt8(ascii: "+"))
        appendFixed(points, 1)
    }

    /// `x` rounded to `digits` (at most 6) decimals; see `DecimalFormat`.
    mutating func appendFixed(_ x: Double, _ digits: Int) {
        DecimalFormat.appendFixed(x, digits: digits, to: &bytes)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
