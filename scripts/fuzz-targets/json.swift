import Foundation

// libFuzzer target: the JSONL record path (parser, ticket decoding, writer round trip).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? JSONParser.parse(bytes) else { return 0 }
    // A bare number must parse exactly as the standard library's Double(_:) reads it (the
    // parser's short-decimal path skips strtod).
    if case .number(let n) = value, let text = String(bytes: bytes, encoding: .utf8),
       let expected = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)),
       n.bitPattern != expected.bitPattern && !(n.isNaN && expected.isNaN) {
        fatalError("number \(text) parsed as \(n), Double(_:) gives \(expected)")
    }
    _ = try? TicketDecoder.decode(value, fallbackID: "1")
    // What we write must parse back to the same value.
    let written = JSONWriter.encode(value)
    guard let again = try? JSONParser.parse(written), again == value || written.contains("null") else {
        fatalError("writer output does not round-trip: \(written)")
    }
    return 0
}
