// libFuzzer target: ICU normalizer + tokenizer; the ASCII fast path must agree with ICU,
// and sentiment/risk must accept whatever the tokenizer produces.
nonisolated(unsafe) let normalizer = try! Normalizer()
let resources = try! Resources.load(lexicons: "Lexicons", normalizer: normalizer)
let analyzer = SentimentAnalyzer(lexicon: resources.sentiment, modifiers: resources.modifiers)
let matcher = RiskMatcher(lexicon: resources.risk, modifiers: resources.modifiers)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNormalizer(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let fast = normalizer.normalize(text)
    let icu = normalizer.normalizeWithICUOnly(text)
    if fast != icu { fatalError("fast path differs from ICU for \(text.debugDescription)") }
    let hits = matcher.hits(in: fast)
    let score = analyzer.compound(fast, risks: hits, riskValence: resources.risk.valence)
    if !(score >= -1 && score <= 1) { fatalError("compound \(score) out of range") }
    return 0
}
