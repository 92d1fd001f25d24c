@testable import EscalationCore
import XCTest

/// The one binary search every sorted lookup uses, against a linear scan.
final class SortedSearchTests: XCTestCase {
    func testAgreesWithLinearScan() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let sorted = (0..<Int.random(in: 0...12, using: &rng)).map { _ in Int.random(in: 0...9, using: &rng) }.sorted()
            let key = Int.random(in: -1...10, using: &rng)
            XCTAssertEqual(sorted.partitionPoint { $0 < key }, sorted.firstIndex { $0 >= key } ?? sorted.count, "\(sorted) \(key)")
            XCTAssertEqual(sorted.sortedIndex(of: key), sorted.firstIndex(of: key), "\(sorted) \(key)")
        }
    }

    func testSlicesKeepTheirIndices() {
        let slice = [1, 3, 5, 7, 9][2...]
        XCTAssertEqual(slice.sortedIndex(of: 7), 3)
        XCTAssertNil(slice.sortedIndex(of: 3))
        XCTAssertEqual(slice.partitionPoint { $0 < 100 }, slice.endIndex)
    }
}
