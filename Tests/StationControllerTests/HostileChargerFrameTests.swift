import Foundation
import Logging
import OCPP
import StationAPI
import StationConfig
@testable import StationController
import StationCore
import StationTesting
import Synchronization
import Testing

/// Issue 12's findings 1, 2, 3, 5 and 6: hostile but well-formed frames from a 1.6 and a 2.0.1 charger, each
/// answered with the right CALLERROR, with nothing stored from them and nothing trapping or hanging.
@Suite(.timeLimit(.minutes(1)))
struct HostileChargerFrameTests {
    static let idTag = "HOSTILE-TAG"
    static let socket16 = SocketID(3)
    static let socket201 = SocketID(4)

    /// What a session sent, in order.
    final class Answers: Sendable {
        private let texts = Mutex<[String]>([])
        var send: @Sendable (String) async throws -> Void { { text in self.texts.withLock { $0.append(text) } } }
        var count: Int { texts.withLock { $0.count } }
        func text(at index: Int) -> String? { texts.withLock { index < $0.count ? $0[index] : nil } }
    }

    /// A charger session of stationd on its controller, fed frames directly.
    struct Charger {
        let session: any ChargerSession
        let answers: Answers

        /// The answer to one frame (the endpoint answers on the receiving task, so it is there on return).
        func send(_ text: String) async throws -> [JSONValue] {
            let before = answers.count
            await session.receive(session.parse(text))
            let answer = try #require(answers.text(at: before))
            guard case .array(let elements) = try JSONValue(parsing: answer) else { throw Unexpected(answer: answer) }
            return elements
        }

        /// The CALLERROR code of the answer, or "CALLRESULT".
        func outcome(_ text: String) async throws -> String {
            let answer = try await send(text)
            if answer.first == 3 { return "CALLRESULT" }
            guard answer.count == 5, case .string(let code) = answer[2] else { throw Unexpected(answer: "\(answer)") }
            return code
        }
    }

    struct Unexpected: Error {
        let answer: String
    }

    let harness: ControllerHarness
    let v16: Charger
    let v201: Charger

    init() async throws {
        harness = try ControllerHarness { config in
            config.ocppServer = OCPPServerConfiguration(
                host: "127.0.0.1", port: 0, chargers: [
                    ChargerConfiguration(
                        id: "CP-16", credential: .password("hostile-password-16"),
                        connectors: [ChargerConnectorConfiguration(connector: 1, socket: 3, maxCurrentA: 32, phases: 3)]),
                    ChargerConfiguration(
                        id: "CP-201", credential: .password("hostile-password-201"),
                        connectors: [ChargerConnectorConfiguration(connector: 1, socket: 4, maxCurrentA: 32, phases: 3)]),
                ])
            config.localAuthorization = [LocalAuthorization(idTag: Self.idTag, status: .accepted)]
        }
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let hub = ChargerHub(configuration: harness.configuration.ocppServer!, controller: harness.controller, logger: logger)
        let answers16 = Answers()
        let answers201 = Answers()
        let session16 = OCPP16ChargerSession(
            chargerID: "CP-16", isUnknown: false, hub: hub, controller: harness.controller,
            configuration: .init(callTimeout: .seconds(30), maximumFrameSize: 65_536, answersOnReceivingTask: true),
            logger: logger, send: answers16.send)
        let session201 = OCPP201ChargerSession(
            chargerID: "CP-201", isUnknown: false, hub: hub, controller: harness.controller,
            configuration: .init(callTimeout: .seconds(30), maximumFrameSize: 65_536, answersOnReceivingTask: true),
            logger: logger, send: answers201.send)
        await session16.start(heartbeatInterval: .seconds(60))
        await session201.start(heartbeatInterval: .seconds(60))
        v16 = Charger(session: session16, answers: answers16)
        v201 = Charger(session: session201, answers: answers201)
    }

    func stop() async {
        await v16.session.close()
        await v201.session.close()
        await harness.stop()
    }

    static let time = "2026-12-06T10:00:00Z"

    static func meterValues16(connector: Int = 1, value: String, unit: String, measurand: String) -> String {
        #"[2,"mv","MeterValues",{"connectorId":\#(connector),"meterValue":[{"timestamp":"\#(time)","sampledValue":[{"value":"\#(value)","unit":"\#(unit)","measurand":"\#(measurand)"}]}]}]"#
    }

    static func meterValues201(evse: Int = 1, value: String, unit: String = "Wh", multiplier: String = "0") -> String {
        #"[2,"mv","MeterValues",{"evseId":\#(evse),"meterValue":[{"timestamp":"\#(time)","sampledValue":[{"value":\#(value),"measurand":"Energy.Active.Import.Register","unitOfMeasure":{"unit":"\#(unit)","multiplier":\#(multiplier)}}]}]}]"#
    }

    static func transactionEvent(_ type: String, seqNo: Int, energy: String, idToken: Bool = false) -> String {
        let token = idToken ? #","idToken":{"idToken":"\#(idTag)","type":"Local"}"# : ""
        let reason = type == "Ended" ? #","stoppedReason":"Local""# : ""
        return #"[2,"te\#(seqNo)","TransactionEvent",{"eventType":"\#(type)","timestamp":"\#(time)","triggerReason":"Authorized","seqNo":\#(seqNo),"transactionInfo":{"transactionId":"TX-1"\#(reason)},"evse":{"id":1,"connectorId":1}\#(token),"meterValue":[{"timestamp":"\#(time)","sampledValue":[{"value":\#(energy),"measurand":"Energy.Active.Import.Register"}]}]}]"#
    }

    /// The energy of the last session that ended, from the controller's events.
    func lastEndedSessionEnergy() async -> WattHours? {
        for event in await harness.controller.recentEvents.reversed() {
            if case .sessionEnded(let session) = event { return session.energy }
        }
        return nil
    }

    /// The connector's reading holds only finite, plausible numbers.
    func readingIsSane(_ socket: SocketID) -> Bool {
        guard let reading = harness.controller.readings.socketReading(socket) else { return true }
        let numbers = [reading.power?.value, reading.energy?.value].compactMap { $0 }
        return numbers.allSatisfy { $0.isFinite && abs($0) < 1e13 }
    }

    // Finding 1, OCPP 1.6.
    @Test func stopTransactionWithMeterStopAtInt64MaxIsRefusedAndTheSessionEndsOnAValidOne() async throws {
        #expect(try await v16.outcome(
            #"[2,"s1","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Preparing"}]"#) == "CALLRESULT")
        let started = try await v16.send(
            #"[2,"st","StartTransaction",{"connectorId":1,"idTag":"\#(Self.idTag)","meterStart":0,"timestamp":"\#(Self.time)"}]"#)
        guard case .object(let result) = started[2], case .integer(let transactionId) = result["transactionId"] else {
            Issue.record("StartTransaction answered \(started)")
            return
        }
        let hostile = #"[2,"sp1","StopTransaction",{"transactionId":\#(transactionId),"meterStop":9223372036854775807,"timestamp":"\#(Self.time)"}]"#
        #expect(try await v16.outcome(hostile) == "PropertyConstraintViolation")
        #expect(await harness.controller.station.sockets[Self.socket16]?.session != nil)
        let valid = #"[2,"sp2","StopTransaction",{"transactionId":\#(transactionId),"meterStop":1500,"timestamp":"\#(Self.time)"}]"#
        #expect(try await v16.outcome(valid) == "CALLRESULT")
        #expect(await lastEndedSessionEnergy() == WattHours(1500))
        await stop()
    }

    // Finding 1, OCPP 2.0.1.
    @Test func transactionEventWithAnEnergyOf1e300IsRefusedAndTheSessionEndsOnAValidOne() async throws {
        #expect(try await v201.outcome(Self.transactionEvent("Started", seqNo: 0, energy: "0", idToken: true)) == "CALLRESULT")
        #expect(try await v201.outcome(Self.transactionEvent("Updated", seqNo: 1, energy: "1e300")) == "PropertyConstraintViolation")
        #expect(readingIsSane(Self.socket201))
        #expect(try await v201.outcome(Self.transactionEvent("Ended", seqNo: 2, energy: "2500")) == "CALLRESULT")
        let energy = await lastEndedSessionEnergy()
        #expect(energy == WattHours(2500))
        await stop()
    }

    // Findings 2 and 3, and 5's multiplier 400: refused at once, whatever the multiplier.
    @Test(arguments: ["-9223372036854775808", "9223372036854775807", "400", "100000000", "-11", "11"])
    func anImplausibleMultiplierIsRefused(multiplier: String) async throws {
        #expect(try await v201.outcome(Self.meterValues201(value: "0", multiplier: multiplier)) == "PropertyConstraintViolation")
        #expect(try await v201.outcome(Self.meterValues201(value: "12", multiplier: "3")) == "CALLRESULT")
        await stop()
    }

    // Finding 5: a value that is not finite, or not plausible, once scaled.
    @Test func readingsThatAreNotFiniteOrPlausibleAfterScalingAreRefusedAndNotStored() async throws {
        #expect(try await v16.outcome(
            #"[2,"s1","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Charging"}]"#) == "CALLRESULT")
        #expect(try await v201.outcome(
            #"[2,"s2","StatusNotification",{"timestamp":"\#(Self.time)","connectorStatus":"Occupied","evseId":1,"connectorId":1}]"#)
            == "CALLRESULT")
        let hostile16 = [
            Self.meterValues16(value: "1e308", unit: "kW", measurand: "Power.Active.Import"),
            Self.meterValues16(value: "-1e308", unit: "kWh", measurand: "Energy.Active.Import.Register"),
            Self.meterValues16(value: "nan", unit: "Wh", measurand: "Energy.Active.Import.Register"),
            Self.meterValues16(value: "inf", unit: "W", measurand: "Power.Active.Import"),
            Self.meterValues16(value: "-5", unit: "Wh", measurand: "Energy.Active.Import.Register"),
            Self.meterValues16(value: "twelve", unit: "Wh", measurand: "Energy.Active.Import.Register"),
        ]
        for frame in hostile16 {
            #expect(try await v16.outcome(frame) == "PropertyConstraintViolation", "\(frame)")
        }
        #expect(try await v201.outcome(Self.meterValues201(value: "1e308", unit: "kWh")) == "PropertyConstraintViolation")
        #expect(try await v201.outcome(Self.meterValues201(value: "1e10", multiplier: "10")) == "PropertyConstraintViolation")
        #expect(readingIsSane(Self.socket16))
        #expect(readingIsSane(Self.socket201))
        // The local API's status still encodes (a NaN once made it answer `{}`).
        await harness.cycle()
        let status = await harness.controller.statusDocument()
        #expect(throws: Never.self) { try StationAPIJSON.encoder().encode(status) }
        // Plausible readings still go in.
        #expect(try await v16.outcome(Self.meterValues16(value: "7.4", unit: "kW", measurand: "Power.Active.Import")) == "CALLRESULT")
        #expect(harness.controller.readings.socketReading(Self.socket16)?.power == Watts(7_400))
        await stop()
    }

    // Finding 6: negative connector and EVSE ids.
    @Test func negativeConnectorAndEVSEIdsAreAPropertyConstraintViolation() async throws {
        #expect(try await v16.outcome(
            #"[2,"s1","StatusNotification",{"connectorId":-1,"errorCode":"NoError","status":"Available"}]"#)
            == "PropertyConstraintViolation")
        #expect(try await v16.outcome(Self.meterValues16(connector: -1, value: "5", unit: "Wh", measurand: "Energy.Active.Import.Register"))
            == "PropertyConstraintViolation")
        #expect(try await v16.outcome(
            #"[2,"st","StartTransaction",{"connectorId":0,"idTag":"\#(Self.idTag)","meterStart":0,"timestamp":"\#(Self.time)"}]"#)
            == "PropertyConstraintViolation")
        #expect(try await v201.outcome(Self.meterValues201(evse: -1, value: "5")) == "PropertyConstraintViolation")
        #expect(try await v201.outcome(
            #"[2,"s2","StatusNotification",{"timestamp":"\#(Self.time)","connectorStatus":"Occupied","evseId":-1,"connectorId":1}]"#)
            == "PropertyConstraintViolation")
        await stop()
    }
}
