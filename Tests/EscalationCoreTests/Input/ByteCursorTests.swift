import EscalationCore
import Foundation
import XCTest

final class ByteCursorTests: XCTestCase {
    func testFillsItsRoomExactly() {
        var out: [UInt8] = [0x21]
        ByteCursor.append(to: &out, atMost: 7) { c in
            c.write("abc")
            c.write(UInt8(ascii: "d"))
            Array("ef".utf8).withUnsafeBufferPointer { c.write($0) }
            c.advance(by: 1).pointee = UInt8(ascii: "g")
        }
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "!abcdefg")
    }

    /// A write past the room stops the program, in release builds too (`precondition`, not
    /// `assert`): run in a child process, which must die of the trap.
    func testWritePastTheRoomTraps() throws {
        if ProcessInfo.processInfo.environment["ESCALATE_BYTECURSOR_OVERFLOW"] != nil {
            var out: [UInt8] = []
            ByteCursor.append(to: &out, atMost: 4) { c in c.write("12345") }
            return  // not reached
        }
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["EscalationCoreTests.ByteCursorTests/testWritePastTheRoomTraps"]
        child.environment = ProcessInfo.processInfo.environment.merging(["ESCALATE_BYTECURSOR_OVERFLOW": "1"]) { $1 }
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        child.waitUntilExit()
        XCTAssertEqual(child.terminationReason, .uncaughtSignal, "writing 5 bytes into 4 must trap")
    }
}
