import Foundation
import Logging
import OCPP
import StationCore
import Synchronization

/// One connection to the CSMS: boot, then the outbox and heartbeats go out while the CSMS's requests are answered.
final class UplinkSession: Sendable {
    let journal: UplinkJournal
    let controller: StationController
    let clock: any StationClock
    let logger: Logger
    let callTimeout: Duration
    let identity: OCPP201.ChargingStation
    let bootReason: OCPP201.BootReason
    let restart: StationRestart
    private let endpoint = Mutex<OCPP201Endpoint?>(nil)
    private let accepted = Atomic<Bool>(false)
    /// How often a CALLERROR that blames the message is retried before the message is set aside.
    static let attemptsPerMessage = 3
    /// CALLERRORs that blame the CSMS rather than the message: retried until they stop.
    static let transientCodes: Set<OCPPErrorCode> = [.internalError, .genericError]

    init(
        journal: UplinkJournal, controller: StationController, clock: any StationClock, logger: Logger, callTimeout: Duration,
        identity: OCPP201.ChargingStation, bootReason: OCPP201.BootReason, restart: StationRestart
    ) {
        self.restart = restart
        self.journal = journal
        self.controller = controller
        self.clock = clock
        self.logger = logger
        self.callTimeout = callTimeout
        self.identity = identity
        self.bootReason = bootReason
    }

    /// Whether the CSMS accepted the station's BootNotification on this connection.
    var wasAccepted: Bool { accepted.load(ordering: .relaxed) }

    /// Runs the connection until `read` ends (the socket closed) or the station gives up on it (no answer).
    func run(send: @escaping OCPP201Endpoint.Send, read: @escaping @Sendable () async throws -> Void) async {
        let endpoint = OCPP201Endpoint(configuration: .init(callTimeout: callTimeout), clock: clock, logger: logger, send: send)
        self.endpoint.withLock { $0 = endpoint }
        let heartbeat = HeartbeatTrigger()
        await UplinkCommands(controller: controller, journal: journal, logger: logger, heartbeat: heartbeat, restart: restart).register(on: endpoint)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await read()
                } catch {
                    self.logger.info("uplink: read ended: \(error)")
                }
            }
            group.addTask { await self.operate(endpoint, heartbeat: heartbeat) }
            await group.next()
            journal.setOnline(false)
            await endpoint.close()
            group.cancelAll()
        }
    }

    func receive(_ text: String) async {
        guard let endpoint = endpoint.withLock({ $0 }) else { return }
        await endpoint.receive(text)
    }

    private func operate(_ endpoint: OCPP201Endpoint, heartbeat: HeartbeatTrigger) async {
        guard let interval = await boot(endpoint) else { return }
        accepted.store(true, ordering: .relaxed)
        journal.setOnline(true)
        journal.reportAll(await controller.socketStatuses(), at: clock.wallTime)
        do {
            try await journal.outbox.flush()
        } catch {
            logger.error("uplink: \(error)")
        }
        logger.notice("uplink: accepted by the CSMS, \(journal.outbox.queuedCount) messages to send")
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.sendHeartbeats(endpoint, every: interval, trigger: heartbeat) }
            group.addTask { await self.sendOutbox(endpoint) }
            await group.next()
            group.cancelAll()
        }
    }

    /// BootNotification until Accepted, waiting the interval the CSMS gives; nil when the connection failed.
    private func boot(_ endpoint: OCPP201Endpoint) async -> Duration? {
        while !Task.isCancelled {
            do {
                let response = try await endpoint.call(OCPP201.BootNotificationRequest(chargingStation: identity, reason: bootReason))
                let interval = Duration.seconds(response.interval > 0 ? response.interval : 60)
                if response.status == .accepted { return interval }
                logger.warning("uplink: CSMS answered the boot with \(response.status.rawValue); retrying in \(interval)")
                try await clock.sleep(for: interval)
            } catch {
                logger.warning("uplink: boot failed: \(error)")
                return nil
            }
        }
        return nil
    }

    private func sendHeartbeats(_ endpoint: OCPP201Endpoint, every interval: Duration, trigger: HeartbeatTrigger) async {
        let requests = trigger.requests()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    do {
                        try await self.clock.sleep(for: interval)
                    } catch {
                        return
                    }
                    trigger.request()
                }
            }
            group.addTask {
                for await _ in requests {
                    do {
                        _ = try await endpoint.call(OCPP201.HeartbeatRequest())
                    } catch {
                        self.logger.warning("uplink: heartbeat failed: \(error)")
                        return
                    }
                }
            }
            await group.next()
            group.cancelAll()
        }
    }

    /// Sends the outbox in order, each message after the previous one's answer; returns when the connection fails.
    private func sendOutbox(_ endpoint: OCPP201Endpoint) async {
        let outbox = journal.outbox
        let arrivals = await outbox.arrivals()
        var signals = arrivals.makeAsyncIterator()
        while !Task.isCancelled {
            let entries: [OutboxEntry]
            do {
                entries = try await outbox.pending(limit: 200)
            } catch {
                logger.error("uplink: \(error)")
                return
            }
            if entries.isEmpty {
                guard await signals.next() != nil else { return }
                continue
            }
            for entry in entries {
                guard await deliver(entry, over: endpoint) else { return }
            }
        }
    }

    /// One outbox message until the CSMS answers it; false when the connection failed.
    private func deliver(_ entry: OutboxEntry, over endpoint: OCPP201Endpoint) async -> Bool {
        let outbox = journal.outbox
        // The outbox holds what PayloadEncoder wrote; only a damaged file could hold anything else.
        guard entry.message.payload.first == "{", entry.message.payload.last == "}" else {
            try? await outbox.setAside(entry, error: "unreadable payload")
            return true
        }
        var refusals = 0
        while true {
            do {
                _ = try await endpoint.call(action: entry.message.action, payloadText: entry.message.payload)
                outbox.acknowledge(entry.sequence)
                return true
            } catch .callError(let error) {
                refusals += 1
                logger.warning("uplink: CSMS refused \(entry.message.action) #\(entry.sequence) (\(refusals)): \(error)")
                // The CSMS's own trouble (it could not store the message) is waited out, never a reason to give up.
                if Self.transientCodes.contains(error.code) {
                    do {
                        try await clock.sleep(for: .seconds(min(30, refusals * 2)))
                    } catch {
                        return false
                    }
                    continue
                }
                if refusals >= Self.attemptsPerMessage {
                    do {
                        try await outbox.setAside(entry, error: "\(error)")
                    } catch {
                        logger.error("uplink: \(error)")
                        return false
                    }
                    return true
                }
                do {
                    try await clock.sleep(for: .seconds(refusals * 2))
                } catch {
                    return false
                }
            } catch {
                logger.warning("uplink: \(entry.message.action) #\(entry.sequence) not delivered: \(error)")
                return false
            }
        }
    }
}

/// Asks for a heartbeat now (TriggerMessage) besides the periodic ones.
final class HeartbeatTrigger: Sendable {
    private let continuation: AsyncStream<Void>.Continuation
    private let stream: AsyncStream<Void>

    init() {
        (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    func request() {
        continuation.yield()
    }

    func requests() -> AsyncStream<Void> { stream }
}
