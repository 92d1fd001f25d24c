@testable import escalate
import EscalationCore
import Foundation
import XCTest

/// `--keep-fields` never lets an input field and a computed one share a name.
final class KeptFieldsTests: XCTestCase {
    func names(_ fields: [(String, JSONValue)]) -> [String] { KeptFields.named(fields).map(\.0) }

    func testOtherNamesAndOrderAreUnchanged() {
        let fields: [(String, JSONValue)] = [("team", .string("emea")), ("z", .number(1)), ("a", .null), ("Priority", .bool(true))]
        XCTAssertEqual(names(fields), ["team", "z", "a", "Priority"], "names are compared exactly, as JSON keys are")
    }

    func testCollidingNamesGetThePrefixInPlace() {
        let fields: [(String, JSONValue)] = [("team", .string("emea")), ("priority", .string("high")), ("level", .number(2)),
                                             ("route", .string("x")), ("error", .string("e")), ("line", .number(4)), ("tier", .string("gold"))]
        XCTAssertEqual(names(fields), ["team", "input_priority", "input_level", "input_route", "input_error", "input_line", "input_tier"])
        XCTAssertEqual(KeptFields.named(fields).map(\.1), fields.map(\.1), "values stay with their fields")
    }

    func testPrefixIsRepeatedWhileTheNameIsTaken() {
        XCTAssertEqual(names([("priority", .number(1)), ("input_priority", .number(2))]), ["input_input_priority", "input_priority"])
        XCTAssertEqual(names([("input_priority", .number(2)), ("priority", .number(1))]), ["input_priority", "input_input_priority"])
        XCTAssertEqual(names([("input_input_level", .null), ("level", .null), ("input_level", .null)]),
                       ["input_input_level", "input_input_input_level", "input_level"])
    }

    func testNoOutputFieldNameSurvives() {
        let fields = OutputField.allCases.map { ($0.nameText, JSONValue.null) }
        let renamed = names(fields)
        XCTAssertEqual(renamed, OutputField.allCases.map { "input_" + $0.nameText })
        XCTAssertTrue(renamed.allSatisfy { OutputField(name: $0) == nil })
    }

    /// JSON keys in the order written (`JSONValue` objects do not keep order).
    func keys(_ line: String) -> [String] { line.matches(of: /[{,]"([a-z_]+)":/).map { String($0.1) } }

    func testBinaryKeepsCollidingFieldsBesideTheComputedOnes() throws {
        let input = #"{"id":"k","text":"Production is down","team":"emea","priority":"high","input_priority":2,"tier":"gold"}"# + "\n"
        let r = try Binary.run(["score", "--keep-fields"], stdin: input)
        XCTAssertEqual(r.status, 0, r.stderr)
        let record = try XCTUnwrap(r.records.first, r.stdout)
        guard case .number? = record["priority"], case .string(let tier)? = record["tier"] else { return XCTFail(r.stdout) }
        XCTAssertTrue(tier.hasPrefix("T"), r.stdout)
        XCTAssertEqual(record["input_input_priority"], .string("high"))
        XCTAssertEqual(record["input_priority"], .number(2))
        XCTAssertEqual(record["input_tier"], .string("gold"))
        XCTAssertEqual(Array(keys(r.stdout).suffix(4)), ["team", "input_input_priority", "input_priority", "input_tier"])
        // Without the flag, no input field is written.
        let plain = try Binary.run(["score"], stdin: input)
        XCTAssertFalse(plain.stdout.contains("input_"), plain.stdout)
        XCTAssertFalse(plain.stdout.contains("team"), plain.stdout)
    }

    func testCSVInputKeepsColumnsAndCSVOutputHasFixedColumns() throws {
        let csv = "id,text,Level,team\nc1,Production is down,high,emea\n"
        let json = try Binary.run(["score", "--keep-fields", "--format", "csv"], stdin: csv)
        XCTAssertEqual(json.status, 0, json.stderr)
        XCTAssertEqual(Array(keys(json.stdout).suffix(2)), ["input_level", "team"], json.stdout)
        let table = try Binary.run(["score", "--keep-fields", "--format", "csv", "--output", "csv"], stdin: csv)
        XCTAssertEqual(table.lines.first, OutputField.csvColumns.map(\.nameText).joined(separator: ","))
        XCTAssertFalse(table.stdout.contains("emea"), table.stdout)
    }
}
