// libFuzzer target: lexicon, config and model loaders must reject bad files with an error, never crash.
import Foundation

nonisolated(unsafe) let loaderNormalizer = try! Normalizer()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLoaders(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Data(bytes: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    if let file = try? SectionedFile(path: "fuzz.txt", contents: text) {
        _ = try? RiskLexicon(file: file, normalizer: loaderNormalizer)
        _ = try? Modifiers(file: file, normalizer: loaderNormalizer)
        var lexicon = SentimentLexicon()
        _ = try? lexicon.add(file: file, normalizer: loaderNormalizer)
    }
    var vader = SentimentLexicon()
    _ = try? vader.addVADER(path: "fuzz.txt", contents: text)
    _ = try? PriorityConfig.load(path: "fuzz.toml", contents: text)
    _ = try? ModelFile.load(data: bytes, path: "fuzz.json")
    return 0
}
