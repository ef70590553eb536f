import EnergyManagement
import StationCore
import Testing

@Suite struct RampTests {
    @Test func socketLimitsRiseByAtMostTheRampAndResumeAtTheMinimum() {
        var station = Station(sockets: [Station.car(1, drawing: 6), Station.car(2, drawing: 0)], gridCap: 43_000)
        station.sockets[0].requestedCurrent = 16
        station.sockets[1].requestedCurrent = 16
        station.settings.socketRampPerCycle = 2
        station.previous = SetpointDecision(socketLimits: [1: 6, 2: 0], batteryPower: 0, mode: .normal, reasons: [])
        let decision = station.decide()
        #expect(decision.socketLimits == [1: 8, 2: 6])
    }

    @Test func socketLimitsFallAtOnce() {
        var station = Station(baseLoad: 8_000, sockets: [Station.car(1), Station.car(2)], gridCap: 22_000)
        station.settings.socketRampPerCycle = 1
        station.previous = SetpointDecision(socketLimits: [1: 16, 2: 16], batteryPower: 0, mode: .normal, reasons: [])
        let decision = station.decide()
        #expect(decision.socketLimits[1]!.value < 10)
        #expect(station.predictedImport(decision) <= 21_700)
    }

    @Test func batteryDischargeRisesByTheRampAndSocketsCoverTheRest() {
        var station = PeakShavingTests.station(battery: Station.battery(soc: 60))
        station.battery?.power = 1_000
        station.settings.batteryRampPerCycle = 1_000
        station.previous = SetpointDecision(socketLimits: [1: 16, 2: 16], batteryPower: 1_000, mode: .peakShaving, reasons: [])
        let decision = station.decide()
        #expect(decision.batteryPower == 2_000)
        #expect(decision.mode == .curtailing)
        #expect(abs(station.predictedImport(decision).value - 21_700) < 1e-6)
    }

    @Test func batteryDropsAtOnceAndAChangeOfDirectionStartsFromZero() {
        var station = Station(baseLoad: 2_000, battery: Station.battery(soc: 50), gridCap: 22_000)
        station.schedule = Schedules.nightAndEvening()
        station.time = Schedules.time(ofSlot: 0)
        station.settings.batteryRampPerCycle = 500
        station.previous = SetpointDecision(socketLimits: [:], batteryPower: 8_000, mode: .peakShaving, reasons: [])
        let decision = station.decide()
        #expect(decision.batteryPower == -500)
    }
}
