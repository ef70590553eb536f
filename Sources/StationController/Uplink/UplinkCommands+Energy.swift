import EnergyManagement
import Foundation
import OCPP
import StationCore

extension UplinkCommands {
    /// A ChargingStationMaxProfile on EVSE 0 becomes the EMS grid cap; other profiles are not taken.
    func setChargingProfile(_ request: OCPP201.SetChargingProfileRequest) async -> OCPP201.SetChargingProfileResponse {
        let profile = request.chargingProfile
        guard request.evseId == 0, profile.chargingProfilePurpose == .chargingStationMaxProfile else {
            return .init(
                status: .rejected,
                statusInfo: .init(reasonCode: "UnsupportedProfile", additionalInfo: "only a ChargingStationMaxProfile on EVSE 0 is taken"))
        }
        let now = controller.clock.wallTime
        if let problem = GridCapProfile.implausibility(of: profile, nominalVoltage: controller.configuration.grid.nominalVoltageV) {
            return .init(status: .rejected, statusInfo: .init(reasonCode: "InvalidValue", additionalInfo: problem))
        }
        guard let cap = GridCapProfile.limit(of: profile, at: now, nominalVoltage: controller.configuration.grid.nominalVoltageV) else {
            return .init(status: .rejected, statusInfo: .init(reasonCode: "NoPeriodInForce"))
        }
        journal.rememberGridCapProfile(id: profile.id)
        await controller.setCentralGridCap(cap)
        logger.notice("uplink: CSMS caps the grid import at \(cap)")
        return .init(status: .accepted)
    }

    func clearChargingProfile(_ request: OCPP201.ClearChargingProfileRequest) async -> OCPP201.ClearChargingProfileResponse {
        let criteria = request.chargingProfileCriteria
        let matchesId = request.chargingProfileId.map { journal.gridCapProfileId == $0 } ?? false
        let matchesPurpose = criteria?.chargingProfilePurpose == .chargingStationMaxProfile && (criteria?.evseId ?? 0) == 0
        let clearsAll = request.chargingProfileId == nil && criteria == nil
        guard await controller.centralGridCap != nil, matchesId || matchesPurpose || clearsAll else { return .init(status: .unknown) }
        journal.rememberGridCapProfile(id: nil)
        await controller.setCentralGridCap(nil)
        logger.notice("uplink: CSMS grid cap cleared")
        return .init(status: .accepted)
    }

    /// `org.stationmaster` / `PriceSchedule` sets the price schedule the EMS plans the battery with.
    func dataTransfer(_ request: OCPP201.DataTransferRequest) async -> OCPP201.DataTransferResponse {
        guard request.vendorId == UplinkJournal.vendorId else { return .init(status: .unknownVendorId) }
        guard request.messageId == "PriceSchedule" else { return .init(status: .unknownMessageId) }
        switch PriceScheduleMessage.decode(request.data) {
        case .success(let schedule):
            await controller.setCentralSchedule(schedule.slots.isEmpty ? nil : schedule)
            logger.notice("uplink: CSMS price schedule with \(schedule.slots.count) slots")
            return .init(status: .accepted)
        case .failure(let problem):
            return .init(status: .rejected, data: .object(["error": .string(problem.message)]))
        }
    }
}

/// The limit of a ChargingStationMaxProfile in force at a moment, in watts; nil when none is, or when the limit
/// is not a plausible grid cap (`Plausible.gridCap`) once in watts.
enum GridCapProfile {
    static func limit(of profile: OCPP201.ChargingProfile, at now: Date, nominalVoltage: Double) -> Watts? {
        if let validFrom = profile.validFrom, validFrom > now { return nil }
        if let validTo = profile.validTo, validTo <= now { return nil }
        guard let schedule = profile.chargingSchedules.first else { return nil }
        let start = schedule.startSchedule ?? now
        let elapsed = now.timeIntervalSince(start)
        if let duration = schedule.duration, elapsed >= Double(duration) { return nil }
        let period = schedule.chargingSchedulePeriods
            .filter { Double($0.startPeriod) <= max(0, elapsed) }
            .max { $0.startPeriod < $1.startPeriod }
        guard let period, period.limit >= 0 else { return nil }
        let watts: Double
        switch schedule.chargingRateUnit {
        case .watts: watts = period.limit
        case .amperes:
            let phases = period.numberPhases ?? 3
            guard (1...3).contains(phases) else { return nil }
            watts = period.limit * nominalVoltage * Double(phases)
        }
        return Plausible.value(watts, in: Plausible.gridCap).map(Watts.init)
    }

    /// Why a profile's periods are not plausible grid caps, or nil when every one is.
    static func implausibility(of profile: OCPP201.ChargingProfile, nominalVoltage: Double) -> String? {
        for schedule in profile.chargingSchedules {
            for period in schedule.chargingSchedulePeriods {
                let phases = period.numberPhases ?? 3
                guard (1...3).contains(phases) else { return "numberPhases \(phases) is not 1-3" }
                let watts = schedule.chargingRateUnit == .watts ? period.limit : period.limit * nominalVoltage * Double(phases)
                guard Plausible.value(watts, in: Plausible.gridCap) != nil else {
                    return "limit \(period.limit) \(schedule.chargingRateUnit.rawValue) is not a grid cap of 0 W to 1 GW"
                }
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
