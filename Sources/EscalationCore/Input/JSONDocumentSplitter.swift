/// Splits JSON input into records as it streams by, without holding more than one record:
/// a top-level array of records (`[{…},{…}]`), an object holding one array of records
/// (Zendesk `{"tickets":[…]}`, Jira `{"issues":[…]}`, Help Scout `{"_embedded":{"conversations":[…]}}`),
/// several such documents in a row, or — when the first value is not such a document — that
/// value alone, as a record, after which the input is JSON Lines and read line by line.
///
/// The scan is byte by byte with a depth counter and no recursion, so nesting costs nothing;
/// each record's bytes are kept up to `maxRecordBytes` (beyond, the record is reported, not kept).
/// Whether a record is valid JSON is for the parser to say.
public struct JSONDocumentSplitter {
    /// What the scan found.
    public enum Piece: Equatable {
        /// A record's bytes, where it starts (1-based line and column).
        case record([UInt8], line: Int, column: Int)
        /// A record longer than the limit, skipped.
        case oversized(bytes: Int, line: Int, column: Int)
        /// Something that is not a record where a record was expected, or a document cut short.
        case error(String, line: Int, column: Int)
    }

    /// Keys of an array of records in an API response, normalized.
    static let containerKeys: Set<String> = ["tickets", "issues", "result", "records", "results", "conversations", "values"]
    /// Keys of an object holding the records array one level down (HAL's `_embedded`).
    static let wrapperKeys: Set<String> = ["embedded"]

    public let maxRecordBytes: Int
    /// Set when the first object turned out to be a lone record: the rest is JSON Lines.
    public private(set) var isLines = false
    /// Records found so far, to be taken by the caller.
    public var pieces: [Piece] = []

    private var line = 1, column = 0
    private var depth = 0
    private var inString = false, escaped = false
    /// Per level up to 3: whether it is an object, and whether the next string there is a key.
    private var isObject: [Bool] = [], expectsKey: [Bool] = []
    /// The last key read at levels 1 and 2, normalized, and the one being read.
    private var keys = ["", "", ""], keyBuffer: [UInt8] = [], readingKey = false
    /// The top-level object has shown a key of a ticket (its id or text): an array in it is then
    /// the ticket's own (a thread's `conversations`), not a list of records.
    private var topIsRecord = false
    /// Depth of the array whose elements are records; 0 when not inside one.
    private var recordsDepth = 0
    /// The record being read: its bytes (while within the limit), size and start.
    private var record: [UInt8] = [], recordSize = 0, recordStart = (line: 0, column: 0), inRecord = false
    /// The first top-level object, kept in case it is a record itself (JSON Lines).
    private var probing = false
    /// Where the current document started.
    private var documentStart = (line: 1, column: 1)
    /// A top-level array whose first element is not yet seen.
    private var arrayProbe = false
    /// Inside a value that is not a record (a number or string among the records), or in text
    /// outside any document: reported once, then skipped.
    private var skipping = false

    public init(maxRecordBytes: Int) { self.maxRecordBytes = maxRecordBytes }

    /// Scans `bytes`; returns how many were consumed (fewer than all only once `isLines` is set:
    /// the rest is for the line reader).
    public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var k = 0
        while k < bytes.count {
            let b = bytes[k]
            k += 1
            if b == 0x0A { line += 1; column = 0 } else { column += 1 }
            if inRecord || probing { keep(b) }
            if inString { string(b); continue }
            if arrayProbe, depth == 1, b != 0x20, b != 0x09, b != 0x0A, b != 0x0D {
                // `[{` or `[]` starts a document of records; any other array is a record itself.
                arrayProbe = false
                if b == UInt8(ascii: "{") || b == UInt8(ascii: "]") {
                    probing = false
                    record.removeAll(keepingCapacity: true)
                    recordsDepth = 1
                }
            }
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "\""):
                inString = true
                if recordsDepth > 0, depth == recordsDepth, !inRecord { notARecord("a string") }
                if depth == 0, !skipping {
                    skipping = true
                    pieces.append(.error("record is a string, expected an object", line: line, column: column))
                }
                if depth >= 1, depth <= 2, isObject[depth - 1], expectsKey[depth - 1] { readingKey = true; keyBuffer.removeAll(keepingCapacity: true) }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if depth == 0 {
                    skipping = false
                    topIsRecord = false
                    documentStart = (line, column)
                    startProbe(b)
                    arrayProbe = b == UInt8(ascii: "[")
                } else if recordsDepth > 0, depth == recordsDepth, !inRecord {
                    startRecord(b)
                } else if recordsDepth == 0, b == UInt8(ascii: "["), depth <= 2, isContainer(atDepth: depth) {
                    recordsDepth = depth + 1
                    probing = false
                    record.removeAll()
                }
                open(isObject: b == UInt8(ascii: "{"))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard depth > 0 else { pieces.append(.error("unexpected '\(Unicode.Scalar(b))'", line: line, column: column)); continue }
                depth -= 1
                if depth < isObject.count { isObject.removeLast(); expectsKey.removeLast() }
                if inRecord, depth == recordsDepth { endRecord() }
                if depth == recordsDepth - 1 { recordsDepth = 0 }
                if depth == recordsDepth { skipping = false }
                if depth == 0, probing {
                    // The first object held no records array: it is a record, and the input JSON Lines.
                    probing = false
                    endRecord()
                    isLines = true
                    return k
                }
            case UInt8(ascii: ","):
                if depth == recordsDepth { skipping = false }
                if depth >= 1, depth <= isObject.count, isObject[depth - 1] { expectsKey[depth - 1] = true }
            case UInt8(ascii: ":"):
                if depth >= 1, depth <= isObject.count { expectsKey[depth - 1] = false }
            default:
                if depth == 0, !skipping {
                    skipping = true
                    pieces.append(.error("text outside any JSON record or document", line: line, column: column))
                } else if recordsDepth > 0, depth == recordsDepth, !inRecord {
                    notARecord(b == UInt8(ascii: "n") ? "null" : b == UInt8(ascii: "t") || b == UInt8(ascii: "f") ? "a boolean" : "a number")
                }
            }
        }
        return k
    }

    /// At the end of input: a record or document left open is reported.
    public mutating func finish() {
        if inRecord || probing {
            pieces.append(.error("the JSON ends inside a record that starts here", line: recordStart.line, column: recordStart.column))
        } else if depth > 0 {
            pieces.append(.error("the JSON document that starts here ends before it closes", line: documentStart.line, column: documentStart.column))
        }
        inRecord = false; probing = false; depth = 0
    }

    private mutating func string(_ b: UInt8) {
        if escaped { escaped = false; if readingKey { keyBuffer.append(b) }; return }
        if b == UInt8(ascii: "\\") { escaped = true; return }
        if b == UInt8(ascii: "\"") {
            inString = false
            if readingKey {
                readingKey = false
                keys[depth] = String(decoding: FieldKeyTable.normalize(keyBuffer), as: UTF8.self)
                if depth == 1, let field = FieldMapping.generic.field(keys[1]), field == .id || field.spec.kind == .text {
                    topIsRecord = true
                }
            }
            return
        }
        if readingKey, keyBuffer.count < 64 { keyBuffer.append(b) }
    }

    private mutating func notARecord(_ type: String) {
        guard !skipping else { return }
        skipping = true
        pieces.append(.error("record is \(type), expected an object", line: line, column: column))
    }

    private mutating func open(isObject object: Bool) {
        depth += 1
        if depth <= 3 { isObject.append(object); expectsKey.append(object) }
    }

    /// Whether the array opening at `depth` (inside the object at that depth) holds the records.
    private func isContainer(atDepth depth: Int) -> Bool {
        guard depth >= 1, isObject[depth - 1], !topIsRecord else { return false }
        if depth == 1 { return Self.containerKeys.contains(keys[1]) }
        return Self.wrapperKeys.contains(keys[1]) && !keys[2].isEmpty
    }

    /// The first top-level value starts: kept in case it is a record itself.
    private mutating func startProbe(_ b: UInt8) {
        probing = true
        begin(b)
    }

    private mutating func startRecord(_ b: UInt8) {
        inRecord = true
        begin(b)
    }

    private mutating func begin(_ b: UInt8) {
        record.removeAll(keepingCapacity: true)
        record.append(b)
        recordSize = 1
        recordStart = (line, column)
    }

    @inline(__always) private mutating func keep(_ b: UInt8) {
        // The opening byte is already in (startRecord/startProbe run after keep for it).
        recordSize += 1
        if recordSize <= maxRecordBytes { record.append(b) }
    }

    private mutating func endRecord() {
        inRecord = false
        if recordSize > maxRecordBytes {
            pieces.append(.oversized(bytes: recordSize, line: recordStart.line, column: recordStart.column))
        } else {
            pieces.append(.record(record, line: recordStart.line, column: recordStart.column))
        }
        record.removeAll(keepingCapacity: true)
    }
}
