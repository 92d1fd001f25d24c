import EscalationCore
import XCTest

/// `[risk]`, `[routing]` and rule `when_risk` name risk-lexicon categories: a typo is a
/// FILE:LINE error once the lexicon is loaded, not a weight of 0 or a rule that never fires.
final class ConfigCategoryTests: XCTestCase {
    static let categories = Fixture.resources(Fixture.normalizer()).risk.categories

    func validated(_ contents: String) throws {
        try PriorityConfig.load(path: "c.toml", contents: contents).validate(categories: Self.categories)
    }

    func testTyposAreErrorsNamingFileAndLine() {
        let cases = [
            ("[risk]\noutage = 0.8\noutgae = 0.8\n", "c.toml:3: error: unknown risk category 'outgae' in [risk]"),
            ("# routing\n[routing]\ndata_los = \"technical T3\"\n", "c.toml:3: error: unknown risk category 'data_los' in [routing]"),
            ("[rule.mine]\nwhen_risk = \"securty\"\nlevel = \"P1\"\n", "c.toml:2: error: unknown risk category 'securty' in [rule.mine]"),
        ]
        for (contents, expected) in cases {
            XCTAssertThrowsError(try validated(contents), contents) {
                XCTAssertTrue("\($0)".hasPrefix(expected + "; the risk lexicon has "), "\($0)")
                XCTAssertEqual(($0 as? DataFileError)?.line, Int(expected.split(separator: ":")[1]))
            }
        }
    }

    func testEveryDefaultCategoryIsAccepted() throws {
        // The shipped text as if it were a user's file: every category it names is in the lexicon.
        XCTAssertNoThrow(try validated(PriorityConfig.defaultText))
        XCTAssertNoThrow(try validated("[risk]\nbilling = 0.6\n[routing]\nchurn = \"hierarchical T3\"\n"))
        let named = Set(try ConfigFile(path: "d", contents: PriorityConfig.defaultText).entries
            .filter { $0.section == "risk" }.map(\.key))
        XCTAssertEqual(named, Set(Self.categories), "[risk] weighs every lexicon category")
    }

    /// Only a user's own keys are checked: a custom lexicon without a built-in category is fine.
    func testBuiltInCategoriesAreNotCheckedAgainstACustomLexicon() {
        XCTAssertNoThrow(try PriorityConfig.default.validate(categories: ["outage"]))
    }
}
