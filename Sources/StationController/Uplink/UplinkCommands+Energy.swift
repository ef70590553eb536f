import EnergyManagement
import Foundation
import OCPP
import StationCore

extension UplinkCommands {
    /// A ChargingStationMaxProfile on EVSE 0 is the EMS grid cap from now on: the controller applies the
    /// period in force at every cycle, and the profile is kept on disk across a restart. It replaces the
    /// profile held before; other profiles are not taken.
    func setChargingProfile(_ request: OCPP201.SetChargingProfileRequest) async -> OCPP201.SetChargingProfileResponse {
        let profile = request.chargingProfile
        guard request.evseId == 0, profile.chargingProfilePurpose == .chargingStationMaxProfile else {
            return .init(
                status: .rejected,
                statusInfo: .init(reasonCode: "UnsupportedProfile", additionalInfo: "only a ChargingStationMaxProfile on EVSE 0 is taken"))
        }
        let now = controller.clock.wallTime
        let voltage = controller.configuration.grid.nominalVoltageV
        if let problem = GridCapProfile.implausibility(of: profile, nominalVoltage: voltage) {
            return .init(status: .rejected, statusInfo: .init(reasonCode: "InvalidValue", additionalInfo: problem))
        }
        guard let schedule = GridCapSchedule(profile, receivedAt: now, nominalVoltage: voltage) else {
            return .init(
                status: .rejected, statusInfo: .init(reasonCode: "InvalidSchedule", additionalInfo: "a schedule with periods is required"))
        }
        guard !schedule.hasEnded(at: now) else {
            return .init(status: .rejected, statusInfo: .init(reasonCode: "NoPeriodInForce", additionalInfo: "the profile has ended"))
        }
        journal.rememberGridCapSchedule(schedule)
        await controller.setGridCapSchedule(schedule)
        await controller.flushJournal()
        let cap = await controller.gridCap(at: now)
        logger.notice("uplink: CSMS grid cap profile \(profile.id) with \(schedule.periods.count) periods; the cap now is \(cap)")
        return .init(status: .accepted)
    }

    func clearChargingProfile(_ request: OCPP201.ClearChargingProfileRequest) async -> OCPP201.ClearChargingProfileResponse {
        let criteria = request.chargingProfileCriteria
        let matchesId = request.chargingProfileId.map { journal.gridCapProfileId == $0 } ?? false
        let matchesPurpose = criteria?.chargingProfilePurpose == .chargingStationMaxProfile && (criteria?.evseId ?? 0) == 0
        let clearsAll = request.chargingProfileId == nil && criteria == nil
        let holdsCap = await controller.holdsCentralGridCap
        guard holdsCap, matchesId || matchesPurpose || clearsAll else { return .init(status: .unknown) }
        journal.rememberGridCapSchedule(nil)
        await controller.setGridCapSchedule(nil)
        await controller.setCentralGridCap(nil)
        await controller.flushJournal()
        logger.notice("uplink: CSMS grid cap cleared")
        return .init(status: .accepted)
    }

    /// `org.stationmaster` / `PriceSchedule` sets the price schedule the EMS plans the battery with; it is kept
    /// on disk, so a station that restarts while offline goes on planning with it.
    func dataTransfer(_ request: OCPP201.DataTransferRequest) async -> OCPP201.DataTransferResponse {
        guard request.vendorId == UplinkJournal.vendorId else { return .init(status: .unknownVendorId) }
        guard request.messageId == "PriceSchedule" else { return .init(status: .unknownMessageId) }
        switch PriceScheduleMessage.decode(request.data) {
        case .success(let schedule):
            let kept = schedule.slots.isEmpty ? nil : schedule
            journal.rememberPriceSchedule(kept)
            await controller.setCentralSchedule(kept)
            await controller.flushJournal()
            logger.notice("uplink: CSMS price schedule version \(schedule.version) with \(schedule.slots.count) slots")
            return .init(status: .accepted)
        case .failure(let problem):
            return .init(status: .rejected, data: .object(["error": .string(problem.message)]))
        }
    }
}

/// Checks of a ChargingStationMaxProfile's limits before the station takes it.
enum GridCapProfile {
    /// The limit in force at `now`, in watts, as the station would apply it; nil when none is or a limit is
    /// not a plausible grid cap.
    static func limit(of profile: OCPP201.ChargingProfile, at now: Date, nominalVoltage: Double) -> Watts? {
        GridCapSchedule(profile, receivedAt: now, nominalVoltage: nominalVoltage)?.cap(at: now)
    }

    /// Why a profile's periods are not plausible grid caps, or nil when every one is.
    static func implausibility(of profile: OCPP201.ChargingProfile, nominalVoltage: Double) -> String? {
        for schedule in profile.chargingSchedules {
            for period in schedule.chargingSchedulePeriods {
                let phases = period.numberPhases ?? 3
                guard (1...3).contains(phases) else { return "numberPhases \(phases) is not 1-3" }
                guard GridCapSchedule.watts(period, unit: schedule.chargingRateUnit, nominalVoltage: nominalVoltage) != nil else {
                    return "limit \(period.limit) \(schedule.chargingRateUnit.rawValue) is not a grid cap of 0 W to 1 GW"
                }
                guard period.startPeriod >= 0 else { return "startPeriod \(period.startPeriod) is negative" }
            }
        }
        return nil
    }
}

/// The `PriceSchedule` DataTransfer payload (docs/uplink.md).
enum PriceScheduleMessage {
    struct Problem: Error {
        let message: String
    }

    /// `data` is the JSON object, or that object written as a JSON string (as some CSMSs send any DataTransfer).
    static func decode(_ data: JSONValue?) -> Result<PriceSchedule, Problem> {
        var data = data
        if let text = data?.stringValue { data = try? JSONValue(parsing: text) }
        guard let object = data?.objectValue else {
            return .failure(Problem(message: "data must be an object (or a string holding one)"))
        }
        guard let slots = object["slots"]?.arrayValue else { return .failure(Problem(message: "slots must be an array")) }
        var parsed: [(start: Date, end: Date?, price: Double, export: Double?, renewable: Double?)] = []
        for (index, slot) in slots.enumerated() {
            guard let fields = slot.objectValue, let startText = fields["start"]?.stringValue,
                let start = OCPPDateTime.parse(startText)
            else { return .failure(Problem(message: "slots[\(index)].start must be an RFC 3339 time")) }
            guard let price = fields["price_per_kwh"]?.doubleValue, Plausible.value(price, in: Plausible.pricePerKilowattHour) != nil else {
                return .failure(Problem(message: "slots[\(index)].price_per_kwh must be a number within ±100000"))
            }
            let export = fields["export_price_per_kwh"]
            if let export, export.doubleValue.flatMap({ Plausible.value($0, in: Plausible.pricePerKilowattHour) }) == nil {
                return .failure(Problem(message: "slots[\(index)].export_price_per_kwh must be a number within ±100000"))
            }
            let renewable = fields["renewable_share"]
            if let renewable, renewable.doubleValue.flatMap({ Plausible.value($0, in: 0...1) }) == nil {
                return .failure(Problem(message: "slots[\(index)].renewable_share must be a number from 0 to 1"))
            }
            if let previous = parsed.last, previous.start >= start {
                return .failure(Problem(message: "slots[\(index)] does not start after the slot before it"))
            }
            let end = fields["end"]?.stringValue.flatMap(OCPPDateTime.parse)
            if let end, end <= start { return .failure(Problem(message: "slots[\(index)].end is not after its start")) }
            parsed.append((start, end, price, export?.doubleValue, renewable?.doubleValue))
        }
        var schedule: [PriceSlot] = []
        for (index, slot) in parsed.enumerated() {
            let end = slot.end ?? (index + 1 < parsed.count ? parsed[index + 1].start : slot.start.addingTimeInterval(900))
            schedule.append(
                PriceSlot(start: slot.start, end: end, importPrice: slot.price, exportPrice: slot.export, renewableShare: slot.renewable))
        }
        var version = 0
        if let field = object["version"] {
            guard let number = field.doubleValue, let whole = Int(rounding: number), Double(whole) == number else {
                return .failure(Problem(message: "version must be a whole number"))
            }
            version = whole
        }
        return .success(PriceSchedule(version: version, slots: schedule))
    }
}
