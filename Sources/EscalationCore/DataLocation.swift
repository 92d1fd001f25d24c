import Foundation

/// Finds the `Lexicons/` and `Corpora/` folders shipped with escalate.
public enum DataLocation {
    /// Environment variable naming the folder that holds Lexicons/ and Corpora/.
    public static let environmentKey = "ESCALATE_HOME"

    /// Search order: $ESCALATE_HOME, then each parent of the executable (a build in
    /// `.build/…/escalate` finds the checkout), then the source checkout this was built from.
    public static func home(executable: String = CommandLine.arguments.first ?? "") -> String? {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment[environmentKey], !env.isEmpty { candidates.append(env) }
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir.path)
            dir.deleteLastPathComponent()
        }
        // Sources/EscalationCore/DataLocation.swift → checkout root.
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path)
        return candidates.first { isHome($0) }
    }

    private static func isHome(_ dir: String) -> Bool {
        var isDir: ObjCBool = false
        let lexicons = (dir as NSString).appendingPathComponent("Lexicons")
        return FileManager.default.fileExists(atPath: lexicons, isDirectory: &isDir) && isDir.boolValue
    }
}
