@testable import EscalationCore
import Foundation
import XCTest

/// The input field table is the one place a field is declared: these tie the rest to it.
final class InputFieldTests: XCTestCase {
    func testStorageIsSizedFromTheTable() {
        XCTAssertEqual(InputField.NumericValues<Double?>.count, InputField.numericFields.count,
                       "InputField.NumericValues must hold one value per numeric field of the table")
        XCTAssertEqual(InputField.numericFields.map(\.name),
                       ["arr_usd", "sla_hours_left", "renewal_days", "open_tickets", "prior_escalations", "health", "dispute_amount_usd"])
    }

    func testEveryNumericFieldIsStoredApart() {
        var metadata = AccountMetadata()
        for (k, field) in InputField.numericFields.enumerated() { metadata[field] = Double(k + 1) }
        for (k, field) in InputField.numericFields.enumerated() { XCTAssertEqual(metadata[field], Double(k + 1), field.name) }
        XCTAssertEqual(metadata.disputeAmountUSD, 7)
        XCTAssertNil(metadata[.text], "a field that is not numeric has no value")
        XCTAssertNotEqual(metadata, AccountMetadata())
    }

    func testEveryKeyFindsItsFieldAndNothingElseDoes() {
        var seen: Set<String> = []
        for field in InputField.allCases {
            for key in field.spec.keys {
                XCTAssertTrue(seen.insert(FieldKeyTable.normalize(key)).inserted, "'\(key)' names two fields")
                XCTAssertEqual(InputField(key: key), field, key)
            }
        }
        // The hash table against a plain dictionary of the same normalized keys (first entry wins),
        // on near misses of every key.
        var reference: [String: InputField] = [:]
        for (key, field) in FieldMapping.genericEntries where reference[FieldKeyTable.normalize(key)] == nil {
            reference[FieldKeyTable.normalize(key)] = field
        }
        var rng = SeededGenerator(seed: 5)
        for key in FieldMapping.genericEntries.map(\.key) {
            let bytes = Array(key.utf8)
            for _ in 0..<20 {
                var changed = bytes
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: changed[Int.random(in: 0..<changed.count, using: &rng)] ^= UInt8(1 << Int.random(in: 0..<7, using: &rng))
                case 1: changed.insert(UInt8.random(in: 0x20...0x7E, using: &rng), at: Int.random(in: 0...changed.count, using: &rng))
                default: changed.removeLast()
                }
                let text = String(decoding: changed, as: UTF8.self)
                XCTAssertEqual(InputField(key: text), reference[FieldKeyTable.normalize(text)], text)
            }
        }
    }

    func testTheREADMEListsEveryField() throws {
        let readme = try String(contentsOfFile: Fixture.path("README.md"), encoding: .utf8)
        XCTAssertTrue(readme.contains(InputField.markdownTable + "\n"),
                      "README.md's input field table must read:\n\(InputField.markdownTable)")
    }
}
