import Foundation
import HTTPTypes
import HummingbirdWSClient
import OCPP
import Synchronization

extension SimulatedOCPPCharger {
    /// One connection: upgrade, boot, run the mode until the connection ends. Returns whether the charger booted.
    func connectOnce() async -> Bool {
        let booted = BootFlag()
        let frameSize = configuration.maxFrameSize
        do {
            try await WebSocketClient.connect(
                url: configuration.url,
                configuration: .init(maxFrameSize: frameSize, additionalHeaders: upgradeHeaders),
                logger: logger
            ) { inbound, outbound, _ in
                let session = await self.makeSession { text in try await outbound.write(.text(text)) }
                await self.serve(session, booted: booted) {
                    for try await message in inbound.messages(maxSize: frameSize) {
                        if case .text(let text) = message { await session.receive(text) }
                    }
                }
            }
            emit(.disconnected(reason: "closed by the server"))
        } catch {
            emit(.disconnected(reason: Task.isCancelled ? "charger stopped" : "\(error)"))
        }
        setOnline(false)
        return booted.value
    }

    /// The subprotocol of the configured version and, with a password, Basic credentials.
    var upgradeHeaders: HTTPFields {
        var headers = HTTPFields()
        headers[.secWebSocketProtocol] = configuration.version.subprotocol
        if let password = configuration.password {
            let credentials = Data("\(configuration.id):\(password)".utf8).base64EncodedString()
            headers[.authorization] = "Basic \(credentials)"
        }
        return headers
    }

    /// The protocol side for the configured version, answering the server through this charger.
    func makeSession(send: @escaping @Sendable (String) async throws -> Void) async -> any ChargePointSession {
        let timeout = configuration.callTimeout
        let frameSize = configuration.maxFrameSize
        let session: any ChargePointSession =
            switch configuration.version {
            case .v16:
                OCPP16ChargePoint(
                    identity: configuration.identity, configuration: .init(callTimeout: timeout, maximumFrameSize: frameSize),
                    clock: clock, logger: logger, send: send)
            case .v201:
                OCPP201ChargePoint(
                    identity: configuration.identity, configuration: .init(callTimeout: timeout, maximumFrameSize: frameSize),
                    clock: clock, logger: logger, send: send)
            }
        await session.start(controls: self)
        return session
    }

    /// Reads frames with `read` while the charger boots and runs; whichever ends first ends the other.
    func serve(_ session: any ChargePointSession, booted: BootFlag, read: @escaping @Sendable () async throws -> Void) async {
        emit(.connected(session.version))
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await read()
                } catch {
                    self.logger.debug("\(self.configuration.id): read ended: \(error)")
                }
            }
            group.addTask {
                await self.drive(session, booted: booted)
            }
            await group.next()
            await session.close()
            group.cancelAll()
        }
    }
}

/// Whether a connection got as far as an accepted BootNotification.
final class BootFlag: Sendable {
    private let flag = Mutex(false)

    var value: Bool { flag.withLock { $0 } }

    func set() {
        flag.withLock { $0 = true }
    }
}
