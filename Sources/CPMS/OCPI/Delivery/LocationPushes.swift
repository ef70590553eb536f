public import Foundation
public import Logging
import OCPI
import Synchronization

/// Pushes a station's Location to every registered eMSP when it changed: the Location as published now against
/// the one last pushed (`ocpi_published`), turned into PUTs and PATCHes by `LocationChanges`, enqueued in the
/// transaction that records the new Location as pushed.
///
/// Producers call `stationChanged` after their change has committed (location details, EVSE descriptions,
/// connector statuses, connections, maintenance blocks, tariff assignments). Calls for a station whose push is
/// being computed are folded into one more run after it. `sweep` compares every station (at start and then
/// periodically): it catches what changes with time alone (a maintenance block ending, a tariff version coming
/// into force) and a change whose process stopped before it was pushed.
public final class LocationPushes: Sendable {
    let database: any CPMSDatabase
    let queue: OCPIPushQueue
    let party: CPOParty
    let logger: Logger
    let now: @Sendable () -> Date
    private let running = Mutex<(busy: Set<String>, again: Set<String>)>(([], []))

    public init(database: any CPMSDatabase, queue: OCPIPushQueue, party: CPOParty, now: @escaping @Sendable () -> Date, logger: Logger) {
        self.database = database
        self.queue = queue
        self.party = party
        self.now = now
        self.logger = logger
    }

    /// The station's Location may have changed: pushes what did. Never throws: a failure is logged, and the sweep
    /// pushes it later.
    public func stationChanged(_ station: String) async {
        let first = running.withLock { state -> Bool in
            guard !state.busy.contains(station) else {
                state.again.insert(station)
                return false
            }
            state.busy.insert(station)
            return true
        }
        guard first else { return }
        while true {
            do {
                try await publish(station)
            } catch {
                logger.error("OCPI location of \(station) not pushed (the next sweep retries): \(String(reflecting: error))")
            }
            let again = running.withLock { state -> Bool in
                if state.again.remove(station) != nil { return true }
                state.busy.remove(station)
                return false
            }
            guard again else { return }
        }
    }

    public func stationsChanged(_ stations: some Sequence<String>) async {
        for station in Set(stations).sorted() { await stationChanged(station) }
    }

    /// Compares the station's Location with the one last pushed and enqueues the difference for every registered
    /// eMSP, in one transaction; returns the pushes.
    @discardableResult
    func publish(_ station: String) async throws -> [OCPIPush] {
        let time = now()
        let key = "location/" + station
        let (pushes, parties) = try await database.transaction { [party, database] connection -> ([OCPIPush], [String]) in
            let last = try await OCPIPublished.lock(key, on: connection, kind: database.kind, at: time)
            let before = try last.map { try OCPICoding.decode(Location.self, from: $0) }
            let inputs = try await LocationStore.inputs(stations: [station], on: connection).first
            let after = inputs.flatMap { LocationPublication.location($0, party: party, at: time) }
            let pushes = try LocationChanges.pushes(from: before, to: after, at: time).map { OCPIPush($0, party: party) }
            guard !pushes.isEmpty || (before == nil) != (after == nil) else { return ([], []) }
            let parties = try await OCPIPushQueue.registeredParties(on: connection)
            try await OCPIPushQueue.enqueue(pushes, for: parties, on: connection, at: time)
            try await OCPIPublished.store(key, try after.map { try OCPICoding.encode($0) }, on: connection, at: time)
            return (pushes, parties)
        }
        if !pushes.isEmpty, !parties.isEmpty { queue.wake() }
        return pushes
    }

    /// Pushes every station whose Location differs from the one last pushed; returns how many did.
    @discardableResult
    public func sweep() async throws -> Int {
        let time = now()
        let published = try await OCPIPublished.all("location/", in: database)
        let current = try await LocationStore(database: database).inputs()
        var changed: [String] = []
        var seen: Set<String> = []
        for inputs in current {
            let station = inputs.station.id
            seen.insert(station)
            let after = LocationPublication.location(inputs, party: party, at: time)
            let before = try published[station].map { try OCPICoding.decode(Location.self, from: $0) }
            if before == nil, after == nil { continue }
            if try (before == nil) != (after == nil) || !LocationChanges.pushes(from: before, to: after, at: time).isEmpty { changed.append(station) }
        }
        changed += published.keys.filter { !seen.contains($0) }
        await stationsChanged(changed)
        return changed.count
    }
}
