// libFuzzer target: the CSV/TSV reader over a file (quoted newlines, unbalanced quotes, limits).
import Foundation

nonisolated(unsafe) let csvPath = "/dev/shm/escalate-fuzz-\(getpid()).csv"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FileManager.default.createFile(atPath: csvPath, contents: Data(bytes: data, count: size))
    for delimiter in [UInt8(ascii: ","), UInt8(ascii: "\t")] {
        guard let lines = try? LineReader(path: csvPath, maxLineBytes: 4096) else { return 0 }
        var reader = CSVReader(lines: lines, delimiter: delimiter)
        var records = 0
        while let record = reader.next() {
            records += 1
            if records > size + 1 { fatalError("more records than bytes: reader is not advancing") }
            if record.error == nil, record.fields.isEmpty { fatalError("a record without fields and without an error") }
        }
    }
    return 0
}
