/// Writes bytes through a pointer into room made beforehand: no capacity or uniqueness check
/// per write, as `Array.append` makes (a JSON output record is some forty pieces). Every write
/// is checked against the end of the room, in release builds too: a wrong size estimate stops
/// the program instead of writing over memory (one compare per write; no measurable cost).
public struct ByteCursor {
    public private(set) var position: UnsafeMutablePointer<UInt8>
    private let end: UnsafeMutablePointer<UInt8>

    public init(_ room: UnsafeMutableBufferPointer<UInt8>) {
        position = room.baseAddress!
        end = room.baseAddress! + room.count
    }

    @inline(__always) public mutating func write(_ byte: UInt8) {
        precondition(position < end, "ByteCursor: write past the room made")
        position.pointee = byte
        position += 1
    }

    @inline(__always) public mutating func write(_ text: StaticString) {
        write(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inline(__always) public mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        precondition(end - position >= bytes.count, "ByteCursor: write past the room made")
        position.update(from: source, count: bytes.count)
        position += bytes.count
    }

    /// Moves `count` bytes on and returns where they start, for the caller to fill.
    @inline(__always) public mutating func advance(by count: Int) -> UnsafeMutablePointer<UInt8> {
        precondition(end - position >= count, "ByteCursor: write past the room made")
        defer { position += count }
        return position
    }

    /// Runs `body` on a cursor over a temporary buffer of `maxCount` bytes and appends what it
    /// wrote to `out`, in one copy.
    public static func append(to out: inout [UInt8], atMost maxCount: Int, _ body: (inout ByteCursor) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(maxCount, 1)) { room in
            var cursor = ByteCursor(room)
            body(&cursor)
            out.append(contentsOf: UnsafeBufferPointer(start: room.baseAddress!, count: cursor.position - room.baseAddress!))
        }
    }
}
