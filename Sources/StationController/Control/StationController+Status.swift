import Devices
import EnergyManagement
import Foundation
public import StationAPI
import StationCore

extension StationController {
    /// The station's state for the local API.
    public func statusDocument() -> StationStatusDocument {
        let uptime = clock.uptime
        let snapshot = readings.snapshot(at: uptime, staleAfter: configuration.safety.staleAfter)
        func data<Value>(_ entry: StationReadings.Entry<Value>) -> StationStatusDocument.Data {
            StationStatusDocument.Data(
                quality: entry.reading.quality.rawValue,
                ageMs: entry.reading.age(at: uptime).map(\.milliseconds),
                error: entry.lastError)
        }
        let sockets = station.socketIDs.compactMap { id -> StationStatusDocument.Socket? in
            guard let socket = station.sockets[id] else { return nil }
            let entry = snapshot.sockets[id] ?? StationReadings.Entry()
            return StationStatusDocument.Socket(
                id: id.rawValue, status: socket.status.rawValue, pilot: socket.pilot?.rawValue,
                powerW: socket.power?.value, energyWh: socket.energyRegister?.value,
                offeredA: outputs.offers[id]?.value.value ?? 0, maxCurrentA: socket.maxCurrent.value,
                phases: socket.phases, contactorClosed: outputs.contactors[id], data: data(entry),
                session: socket.session.map {
                    .init(id: $0.id, idTag: $0.idTag, startedAt: $0.startedAt, energyWh: $0.energy.value, powerW: $0.power.value)
                },
                enabled: socket.availability.isEnabled,
                disabledBy: socket.availability.disabledBy.values.sorted { $0.source < $1.source }.map(Self.document),
                reservation: station.reservation(on: id).map { .init(id: $0.id, idTag: $0.idTag, expiresAt: $0.expiresAt) })
        }
        let battery = configuration.battery.map { _ in
            StationStatusDocument.Battery(
                socPct: snapshot.battery.reading.value?.soc.value, powerW: snapshot.battery.reading.value?.power?.value,
                setpointW: outputs.battery?.value.value ?? 0, data: data(snapshot.battery))
        }
        return StationStatusDocument(
            stationId: configuration.stationId, time: clock.wallTime, uptimeSeconds: uptime.seconds, cycle: cycles,
            periodMs: Int(configuration.control.period.milliseconds), lastCycleMs: lastCycle?.duration.milliseconds,
            mode: lastDecision?.mode.rawValue,
            reasons: lastDecision?.reasons.map { .init(code: $0.code.rawValue, message: $0.message) } ?? [],
            grid: .init(powerW: snapshot.grid.reading.value?.power.value, capW: gridCap.value, data: data(snapshot.grid)),
            battery: battery, sockets: sockets, audit: station.audit.suffix(100).map(Self.document),
            uplink: journal.map { .init(connected: $0.isOnline, queued: $0.outbox.queuedCount, outbox: Self.document($0.outbox.health, at: clock.wallTime)) },
            prices: pricesDocument(at: clock.wallTime))
    }

    func pricesDocument(at now: Date) -> StationStatusDocument.Prices {
        let inUse = schedule(at: now)
        return StationStatusDocument.Prices(
            source: inUse == centralSchedule ? "central" : "tariff", centralVersion: centralSchedule?.version,
            centralReceivedAt: centralScheduleReceivedAt, centralSlots: centralSchedule?.slots.count ?? 0,
            centralEndsAt: centralSchedule?.slots.last?.end,
            importPrice: inUse.slots.first { $0.start <= now && now < $0.end }?.importPrice)
    }

    static func document(_ health: OutboxHealth, at now: Date) -> StationStatusDocument.Outbox {
        .init(
            writeFailing: health.isFailing, consecutiveWriteFailures: health.consecutiveFailures, writeFailuresTotal: health.totalFailures,
            failingSince: health.failingSince, lastError: health.lastError,
            oldestUnsentAgeSeconds: health.oldestUnsentAt.map { max(0, now.timeIntervalSince($0)) }, deadLetters: health.deadLetters,
            thinned: health.thinned)
    }

    static func document(_ change: AvailabilityChange) -> StationStatusDocument.AvailabilityChange {
        .init(socket: change.socket.rawValue, source: change.source.rawValue, enabled: change.enabled,
              actor: change.actor, reason: change.reason, at: change.at)
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    var milliseconds: Double { seconds * 1000 }
}
