import Foundation
import OCPP
@_spi(Fuzzing) import StationController
import StationTesting
import Synchronization

/// The CSMS's frames through the uplink's handlers (SetChargingProfile, the PriceSchedule DataTransfer,
/// SetVariables, availability, reservations...): each line of the input is one text frame from the CSMS, a second
/// of manual time apart; then one control cycle runs with what the CSMS set.
enum UplinkFuzzing {
    static func run(_ input: [UInt8]) async {
        let clock = ManualClock()
        let (controller, _) = await FuzzStation.controller(clock: clock)
        let journal = UplinkJournal(outbox: await outbox.shared(), meterInterval: .seconds(10), restored: [])
        await controller.attach(journal)
        let sent = SentFrames()
        let endpoint = OCPP201Endpoint(
            configuration: .init(answersOnReceivingTask: true), clock: clock, logger: .fuzz, send: { sent.append($0) })
        await UplinkCallHandlers.register(on: endpoint, controller: controller, journal: journal, logger: .fuzz)
        for text in FuzzInput.frames(input) {
            await endpoint.receive(text)
            clock.advance(by: .seconds(1))
        }
        await controller.runCycle()
        await endpoint.close()
        FuzzOracle.checkSent(sent.all, target: "uplink-csms")
        await FuzzOracle.checkStatus(of: controller, target: "uplink-csms")
    }

    /// One outbox per process, in a temporary directory: what the handlers journal is written as stationd writes it.
    static let outbox = SharedOutbox()

    actor SharedOutbox {
        private var opened: Outbox?

        func shared() async -> Outbox {
            if let opened { return opened }
            // In memory where the machine has /dev/shm: the outbox syncs every commit, which a disk makes slow.
            let base = FileManager.default.fileExists(atPath: "/dev/shm") ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
            let directory = base.appendingPathComponent("stationmaster-fuzz-\(getpid())")
            do {
                let outbox = try await Outbox.open(path: directory.appendingPathComponent("outbox.sqlite").path, logger: .fuzz)
                opened = outbox
                return outbox
            } catch {
                fatalError("uplink fuzzing: cannot open an outbox: \(error)")
            }
        }
    }
}
