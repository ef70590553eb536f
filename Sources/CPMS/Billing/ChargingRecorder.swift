public import Foundation
public import Logging

/// Writes the priced charging record of each ended transaction, once.
///
/// Called after an Ended TransactionEvent is stored, also when it was a replay (a record lost to a crash between
/// the event and its record is then written), and at start for ended transactions without a record. The tariff
/// is the version in force at the session's start for its station, EVSE and connector; the time zone the
/// station's. A record once stored is never rewritten.
public struct ChargingRecorder: Sendable {
    let records: ChargingRecordStore
    let tariffs: TariffStore
    let registry: StationRegistry
    let builder: ChargingRecordBuilder
    let logger: Logger

    public init(database: any CPMSDatabase, builder: ChargingRecordBuilder = ChargingRecordBuilder(), logger: Logger) {
        records = ChargingRecordStore(database: database)
        tariffs = TariffStore(database: database)
        registry = StationRegistry(database: database)
        self.builder = builder
        self.logger = logger
    }

    /// What became of a transaction's record.
    public enum Outcome: Sendable, Equatable {
        case stored
        case alreadyStored
        /// No Ended event of it is stored.
        case notEnded
    }

    /// Derives, prices and stores the record of a transaction whose Ended event is stored.
    @discardableResult
    public func transactionEnded(station: String, transactionId: String, at now: Date) async throws -> Outcome {
        if try await records.record(station: station, transactionId: transactionId) != nil { return .alreadyStored }
        guard let history = try await records.history(station: station, transactionId: transactionId),
            history.events.contains(where: { $0.eventType == "Ended" })
        else { return .notEnded }
        let zone = try await registry.station(station)?.timeZone ?? "UTC"
        let start = ChargingPeriodDerivation.start(of: history)
        var tariff: TariffVersion?
        if let target = try? TariffTarget(station: station, evse: history.evse, connector: history.evse == nil ? nil : history.connector) {
            tariff = try await tariffs.versionInForce(for: target, at: start)
        }
        let record = builder.record(of: history, tariff: tariff, timeZone: zone)
        let stored = try await records.store(record, at: now)
        if stored {
            let total = record.price.total.map { "\($0.inclVAT) \(record.price.currency ?? "") incl. VAT" } ?? record.price.status.rawValue
            logger.info(
                "charging record \(station)/\(transactionId): \(record.energyKWh.map { "\($0) kWh" } ?? "energy unknown"), \(total)",
                metadata: record.problems.isEmpty ? nil : ["problems": "\(record.problems.joined(separator: "; "))"])
        }
        return stored ? .stored : .alreadyStored
    }

    /// Writes the records missing for ended transactions; returns how many it wrote.
    public func recordMissing(at now: Date) async throws -> Int {
        var written = 0
        for (station, transactionId) in try await records.endedWithoutRecord() {
            if try await transactionEnded(station: station, transactionId: transactionId, at: now) == .stored { written += 1 }
        }
        return written
    }
}
