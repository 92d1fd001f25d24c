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

    /// Repeated keys: the last value wins, and only its type counts; type warnings come in the
    /// order the fields were given, before range and number warnings.
    func testRepeatedFieldsAndWarningOrder() throws {
        let value = try JSONParser.parse(#"{"text":"a","open_tickets":[1],"health":{},"arr_usd":true,"text":"b","arr_usd":5,"renewal_days":"soon","open_tickets":null,"account_tier":"Pro","account_tier":7}"#)
        let d = try TicketDecoder.decode(value, fallbackID: "1")
        XCTAssertEqual(d.ticket.text, "b")
        XCTAssertEqual(d.ticket.metadata.arrUSD, 5)
        XCTAssertNil(d.ticket.metadata.openTickets)
        XCTAssertEqual(d.ticket.metadata.accountTier, "7")
        XCTAssertEqual(d.warnings, ["'health' is an object; ignored", "'renewal_days' value \"soon\" is not a number; ignored"])
        let cells = [("subject", "S"), ("body", "B"), ("sla_hours_left", "-2"), ("account_tier", ""), ("id", "")]
            .map { (column: TicketDecoder.HeaderColumn(name: $0.0, mapping: .generic)!, value: $0.1) }
        let csv = try TicketDecoder.decode(cells: cells, fallbackID: "9")
        XCTAssertEqual(csv.ticket.id, "9", "an empty CSV id counts as none")
        XCTAssertEqual(csv.ticket.text, "S\nB")
        XCTAssertEqual(csv.ticket.metadata.slaHoursLeft, -2)
        XCTAssertNil(csv.ticket.metadata.accountTier)
        // Keys compare ignoring case, spaces and punctuation.
        XCTAssertEqual(["id", "body", "arr_usd", "renewal_days", "Text", "", "arr_usd ", "ext", "Ticket ID", "ticket_id", "TicketId", "ARR-USD", "-", "fields.x"].map { InputField(key: $0) },
                       [.id, .body, .arrUSD, .renewalDays, .text, nil, .arrUSD, nil, .id, .id, .id, .arrUSD, nil, nil])
    }

    func testLenientNumbers() {
        XCTAssertEqual(TicketDecoder.lenientNumber(" $1,234.5 "), 1234.5)
        XCTAssertNil(TicketDecoder.lenientNumber("NaN"))
        XCTAssertNil(TicketDecoder.lenientNumber("lots"))
        XCTAssertNil(TicketDecoder.lenientNumber("1e309"))
    }
}

final class FastJSONTests: XCTestCase {
    func testNumbersStringsAndEscapes() throws {
        let value = try JSONParser.parse(#"{"a":"x\ny \"q\" tail","z":-0,"i":-12,"f":1.5e2,"big":12345678901234567890,"u":"\u00e9\ud83d\ude00"}"#)
        XCTAssertEqual(value["a"], .string("x\ny \"q\" tail"))
        guard case .number(let z)? = value["z"] else { return XCTFail() }
        XCTAssertTrue(z == 0 && z.sign == .minus, "-0 keeps its sign")
        XCTAssertEqual(value["i"], .number(-12))
        XCTAssertEqual(value["f"], .number(150))
        XCTAssertEqual(value["big"], .number(12345678901234567890))
        XCTAssertEqual(value["u"], .string("é😀"))
        XCTAssertThrowsError(try JSONParser.parse("{\"a\":\"x\\ny\u{1}\"}"), "control character after an escape")
    }

    /// Short decimals skip the string conversion; they must parse to exactly what `Double(_:)`
    /// gives (correct rounding), at every length and position of the point, signed or not.
    func testDecimalsMatchDoubleParsing() throws {
        var rng = SystemRandomNumberGenerator()
        var texts = ["0.1", "0.3", "-0.0", "26.5", "1.005", "999999999999999", "0.000000000000001", "123456789.012345",
                     "9007199254740993", "0.1234567890123456", "1e5", "-1.5E-3", "17.4"]
        for _ in 0..<5000 {
            let digits = String((0..<Int.random(in: 1...17, using: &rng)).map { _ in "0123456789".randomElement(using: &rng)! })
            var text = digits.count > 1 && digits.first == "0" ? "1" + digits.dropFirst() : digits
            if Bool.random(using: &rng) { text.insert(".", at: text.index(text.startIndex, offsetBy: Int.random(in: 1...text.count, using: &rng))) }
            if text.last == "." { text += "5" }
            if Bool.random(using: &rng) { text = "-" + text }
            texts.append(text)
        }
        for text in texts {
            guard case .number(let parsed) = try JSONParser.parse(text), let expected = Double(text) else { return XCTFail(text) }
            XCTAssertEqual(parsed.bitPattern, expected.bitPattern, text)
        }
    }

    /// Strings are scanned eight bytes at a time: a quote, backslash or control byte must be
    /// found at every offset, next to non-ASCII bytes (which must never look like one).
    func testSpecialBytesAtEveryOffset() throws {
        let filler = Array("abcdefghijklmnopé€😀".utf8)
        for length in 0..<24 {
            for (special, decoded) in [(#"\""#, "\""), (#"\\"#, "\\"), (#"\n"#, "\n"), (#"\u0041"#, "A")] {
                let prefix = String(decoding: filler.prefix(length), as: UTF8.self)
                let text = String(decoding: Array(filler.prefix(length)) + Array("\(special)tail".utf8), as: UTF8.self)
                let expected = prefix + decoded + "tail"
                XCTAssertEqual(try JSONParser.parse("{\"t\":\"\(text)\"}")["t"], .string(expected), "\(text)")
            }
            let control = Array("{\"t\":\"".utf8) + filler.prefix(length) + [0x01] + Array("x\"}".utf8)
            XCTAssertThrowsError(try JSONParser.parse(control), "raw control byte after \(length) bytes")
            XCTAssertThrowsError(try JSONParser.parse(Array("\"".utf8) + filler.prefix(length)), "unterminated after \(length)")
        }
    }

    func testQuotedEscapesOnlyWhatItMust() {
        XCTAssertEqual(JSONWriter.quoted("plain text é 😀"), "\"plain text é 😀\"")
        XCTAssertEqual(JSONWriter.quoted("a\"b\\c\nd\re\tf\u{7F}\u{2028}\u{2029}–"), #""a\"b\\c\nd\re\tf\u007f\u2028\u2029–""#)
        for text in ["", "x\u{0}", "line\u{2028}", "quote\"", "日本語\n"] {
            XCTAssertEqual(try JSONParser.parse(JSONWriter.quoted(text)), .string(text), "round trip of \(text.debugDescription)")
        }
    }

    /// Runs needing no escape are found eight bytes at a time: each special character must be
    /// escaped wherever it falls, and "–" (E2 80 93, which shares U+2028's first byte) kept.
    func testEscapesAtEveryOffset() {
        let escaped: [(String, String)] = [("\"", #"\""#), ("\\", #"\\"#), ("\n", #"\n"#), ("\u{1}", #"\u0001"#),
                                           ("\u{1F}", #"\u001f"#), ("\u{7F}", #"\u007f"#), ("\u{2028}", #"\u2028"#), ("–", "–"), ("é", "é")]
        // Every length and offset: short strings go byte by byte, longer ones by words, the last
        // word overlapping bytes already checked.
        for (character, expected) in escaped {
            for length in 1...20 {
                for offset in 0..<length {
                    let before = String(repeating: "a", count: offset), after = String(repeating: "b", count: length - 1 - offset)
                    XCTAssertEqual(JSONWriter.quoted(before + character + after), "\"" + before + expected + after + "\"")
                }
            }
        }
        for length in 0...20 {
            let clean = String((0..<length).map { Character(UnicodeScalar(UInt8(ascii: "a") + UInt8($0)) ) })
            var bytes: [UInt8] = []
            JSONWriter.appendQuoted(clean, to: &bytes)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "\"" + clean + "\"")
        }
        // Long strings are escaped in pieces: none may split a character or an escape.
        let long = String(repeating: "é\u{2028}\"日本😀x", count: 5000)  // 85,000 bytes: cuts fall inside U+2028
        let quoted = JSONWriter.quoted(long)
        XCTAssertEqual(try JSONParser.parse(quoted), .string(long))
        XCTAssertEqual(quoted.components(separatedBy: "\\u2028").count, 5001)
    }

    /// Texts without "$" or "usd" are skipped after a quick scan for "d"/"D": an amount marked
    /// with "usd" in any case must still be found whatever byte offset its "d" falls on.
    func testUSDFoundAtEveryOffset() {
        for offset in 0..<24 {
            for unit in ["usd", "USD", "Usd", "uSd"] {
                let pad = String(repeating: "d", count: offset % 3) + String(repeating: "s", count: offset / 3)
                XCTAssertEqual(Amounts.largestUSD(in: pad + " 7 " + unit + " done"), 7, "\(pad) \(unit)")
                XCTAssertEqual(Amounts.largestUSD(in: pad + " 7" + unit), 7, "\(pad) glued \(unit)")
            }
            XCTAssertNil(Amounts.largestUSD(in: String(repeating: "x", count: offset) + " 7 us d, 8 sd, 9 dollars"))
        }
    }

    func testAmountsOnlyCountDollars() {
        XCTAssertEqual(Amounts.largestUSD(in: "refund $4,200 and 3000 USD, 5k usd; 99999 widgets, $1.5k, E-4012"), 5000)
        XCTAssertEqual(Amounts.largestUSD(in: "$12"), 12)
        XCTAssertNil(Amounts.largestUSD(in: "ticket 123456 in v2 of build 77"))
        XCTAssertEqual(Amounts.largestUSD(in: "a1000 usd"), nil, "a number glued to a word is no amount")
        // Candidates are found eight bytes at a time: none may be missed at any offset, next to
        // multi-byte characters ("°" is C2 B0, whose low seven bits look like the digit 0).
        for offset in 0..<17 {
            let pad = String(repeating: "°", count: offset / 2) + String(repeating: "x", count: offset % 2)
            XCTAssertEqual(Amounts.largestUSD(in: pad + "$12"), 12, pad)
            XCTAssertEqual(Amounts.largestUSD(in: pad + "€é 40 usd" + pad), 40, pad)
            XCTAssertNil(Amounts.largestUSD(in: pad + "°€é°°°°°°°°°°" + pad), pad)
        }
    }

    /// Numbers are written as `String(x)` writes them (integers without ".0"), whichever way
    /// they take: scores of up to four places, or anything else.
    func testNumbersAreWrittenAsTheStandardLibraryWritesThem() {
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<4000 {
            let places = [1.0, 10, 100, 1000, 10_000, 100_000].randomElement(using: &rng)!
            let k = Double(Int.random(in: -2_000_000_000...2_000_000_000, using: &rng))
            for x in [k / places, Double.random(in: -1...1, using: &rng), k * 1e6 / places] {
                let expected = x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
                XCTAssertEqual(JSONWriter.number(x), expected)
            }
        }
        XCTAssertEqual(JSONWriter.number(-0.0005), "-0.0005")
        XCTAssertEqual(JSONWriter.number(13.9), "13.9")
    }
}
