import Foundation

/// Reads a file or stdin line by line with one reusable buffer (no whole-file loads).
/// On inputs that can stall (pipes, terminals), `beforeBlocking` runs before every read(2) after
/// the first, so a writer can flush exactly when input may stall: interactive pipes see each
/// result at once, while regular files are read in large batches.
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
    /// Regular files never stall; pipes, terminals and sockets can.
    let canStall: Bool
    var beforeBlocking: () -> Void = {}

    init(path: String) throws {
        if path == "-" {
            fd = 0; ownsFD = false; displayName = "<stdin>"
        } else {
            let opened = open(path, O_RDONLY)
            guard opened >= 0 else { throw DataFileErrorLike(path: path, message: String(cString: strerror(errno))) }
            fd = opened; ownsFD = true; displayName = path
        }
        var info = stat()
        canStall = fstat(fd, &info) != 0 || (info.st_mode & S_IFMT) != S_IFREG
    }

    deinit { if ownsFD { close(fd) } }

    /// Next line without its terminator (LF or CRLF), or nil at end of input.
    func nextLine() -> [UInt8]? {
        while true {
            if let nl = buffer[start..<end].firstIndex(of: 0x0A) {
                var line = Array(buffer[start..<nl])
                start = nl + 1
                if line.last == 0x0D { line.removeLast() }
                lineNumber += 1
                return line
            }
            if eof {
                guard start < end else { return nil }
                var line = Array(buffer[start..<end])  // final line without a newline
                start = end
                if line.last == 0x0D { line.removeLast() }
                lineNumber += 1
                return line
            }
            fill()
        }
    }

    private func fill() {
        if start > 0 {
            buffer.replaceSubrange(0..<(end - start), with: buffer[start..<end])
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

struct DataFileErrorLike: Error, CustomStringConvertible {
    var path: String
    var message: String
    var description: String { "\(path): error: \(message)" }
}
