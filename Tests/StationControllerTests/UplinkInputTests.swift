import EnergyManagement
import Foundation
import OCPP
@testable import StationController
import StationCore
import Testing

/// Issue 12: the CSMS's numbers are outside input too: profiles, price schedules and variables are checked for
/// being plausible before they reach the controller, and nothing of them traps.
@Suite struct UplinkInputTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func profile(limit: Double, unit: OCPP201.ChargingRateUnit = .watts, phases: Int? = nil) -> OCPP201.ChargingProfile {
        OCPP201.ChargingProfile(
            id: 7, stackLevel: 0, chargingProfilePurpose: .chargingStationMaxProfile, chargingProfileKind: .absolute,
            chargingSchedules: [
                .init(id: 1, startSchedule: now, chargingRateUnit: unit, chargingSchedulePeriods: [
                    .init(startPeriod: 0, limit: limit, numberPhases: phases)
                ])
            ])
    }

    @Test func aGridCapProfileIsTakenOnlyWithAPlausibleLimit() {
        #expect(GridCapProfile.limit(of: Self.profile(limit: 40_000), at: Self.now, nominalVoltage: 230) == Watts(40_000))
        #expect(GridCapProfile.limit(of: Self.profile(limit: 63, unit: .amperes), at: Self.now, nominalVoltage: 230) == Watts(43_470))
        #expect(GridCapProfile.limit(of: Self.profile(limit: 1e300), at: Self.now, nominalVoltage: 230) == nil)
        #expect(GridCapProfile.limit(of: Self.profile(limit: 1e300, unit: .amperes), at: Self.now, nominalVoltage: 230) == nil)
        #expect(GridCapProfile.limit(of: Self.profile(limit: 63, unit: .amperes, phases: 1_000_000), at: Self.now, nominalVoltage: 230) == nil)
        #expect(GridCapProfile.limit(of: Self.profile(limit: 63, unit: .amperes, phases: -3), at: Self.now, nominalVoltage: 230) == nil)
        #expect(GridCapProfile.implausibility(of: Self.profile(limit: 40_000), nominalVoltage: 230) == nil)
        #expect(GridCapProfile.implausibility(of: Self.profile(limit: 1e300), nominalVoltage: 230) != nil)
        #expect(GridCapProfile.implausibility(of: Self.profile(limit: 16, unit: .amperes, phases: 7), nominalVoltage: 230) != nil)
    }

    static func schedule(_ slot: String, version: String = "1") throws -> Result<PriceSchedule, PriceScheduleMessage.Problem> {
        PriceScheduleMessage.decode(try JSONValue(parsing: #"{"version":\#(version),"slots":[{"start":"2027-01-15T08:00:00Z",\#(slot)}]}"#))
    }

    static func refused(_ result: Result<PriceSchedule, PriceScheduleMessage.Problem>) -> Bool {
        if case .failure = result { return true }
        return false
    }

    @Test func aPriceScheduleWithImplausibleNumbersIsRefused() throws {
        #expect(try !Self.refused(Self.schedule(#""price_per_kwh":0.21,"export_price_per_kwh":0.08,"renewable_share":0.6"#)))
        // The version once went through Int(_:), which traps on 1e300.
        #expect(try Self.refused(Self.schedule(#""price_per_kwh":0.21"#, version: "1e300")))
        #expect(try Self.refused(Self.schedule(#""price_per_kwh":0.21"#, version: "1.5")))
        #expect(try Self.refused(Self.schedule(#""price_per_kwh":1e300"#)))
        #expect(try Self.refused(Self.schedule(#""price_per_kwh":0.2,"export_price_per_kwh":-1e300"#)))
        #expect(try Self.refused(Self.schedule(#""price_per_kwh":0.2,"export_price_per_kwh":"cheap""#)))
        #expect(try Self.refused(Self.schedule(#""price_per_kwh":0.2,"renewable_share":7"#)))
    }

    @Test func variableValuesPrintWithoutTrapping() {
        #expect(StationVariables.number(40_000) == "40000")
        #expect(StationVariables.number(1e300) == "1e+300")
        #expect(StationVariables.number(-9.3e18) == "-9.3e+18")
    }
}
