import EscalationCore
import XCTest

/// The flat record path (`TicketDecoder.decodeFlat`) must give what parsing to a `JSONValue`
/// and decoding gives, or nothing.
final class FlatDecodingTests: XCTestCase {
    private static let keys = ["id", "text", "subject", "body", "escalate", "label", "account_tier", "arr_usd",
                               "sla_hours_left", "health", "open_tickets", "extra", "note\\u00e9", "t\\u0065xt", "Text"]
    private static let values = [#""T-1""#, #""Down\nagain \"now\" \u00e9 \ud83d\ude00""#, #""Enterprise""#, #""$12,000""#,
                                 #""""#, #""soon""#, "7", "-2.5", "1e3", "0", "1", "12345678901234567", "true", "false",
                                 "null", "[1]", "{}", #"{"a":"b"}"#, #""caf\u00e9 ok""#]

    func testAgreesWithTheGeneralPath() throws {
        var rng = SeededGenerator(seed: 7)
        var flatCount = 0
        for _ in 0..<5000 {
            var members: [String] = []
            for _ in 0..<Int.random(in: 0...7, using: &rng) {
                let key = Self.keys.randomElement(using: &rng)!, value = Self.values.randomElement(using: &rng)!
                members.append(Bool.random(using: &rng) ? "\"\(key)\":\(value)" : " \"\(key)\" : \(value) ")
            }
            // Most records carry a text, as real ones do.
            if Int.random(in: 0..<4, using: &rng) > 0 { members.insert(#""text":"Refund \"now\"""#, at: Int.random(in: 0...members.count, using: &rng)) }
            var line = "{" + members.joined(separator: ",") + "}"
            if Int.random(in: 0..<20, using: &rng) == 0 { line = "[" + line + "]" }
            if Int.random(in: 0..<20, using: &rng) == 0 { line += "x" }
            let bytes = Array(line.utf8)
            let general: (TicketDecoder.Decoded, [(String, JSONValue)])? = try? {
                let value = try JSONParser.parse(bytes)
                let decoded = try TicketDecoder.decode(value, fallbackID: "3")
                guard case .object(let pairs) = value else { return (decoded, []) }
                return (decoded, pairs.filter { InputField(key: $0.0) == nil })
            }()
            guard let flat = TicketDecoder.decodeFlat(bytes, fallbackID: "3") else { continue }
            flatCount += 1
            guard let general else { XCTFail("flat path accepted what the general path rejects: \(line)"); continue }
            XCTAssertEqual(flat.decoded.ticket, general.0.ticket, line)
            XCTAssertEqual(flat.decoded.warnings, general.0.warnings, line)
            XCTAssertEqual(flat.decoded.rawLabel, general.0.rawLabel, line)
            XCTAssertEqual(flat.otherFields.map(\.0), general.1.map(\.0), line)
            XCTAssertEqual(flat.otherFields.map(\.1), general.1.map(\.1), line)
        }
        XCTAssertGreaterThan(flatCount, 1000, "the flat path should take most generated records")
    }

    func testUTF8ValidationMatchesTheStandardLibrary() {
        var rng = SeededGenerator(seed: 11)
        // Leads, continuations and ASCII, so that both valid and invalid sequences are common.
        let pieces: [UInt8] = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC,
                               0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        var valid = 0
        for _ in 0..<20000 {
            let ascii = [UInt8](repeating: 0x61, count: Int.random(in: 0...12, using: &rng))
            let bytes = ascii + (0..<Int.random(in: 0...5, using: &rng)).map { _ in pieces.randomElement(using: &rng)! } + ascii
            let expected = String(validating: bytes, as: UTF8.self) != nil
            if expected { valid += 1 }
            XCTAssertEqual(UTF8Validation.isValid(bytes), expected, "\(bytes)")
        }
        XCTAssertGreaterThan(valid, 2000)
        XCTAssertTrue(UTF8Validation.isValid(Array("Überweisung 失败 😤".utf8)))
    }
}
