import OCPP
import StationController
import StationCore
import StationTesting

/// A charger's frames through its OCPP session and the station controller, as stationd's charger server feeds them:
/// each line of the input is one text frame from a configured charger, a second of manual time apart; then one
/// control cycle runs. Measurements, transactions and statuses reach the station model, its events and its logs.
enum ChargerSessionFuzzing {
    static func run(_ input: [UInt8], version: OCPPVersion) async {
        let target = version == .v16 ? "ocpp16-charger" : "ocpp201-charger"
        let clock = ManualClock()
        let (controller, hub) = await FuzzStation.controller(clock: clock)
        let sent = SentFrames()
        let send: @Sendable (String) async throws -> Void = { sent.append($0) }
        let session: any ChargerSession
        switch version {
        case .v16:
            session = OCPP16ChargerSession(
                chargerID: FuzzStation.chargerID, isUnknown: false, hub: hub, controller: controller,
                configuration: .init(maximumFrameSize: 65_536, answersOnReceivingTask: true), logger: .fuzz, send: send)
        case .v201:
            session = OCPP201ChargerSession(
                chargerID: FuzzStation.chargerID, isUnknown: false, hub: hub, controller: controller,
                configuration: .init(maximumFrameSize: 65_536, answersOnReceivingTask: true), logger: .fuzz, send: send)
        }
        await session.start(heartbeatInterval: .seconds(300))
        for text in FuzzInput.frames(input) {
            switch session.triage(text) {
            case .answered(let answer): sent.append(answer)
            case .forEndpoint(let frame): await session.receive(frame)
            }
            clock.advance(by: .seconds(1))
        }
        await controller.runCycle()
        await session.close()
        FuzzOracle.checkSent(sent.all, target: target)
        await FuzzOracle.checkStatus(of: controller, target: target)
    }
}
