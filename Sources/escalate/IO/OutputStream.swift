import Foundation

/// Buffered stdout. `flush()` is called by the reader when input stalls and at the end.
final class StandardOutput {
    private var buffer: [UInt8] = []
    private let limit = 1 << 16

    init() { buffer.reserveCapacity(limit) }

    func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= limit { flush() }
    }

    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= limit { flush() }
    }

    func flush() {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Foundation.write(1, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            // The reader went away (e.g. `| head -1`): nothing more is wanted, stop quietly.
            if n <= 0 { exit(0) }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Diagnostics on stderr in the compiler shape `FILE:LINE: error: message`.
enum Diagnostics {
    static func error(_ source: String, _ line: Int, _ message: String) {
        emit("\(source):\(line): error: \(message)")
    }

    static func warning(_ source: String, _ line: Int, _ message: String) {
        emit("\(source):\(line): warning: \(message)")
    }

    static func emit(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
