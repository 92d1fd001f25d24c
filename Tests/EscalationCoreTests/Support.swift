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
        let model = Training.train(try! LabeledFile.readDirectory(path("Corpora")), normalizer: n, trainer: ClassifierKinds.startupTrainer())
        return Escalator(resources: resources(n), classifier: model, config: .default, normalizer: n)
    }
}

/// A seeded generator (SplitMix64), so a random test that fails fails again on the next run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
