import Foundation
import HTTPTypes
import HummingbirdWSClient
public import Logging
import NIOSSL
import OCPP
public import ServiceLifecycle
public import StationConfig
public import StationCore

/// stationd's OCPP 2.0.1 connection to its CSMS: connects (and reconnects with backoff), boots, sends the
/// outbox in order and answers the CSMS's requests, until graceful shutdown.
public struct UplinkService: Service {
    public let configuration: UplinkConfiguration
    public let journal: UplinkJournal
    let controller: StationController
    let clock: any StationClock
    let logger: Logger
    let backoff: ReconnectBackoff
    let firmwareVersion: String
    /// What an OCPP Reset does; unset, resets are refused.
    public let restart: StationRestart

    public init(
        configuration: UplinkConfiguration, journal: UplinkJournal, controller: StationController, clock: any StationClock,
        logger: Logger, backoff: ReconnectBackoff = ReconnectBackoff(), firmwareVersion: String = "stationd",
        restart: StationRestart = StationRestart()
    ) {
        self.restart = restart
        self.configuration = configuration
        self.journal = journal
        self.controller = controller
        self.clock = clock
        self.logger = logger
        self.backoff = backoff
        self.firmwareVersion = firmwareVersion
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var failures = 0
            var reason = OCPP201.BootReason.powerUp
            while !Task.isCancelled {
                let booted = await connectOnce(reason: reason)
                reason = .unknown
                failures = booted ? 0 : failures + 1
                let wait = backoff.delay(afterFailures: max(1, failures))
                logger.info("uplink: reconnecting in \(wait)")
                try? await clock.sleep(for: wait)
            }
        }
        journal.setOnline(false)
    }

    /// One connection from upgrade to close; true when the CSMS accepted the station on it.
    func connectOnce(reason: OCPP201.BootReason) async -> Bool {
        let headers: HTTPFields
        let tls: TLSConfiguration?
        do {
            headers = try upgradeHeaders()
            tls = try tlsConfiguration()
        } catch {
            logger.error("uplink: \(error)")
            return false
        }
        let session = UplinkSession(
            journal: journal, controller: controller, clock: clock, logger: logger, callTimeout: configuration.callTimeout,
            identity: .init(serialNumber: configuration.identity, model: "stationd", vendorName: "Stationmaster", firmwareVersion: firmwareVersion),
            bootReason: reason, restart: restart)
        let attempt = UplinkEventLoop()
        let url = configuration.endpointURL
        let connection = Task { [logger] in
            do {
                try await WebSocketClient.connect(
                    url: url,
                    configuration: .init(
                        maxFrameSize: 1 << 20, additionalHeaders: headers, autoPing: .enabled(timePeriod: .seconds(30))),
                    tlsConfiguration: tls, eventLoopGroup: attempt.group, logger: logger
                ) { inbound, outbound, _ in
                    attempt.markUpgraded()
                    logger.notice("uplink: connected to \(url)")
                    await session.run(send: { text in try await outbound.write(.text(text)) }) {
                        for try await message in inbound.messages(maxSize: 1 << 20) {
                            if case .text(let text) = message { await session.receive(text) }
                        }
                    }
                }
                logger.warning("uplink: connection closed")
            } catch {
                logger.warning("uplink: \(error)")
            }
            attempt.end()
        }
        // A CSMS that takes the upgrade request and never answers it would hold the attempt forever.
        let handshakeWatchdog = Task { [clock, logger, timeout = configuration.callTimeout] in
            do {
                try await clock.sleep(for: timeout)
            } catch {
                return
            }
            guard !attempt.isUpgraded else { return }
            logger.warning("uplink: no answer to the WebSocket upgrade within \(timeout); giving up on this attempt")
            await attempt.close(logger: logger)
            attempt.end()
        }
        await withTaskCancellationHandler {
            await attempt.waitUntilEnded()
        } onCancel: {
            connection.cancel()
            // Shutting down: an attempt still in its handshake is given up at once.
            if !attempt.isUpgraded {
                Task { [logger] in
                    await attempt.close(logger: logger)
                    attempt.end()
                }
            }
        }
        handshakeWatchdog.cancel()
        await attempt.close(logger: logger)
        journal.setOnline(false)
        return session.wasAccepted
    }

    /// The subprotocol and the Basic credentials.
    func upgradeHeaders() throws -> HTTPFields {
        var headers = HTTPFields()
        headers[.secWebSocketProtocol] = "ocpp2.0.1"
        let password = try Self.password(configuration.credential)
        headers[.authorization] = "Basic " + Data("\(configuration.username):\(password)".utf8).base64EncodedString()
        return headers
    }

    static func password(_ credential: UplinkCredential) throws -> String {
        guard let password = credential.password() else {
            throw UplinkError("cannot read the password file \(credential.filePath ?? "")")
        }
        guard !password.isEmpty else { throw UplinkError("the password file \(credential.filePath ?? "") is empty") }
        return password
    }

    func tlsConfiguration() throws -> TLSConfiguration? {
        guard configuration.usesTLS else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile = configuration.caFile {
            guard FileManager.default.isReadableFile(atPath: caFile) else { throw UplinkError("cannot read the CA file \(caFile)") }
            tls.trustRoots = .file(caFile)
        }
        return tls
    }
}

/// Why the uplink cannot connect, in words for the journal.
struct UplinkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
