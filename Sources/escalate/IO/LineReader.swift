import EscalationCore
import Foundation

/// Reads a file or stdin line by line with one reusable buffer (no whole-file loads).
/// On inputs that can stall (pipes, terminals), `beforeBlocking` runs before every read(2) after
/// the first, so a writer can flush exactly when input may stall: interactive pipes see each
/// result at once, while regular files are read in large batches.
/// A line longer than `maxLineBytes` is skipped without being buffered (memory stays bounded)
/// and reported through `oversizedLine`.
final class LineReader {
    let displayName: String
    private let fd: Int32
    private let ownsFD: Bool
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var start = 0
    private var end = 0
    private var eof = false
    private var reads = 0
    private(set) var lineNumber = 0
    /// Bytes of input consumed so far (for progress).
    private(set) var bytesConsumed = 0
    /// Set when the line just returned was too long: its real length in bytes (the line itself is empty).
    private(set) var oversizedLine: Int?
    let maxLineBytes: Int
    /// Regular files never stall; pipes, terminals and sockets can.
    let canStall: Bool
    var beforeBlocking: () -> Void = {}
    /// Stops reading (as at end of input) once this returns true; used for SIGINT.
    var shouldStop: () -> Bool = { false }

    init(path: String, maxLineBytes: Int = Int.max) throws {
        self.maxLineBytes = maxLineBytes
        if path == "-" {
            fd = 0; ownsFD = false; displayName = "<stdin>"
        } else {
            let opened = open(path, O_RDONLY)
            guard opened >= 0 else { throw DataFileError(file: path, message: String(cString: strerror(errno))) }
            fd = opened; ownsFD = true; displayName = path
        }
        var info = stat()
        canStall = fstat(fd, &info) != 0 || (info.st_mode & S_IFMT) != S_IFREG
        if (info.st_mode & S_IFMT) == S_IFDIR {
            if ownsFD { close(fd) }
            throw DataFileError(file: path, message: "is a directory")
        }
    }

    deinit { if ownsFD { close(fd) } }

    /// Next line without its terminator (LF or CRLF), or nil at end of input.
    func nextLine() -> [UInt8]? {
        oversizedLine = nil
        var skipped = 0  // bytes of an oversized line already thrown away
        while true {
            if let nl = newline(in: start..<end) {
                let length = nl - start
                bytesConsumed += length + 1
                lineNumber += 1
                if skipped + length > maxLineBytes {
                    start = nl + 1
                    oversizedLine = skipped + length
                    return []
                }
                var line = Array(buffer[start..<nl])
                start = nl + 1
                if line.last == 0x0D { line.removeLast() }
                return line
            }
            // Interrupted: a partial line is input not yet read, not a record.
            if shouldStop() { return nil }
            if eof {
                guard start < end || skipped > 0 else { return nil }
                let length = end - start
                bytesConsumed += length
                lineNumber += 1
                if skipped + length > maxLineBytes {
                    start = end
                    oversizedLine = skipped + length
                    return []
                }
                var line = Array(buffer[start..<end])  // final line without a newline
                start = end
                if line.last == 0x0D { line.removeLast() }
                return line
            }
            if end - start > maxLineBytes {
                // Too long to be a record: drop what is buffered and keep scanning for its end.
                skipped += end - start
                bytesConsumed += end - start
                start = end
            }
            fill()
        }
    }

    /// Hands the buffered, unread bytes to `body` (reading more first when none are buffered),
    /// which returns how many it consumed; consumed newlines count as lines. False at end of
    /// input. Lets a JSON document be read in pieces however its lines are laid out.
    func consume(_ body: (UnsafeBufferPointer<UInt8>) -> Int) -> Bool {
        while start == end {
            if eof || shouldStop() { return false }
            fill()
        }
        let n = buffer.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
        precondition(n >= 0 && n <= end - start)
        lineNumber += buffer[start..<(start + n)].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        bytesConsumed += n
        start += n
        return true
    }

    /// The first line that is not blank (up to `limit` bytes of it), without consuming anything:
    /// for telling the format of input that has no file extension.
    func peekFirstLine(limit: Int = 1 << 16) -> [UInt8] {
        var from = start
        while true {
            while from < end, buffer[from] == 0x0A || buffer[from] == 0x0D || buffer[from] == 0x20 || buffer[from] == 0x09 { from += 1 }
            if from < end, let nl = newline(in: from..<end) { return Array(buffer[from..<nl]) }
            if eof || end - from >= limit { return Array(buffer[from..<min(end, from + limit)]) }
            let offset = from - start
            fill()
            from = start + offset
        }
    }

    /// memchr: it scans many bytes per instruction, and lines are long.
    private func newline(in range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        return buffer.withUnsafeBufferPointer { b in
            memchr(b.baseAddress! + range.lowerBound, 0x0A, range.count).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - b.baseAddress! }
        }
    }

    private func fill() {
        if start > 0 {
            // memmove in place: `replaceSubrange` with a slice of the buffer itself copied the
            // whole buffer (the slice holds a second reference), once per 64 KiB read.
            let (from, count) = (start, end - start)
            buffer.withUnsafeMutableBytes { raw in
                if count > 0 { _ = memmove(raw.baseAddress!, raw.baseAddress! + from, count) }
            }
            end -= start
            start = 0
        }
        if end == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
        if reads > 0 && canStall { beforeBlocking() }
        reads += 1
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + end, $0.count - end) }
        if n > 0 { end += n } else if n < 0 && errno == EINTR { return } else { eof = true }
    }
}
