// libFuzzer target: Hygiene.clean (HTML to text, quote, signature and notice stripping).
// Asserts: the result is valid UTF-8, never longer than the input, never without words unless
// the input is returned as it was, and a report only with a change. Not asserted: idempotence,
// which does not hold (removing a line can make the one above it end its paragraph, or bring a
// header block's lines within reach; decoded `&lt;p&gt;` is a tag the second time).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHygiene(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = Array(String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self).utf8)
    let (out, removed) = Hygiene.clean(input)
    if String(validating: out, as: UTF8.self) == nil { fatalError("invalid UTF-8 out of \(input)") }
    if out.count > input.count { fatalError("output longer than input: \(input)") }
    if out != input, !MessageLines.hasWords(out[...]) { fatalError("cleaned to no words: \(input)") }
    if out == input, !removed.isEmpty, !HTMLText.looksLikeHTML(input) { fatalError("report without change: \(input)") }
    return 0
}
