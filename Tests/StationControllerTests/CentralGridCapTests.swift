import EnergyManagement
import Foundation
import Logging
import OCPP
import StationAPI
import StationCore
import Testing

@testable import StationController

/// Issue 16: the CSMS sends one ChargingStationMaxProfile per day with a period per window where the cap
/// changes; the station applies the period in force at every control cycle, returns to its configured limit
/// after the profile's end, and keeps the profile (and the price schedule) across a restart.
@Suite struct CentralGridCapTests {
    static let configured = 22_000.0  // demo.yaml's grid.connection_limit_w

    static func outboxPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("central-cap-\(UUID().uuidString).sqlite").path
    }

    static func commands(_ h: ControllerHarness, path: String) async throws -> UplinkCommands {
        let outbox = try await Outbox.open(path: path, capacity: 10_000)
        let journal = UplinkJournal(
            outbox: outbox, meterInterval: .seconds(60), restored: [], central: try await CentralInputs.load(from: outbox))
        journal.setOnline(true)
        await h.controller.attach(journal)
        return UplinkCommands(
            controller: h.controller, journal: journal, logger: Logger(label: "test"), heartbeat: HeartbeatTrigger(),
            restart: StationRestart())
    }

    /// 15 kW for the first quarter hour, 8 kW for the second, 18 kW for the third, then nothing.
    static func threePeriods(start: Date, id: Int = 11, validTo: Date? = nil) -> OCPP201.SetChargingProfileRequest {
        OCPP201.SetChargingProfileRequest(
            evseId: 0,
            chargingProfile: OCPP201.ChargingProfile(
                id: id, stackLevel: 0, chargingProfilePurpose: .chargingStationMaxProfile, chargingProfileKind: .absolute,
                validTo: validTo,
                chargingSchedules: [
                    .init(
                        id: 1, startSchedule: start, duration: 2_700, chargingRateUnit: .watts,
                        chargingSchedulePeriods: [
                            .init(startPeriod: 0, limit: 15_000), .init(startPeriod: 900, limit: 8_000),
                            .init(startPeriod: 1_800, limit: 18_000),
                        ])
                ]))
    }

    /// Runs cycles until the wall clock reaches `time`; returns the cap of the last cycle.
    static func cycle(_ h: ControllerHarness, until time: Date) async -> Double? {
        var record: StationController.CycleRecord?
        let period = h.configuration.control.period
        while h.clock.wallTime < time {
            let remaining = Duration.seconds(min(60, time.timeIntervalSince(h.clock.wallTime)))
            if remaining > period { h.clock.advance(by: remaining - period) }
            record = await h.cycle()
        }
        return record?.gridCap.value
    }

    static func gridCapVariable(_ commands: UplinkCommands) async -> String? {
        let lookup = await StationVariables.value(
            component: .init(name: "SmartChargingCtrlr"), variable: .init(name: "GridCap"), controller: commands.controller,
            journal: commands.journal)
        if case .value(let text) = lookup { return text }
        return nil
    }

    @Test func aThreePeriodProfileChangesTheCapAtEachPeriodBoundaryAndEndsAtTheConfiguredLimit() async throws {
        let h = try ControllerHarness()
        let commands = try await Self.commands(h, path: Self.outboxPath())
        let start = h.clock.wallTime.addingTimeInterval(60)
        await h.cycle()
        #expect(await h.controller.lastCycle?.gridCap.value == Self.configured)

        let answer = await commands.setChargingProfile(Self.threePeriods(start: start))
        #expect(answer.status == .accepted)
        // Not yet started: the configured limit holds.
        #expect(await h.cycle()?.gridCap.value == Self.configured)

        #expect(await Self.cycle(h, until: start.addingTimeInterval(1)) == 15_000)
        #expect(await Self.gridCapVariable(commands) == "15000")
        #expect(await Self.cycle(h, until: start.addingTimeInterval(899)) == 15_000)
        #expect(await Self.cycle(h, until: start.addingTimeInterval(901)) == 8_000)
        #expect(await Self.gridCapVariable(commands) == "8000")
        #expect(await Self.cycle(h, until: start.addingTimeInterval(1_799)) == 8_000)
        #expect(await Self.cycle(h, until: start.addingTimeInterval(1_801)) == 18_000)
        #expect(await Self.cycle(h, until: start.addingTimeInterval(2_699)) == 18_000)
        // After the schedule's duration: back to the configured limit.
        #expect(await Self.cycle(h, until: start.addingTimeInterval(2_701)) == Self.configured)
        #expect(await Self.gridCapVariable(commands) == "22000")
        await commands.journal.outbox.close()
        await h.stop()
    }

    @Test func aProfilesValidToEndsItsCapEarly() async throws {
        let h = try ControllerHarness()
        let commands = try await Self.commands(h, path: Self.outboxPath())
        let start = h.clock.wallTime
        let answer = await commands.setChargingProfile(Self.threePeriods(start: start, validTo: start.addingTimeInterval(1_200)))
        #expect(answer.status == .accepted)
        #expect(await Self.cycle(h, until: start.addingTimeInterval(1_000)) == 8_000)
        #expect(await Self.cycle(h, until: start.addingTimeInterval(1_201)) == Self.configured)
        await commands.journal.outbox.close()
        await h.stop()
    }

    @Test func aProfileThatHasEndedIsRefusedAndTheHeldOneStays() async throws {
        let h = try ControllerHarness()
        let commands = try await Self.commands(h, path: Self.outboxPath())
        let now = h.clock.wallTime
        #expect(await commands.setChargingProfile(Self.threePeriods(start: now, id: 1)).status == .accepted)
        let ended = await commands.setChargingProfile(Self.threePeriods(start: now.addingTimeInterval(-3_000), id: 2))
        #expect(ended.status == .rejected)
        #expect(await h.cycle()?.gridCap.value == 15_000)
        #expect(commands.journal.gridCapProfileId == 1)
        await commands.journal.outbox.close()
        await h.stop()
    }

    @Test func theProfileAndThePriceScheduleAreKeptAcrossARestart() async throws {
        let path = Self.outboxPath()
        let start: Date
        do {
            let h = try ControllerHarness()
            let commands = try await Self.commands(h, path: path)
            start = h.clock.wallTime
            #expect(await commands.setChargingProfile(Self.threePeriods(start: start)).status == .accepted)
            let prices = try JSONValue(
                parsing: #"{"version":42,"slots":[{"start":"\#(OCPPDateTime.format(start))","price_per_kwh":0.05},"#
                    + #"{"start":"\#(OCPPDateTime.format(start.addingTimeInterval(900)))","price_per_kwh":0.40}]}"#)
            let answer = await commands.dataTransfer(.init(messageId: "PriceSchedule", data: prices, vendorId: UplinkJournal.vendorId))
            #expect(answer.status == .accepted)
            await commands.journal.outbox.close()
            await h.stop()
        }
        // The station restarts (offline: nothing from the CSMS) 20 minutes in.
        let h = try ControllerHarness()
        h.clock.advance(by: .seconds(1_200))
        let commands = try await Self.commands(h, path: path)
        #expect(await h.cycle()?.gridCap.value == 8_000)
        #expect(commands.journal.gridCapProfileId == 11)
        let schedule = try #require(await h.controller.centralSchedule)
        #expect(schedule.version == 42 && schedule.slots.map(\.importPrice) == [0.05, 0.40])
        let status = await h.controller.statusDocument()
        #expect(status.prices?.source == "central" && status.prices?.centralVersion == 42)
        // The local API's keys, as stationctl and the interop tests read them.
        let json = try JSONValue(parsing: String(decoding: try StationAPIJSON.encoder().encode(status), as: UTF8.self))
        let prices = try #require(json.objectValue?["prices"]?.objectValue)
        #expect(status.prices?.importPrice == 0.40, "\(String(describing: status.prices)) at \(h.clock.wallTime)")
        #expect(prices["central_version"] == .integer(42) && prices["import_price"]?.doubleValue == status.prices?.importPrice, "\(prices)")
        #expect(await Self.cycle(h, until: start.addingTimeInterval(2_000)) == 18_000)

        // Cleared, it stays cleared after the next restart.
        #expect(await commands.clearChargingProfile(.init(chargingProfileId: 11)).status == .accepted)
        #expect(await h.cycle()?.gridCap.value == Self.configured)
        await commands.journal.outbox.close()
        await h.stop()
        let again = try ControllerHarness()
        let reopened = try await Self.commands(again, path: path)
        #expect(reopened.journal.centralInputs.gridCapSchedule == nil)
        #expect(reopened.journal.centralInputs.priceSchedule?.version == 42)
        await reopened.journal.outbox.close()
        await again.stop()
    }

    @Test func aRecurringDailyProfileRepeatsTheNextDay() throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var profile = Self.threePeriods(start: start).chargingProfile
        profile.chargingProfileKind = .recurring
        profile.recurrencyKind = .daily
        let schedule = try #require(GridCapSchedule(profile, receivedAt: start, nominalVoltage: 230))
        #expect(schedule.cap(at: start.addingTimeInterval(86_400 + 1_000)) == Watts(8_000))
        #expect(schedule.cap(at: start.addingTimeInterval(86_400 + 3_000)) == nil)
        #expect(!schedule.hasEnded(at: start.addingTimeInterval(10 * 86_400)))
    }
}
