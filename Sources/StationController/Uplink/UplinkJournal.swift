public import Foundation
import EnergyManagement
import Logging
import OCPP
public import StationCore
import Synchronization

/// Turns what happens at the station into the OCPP 2.0.1 messages the CSMS is owed, and stages them in the
/// outbox in the order they happened.
///
/// Each message is final when staged: its `seqNo` is the transaction's next and `offline` says whether the
/// uplink was down at that moment. The open transactions (with their next `seqNo`) are staged beside the
/// messages, so a restarted station continues a transaction where it left off.
public final class UplinkJournal: Sendable {
    public static let vendorId = "org.stationmaster"
    static let logger = Logger(label: "stationd.uplink")

    public let outbox: Outbox
    private let state: Mutex<State>
    private let encoder = PayloadEncoder()

    struct State {
        var online = false
        var transactions: [String: OpenTransactionRecord] = [:]
        var lastSample: Duration?
        var reportedStatus: [SocketID: OCPP201.ConnectorStatus] = [:]
        var deviceQuality: [String: ReadingQuality] = [:]
        var eventCounter = 0
        var meterInterval: Duration
        /// CSMS reservation ids of the reservations it made, by socket.
        var reservations: [Int: SocketID] = [:]
        /// The CSMS's grid cap profile and price schedule, as last kept.
        var central: CentralInputs
        /// Remote starts whose transaction has not started yet, by socket.
        var remoteStarts: [SocketID: PendingRemoteStart] = [:]
        /// Whether a NotifyEvent about failing outbox writes has been staged and not yet cleared.
        var outboxProblemRaised = false
    }

    public init(
        outbox: Outbox, meterInterval: Duration, restored: [OpenTransactionRecord], central: CentralInputs = CentralInputs()
    ) {
        self.outbox = outbox
        var initial = State(meterInterval: meterInterval, central: central)
        for record in restored { initial.transactions[record.session.id] = record }
        state = Mutex(initial)
    }

    /// Whether the CSMS has accepted the station on the current connection.
    public var isOnline: Bool { state.withLock { $0.online } }

    public func setOnline(_ online: Bool) {
        state.withLock { $0.online = online }
    }

    /// The sessions that were open at the last flush, for the station model to continue.
    public var openSessions: [ChargingSession] {
        state.withLock { $0.transactions.values.map(\.session) }
    }

    /// Time between periodic samples.
    public var meterInterval: Duration { state.withLock { $0.meterInterval } }

    func setMeterInterval(_ interval: Duration) {
        state.withLock { $0.meterInterval = interval }
    }

    /// Makes the next cycle's sample a periodic one (TriggerMessage).
    func sampleAtNextCycle() {
        state.withLock { $0.lastSample = nil }
    }

    func rememberReservation(csmsId: Int, socket: SocketID) {
        state.withLock { $0.reservations[csmsId] = socket }
    }

    func reservedSocket(csmsId: Int) -> SocketID? {
        state.withLock { $0.reservations[csmsId] }
    }

    func forgetReservation(csmsId: Int) {
        _ = state.withLock { $0.reservations.removeValue(forKey: csmsId) }
    }

    var gridCapProfileId: Int? { state.withLock { $0.central.gridCapSchedule?.profileId } }

    /// The CSMS's inputs restored at start and kept since.
    public var centralInputs: CentralInputs { state.withLock { $0.central } }

    /// Remembers a RequestStartTransaction for the socket until its transaction's first event carries it.
    func rememberRemoteStart(_ remoteStart: PendingRemoteStart, on socket: SocketID) {
        state.withLock { $0.remoteStarts[socket] = remoteStart }
    }

    /// Forgets the socket's remote start (the station refused it).
    func forgetRemoteStart(on socket: SocketID, id remoteStartId: Int) {
        state.withLock { state in
            if state.remoteStarts[socket]?.remoteStartId == remoteStartId { state.remoteStarts[socket] = nil }
        }
    }

    /// The remote start a session that just started answers, if any; any session on the socket ends the wait.
    private func takeRemoteStart(for session: ChargingSession, in state: inout State) -> Int? {
        guard let pending = state.remoteStarts.removeValue(forKey: session.socket), pending.isStarted(by: session) else { return nil }
        return pending.remoteStartId
    }

    /// Keeps the CSMS's grid cap profile (nil forgets it) with the next flush.
    func rememberGridCapSchedule(_ schedule: GridCapSchedule?) {
        state.withLock { $0.central.gridCapSchedule = schedule }
        outbox.stage([CentralInputs.change(CentralInputs.gridCapName, schedule)])
    }

    /// Keeps the CSMS's price schedule (nil forgets it) with the next flush.
    func rememberPriceSchedule(_ schedule: PriceSchedule?) {
        state.withLock { $0.central.priceSchedule = schedule }
        outbox.stage([CentralInputs.change(CentralInputs.priceScheduleName, schedule)])
    }

    // MARK: Station events

    /// Stages the messages for these events; `flush()` on the outbox makes them durable.
    public func record(_ events: [StationEvent]) {
        guard !events.isEmpty else { return }
        let changes = state.withLock { state in events.flatMap { self.entries(for: $0, in: &state) } }
        outbox.stage(changes)
    }

    private func entries(for event: StationEvent, in state: inout State) -> [Outbox.Change] {
        let offline = !state.online
        switch event {
        case .statusChanged(let socket, let status, let time):
            return statusChanges(socket: socket, status: status, at: time, offline: offline, state: &state)
        case .sessionStarted(let session):
            var record = OpenTransactionRecord(session: session, nextSeqNo: 0)
            let request = TransactionEvents.started(
                session, seqNo: record.take(), offline: offline, remoteStartId: takeRemoteStart(for: session, in: &state))
            state.transactions[session.id] = record
            return [append(request, kind: .transaction, at: session.startedAt), .openTransaction(record)]
        case .sessionEnded(let session):
            var record = state.transactions.removeValue(forKey: session.id) ?? OpenTransactionRecord(session: session, nextSeqNo: 0)
            var changes: [Outbox.Change] = []
            if record.nextSeqNo == 0 {
                // Unknown start (it predates the journal): report it so the CSMS sees a whole transaction.
                let started = TransactionEvents.started(
                    session, seqNo: record.take(), offline: offline, remoteStartId: takeRemoteStart(for: session, in: &state))
                changes.append(append(started, kind: .transaction, at: session.startedAt))
            }
            let request = TransactionEvents.ended(session, seqNo: record.take(), offline: offline)
            return changes + [append(request, kind: .transaction, at: session.endedAt ?? session.startedAt), .closeTransaction(id: session.id)]
        case .availabilityChanged(let change):
            let data: JSONValue = .object([
                "timestamp": .string(OCPPDateTime.format(change.at)), "evse_id": .integer(change.socket.rawValue),
                "socket": .string(String(change.socket.rawValue)), "enabled": .bool(change.enabled),
                "source": .string(change.source.rawValue), "actor": .string(change.actor), "reason": .string(change.reason),
            ])
            let request = OCPP201.DataTransferRequest(messageId: "AvailabilityAudit", data: data, vendorId: Self.vendorId)
            return [append(request, kind: .notice, at: change.at)]
        case .reservationMade:
            return []
        case .reservationEnded(let reservation, let end):
            // The CSMS hears of its own reservations ending unused; a used one shows in the transaction.
            guard let csmsId = state.reservations.first(where: { $0.value == reservation.socket })?.key else { return [] }
            state.reservations[csmsId] = nil
            guard end != .used else { return [] }
            let request = OCPP201.ReservationStatusUpdateRequest(
                reservationId: csmsId, reservationUpdateStatus: end == .expired ? .expired : .removed)
            return [append(request, kind: .notice, at: reservation.expiresAt)]
        }
    }

    private func statusChanges(
        socket: SocketID, status: SocketStatus, at time: Date, offline: Bool, state: inout State
    ) -> [Outbox.Change] {
        let connectorStatus = Self.connectorStatus(status)
        var changes: [Outbox.Change] = []
        let previous = state.reportedStatus[socket]
        if previous != connectorStatus {
            state.reportedStatus[socket] = connectorStatus
            changes.append(append(statusNotification(socket, connectorStatus, at: time), kind: .status, at: time))
        }
        if (connectorStatus == .faulted) != (previous == .faulted), previous != nil || connectorStatus == .faulted {
            let problem = connectorStatus == .faulted
            changes.append(
                append(
                    problemEvent(
                        component: OCPP201.Component(evse: .init(id: socket.rawValue, connectorId: 1), name: "EVSE"),
                        problem: problem, detail: problem ? "socket controller faulted" : "socket controller recovered", at: time,
                        state: &state),
                    kind: .notice, at: time))
        }
        return changes
    }

    /// Every connector's status as it is now: what a CSMS expects after each boot.
    public func reportAll(_ statuses: [(SocketID, SocketStatus)], at time: Date) {
        let changes = state.withLock { state in
            statuses.map { socket, status in
                let connectorStatus = Self.connectorStatus(status)
                state.reportedStatus[socket] = connectorStatus
                return append(statusNotification(socket, connectorStatus, at: time), kind: .status, at: time)
            }
        }
        outbox.stage(changes)
    }

    private func statusNotification(_ socket: SocketID, _ status: OCPP201.ConnectorStatus, at time: Date) -> OCPP201.StatusNotificationRequest {
        OCPP201.StatusNotificationRequest(
            timestamp: time, connectorStatus: status, evseId: socket.rawValue, connectorId: 1,
            customData: .init(vendorId: Self.vendorId, extensions: ["socket": .string(String(socket.rawValue))]))
    }

    static func connectorStatus(_ status: SocketStatus) -> OCPP201.ConnectorStatus {
        switch status {
        case .available: .available
        case .preparing, .charging, .suspendedEV, .suspendedEVSE, .finishing: .occupied
        case .reserved: .reserved
        case .unavailable: .unavailable
        case .faulted: .faulted
        }
    }

    // MARK: The outbox itself

    /// Stages a NotifyEvent (component `Outbox`) when the outbox's writes start failing and one that clears it
    /// when they work again. Staged, the first goes out with the first write that succeeds.
    public func reportOutboxHealth(at time: Date) {
        let health = outbox.health
        let changes: [Outbox.Change] = state.withLock { state in
            guard health.isFailing != state.outboxProblemRaised else { return [] }
            state.outboxProblemRaised = health.isFailing
            let detail =
                health.isFailing
                ? "outbox writes failing since \(health.failingSince.map(OCPPDateTime.format) ?? "?"): \(health.lastError ?? "?")"
                : "outbox writing again"
            let request = problemEvent(
                component: OCPP201.Component(name: "Outbox"), problem: health.isFailing, detail: String(detail.prefix(500)), at: time,
                state: &state)
            return [append(request, kind: .notice, at: time)]
        }
        outbox.stage(changes)
    }

    // MARK: Periodic samples

    /// Stages the periodic messages once every `meterInterval` (uptime): a TransactionEvent update per running
    /// session, the grid meter on EVSE 0 and battery telemetry; and a NotifyEvent whenever the grid meter or the
    /// battery turns faulty or recovers.
    public func sample(_ sample: UplinkSample, uptime: Duration) {
        let changes = state.withLock { state in
            var changes = deviceNotices(sample, state: &state)
            if let last = state.lastSample, uptime - last < state.meterInterval { return changes }
            state.lastSample = uptime
            changes += periodic(sample, state: &state)
            return changes
        }
        outbox.stage(changes)
    }

    private func periodic(_ sample: UplinkSample, state: inout State) -> [Outbox.Change] {
        let offline = !state.online
        var changes: [Outbox.Change] = []
        // A full outbox takes no periodic updates: dropping them later would leave gaps in the seqNo.
        let roomForUpdates = !outbox.isFull
        for session in sample.sessions.sorted(by: { $0.socket < $1.socket }) where roomForUpdates {
            guard var record = state.transactions[session.id] else { continue }
            record.session = session
            let request = TransactionEvents.periodic(session, seqNo: record.take(), at: sample.time, offline: offline)
            state.transactions[session.id] = record
            changes += [append(request, kind: .transaction, at: sample.time), .openTransaction(record)]
        }
        if sample.gridQuality == .fresh, let power = sample.gridPower {
            var values = [
                OCPP201.SampledValue(
                    value: Self.rounded(power.value), context: .samplePeriodic, measurand: .powerActiveImport,
                    unitOfMeasure: .init(unit: "W"))
            ]
            if let energy = sample.gridEnergy {
                values.append(
                    .init(
                        value: Self.rounded(energy.value), context: .samplePeriodic, measurand: .energyActiveImportRegister,
                        unitOfMeasure: .init(unit: "Wh")))
            }
            let request = OCPP201.MeterValuesRequest(evseId: 0, meterValues: [.init(sampledValues: values, timestamp: sample.time)])
            changes.append(append(request, kind: .meterValues, at: sample.time))
        }
        if let battery = sample.battery, battery.quality != .failed {
            var data: [String: JSONValue] = [
                "timestamp": .string(OCPPDateTime.format(sample.time)),
                "soc_percent": .number(Self.rounded(battery.soc.value)),
                "setpoint_w": .number(Self.rounded(-sample.batterySetpoint.value)),
                "mode": .string(sample.mode.rawValue), "quality": .string(battery.quality.rawValue),
            ]
            if let power = battery.power { data["power_w"] = .number(Self.rounded(-power.value)) }
            let request = OCPP201.DataTransferRequest(messageId: "BatteryTelemetry", data: .object(data), vendorId: Self.vendorId)
            changes.append(append(request, kind: .telemetry, at: sample.time))
        }
        return changes
    }

    private func deviceNotices(_ sample: UplinkSample, state: inout State) -> [Outbox.Change] {
        var devices: [(String, ReadingQuality)] = [("GridMeter", sample.gridQuality)]
        if let battery = sample.battery, battery.quality != .failed { devices.append(("Battery", battery.quality)) }
        var changes: [Outbox.Change] = []
        for (name, quality) in devices {
            // A device is watched from its first good reading on; one that never answered shows in the status.
            guard let previous = state.deviceQuality[name] ?? (quality == .fresh ? .fresh : nil) else { continue }
            state.deviceQuality[name] = quality
            guard (quality == .failed) != (previous == .failed) else { continue }
            let problem = quality == .failed
            let request = problemEvent(
                component: OCPP201.Component(name: name), problem: problem,
                detail: problem ? "\(name) not answering" : "\(name) answering again", at: sample.time, state: &state)
            changes.append(append(request, kind: .notice, at: sample.time))
        }
        return changes
    }

    private func problemEvent(
        component: OCPP201.Component, problem: Bool, detail: String, at time: Date, state: inout State
    ) -> OCPP201.NotifyEventRequest {
        state.eventCounter += 1
        let data = OCPP201.EventData(
            eventId: Int(time.timeIntervalSince1970) % 1_000_000 * 1000 + state.eventCounter % 1000, timestamp: time,
            trigger: .delta, actualValue: problem ? "true" : "false", techInfo: detail, cleared: problem ? nil : true,
            component: component, eventNotificationType: .hardWiredNotification, variable: OCPP201.Variable(name: "Problem"))
        return OCPP201.NotifyEventRequest(generatedAt: time, seqNo: 0, eventData: [data])
    }

    // MARK: Encoding

    private func append<Request: OCPPRequest>(_ request: Request, kind: OutboxMessage.Kind, at time: Date) -> Outbox.Change {
        let payload: String
        do {
            payload = try encoder.encode(request).jsonText
        } catch {
            // Station data within OCPP's limits (tokens are checked where they enter) always encodes; were one
            // to break a rule, the CSMS would refuse the message and the outbox set it aside, with this log.
            Self.logger.error("uplink: \(Request.action) breaks its schema and cannot be sent as is: \(error)")
            payload = "{}"
        }
        return .append(OutboxMessage(action: Request.action, payload: payload, kind: kind, createdAt: time))
    }

    static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}

extension OpenTransactionRecord {
    /// The next seqNo, counted up.
    mutating func take() -> Int {
        defer { nextSeqNo += 1 }
        return nextSeqNo
    }
}
