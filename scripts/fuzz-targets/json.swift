// libFuzzer target: the JSONL record path (parser, ticket decoding, writer round trip).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? JSONParser.parse(bytes) else { return 0 }
    _ = try? TicketDecoder.decode(value, fallbackID: "1")
    // What we write must parse back to the same value.
    let written = JSONWriter.encode(value)
    guard let again = try? JSONParser.parse(written), again == value || written.contains("null") else {
        fatalError("writer output does not round-trip: \(written)")
    }
    return 0
}
