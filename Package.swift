// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "escalate",
    products: [
        .executable(name: "escalate", targets: ["escalate"]),
        .library(name: "EscalationCore", targets: ["EscalationCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // ICU behind a scalar-only C header: importing ICU headers next to Foundation clashes.
        .target(
            name: "CEscalationICU",
            linkerSettings: [.linkedLibrary("icuuc")]
        ),
        .target(
            name: "EscalationCore",
            dependencies: ["CEscalationICU"]
        ),
        .executableTarget(
            name: "escalate",
            dependencies: [
                "EscalationCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Stage timings for scripts/bench (not part of the product).
        .executableTarget(
            name: "escalate-bench",
            dependencies: ["EscalationCore"]
        ),
        .testTarget(
            name: "EscalationCoreTests",
            dependencies: ["EscalationCore"]
        ),
        .testTarget(
            name: "escalateTests",
            dependencies: ["escalate"]
        ),
    ]
)
