@testable import EscalationCore
import XCTest

final class ReasonTextTests: XCTestCase {
    func fixed(_ x: Double, _ digits: Int) -> String {
        var r = ReasonText()
        r.appendFixed(x, digits)
        return r.string
    }

    func testFixedPointMatchesPrintf() {
        for x in [0, 0.5, 1.25, -0.004, -0.006, 12.345, 99.95, 100, 1_234_567.891, -3.5, 0.05, 7.0049] {
            for digits in 0...2 {
                var expected = String(format: "%.\(digits)f", x)
                if expected.hasPrefix("-"), Double(expected) == 0 { expected.removeFirst() }  // no "-0.00"
                // printf rounds half to even on binary values; we round half away from zero.
                if abs(x * pow(10, Double(digits))).truncatingRemainder(dividingBy: 1) == 0.5 { continue }
                XCTAssertEqual(fixed(x, digits), expected, "\(x) with \(digits) digits")
            }
        }
        XCTAssertEqual(fixed(.infinity, 1), "inf")
        XCTAssertEqual(fixed(2.5, 0), "3")
    }

    func testPiecesJoin() {
        var r = ReasonText()
        r.append("SLA "); r.appendFixed(2.45, 1); r.append(" h left"); r.append(" é")
        XCTAssertEqual(r.string, "SLA 2.5 h left é")
    }
}
