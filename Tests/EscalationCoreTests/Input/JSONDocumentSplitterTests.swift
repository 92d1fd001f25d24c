@testable import EscalationCore
import XCTest

final class JSONDocumentSplitterTests: XCTestCase {
    /// Splits `text` fed in pieces of `chunk` bytes; returns the pieces and what was left for the line reader.
    func split(_ text: String, chunk: Int = 1 << 20, max: Int = 1 << 20) -> (pieces: [JSONDocumentSplitter.Piece], rest: String) {
        var splitter = JSONDocumentSplitter(maxRecordBytes: max)
        let bytes = Array(text.utf8)
        var at = 0
        while at < bytes.count, !splitter.isLines {
            let end = min(bytes.count, at + chunk)
            at += bytes[at..<end].withUnsafeBufferPointer { splitter.feed($0) }
        }
        if !splitter.isLines { splitter.finish() }
        return (splitter.pieces, String(decoding: bytes[at...], as: UTF8.self))
    }

    func records(_ pieces: [JSONDocumentSplitter.Piece]) -> [String] {
        pieces.compactMap { if case .record(let b, _, _) = $0 { return String(decoding: b, as: UTF8.self) } else { return nil } }
    }

    func testArraysAndContainersInAnyChunking() {
        let cases: [(String, [String])] = [
            (#"[{"a":1},{"b":"]}"}]"#, [#"{"a":1}"#, #"{"b":"]}"}"#]),
            (#"{"tickets":[{"id":1,"tags":["x"]},{"id":2}],"next_page":null,"count":2}"#, [#"{"id":1,"tags":["x"]}"#, #"{"id":2}"#]),
            ("{\n \"issues\": [\n  {\"key\":\"A-1\",\"fields\":{\"summary\":\"s\"}}\n ],\n \"total\": 1\n}\n", [#"{"key":"A-1","fields":{"summary":"s"}}"#]),
            (#"{"_embedded":{"conversations":[{"id":1},{"id":2}]},"page":{"size":2}}"#, [#"{"id":1}"#, #"{"id":2}"#]),
            (#"{"count":1,"results":[{"id":"x\"]"}]}{"results":[{"id":"y"}]}"#, [#"{"id":"x\"]"}"#, #"{"id":"y"}"#]),
        ]
        for (text, expected) in cases {
            for chunk in [1, 2, 7, 1 << 20] {
                let (pieces, rest) = split(text, chunk: chunk)
                XCTAssertEqual(records(pieces), expected, "\(text) in chunks of \(chunk)")
                XCTAssertEqual(pieces.count, expected.count, "\(text): no errors")
                XCTAssertTrue(rest.isEmpty)
            }
        }
    }

    func testAFirstObjectWithoutRecordsIsJSONLines() {
        let (pieces, rest) = split("{\"id\":1,\"text\":\"a\",\"comments\":[{\"body\":\"x\"}]}\n{\"id\":2}\n", chunk: 3)
        XCTAssertEqual(records(pieces), [#"{"id":1,"text":"a","comments":[{"body":"x"}]}"#])
        XCTAssertEqual(rest, "\n{\"id\":2}\n", "the rest is read line by line")
    }

    /// A ticket whose thread sits under a list name ("conversations") is a record, not a list.
    func testATicketWithAThreadIsNotAList() {
        let ticket = #"{"id":1,"subject":"s","conversations":[{"body_text":"a","incoming":true}]}"#
        let (pieces, rest) = split(ticket + "\n" + ticket + "\n")
        XCTAssertEqual(records(pieces), [ticket])
        XCTAssertEqual(rest, "\n" + ticket + "\n")
        let list = #"{"type":"conversation.list","conversations":[{"id":"1","source":{"body":"x"}}],"total_count":1}"#
        XCTAssertEqual(records(split(list).pieces), [#"{"id":"1","source":{"body":"x"}}"#], "Intercom's list is a list")
    }

    func testWhereRecordsStart() {
        let (pieces, _) = split("[\n  {\"a\":1},\n  {\"b\":2}, {\"c\":3}\n]")
        XCTAssertEqual(pieces.map { piece -> [Int] in
            if case .record(_, let line, let column) = piece { return [line, column] }
            return []
        }, [[2, 3], [3, 3], [3, 12]])
    }

    func testBadRecordsAreReportedOnceEach() {
        let (pieces, _) = split(#"[{"a":1}, 42, "text", null, {"b":2}]"#)
        XCTAssertEqual(records(pieces), [#"{"a":1}"#, #"{"b":2}"#])
        let errors = pieces.compactMap { if case .error(let m, _, _) = $0 { return m } else { return nil } }
        XCTAssertEqual(errors, ["record is a number, expected an object", "record is a string, expected an object", "record is null, expected an object"])
    }

    func testCutShortAndOversized() {
        let cut = split(#"{"tickets":[{"id":1},{"id":2,"subject":"never closes"#).pieces
        XCTAssertEqual(records(cut), [#"{"id":1}"#])
        XCTAssertEqual(cut.last, .error("the JSON ends inside a record that starts here", line: 1, column: 22))
        let open = split(#"[{"id":1}"#).pieces
        XCTAssertEqual(open.last, .error("the JSON document that starts here ends before it closes", line: 1, column: 1))
        let big = split(#"[{"t":"\#(String(repeating: "x", count: 100))"},{"id":2}]"#, max: 50).pieces
        XCTAssertEqual(big.first, .oversized(bytes: 108, line: 1, column: 2))
        XCTAssertEqual(records(big), [#"{"id":2}"#])
    }

    func testDeepNestingCostsNoStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let (pieces, _) = split(#"{"tickets":[{"x":\#(deep)}]}"#, max: 1 << 21)
        XCTAssertEqual(pieces.count, 1, "one record; the parser reports its depth")
        XCTAssertThrowsError(try JSONParser.parse(records(pieces)[0]))
    }
}
