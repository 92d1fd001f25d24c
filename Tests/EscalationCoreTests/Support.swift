import EscalationCore
import Foundation

/// Shared fixtures: the checkout's own lexicons, loaded once per test process.
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func normalizer() -> Normalizer { try! Normalizer() }

    static func resources(_ n: Normalizer) -> Resources {
        try! Resources.load(lexicons: path("Lexicons"), normalizer: n)
    }

    static func escalator() -> Escalator {
        let n = normalizer()
        let model = Training.train(try! LabeledFile.readDirectory(path("Corpora")), normalizer: n)
        return Escalator(resources: resources(n), classifier: model, config: .default, normalizer: n)
    }
}
