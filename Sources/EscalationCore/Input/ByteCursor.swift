/// Writes bytes through a pointer into room made beforehand: no capacity or uniqueness check
/// per write, as `Array.append` makes (a JSON output record is some forty pieces). Every write
/// is checked against the end of the room, in release builds too: a wrong size estimate stops
/// the program instead of writing over memory (one compare per write, inlined into the
/// writers in both modules; the failure is out of line).
public struct ByteCursor {
    /// Where the next byte goes.
    public var position: UnsafeMutablePointer<UInt8> { next }
    @usableFromInline var next: UnsafeMutablePointer<UInt8>
    @usableFromInline let end: UnsafeMutablePointer<UInt8>

    public init(_ room: UnsafeMutableBufferPointer<UInt8>) {
        next = room.baseAddress!
        end = room.baseAddress! + room.count
    }

    @inlinable @inline(__always) public mutating func write(_ byte: UInt8) {
        if _slowPath(next >= end) { Self.overrun() }
        next.pointee = byte
        next += 1
    }

    @inlinable @inline(__always) public mutating func write(_ text: StaticString) {
        write(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inlinable @inline(__always) public mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if _slowPath(end - next < bytes.count) { Self.overrun() }
        next.update(from: source, count: bytes.count)
        next += bytes.count
    }

    /// Moves `count` bytes on and returns where they start, for the caller to fill.
    @inlinable @inline(__always) public mutating func advance(by count: Int) -> UnsafeMutablePointer<UInt8> {
        if _slowPath(end - next < count) { Self.overrun() }
        defer { next += count }
        return next
    }

    /// Takes back the last `count` bytes written or made room for: the next write goes where they began.
    @inlinable @inline(__always) public mutating func takeBack(_ count: Int) {
        next -= count
    }

    /// The check's failure, out of line so that each write inlines as one compare and branch.
    @usableFromInline @inline(never) static func overrun() -> Never { fatalError("ByteCursor: write past the room made") }

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
