// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Blueprint",
    products: [
        .library(name: "Blueprint", targets: ["Blueprint"]),
        .library(name: "BlueprintUpstream", targets: ["BlueprintUpstream"]),
        .executable(name: "BlueprintServer", targets: ["BlueprintServer"]),
    ],
    dependencies: [],
    targets: [
        .target(name: "CBlueprintShim"),
        .target(
            name: "Blueprint",
            dependencies: ["CBlueprintShim"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .target(
            name: "BlueprintUpstream",
            dependencies: ["Blueprint"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "BlueprintServer",
            dependencies: ["Blueprint", "BlueprintUpstream"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "BlueprintBench",
            dependencies: ["Blueprint"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "APITests",
            // The executable is a dependency so that it is built for the child-process tests.
            dependencies: ["Blueprint", "BlueprintUpstream", "BlueprintServer", "CBlueprintShim"],
            path: "Tests/API",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "ServicesTests",
            dependencies: ["Blueprint", "BlueprintUpstream"],
            path: "Tests/Services",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
