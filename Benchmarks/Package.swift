// swift-tools-version:6.1
import Foundation
import PackageDescription

// The parent package's identity is its directory name, which differs between clones.
let stationmaster = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "StationmasterBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The reference: libmodbus called straight from C, no Swift in the loop.
        .target(
            name: "CPlainModbusClient",
            linkerSettings: [.linkedLibrary("modbus")]
        ),
        // The reference for the outbox: libsqlite3 from C with the same settings.
        .target(
            name: "CPlainSQLite",
            linkerSettings: [.linkedLibrary("sqlite3")]
        ),
        .executableTarget(
            name: "OutboxBenchmarks",
            dependencies: [
                "CPlainSQLite",
                .product(name: "StationController", package: stationmaster),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/OutboxBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ModbusBenchmarks",
            dependencies: [
                "CPlainModbusClient",
                .product(name: "Modbus", package: stationmaster),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ModbusBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "EnergyManagementBenchmarks",
            dependencies: [
                .product(name: "EnergyManagement", package: stationmaster),
                .product(name: "StationCore", package: stationmaster),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/EnergyManagementBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "OCPPCodecBenchmarks",
            dependencies: [
                .product(name: "OCPP", package: stationmaster),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/OCPPCodecBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ControlCycleBenchmarks",
            dependencies: [
                .product(name: "StationController", package: stationmaster),
                .product(name: "Devices", package: stationmaster),
                .product(name: "StationSimulator", package: stationmaster),
                .product(name: "StationConfig", package: stationmaster),
                .product(name: "Modbus", package: stationmaster),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ControlCycleBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Tariffs (issue 14): pricing a day-long session.
        .executableTarget(
            name: "TariffsBenchmarks",
            dependencies: [
                .product(name: "Tariffs", package: stationmaster),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/TariffsBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Issue 14: free-slot search of the booking calendar.
        .executableTarget(
            name: "SchedulingBenchmarks",
            dependencies: [
                .product(name: "Scheduling", package: stationmaster),
                .product(name: "StationCore", package: stationmaster),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/SchedulingBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Issue 16: a day's supply plan for 500 station groups.
        .executableTarget(
            name: "SupplyPlanningBenchmarks",
            dependencies: [
                .product(name: "SupplyPlanning", package: stationmaster),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/SupplyPlanningBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
