import Foundation
import XCTest

/// Every README example written as `$ COMMAND` followed by its output, inside a fenced block, is
/// run with the built binary and must print exactly that output: stdout, then stderr (as a
/// terminal shows them when diagnostics come at the end). A block followed by a line saying
/// "wrapped here" has long lines wrapped for reading: a line starting with whitespace continues
/// the previous one, so wrap only where the real line has no space (between JSON tokens).
final class ReadmeExamplesTests: XCTestCase {
    struct Example {
        var line: Int  // of the `$` line in README.md, for messages
        var command: String
        var output: [String]
    }

    static func examples(in readme: String) -> [Example] {
        let lines = readme.components(separatedBy: "\n")
        var examples: [Example] = []
        var k = 0
        while k < lines.count {
            guard lines[k].hasPrefix("```") else { k += 1; continue }
            var end = k + 1
            while end < lines.count && !lines[end].hasPrefix("```") { end += 1 }
            let wrapped = lines[(end + 1)...].first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?.contains("wrapped here") ?? false
            var j = k + 1
            while j < end {
                guard lines[j].hasPrefix("$ ") else { j += 1; continue }
                let start = j
                var command = String(lines[j].dropFirst(2))
                while command.hasSuffix("\\") && j + 1 < end { j += 1; command += "\n" + lines[j] }
                j += 1
                var output: [String] = []
                while j < end && !lines[j].hasPrefix("$ ") {
                    if wrapped, let first = lines[j].first, first == " " || first == "\t", !output.isEmpty {
                        output[output.count - 1] += lines[j].drop { $0 == " " || $0 == "\t" }
                    } else {
                        output.append(lines[j])
                    }
                    j += 1
                }
                examples.append(Example(line: start + 1, command: command, output: trimmed(output)))
            }
            k = end + 1
        }
        return examples
    }

    /// Lines without trailing whitespace or trailing blank lines (editors strip them).
    static func trimmed(_ lines: [String]) -> [String] {
        var out = lines.map { String($0.reversed().drop { $0 == " " || $0 == "\t" }.reversed()) }
        while out.last == "" { out.removeLast() }
        return out
    }

    /// The command with each pipeline stage's leading `escalate` replaced by `binary` (quoted);
    /// quoted text and words elsewhere in a stage are left alone.
    static func substitute(_ command: String, binary: String) -> String {
        let chars = Array(command)
        var out = "", k = 0
        var stageStart = true
        var quote: Character?
        let word = Array("escalate")
        while k < chars.count {
            let c = chars[k]
            if let q = quote {
                out.append(c)
                if c == "\\" && q == "\"" && k + 1 < chars.count { out.append(chars[k + 1]); k += 2; continue }
                if c == q { quote = nil }
                k += 1
                continue
            }
            if stageStart && (c == " " || c == "\t") { out.append(c); k += 1; continue }
            if stageStart, chars[k...].starts(with: word) {
                let after = k + word.count
                if after == chars.count || " \t\n;|&)".contains(chars[after]) {
                    out += "'" + binary.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
                    k = after
                    stageStart = false
                    continue
                }
            }
            stageStart = "|;&(\n".contains(c)
            if c == "'" || c == "\"" { quote = c }
            if c == "\\" && k + 1 < chars.count { out.append(c); out.append(chars[k + 1]); k += 2; continue }
            out.append(c)
            k += 1
        }
        return out
    }

    func testSubstitutionReplacesOnlyCommandWords() {
        let bin = "/b/escalate"
        XCTAssertEqual(Self.substitute("escalate score x", binary: bin), "'/b/escalate' score x")
        XCTAssertEqual(Self.substitute(#"echo 'a | escalate x' | escalate score | jq -c 'select(.escalate)'"#, binary: bin),
                       #"echo 'a | escalate x' | '/b/escalate' score | jq -c 'select(.escalate)'"#)
        XCTAssertEqual(Self.substitute("escalate eval a && escalate tune b; (escalate config)", binary: bin),
                       "'/b/escalate' eval a && '/b/escalate' tune b; ('/b/escalate' config)")
        XCTAssertEqual(Self.substitute(#"echo "escalate \" | escalate" escalated"#, binary: bin), #"echo "escalate \" | escalate" escalated"#)
        XCTAssertEqual(Self.substitute("escalated score", binary: bin), "escalated score")
    }

    func testUnwrapping() {
        let readme = "```\n$ echo hi\n{\"a\":1,\n   \"b\":[2,\n        3]}\n  \n```\n(one line in reality; wrapped here)\n```\n$ x\n a\n$ y\n```\n"
        let examples = Self.examples(in: readme)
        XCTAssertEqual(examples.map(\.command), ["echo hi", "x", "y"])
        XCTAssertEqual(examples.map(\.output), [[#"{"a":1,"b":[2,3]}"#], [" a"], []])
        XCTAssertEqual(examples.map(\.line), [2, 10, 12])
    }

    func testReadmeExamplesPrintWhatTheReadmeShows() throws {
        let readme = try String(contentsOf: Binary.root.appendingPathComponent("README.md"), encoding: .utf8)
        let examples = Self.examples(in: readme)
        XCTAssertTrue(examples.contains { $0.command.contains("T-1007") }, "the T-1007 example was not found")
        XCTAssertTrue(examples.contains { $0.command.hasPrefix("escalate tune ") }, "the tune example was not found")
        for example in examples {
            XCTAssertFalse(example.output.isEmpty, "README.md:\(example.line): an example without output")
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", Self.substitute(example.command, binary: Binary.url.path)]
            p.currentDirectoryURL = Binary.root
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            p.standardInput = FileHandle.nullDevice
            try p.run()
            // Read stderr on another thread so a full pipe cannot stall the command.
            nonisolated(unsafe) var errData = Data()
            let group = DispatchGroup()
            group.enter()
            DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
            let outData = out.fileHandleForReading.readDataToEndOfFile()
            group.wait()
            p.waitUntilExit()
            let text = String(decoding: outData, as: UTF8.self) + String(decoding: errData, as: UTF8.self)
            let actual = Self.trimmed(text.components(separatedBy: "\n"))
            XCTAssertEqual(actual, example.output, """
                README.md:\(example.line): `\(example.command)` (exit \(p.terminationStatus)) printed:
                \(actual.joined(separator: "\n"))
                """)
        }
    }
}
