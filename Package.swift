// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Stationmaster",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "stationctl", targets: ["stationctl"]),
        .executable(name: "station-sim", targets: ["station-sim"]),
        .executable(name: "stationd", targets: ["stationd"]),
        .executable(name: "cpms", targets: ["cpms"]),
        .library(name: "Modbus", targets: ["Modbus"]),
        .library(name: "GPIO", targets: ["GPIO"]),
        .library(name: "StationConfig", targets: ["StationConfig"]),
        .library(name: "StationTesting", targets: ["StationTesting"]),
        .library(name: "OCPP", targets: ["OCPP"]),
        .library(name: "Devices", targets: ["Devices"]),
        .library(name: "StationController", targets: ["StationController"]),
        .library(name: "StationSimulator", targets: ["StationSimulator"]),
        .library(name: "StationCore", targets: ["StationCore"]),
        .library(name: "EnergyManagement", targets: ["EnergyManagement"]),
        .library(name: "CPMS", targets: ["CPMS"]),
        .library(name: "StationFuzzing", targets: ["StationFuzzing"]),
        .library(name: "Tariffs", targets: ["Tariffs"]),
        .library(name: "Scheduling", targets: ["Scheduling"]),
        .library(name: "OCPI", targets: ["OCPI"]),
        .library(name: "SupplyPlanning", targets: ["SupplyPlanning"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        // C libraries from Debian's packages.
        .systemLibrary(name: "CModbus", pkgConfig: "libmodbus", providers: [.apt(["libmodbus-dev"])]),
        .systemLibrary(name: "CGPIOD", pkgConfig: "libgpiod", providers: [.apt(["libgpiod-dev"])]),

        // Hardware bindings: the only targets that touch C.
        .target(
            name: "Modbus",
            dependencies: [
                "CModbus",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "GPIO",
            dependencies: [
                .target(name: "CGPIOD", condition: .when(platforms: [.linux])),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // Domain: units, sockets, sessions, availability. No I/O.
        .target(name: "StationCore", swiftSettings: strict),

        // Pure energy decisions: inputs -> setpoints + reasons. No I/O, no clock reads.
        .target(name: "EnergyManagement", dependencies: ["StationCore"], swiftSettings: strict),

        // Configuration: station files and device profiles, validated with file:line errors.
        .target(
            name: "StationConfig",
            dependencies: ["Modbus", "Yams"],
            swiftSettings: strict
        ),

        // Drivers built from register maps, and the poll scheduler.
        .target(name: "Devices", dependencies: ["Modbus", "StationConfig", "StationCore"], swiftSettings: strict),

        // OCPP-J framing, OCPP 1.6 and 2.0.1 messages, validation, and the endpoint that pairs calls.
        .target(
            name: "OCPP",
            dependencies: ["StationCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),

        // The local API's documents, shared by stationd and stationctl.
        .target(name: "StationAPI", swiftSettings: strict),

        // stationd: buses and pollers, the control loop, GPIO safety, local API, metrics, systemd.
        .target(
            name: "StationController",
            dependencies: [
                "StationCore", "Devices", "EnergyManagement", "GPIO", "StationConfig", "Modbus", "StationAPI", "OCPP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // Tariffs (issue 14): the OCPI 2.2.1 tariff model and the pricing engine. Pure: Foundation only.
        .target(name: "Tariffs", swiftSettings: strict),
        .testTarget(name: "TariffsTests", dependencies: ["Tariffs", "StationTesting"], swiftSettings: strict),

        // Supply planning (issue 16): DSO offers and a policy -> the supplier per group and window, each
        // station's price schedule and grid cap. Pure.
        .target(name: "SupplyPlanning", dependencies: ["Tariffs"], swiftSettings: strict),
        .testTarget(
            name: "SupplyPlanningTests",
            dependencies: ["SupplyPlanning", "Tariffs", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict),

        // cpms: the central CPMS. Station gateway (OCPP 2.0.1 CSMS), storage (SQLKit on SQLite or PostgreSQL), API.
        .target(
            name: "CPMS",
            dependencies: [
                "OCPP", "OCPI", "StationCore", "Tariffs", "Scheduling", "SupplyPlanning",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // Simulated station hardware: Modbus devices, EVs, scenarios; simulated OCPP chargers and load.
        .target(
            name: "StationSimulator",
            dependencies: [
                "Devices", "Modbus", "StationConfig", "StationCore", "OCPP",
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),

        // Test support shipped beside the code.
        .target(
            name: "StationTesting",
            dependencies: ["GPIO", "Modbus", "StationCore"],
            swiftSettings: strict
        ),

        // The fuzz targets' entry points: stationd's and cpms's input paths, for Tests/Fuzz and the crash-replay tests.
        .target(
            name: "StationFuzzing",
            dependencies: [
                "StationController", "StationConfig", "Devices", "Modbus", "OCPP", "StationAPI", "StationCore", "StationTesting", "OCPI",
                "CPMS",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // Executables.
        .executableTarget(
            name: "stationctl",
            dependencies: [
                "Modbus",
                "StationAPI",
                "StationConfig",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        .executableTarget(
            name: "stationd",
            dependencies: [
                "StationController",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "cpms",
            dependencies: [
                "CPMS", "Tariffs", "Scheduling",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "station-sim",
            dependencies: [
                "StationSimulator",
                "StationConfig",
                "OCPP",
                "StationCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        // Tests.
        .testTarget(name: "ModbusTests", dependencies: ["Modbus", "StationTesting"], swiftSettings: strict),
        .testTarget(name: "StationCoreTests", dependencies: ["StationCore", "StationTesting"], swiftSettings: strict),
        .testTarget(name: "EnergyManagementTests", dependencies: ["EnergyManagement", "StationTesting"], swiftSettings: strict),
        .testTarget(
            name: "DevicesTests", dependencies: ["Devices", "StationSimulator", "StationTesting"], swiftSettings: strict),
        .testTarget(
            name: "StationSimulatorTests",
            dependencies: [
                "StationSimulator", "Devices", "StationTesting", "StationController", "OCPP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "StationControllerTests",
            dependencies: [
                "StationController", "StationSimulator", "StationTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "CPMSTests",
            dependencies: [
                "CPMS", "OCPI", "OCPP", "Scheduling", "StationTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ],
            exclude: ["Supply/Samples"],
            swiftSettings: strict),
        .testTarget(name: "OCPPTests", dependencies: ["OCPP", "StationTesting"], swiftSettings: strict),
        .testTarget(name: "StationFuzzingTests", dependencies: ["StationFuzzing"], swiftSettings: strict),
        .testTarget(name: "GPIOTests", dependencies: ["GPIO", "StationTesting"], swiftSettings: strict),
        .testTarget(
            name: "StationConfigTests",
            dependencies: ["StationConfig", "StationTesting"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),

        // Issue 14: the booking calendar, pure (no I/O, no clock reads), and its tests.
        .target(name: "Scheduling", dependencies: ["StationCore"], swiftSettings: strict),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling", "StationCore", "StationTesting"], swiftSettings: strict),

        // Issue 15: OCPI 2.2.1 and the Bookings add-on, pure (types and validation, no I/O); ocpi-check feeds
        // documents through it for the Interop tests (Tests/Interop/test_ocpi_types.py).
        .target(name: "OCPI", dependencies: ["Tariffs"], swiftSettings: strict),
        .testTarget(name: "OCPITests", dependencies: ["OCPI"], resources: [.copy("Samples")], swiftSettings: strict),
        .executableTarget(name: "ocpi-check", dependencies: ["OCPI"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
