public import Foundation
public import Logging
import OCPI

/// Pushes tariffs to every registered eMSP when they change: a tariff published now that differs from the one
/// last pushed (`ocpi_published`) is PUT (`/{country_code}/{party_id}/{tariff_id}` on the eMSP's tariffs
/// receiver), one no longer published is DELETEd. Producers call `tariffChanged` after saving a tariff; `sweep`
/// catches versions coming into force and changes made outside the server (`cpms tariff` on the database).
public struct TariffPushes: Sendable {
    let database: any CPMSDatabase
    let queue: OCPIPushQueue
    let party: CPOParty
    let logger: Logger
    let now: @Sendable () -> Date

    public init(database: any CPMSDatabase, queue: OCPIPushQueue, party: CPOParty, now: @escaping @Sendable () -> Date, logger: Logger) {
        self.database = database
        self.queue = queue
        self.party = party
        self.now = now
        self.logger = logger
    }

    /// The tariff may have changed: pushes it if it did. Never throws: a failure is logged, and the sweep retries.
    public func tariffChanged(_ id: String) async {
        do {
            try await publish([id])
        } catch {
            logger.error("OCPI tariff \(id) not pushed (the next sweep retries): \(String(reflecting: error))")
        }
    }

    /// Pushes every tariff that differs from the one last pushed; returns how many did.
    @discardableResult
    public func sweep() async throws -> Int {
        try await publish(nil)
    }

    /// Compares the tariffs (`ids`, or all) with those last pushed and enqueues the differences, in one transaction.
    @discardableResult
    func publish(_ ids: Set<String>?) async throws -> Int {
        let time = now()
        var keys = ids ?? []
        if ids == nil {
            keys.formUnion(try await TariffStore(database: database).latestVersions().map(\.tariffID))
            keys.formUnion(try await OCPIPublished.all("tariff/", in: database).keys)
        }
        let count = try await database.transaction { [party, database, keys] connection -> Int in
            // Lock first (in one order), then read what is published now: a concurrent edit waits for this push.
            var last: [String: Data] = [:]
            for id in keys.sorted() {
                last[id] = try await OCPIPublished.lock("tariff/" + id, on: connection, kind: database.kind, at: time)
            }
            var current: [String: Data] = [:]
            for tariff in TariffsModule.published(try await TariffStore.latestVersions(on: connection), party: party, at: time) where keys.contains(tariff.id) {
                current[tariff.id] = try OCPICoding.encode(tariff)
            }
            var pushes: [OCPIPush] = []
            for id in keys.sorted() where last[id] != current[id] {
                let key = "tariff/" + id
                let target = OCPIPush.Target.module(.tariffs, path: [party.countryCode, party.partyID, id])
                if let now = current[id] {
                    pushes.append(OCPIPush(objectKey: key, method: .put, target: target, body: now))
                } else {
                    pushes.append(OCPIPush(objectKey: key, method: .delete, target: target, body: nil))
                }
                try await OCPIPublished.store(key, current[id], on: connection, at: time)
            }
            guard !pushes.isEmpty else { return 0 }
            try await OCPIPushQueue.enqueue(pushes, for: try await OCPIPushQueue.registeredParties(on: connection), on: connection, at: time)
            return pushes.count
        }
        if count > 0 { queue.wake() }
        return count
    }
}
