import Foundation
import OCPP
import Testing

/// Every typed message of both versions survives encode → JSON text → decode unchanged.
@Suite struct MessageRoundTripTests {
    @Test(arguments: OCPPSamples.all)
    func sampleRoundTrips(_ sample: OCPPSample) throws {
        try expectRoundTrip(sample.payload, version: sample.version)
    }

    private func expectRoundTrip<Payload: OCPPPayload>(_ payload: Payload, version: OCPPVersion) throws {
        let text = try PayloadEncoder().encode(payload).jsonText
        let decoded = try PayloadDecoder(version: version).decode(Payload.self, from: try JSONValue(parsing: text))
        #expect(decoded == payload)
        #expect(try PayloadEncoder().encode(decoded).jsonText == text)
    }

    @Test func everyRequiredActionHasRequestAndResponseSamples() {
        let expected16: Set<String> = [
            "Authorize", "BootNotification", "ChangeAvailability", "ChangeConfiguration", "ClearCache", "DataTransfer",
            "GetConfiguration", "Heartbeat", "MeterValues", "RemoteStartTransaction", "RemoteStopTransaction", "Reset",
            "StartTransaction", "StatusNotification", "StopTransaction", "UnlockConnector", "ReserveNow",
            "CancelReservation", "SetChargingProfile", "ClearChargingProfile", "GetCompositeSchedule", "TriggerMessage",
            "FirmwareStatusNotification", "DiagnosticsStatusNotification",
        ]
        let expected201: Set<String> = [
            "BootNotification", "Heartbeat", "StatusNotification", "Authorize", "TransactionEvent", "MeterValues",
            "RequestStartTransaction", "RequestStopTransaction", "ChangeAvailability", "Reset", "TriggerMessage",
            "UnlockConnector", "GetVariables", "SetVariables", "NotifyReport", "ReserveNow", "CancelReservation",
            "ReservationStatusUpdate", "SetChargingProfile", "ClearChargingProfile", "GetCompositeSchedule",
            "NotifyEvent", "DataTransfer",
        ]
        for (version, expected) in [(OCPPVersion.v16, expected16), (.v201, expected201)] {
            let samples = OCPPSamples.all.filter { $0.version == version }
            for kind in [OCPPSample.Kind.request, .response] {
                #expect(Set(samples.filter { $0.kind == kind }.map(\.action)) == expected, "\(version) \(kind)")
            }
            #expect(expected.isSubset(of: version.specifiedActions))
        }
    }

    @Test func enumerationsUseTheSpecificationsRawValues() {
        #expect(OCPP16.Measurand.soc.rawValue == "SoC")
        #expect(OCPP16.Phase.l1N.rawValue == "L1-N")
        #expect(OCPP16.ReadingContext.samplePeriodic.rawValue == "Sample.Periodic")
        #expect(OCPP16.UnitOfMeasure.kilowattHours.rawValue == "kWh")
        #expect(OCPP16.UnitOfMeasure.celcius.rawValue == "Celcius")
        #expect(OCPP16.ChargePointStatus.suspendedEVSE.rawValue == "SuspendedEVSE")
        #expect(OCPP16.ChargingRateUnit.amperes.rawValue == "A")
        #expect(OCPP16.ChargingProfilePurpose.chargePointMaxProfile.rawValue == "ChargePointMaxProfile")
        #expect(OCPP201.ChargingProfilePurpose.chargingStationMaxProfile.rawValue == "ChargingStationMaxProfile")
        #expect(OCPP201.IdTokenKind.eMAID.rawValue == "eMAID")
        #expect(OCPP201.IdTokenKind.iso14443.rawValue == "ISO14443")
        #expect(OCPP201.ConnectorType.cableCHAdeMO.rawValue == "cG105")
        #expect(OCPP201.ConnectorType.socketCEE77.rawValue == "sCEE-7-7")
        #expect(OCPP201.StopReason.socLimitReached.rawValue == "SOCLimitReached")
        #expect(OCPP201.VariableDataType.optionList.rawValue == "OptionList")
        #expect(OCPP201.VariableDataType.dateTime.rawValue == "dateTime")
        // Every enumeration's values are distinct.
        for enumeration in OCPPSamples.enumerations {
            #expect(Set(enumeration.values).count == enumeration.values.count, "\(enumeration.schemaLocations)")
        }
    }

    @Test func jsonKeysAreTheSchemasEvenWhereSwiftNamesDiffer() throws {
        let profile16 = try PayloadEncoder().encode(OCPP16.SetChargingProfileRequest.fullSampleForKeys)
        #expect(profile16.objectValue?["csChargingProfiles"]?.objectValue?["chargingSchedule"]?.objectValue?["chargingSchedulePeriod"] != nil)
        let meter201 = try PayloadEncoder().encode(
            OCPP201.MeterValuesRequest(
                evseId: 0,
                meterValues: [OCPP201.MeterValue(sampledValues: [OCPP201.SampledValue(value: 1)], timestamp: OCPPSamples.referenceTime)]))
        #expect(meter201 == ["evseId": 0, "meterValue": [["sampledValue": [["value": 1.0]], "timestamp": "2027-01-15T08:00:00.250Z"]]])
    }

    @Test func datesAreWrittenInUTCAndReadFromAnyOffset() throws {
        let response = try PayloadDecoder(version: .v16).decode(
            OCPP16.HeartbeatResponse.self, from: ["currentTime": "2027-01-15T10:00:00.250+02:00"])
        #expect(response.currentTime == OCPPSamples.referenceTime)
        #expect(try PayloadEncoder().encode(response) == ["currentTime": "2027-01-15T08:00:00.250Z"])
    }
}

extension OCPP16.SetChargingProfileRequest {
    /// A grid cap for the whole charge point: 32 A, then 16 A from 17:00.
    static var fullSampleForKeys: Self {
        Self(
            connectorId: 0,
            chargingProfile: OCPP16.ChargingProfile(
                chargingProfileId: 1, stackLevel: 0, chargingProfilePurpose: .chargePointMaxProfile,
                chargingProfileKind: .absolute,
                chargingSchedule: OCPP16.ChargingSchedule(
                    startSchedule: OCPPSamples.referenceTime, chargingRateUnit: .amperes,
                    chargingSchedulePeriods: [
                        OCPP16.ChargingSchedulePeriod(startPeriod: 0, limit: 32),
                        OCPP16.ChargingSchedulePeriod(startPeriod: 32_400, limit: 16),
                    ])))
    }
}
