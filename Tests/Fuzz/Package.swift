// swift-tools-version:6.0
import Foundation
import PackageDescription

// The root package's identity is its directory name, which differs between clones.
let stationmaster = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

/// One libFuzzer executable per target in `StationFuzzing.FuzzTarget`; scripts/fuzz builds them with
/// `-sanitize=fuzzer,address` into .build-fuzz.
let targets = [
    "ocpp-frame", "ocpp16-charger", "ocpp201-charger", "uplink-csms", "modbus-sunspec", "station-yaml", "ocpi",
    "cpms-station", "ocpi-query", "openadr", "oscp", "price-feed", "entsoe", "portal-form",
]

let package = Package(
    name: "StationmasterFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../.."),
    ],
    targets: [.target(name: "CFuzzerDriver")]
        + targets.map { name in
            .executableTarget(
                name: "fuzz-\(name)",
                dependencies: ["CFuzzerDriver", .product(name: "StationFuzzing", package: stationmaster)],
                path: "Sources/\(name)"
            )
        },
    swiftLanguageModes: [.v6]
)
