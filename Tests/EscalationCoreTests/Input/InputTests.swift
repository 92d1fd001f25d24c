import EscalationCore
import XCTest

final class InputTests: XCTestCase {
    func testJSONRoundTripKeepsOrderAndEscapes() throws {
        let text = #"{"b":1,"a":[true,null,-2.5e3],"s":"tab\there \"q\" \u00e9 \ud83d\ude00"}"#
        let value = try JSONParser.parse(text)
        XCTAssertEqual(JSONWriter.encode(value), #"{"b":1,"a":[true,null,-2500],"s":"tab\there \"q\" é 😀"}"#)
        XCTAssertEqual(JSONWriter.quoted("a\u{0}b\u{1F}"), #""a\u0000b\u001f""#)
    }

    func testJSONErrorsHaveColumns() {
        XCTAssertThrowsError(try JSONParser.parse(#"{"a":1,}"#)) { XCTAssertEqual(($0 as? JSONParseError)?.column, 8) }
        XCTAssertThrowsError(try JSONParser.parse(#"{"a":1} x"#))
        XCTAssertThrowsError(try JSONParser.parse(String(repeating: "[", count: 10_000)), "depth limit, no stack overflow")
    }

    func testDecodeSubjectBodyAndMetadata() throws {
        let value = try JSONParser.parse(#"{"id":7,"subject":"Down","body":"All agents","arr_usd":"$12,000","health":"n/a","account_tier":"Enterprise","escalate":"yes"}"#)
        let d = try TicketDecoder.decode(value, fallbackID: "1")
        XCTAssertEqual(d.ticket.id, "7")
        XCTAssertEqual(d.ticket.text, "Down\nAll agents")
        XCTAssertEqual(d.ticket.metadata.arrUSD, 12_000)
        XCTAssertEqual(d.ticket.metadata.accountTier, "enterprise")
        XCTAssertNil(d.ticket.metadata.health)
        XCTAssertEqual(d.warnings.count, 1)
        XCTAssertEqual(try d.label(), true)
    }

    func testDecodeRejectsBadRecords() throws {
        XCTAssertThrowsError(try TicketDecoder.decode(.array([]), fallbackID: "1")) { XCTAssertEqual("\($0)", "record is a JSON array, expected an object") }
        XCTAssertThrowsError(try TicketDecoder.decode(JSONParser.parse(#"{"text":5}"#), fallbackID: "1")) { XCTAssertEqual("\($0)", "'text' is a number, expected a string") }
        XCTAssertThrowsError(try TicketDecoder.decode(JSONParser.parse(#"{"id":"x"}"#), fallbackID: "1"))
        let outOfRange = try TicketDecoder.decode(JSONParser.parse(#"{"text":"t","arr_usd":-5,"health":1e309}"#), fallbackID: "1")
        XCTAssertNil(outOfRange.ticket.metadata.arrUSD)
        XCTAssertNil(outOfRange.ticket.metadata.health)
        XCTAssertEqual(outOfRange.warnings.count, 2)
    }

    func testLenientNumbers() {
        XCTAssertEqual(TicketDecoder.lenientNumber(" $1,234.5 "), 1234.5)
        XCTAssertNil(TicketDecoder.lenientNumber("NaN"))
        XCTAssertNil(TicketDecoder.lenientNumber("lots"))
        XCTAssertNil(TicketDecoder.lenientNumber("1e309"))
    }
}
