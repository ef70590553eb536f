public import Foundation
public import Logging
import SQLKit

/// Writes the priced charging record of each ended transaction, once.
///
/// Called after an Ended TransactionEvent is stored, also when it was a replay (a record lost to a crash between
/// the event and its record is then written), and at start for ended transactions without a record. The tariff
/// is the version in force at the session's start for its station, EVSE and connector; the time zone the
/// station's. A record once stored is never rewritten. When the transaction was reported to an eMSP as an OCPI
/// session, its CDR (or the reason it is held) is written in the same database transaction as the record, so a
/// record has its CDR exactly once.
public struct ChargingRecorder: Sendable {
    let records: ChargingRecordStore
    let tariffs: TariffStore
    let registry: StationRegistry
    let builder: ChargingRecordBuilder
    let logger: Logger
    /// Makes the OCPI CDR of a record whose session an eMSP was told of, stored with the record.
    let cdrs: CDRPublisher?

    public init(
        database: any CPMSDatabase, builder: ChargingRecordBuilder = ChargingRecordBuilder(), cdrs: CDRPublisher? = nil, logger: Logger
    ) {
        self.cdrs = cdrs
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
        let (tariff, zone) = try await pricingTerms(of: history)
        let record = builder.record(of: history, tariff: tariff, timeZone: zone)
        let cdr = try await cdrs?.prepare(record, tariff: tariff, at: now)
        var alongside: (@Sendable (any SQLDatabase) async throws -> Void)?
        if let cdr { alongside = { connection in try await cdr.write(on: connection) } }
        let stored = try await records.store(record, at: now, alongside: alongside)
        if stored, cdr?.enqueues == true { cdrs?.wake() }
        if stored {
            let total = record.price.total.map { "\($0.inclVAT) \(record.price.currency ?? "") incl. VAT" } ?? record.price.status.rawValue
            logger.info(
                "charging record \(station)/\(transactionId): \(record.energyKWh.map { "\($0) kWh" } ?? "energy unknown"), \(total)",
                metadata: record.problems.isEmpty ? nil : ["problems": "\(record.problems.joined(separator: "; "))"])
        }
        return stored ? .stored : .alreadyStored
    }

    /// The tariff version in force at the start of `history` for its station, EVSE and connector, and the
    /// station's time zone, in which the tariff is evaluated.
    public func pricingTerms(of history: TransactionHistory) async throws -> (tariff: TariffVersion?, timeZone: String) {
        let zone = try await registry.station(history.station)?.timeZone ?? "UTC"
        let start = ChargingPeriodDerivation.start(of: history)
        var tariff: TariffVersion?
        if let target = try? TariffTarget(station: history.station, evse: history.evse, connector: history.evse == nil ? nil : history.connector) {
            tariff = try await tariffs.versionInForce(for: target, at: start)
        }
        return (tariff, zone)
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
