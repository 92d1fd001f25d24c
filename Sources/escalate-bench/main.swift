import EscalationCore
import Foundation

// Stage timings for scripts/bench: how fast each part of the pipeline runs on one file,
// in-process, so the cost of a stage is not hidden by process start-up.
// Usage: escalate-bench STAGE FILE   (STAGE: read | parse | hygiene | normalize | normalize-icu)

let args = CommandLine.arguments
guard args.count == 3 else {
    FileHandle.standardError.write(Data("usage: escalate-bench read|parse|hygiene|normalize|normalize-icu FILE\n".utf8))
    exit(64)
}
let stage = args[1], path = args[2]

func lines(_ body: ([UInt8]) -> Void) {
    guard let f = fopen(path, "r") else { fatalError("cannot open \(path)") }
    defer { fclose(f) }
    var line: UnsafeMutablePointer<CChar>? = nil
    var cap = 0
    while true {
        let n = getline(&line, &cap, f)
        if n < 0 { break }
        body(Array(UnsafeRawBufferPointer(start: line, count: n)))
    }
    free(line)
}

let start = Date()
var records = 0, tokens = 0, bytes = 0
switch stage {
case "read":
    lines { records += 1; bytes += $0.count }
case "parse":
    lines { line in
        records += 1; bytes += line.count
        if case .string(let s)? = try? JSONParser.parse(line)["text"] { tokens += s.utf8.count }
    }
case "hygiene":
    // tokens: bytes left after hygiene (HTML to text, quotes, signatures and notices removed).
    lines { line in
        records += 1; bytes += line.count
        if case .string(let s)? = try? JSONParser.parse(line)["text"] { tokens += Hygiene.clean(Array(s.utf8)).utf8.count }
    }
case "normalize", "normalize-icu":
    // normalize: what scoring uses (ASCII fast path + ICU); normalize-icu: ICU for every text.
    let normalizer = try Normalizer()
    let icuOnly = stage == "normalize-icu"
    lines { line in
        records += 1; bytes += line.count
        if case .string(let s)? = try? JSONParser.parse(line)["text"] {
            tokens += (icuOnly ? normalizer.normalizeWithICUOnly(s) : normalizer.normalize(s)).count
        }
    }
default:
    FileHandle.standardError.write(Data("unknown stage \(stage)\n".utf8))
    exit(64)
}
let seconds = Date().timeIntervalSince(start)
print(String(format: "%@ records=%d bytes=%d tokens=%d seconds=%.3f records_per_s=%.0f mb_per_s=%.1f",
             stage, records, bytes, tokens, seconds, Double(records) / seconds, Double(bytes) / seconds / 1e6))
