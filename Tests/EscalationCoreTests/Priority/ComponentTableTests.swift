@testable import EscalationCore
import XCTest

/// Ties the component table to the default configuration text: adding a component without its
/// weight line (or leaving a weight or scale line without a component) fails here.
final class ComponentTableTests: XCTestCase {
    typealias Component = PriorityConfig.Component

    /// The default text's keys in one section, in file order.
    func defaultKeys(_ section: String) throws -> [String] {
        try ConfigFile(path: "<built-in config>", contents: PriorityConfig.defaultText).entries
            .filter { $0.section == section }.map(\.key)
    }

    func testEveryComponentHasOneWeightLineAndEveryWeightLineAComponent() throws {
        let keys = Component.allCases.map(\.key)
        XCTAssertEqual(Set(keys).count, keys.count, "component keys are unique")
        XCTAssertEqual(try defaultKeys("weights"), keys, "[weights] lists every component once, in table order")
        let config = PriorityConfig.default
        for component in Component.allCases {
            XCTAssertEqual(Component(key: component.key), component)
            XCTAssertFalse(config.weights[component].isNaN, "\(component.key) has a default weight")
        }
        // The helpdesk's declared priority is a small extra on top (the total is capped at 100).
        let evidence = Component.allCases.filter { !$0.isExtra }
        XCTAssertEqual(evidence.reduce(0) { $0 + config.weights[$1] }, 1, accuracy: 1e-9, "weights sum to 1")
        XCTAssertEqual(config.weights[.declaredPriority], 0.05, "a small default weight, as documented")
    }

    func testEveryScaleKeyBelongsToAComponentAndHasADefault() throws {
        let scaleKeys = Component.allCases.compactMap(\.scaleKey)
        XCTAssertEqual(Set(try defaultKeys("scales")), Set(scaleKeys))
        for component in Component.allCases where component.scaleKey != nil {
            XCTAssertGreaterThan(PriorityConfig.default.scales[component], 0, component.key)
        }
        XCTAssertThrowsError(try PriorityConfig.load(path: "c.toml", contents: "[scales]\narr_ful_usd = 5\n")) {
            XCTAssertEqual("\($0)", "c.toml:2: error: unknown key 'arr_ful_usd' in [scales]")
        }
    }

    func testIndexIsThePositionInTheTable() {
        XCTAssertEqual(Component.allCases.map(\.index), Array(0..<Component.allCases.count))
    }

    /// `PerComponent`'s size is a literal (InlineArray needs one): a component added to the
    /// table without growing it fails here.
    func testInlineStorageHasOneSlotPerComponent() {
        XCTAssertEqual(PerComponent<Double>.count, Component.allCases.count)
    }

    func testLevelIndexIsThePositionInAllCases() {
        XCTAssertEqual(Level.allCases.map(\.index), Array(0..<Level.allCases.count))
        XCTAssertTrue(Level.p2 < Level.p1 && Level.p4 < Level.p3 && !(Level.p1 < Level.p1))
    }

    /// The default text is the one source of defaults: every setting starts unset (NaN or nil)
    /// and must be set by it. Walks every stored property, so a new setting is covered too.
    func testDefaultTextLeavesNoSettingUnset() {
        var unset: [String] = []
        func walk(_ value: Any, _ path: String) {
            let mirror = Mirror(reflecting: value)
            if let x = value as? Double, x.isNaN { unset.append(path) }
            if mirror.displayStyle == .optional && mirror.children.isEmpty { unset.append(path) }
            for (k, child) in mirror.children.enumerated() {
                let name = child.label ?? "\(k)"
                if name == "rules" { continue }  // a rule's conditions are optional by design
                // Unset by design: set by `train`'s learned settings only (unset, the classifier counts by its probability).
                if name == "classifierLogOddsLow" || name == "classifierLogOddsHigh" { continue }
                walk(child.value, path + "." + name)
            }
        }
        walk(PriorityConfig.default, "PriorityConfig")
        XCTAssertEqual(unset, [])
        XCTAssertEqual(PriorityConfig.default.threshold, 35, "the shipped threshold")
        XCTAssertEqual(PriorityConfig.default.defaultRoute, PriorityConfig.Route(type: .functional, tier: .t2))
    }

    func testMissingEvidenceIsNeutralForEveryComponent() {
        let values = PriorityModel().components(Evidence(probability: 0, sentiment: 0, risks: [], metadata: AccountMetadata()))
        for component in Component.allCases {
            XCTAssertEqual(values[component], 0, component.key)
        }
    }

    func testValuesAreClampedToTheUnitInterval() {
        var m = AccountMetadata()
        m.accountTier = "enterprise"; m.arrUSD = 1e9; m.slaHoursLeft = -5; m.renewalDays = -30
        m.openTickets = 50; m.priorEscalations = 9; m.health = -20
        m.declared = DeclaredPriority(level: 1.5, shown: "beyond urgent")
        let risks = ["security", "legal", "outage"].map { RiskHit(category: $0, matched: $0) }
        var e = Evidence(probability: 1.2, sentiment: -1, risks: risks, metadata: m)
        var thread = ThreadEvidence()
        (thread.customerMessages, thread.firstSentiment, thread.lastSentiment) = (4, 1, -1.5)
        (thread.followUps, thread.repeatTerms, thread.hoursOpen) = (9, ["still", "again", "third time"], 500)
        e.thread = thread
        e.impact.impact = .wide; e.impact.urgency = .immediate; e.impact.problem = true
        let values = PriorityModel().components(e)
        for component in Component.allCases {
            XCTAssertEqual(values[component], 1, component.key)
        }
        thread.resolved = true
        e.thread = thread
        let resolved = PriorityModel().components(e)
        for component in Component.allCases where component.key.hasPrefix("thread_") {
            XCTAssertEqual(resolved[component], 0, "a resolved thread adds nothing: \(component.key)")
        }
        var calm = AccountMetadata()
        calm.arrUSD = -5; calm.slaHoursLeft = 1000; calm.health = 150
        let low = PriorityModel().components(Evidence(probability: -0.1, sentiment: 0.8, risks: [], metadata: calm))
        for component in Component.allCases {
            XCTAssertEqual(low[component], 0, component.key)
        }
    }

    /// Reasons list contributions largest first; equal points keep the table's order.
    func testTiedContributionsKeepComponentOrder() throws {
        var m = AccountMetadata()
        m.accountTier = "enterprise"; m.renewalDays = 0
        let e = Evidence(probability: 0, sentiment: 0, risks: [], metadata: m)
        let tied = try PriorityConfig.load(path: "c.toml", contents: "[weights]\ntier = 0.04\nrenewal = 0.04\n")
        XCTAssertEqual(PriorityModel(config: tied).assess(id: "x", e).reasons, ["enterprise account +4.0", "renewal in 0 days +4.0"])
        let renewalFirst = try PriorityConfig.load(path: "c.toml", contents: "[weights]\ntier = 0.04\nrenewal = 0.05\n")
        XCTAssertEqual(PriorityModel(config: renewalFirst).assess(id: "x", e).reasons, ["renewal in 0 days +5.0", "enterprise account +4.0"])
    }
}
