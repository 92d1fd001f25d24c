import EscalationCore
import Foundation

/// Runs the built `escalate` executable (it sits next to the test bundle in SwiftPM's layout).
enum Binary {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Run {
        var status: Int32; var stdout: String; var stderr: String
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
        var records: [JSONValue] { lines.compactMap { try? JSONParser.parse($0) } }
    }

    static var url: URL {
        // The test bundle sits next to the products (swift build's layout on Linux).
        Bundle.main.bundleURL.appendingPathComponent("escalate")
    }

    @discardableResult
    static func run(_ args: [String], stdin: String? = nil, executable: URL = url, directory: URL = root,
                    environment: [String: String]? = nil) throws -> Run {
        let p = Process()
        p.executableURL = executable
        p.arguments = args
        p.currentDirectoryURL = directory
        if let environment { p.environment = environment }
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
        try inp.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

}
