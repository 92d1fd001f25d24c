import EscalationCore
import Foundation
import XCTest

/// Hostile and malformed input: no crash, a FILE:LINE message, and records in = records out.
final class BadInputTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("esc-bad-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    /// Runs `escalate score --summary` and checks the accounting: every output line is valid
    /// JSON, and read = scored + failed = output lines.
    @discardableResult
    func scoreAndAccount(_ args: [String], expectRecords: Int, file: StaticString = #filePath, line: UInt = #line) throws -> Binary.Run {
        let r = try Binary.run(["score", "--summary"] + args)
        XCTAssertTrue([0, 1].contains(r.status), "exit \(r.status): \(r.stderr)", file: file, line: line)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(lines.count, expectRecords, "output lines\n\(r.stdout)\n\(r.stderr)", file: file, line: line)
        for l in lines { XCTAssertNoThrow(try JSONParser.parse(String(l)), "not JSON: \(l)", file: file, line: line) }
        guard let summary = r.stderr.split(separator: "\n").last(where: { $0.hasPrefix("summary:") }) else {
            XCTFail("no summary in \(r.stderr)", file: file, line: line); return r
        }
        let numbers = summary.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        XCTAssertEqual(numbers[0], expectRecords, "read", file: file, line: line)
        XCTAssertEqual(numbers[0], numbers[1] + numbers[2], "read = scored + failed: \(summary)", file: file, line: line)
        return r
    }

    func testInvalidUTF8IsRepairedAndFlagged() throws {
        let path = try write("bad.jsonl", Array(#"{"id":"u","text":"caf"#.utf8) + [0xC3, 0x28, 0xFF] + Array(#" down"}"#.utf8) + [0x0A])
        let r = try scoreAndAccount([path], expectRecords: 1)
        XCTAssertTrue(r.stdout.contains(#""warnings":["invalid UTF-8 replaced with U+FFFD"]"#), r.stdout)
        XCTAssertTrue(r.stderr.contains("\(path):1: warning: invalid UTF-8"), r.stderr)
        XCTAssertEqual(r.status, 0)
    }

    func testNULBytesCRLFBOMAndNoFinalNewline() throws {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"id":"a","text":"bom first"}"#.utf8) + [0x0D, 0x0A]
        bytes += Array(#"{"id":"b","text":"nul"#.utf8) + [0x00] + Array(#"inside"}"#.utf8) + [0x0A]
        bytes += [0x00, 0x00, 0x0A]
        bytes += Array("\r\n\n   \n".utf8)
        bytes += Array(#"{"id":"c","text":"no newline at the end"}"#.utf8)
        let r = try scoreAndAccount([try write("mixed.jsonl", bytes)], expectRecords: 4)
        XCTAssertTrue(r.stdout.contains(#"{"id":"a","#), "BOM stripped")
        XCTAssertTrue(r.stderr.contains(":2: error: invalid JSON"), "raw NUL inside a JSON string is invalid JSON: \(r.stderr)")
        XCTAssertTrue(r.stderr.contains(":3: error: invalid JSON"), r.stderr)
        XCTAssertTrue(r.stdout.contains(#"{"id":"c","#))
    }

    func testEmptyFileAndBlankLines() throws {
        try scoreAndAccount([try write("empty.jsonl", "")], expectRecords: 0)
        try scoreAndAccount([try write("blank.jsonl", "\n\n  \n\t\n")], expectRecords: 0)
    }

    func testHugeSingleLineIsRejectedWithBoundedMemory() throws {
        var bytes = Array(#"{"id":"ok","text":"fine"}"#.utf8) + [0x0A]
        bytes += Array(#"{"id":"huge","text":""#.utf8) + [UInt8](repeating: 0x61, count: 100 << 20) + Array("\"}\n".utf8)
        bytes += Array(#"{"id":"after","text":"still scored"}"#.utf8)
        let path = try write("huge.jsonl", bytes)
        let r = try scoreAndAccount([path, "--max-record-bytes", "1000000"], expectRecords: 3)
        XCTAssertTrue(r.stderr.contains("\(path):2: error: record is 104857623 bytes, over the --max-record-bytes limit"), r.stderr)
        XCTAssertTrue(r.stdout.contains(#""id":"after""#))
        XCTAssertEqual(r.status, 1)
    }

    func testWrongTypesAndMetadata() throws {
        let text = """
        [1,2,3]
        "just a string"
        {"id":"t","text":["not","a","string"]}
        {"id":"m","text":"ok","arr_usd":-5,"health":1e999,"sla_hours_left":"soon","renewal_days":{"x":1},"open_tickets":"$12,000"}
        {"id":"n","text":"ok","arr_usd":NaN}
        {"id":"d","text":"first"}
        {"id":"d","text":"second"}
        """
        let path = try write("types.jsonl", text)
        let r = try scoreAndAccount([path], expectRecords: 7)
        XCTAssertTrue(r.stderr.contains("\(path):1: error: record is a JSON array"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\(path):2: error: record is a JSON string"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\(path):3: error: 'text' is an array"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\(path):4: warning: 'arr_usd' value -5 is outside"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\(path):4: warning: 'sla_hours_left' value \"soon\" is not a number"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\(path):4: warning: 'renewal_days' is an object; ignored"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\(path):5: error: invalid JSON"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\(path):7: warning: duplicate id 'd' (first on line 6)"), r.stderr)
    }

    func testCSVEdgeCases() throws {
        let quoted = try write("q.csv", "id,text\n1,\"line one\nline two, with comma\"\n2,\"say \"\"hi\"\"\"\n")
        let r1 = try scoreAndAccount([quoted], expectRecords: 2)
        XCTAssertEqual(r1.status, 0, r1.stderr)
        let unbalanced = try write("u.csv", "id,text\n1,ok\n2,\"never closed\n3,lost?\n")
        let r2 = try scoreAndAccount([unbalanced], expectRecords: 2)
        XCTAssertTrue(r2.stderr.contains("u.csv:3: error: unterminated quoted field"), r2.stderr)
        let noText = try write("h.csv", "id,subject_line\n1,hello\n2,world\n")
        let r3 = try scoreAndAccount([noText], expectRecords: 2)
        XCTAssertTrue(r3.stderr.contains("h.csv:2: error: no text: none of the record's fields is read as text; it has 'id', 'subject_line'"), r3.stderr)
        let ragged = try write("r.csv", "id,text,arr_usd\n1,short\n2,ok,\"$1,200\"\n")
        let r4 = try scoreAndAccount([ragged], expectRecords: 2)
        XCTAssertTrue(r4.stderr.contains("r.csv:2: error: row has 2 fields, the header has 3"), r4.stderr)
    }

    func testHostileTextGivesValidOutputInEveryFormat() throws {
        let hostile = "=cmd|' /C calc'!A0 \u{2028} \"quoted\" \\ \t tab \u{1} ctrl 😡 ＤＯＷＮ"
        let path = try write("hostile.jsonl", "{\"id\":\"=1+1\",\"text\":\(JSONWriter.quoted(hostile))}\n")
        try scoreAndAccount([path], expectRecords: 1)
        let csv = try Binary.run(["score", "--output", "csv", path])
        XCTAssertTrue(csv.stdout.contains("\n'=1+1,"), "formula in a CSV cell is defused: \(csv.stdout)")
        let raw = try Binary.run(["score", "--output", "csv", "--raw-csv", path])
        XCTAssertTrue(raw.stdout.contains("\n=1+1,"), raw.stdout)
    }

    func testHostileDataFilesExit65WithOneLine() throws {
        let model = dir.appendingPathComponent("m.json").path
        // Naive Bayes: its "alpha" member is tampered with below.
        XCTAssertEqual(try Binary.run(["train", "Corpora/calm.jsonl", "Corpora/escalate.jsonl", "--classifier", "naive-bayes", "-o", model]).status, 0)
        let good = try Data(contentsOf: URL(fileURLWithPath: model))
        let truncated = try write("truncated.json", Array(good.prefix(good.count / 2)))
        var tamperedText = String(decoding: good, as: UTF8.self)
        tamperedText = tamperedText.replacingOccurrences(of: "\"alpha\":1", with: "\"alpha\":2")
        let tampered = try write("tampered.json", tamperedText)
        let binary = try write("binary.toml", [0xFF, 0xFE, 0x00, 0x01, 0x80])
        let enormous = try write("enormous.toml", String(repeating: "# padding\n", count: 200_000))
        let cases: [([String], String)] = [
            (["--model", truncated], "\(truncated): error: "),
            (["--model", tampered], "\(tampered): error: model checksum mismatch"),
            (["--config", binary], "\(binary): error: config file is not UTF-8 text"),
            (["--config", enormous], "\(enormous): error: config file is 2000000 bytes, larger than"),
            (["--lexicons", dir.path], "modifiers.txt: error: lexicon not found"),
            (["--model", dir.path], "\(dir.path): error: model file is a directory"),
        ]
        for (args, expected) in cases {
            let r = try Binary.run(["score"] + args, stdin: "")
            XCTAssertEqual(r.status, 65, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one line: \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(expected), "\(args): \(r.stderr)")
        }
    }
}

/// JSON documents: hostile shapes cost bounded memory and account for every record.
extension BadInputTests {
    func testDeepNestingNeverClosingAndScalars() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let doc = #"{"tickets":[{"id":"a","description":"fine"},{"id":"deep","description":\#(deep)},42,{"id":"c","description":{"x":1}},{"id":"d","description":"still scored"}]}"#
        let path = try write("doc.json", doc)
        let r = try scoreAndAccount([path], expectRecords: 5)
        XCTAssertTrue(r.stderr.contains("\(path):1: error: invalid JSON at column 283: nested deeper than 256 levels"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\(path):1: error: record is a number, expected an object"), r.stderr)
        XCTAssertTrue(r.stderr.contains("'description' is an object, expected a string"), r.stderr)
        XCTAssertTrue(r.stdout.contains(#""id":"d""#))
        let open = try write("open.json", "[\n{\"text\":\"one\"},\n{\"text\":\"two, never closed\"\n")
        let o = try scoreAndAccount([open], expectRecords: 2)
        XCTAssertTrue(o.stderr.contains("open.json:3: error: the JSON ends inside a record that starts here"), o.stderr)
    }

    func testALargeArrayStreams() throws {
        let record = #"{"id":"%d","text":"The export is failing again for every user"}"#
        var text = "["
        for k in 0..<20_000 { text += (k > 0 ? ",\n" : "") + record.replacingOccurrences(of: "%d", with: String(k)) }
        let path = try write("big.json", text + "]")
        let r = try scoreAndAccount([path, "--max-record-bytes", "2048"], expectRecords: 20_000)
        XCTAssertEqual(r.status, 0, String(r.stderr.prefix(500)))
        XCTAssertTrue(r.stdout.hasSuffix(#""id":"19999""#) || r.stdout.contains(#"{"id":"19999""#))
    }
}
