/// Builds a short explanation ("SLA 2.5 h left +12.0") as UTF-8 bytes, then one `String`:
/// every ticket gets a few of these, and `String` interpolation would make a temporary string
/// per piece.
struct ReasonText {
    /// The text so far is `bytes[..<end]`; the rest is room, made up front, so an append is a
    /// compare and a copy (`Array.append(contentsOf:)` costs about 80 instructions a call).
    private var bytes: [UInt8]
    private var end = 0

    /// Where the text `next()` returns starts.
    private var start = 0

    /// `capacity`: room for all the texts built before this buffer is dropped (it grows if not).
    init(capacity: Int = 64) { bytes = [UInt8](filled: 0, count: max(capacity, DecimalFormat.maxLength)) }

    /// The text since the last `next()` (or the beginning); the next text starts after it. Cheaper
    /// than emptying the buffer between texts.
    mutating func next() -> String {
        defer { start = end }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Makes room for `count` bytes past the text, lets `body` write up to that many there, and
    /// keeps as many as it says it wrote.
    @inline(__always)
    private mutating func write(upTo count: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        if bytes.count - end < count { bytes += repeatElement(0, count: max(count, bytes.count)) }
        let at = end
        end += bytes.withUnsafeMutableBufferPointer { body($0.baseAddress! + at) }
    }

    private mutating func append(_ source: UnsafeBufferPointer<UInt8>) {
        guard let from = source.baseAddress else { return }
        write(upTo: source.count) { $0.initialize(from: from, count: source.count); return source.count }
    }

    mutating func append(_ literal: StaticString) { literal.withUTF8Buffer { append($0) } }

    /// A run-time string (labelled: unlabelled, a literal would be ambiguous).
    mutating func append(text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil {
            Array(text.utf8).withUnsafeBufferPointer { append($0) }
        }
    }

    /// " +" and the points, one decimal: the end of every contribution's reason.
    mutating func appendPoints(_ points: Double) {
        append(" +")
        appendFixed(points, 1)
    }

    /// `x` rounded to `digits` (at most 6) decimals; see `DecimalFormat`.
    mutating func appendFixed(_ x: Double, _ digits: Int) {
        guard DecimalFormat.isPlain(x) else { return append(text: String(x)) }
        write(upTo: DecimalFormat.maxLength) { DecimalFormat.write(x, digits: digits, to: $0) }
    }

    var string: String { String(decoding: bytes[..<end], as: UTF8.self) }
}
