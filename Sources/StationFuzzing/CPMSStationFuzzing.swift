@_spi(Fuzzing) import CPMS
import Foundation
import StationTesting
import Synchronization

/// A station's frames through cpms's gateway: each line of the input is one text frame from a station, a second of
/// manual time apart, through the handlers cpms registers on a station's connection (BootNotification,
/// TransactionEvent, MeterValues, the `org.stationmaster` DataTransfer payloads, StatusNotification, NotifyEvent...),
/// which store what they read in cpms's database (SQLite) and derive a charging record when a transaction ends.
enum CPMSStationFuzzing {
    static func run(_ input: [UInt8]) async {
        let clock = ManualClock()
        let sent = SentFrames()
        let database = await Self.database.shared()
        let stationID = "FUZZ-\(Self.inputs.add(1, ordering: .relaxed).newValue)"
        let handlers: StationMessageHandlers
        do {
            handlers = try await StationMessageHandlers(
                stationID: stationID, database: database, clock: clock, logger: .fuzz, send: { sent.append($0) })
        } catch {
            fatalError("cpms-station: cannot enrol a station: \(error)")
        }
        for text in FuzzInput.frames(input) {
            await handlers.receive(text)
            clock.advance(by: .seconds(1))
        }
        await handlers.close()
        FuzzOracle.checkSent(sent.all, target: "cpms-station")
        let figures: [Double]
        do {
            figures = try await handlers.storedFigures()
        } catch {
            fatalError("cpms-station: cannot read what was stored: \(error)")
        }
        for figure in figures {
            precondition(figure.isFinite, "cpms-station: a station's message stored the number \(figure)")
        }
    }

    /// Station ids: every input gets one of its own in the shared database.
    static let inputs = Atomic<Int>(0)

    /// One migrated database per process, in memory where the machine has /dev/shm.
    static let database = SharedDatabase()

    actor SharedDatabase {
        private var opened: (any CPMSDatabase)?

        func shared() async -> any CPMSDatabase {
            if let opened { return opened }
            let base = FileManager.default.fileExists(atPath: "/dev/shm") ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
            let directory = base.appendingPathComponent("stationmaster-fuzz-cpms-\(getpid())-\(UUID().uuidString.prefix(8))")
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                let database = try await openDatabase(.sqlite(path: directory.appendingPathComponent("cpms.db").path), logger: .fuzz)
                _ = try await Migrations.run(on: database, clock: { Date(timeIntervalSince1970: 1_800_000_000) }, logger: .fuzz)
                opened = database
                return database
            } catch {
                fatalError("cpms-station fuzzing: cannot open a database: \(error)")
            }
        }
    }
}
