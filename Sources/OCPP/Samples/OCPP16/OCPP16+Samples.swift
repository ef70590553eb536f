import Foundation

extension OCPP16.IdTagInfo: SampleProviding {
    static var fullSample: Self {
        Self(expiryDate: OCPPSamples.referenceTime, parentIdTag: "FLEET-0042", status: .accepted)
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(
            expiryDate: OCPPSamples.referenceTime,
            parentIdTag: String(repeating: "x", count: 20),
            status: .concurrentTx
        )
    }
}

extension OCPP16.MeterValue: SampleProviding {
    static var fullSample: Self {
        Self(timestamp: OCPPSamples.referenceTime, sampledValues: [.fullSample])
    }
    static var minimalSample: Self {
        Self(timestamp: OCPPSamples.referenceTime, sampledValues: [.minimalSample])
    }
    static var longestSample: Self {
        Self(timestamp: OCPPSamples.referenceTime, sampledValues: [.longestSample])
    }
}

extension OCPP16.SampledValue: SampleProviding {
    static var fullSample: Self {
        Self(
            value: "14203.5",
            context: .samplePeriodic,
            format: .raw,
            measurand: .energyActiveImportRegister,
            phase: .l1N,
            location: .outlet,
            unit: .wattHours
        )
    }
    static var minimalSample: Self {
        Self(value: "14203.5")
    }
    static var longestSample: Self {
        Self(
            value: "14203.5",
            context: .samplePeriodic,
            format: .signedData,
            measurand: .energyActiveImportRegister,
            phase: .l1N,
            location: .outlet,
            unit: .wattHours
        )
    }
}

extension OCPP16.ChargingProfile: SampleProviding {
    static var fullSample: Self {
        Self(
            chargingProfileId: 7,
            transactionId: 4711,
            stackLevel: 1,
            chargingProfilePurpose: .txDefaultProfile,
            chargingProfileKind: .recurring,
            recurrencyKind: .daily,
            validFrom: OCPPSamples.referenceTime,
            validTo: OCPPSamples.referenceTime.addingTimeInterval(30 * 86_400),
            chargingSchedule: .fullSample
        )
    }
    static var minimalSample: Self {
        Self(
            chargingProfileId: 7,
            stackLevel: 1,
            chargingProfilePurpose: .txDefaultProfile,
            chargingProfileKind: .recurring,
            chargingSchedule: .minimalSample
        )
    }
    static var longestSample: Self {
        Self(
            chargingProfileId: 7,
            transactionId: 4711,
            stackLevel: 1,
            chargingProfilePurpose: .txDefaultProfile,
            chargingProfileKind: .recurring,
            recurrencyKind: .daily,
            validFrom: OCPPSamples.referenceTime,
            validTo: OCPPSamples.referenceTime.addingTimeInterval(30 * 86_400),
            chargingSchedule: .longestSample
        )
    }
}

extension OCPP16.ChargingSchedule: SampleProviding {
    static var fullSample: Self {
        Self(
            duration: 86_400,
            startSchedule: OCPPSamples.referenceTime,
            chargingRateUnit: .amperes,
            chargingSchedulePeriods: [
                OCPP16.ChargingSchedulePeriod(startPeriod: 0, limit: 32.0, numberPhases: 3),
                OCPP16.ChargingSchedulePeriod(startPeriod: 25_200, limit: 16.5, numberPhases: 3),
                OCPP16.ChargingSchedulePeriod(startPeriod: 72_000, limit: 6.0, numberPhases: 1),
            ],
            minChargingRate: 4.2
        )
    }
    static var minimalSample: Self {
        Self(
            chargingRateUnit: .amperes,
            chargingSchedulePeriods: [
                OCPP16.ChargingSchedulePeriod(startPeriod: 0, limit: 32.0, numberPhases: 3),
                OCPP16.ChargingSchedulePeriod(startPeriod: 25_200, limit: 16.5, numberPhases: 3),
                OCPP16.ChargingSchedulePeriod(startPeriod: 72_000, limit: 6.0, numberPhases: 1),
            ]
        )
    }
    static var longestSample: Self {
        Self(
            duration: 86_400,
            startSchedule: OCPPSamples.referenceTime,
            chargingRateUnit: .amperes,
            chargingSchedulePeriods: [.longestSample],
            minChargingRate: 4.2
        )
    }
}

extension OCPP16.ChargingSchedulePeriod: SampleProviding {
    static var fullSample: Self {
        Self(startPeriod: 0, limit: 32.0, numberPhases: 3)
    }
    static var minimalSample: Self {
        Self(startPeriod: 0, limit: 32.0)
    }
    static var longestSample: Self {
        Self(startPeriod: 0, limit: 32.0, numberPhases: 3)
    }
}

extension OCPP16.AuthorizeRequest: SampleProviding {
    static var fullSample: Self {
        Self(idTag: "04A2B3C4D5E6F7")
    }
    static var minimalSample: Self {
        Self(idTag: "04A2B3C4D5E6F7")
    }
    static var longestSample: Self {
        Self(idTag: String(repeating: "x", count: 20))
    }
}

extension OCPP16.AuthorizeResponse: SampleProviding {
    static var fullSample: Self {
        Self(idTagInfo: .fullSample)
    }
    static var minimalSample: Self {
        Self(idTagInfo: .minimalSample)
    }
    static var longestSample: Self {
        Self(idTagInfo: .longestSample)
    }
}

extension OCPP16.BootNotificationRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            chargePointVendor: "Stationmaster",
            chargePointModel: "SM-AC22",
            chargePointSerialNumber: "SM22-000731",
            chargeBoxSerialNumber: "CB-000731",
            firmwareVersion: "1.4.2",
            iccid: "8931089318104314834",
            imsi: "204080123456789",
            meterType: "Eastron SDM630",
            meterSerialNumber: "SDM-99812"
        )
    }
    static var minimalSample: Self {
        Self(chargePointVendor: "Stationmaster", chargePointModel: "SM-AC22")
    }
    static var longestSample: Self {
        Self(
            chargePointVendor: String(repeating: "x", count: 20),
            chargePointModel: String(repeating: "x", count: 20),
            chargePointSerialNumber: String(repeating: "x", count: 25),
            chargeBoxSerialNumber: String(repeating: "x", count: 25),
            firmwareVersion: String(repeating: "x", count: 50),
            iccid: String(repeating: "x", count: 20),
            imsi: String(repeating: "x", count: 20),
            meterType: String(repeating: "x", count: 25),
            meterSerialNumber: String(repeating: "x", count: 25)
        )
    }
}

extension OCPP16.BootNotificationResponse: SampleProviding {
    static var fullSample: Self {
        Self(status: .accepted, currentTime: OCPPSamples.referenceTime, interval: 300)
    }
    static var minimalSample: Self {
        Self(status: .accepted, currentTime: OCPPSamples.referenceTime, interval: 300)
    }
    static var longestSample: Self {
        Self(status: .accepted, currentTime: OCPPSamples.referenceTime, interval: 300)
    }
}

extension OCPP16.ChangeAvailabilityRequest: SampleProviding {
    static var fullSample: Self {
        Self(connectorId: 1, type: .inoperative)
    }
    static var minimalSample: Self {
        Self(connectorId: 1, type: .inoperative)
    }
    static var longestSample: Self {
        Self(connectorId: 1, type: .inoperative)
    }
}

extension OCPP16.ChangeAvailabilityResponse: SampleProviding {
    static var fullSample: Self {
        Self(status: .accepted)
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(status: .scheduled)
    }
}

extension OCPP16.ChangeConfigurationRequest: SampleProviding {
    static var fullSample: Self {
        Self(key: "MeterValueSampleInterval", value: "60")
    }
    static var minimalSample: Self {
        Self(key: "MeterValueSampleInterval", value: "60")
    }
    static var longestSample: Self {
        Self(key: String(repeating: "x", count: 50), value: String(repeating: "x", count: 500))
    }
}

extension OCPP16.ChangeConfigurationResponse: SampleProviding {
    static var fullSample: Self {
        Self(status: .accepted)
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(status: .rebootRequired)
    }
}

extension OCPP16.ClearCacheRequest: SampleProviding {
    static var fullSample: Self {
        Self()
    }
    static var minimalSample: Self {
        Self()
    }
    static var longestSample: Self {
        Self()
    }
}

extension OCPP16.ClearCacheResponse: SampleProviding {
    static var fullSample: Self {
        Self(status: .accepted)
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(status: .accepted)
    }
}

extension OCPP16.DataTransferRequest: SampleProviding {
    static var fullSample: Self {
        Self(vendorId: "org.stationmaster", messageId: "BatteryTelemetry", data: "{\"stateOfCharge\":81}")
    }
    static var minimalSample: Self {
        Self(vendorId: "org.stationmaster")
    }
    static var longestSample: Self {
        Self(
            vendorId: String(repeating: "x", count: 255),
            messageId: String(repeating: "x", count: 50),
            data: "{\"stateOfCharge\":81}"
        )
    }
}

extension OCPP16.DataTransferResponse: SampleProviding {
    static var fullSample: Self {
        Self(status: .accepted, data: "ok")
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(status: .unknownMessageId, data: "ok")
    }
}

extension OCPP16.GetConfigurationRequest: SampleProviding {
    static var fullSample: Self {
        Self(keys: ["HeartbeatInterval", "MeterValueSampleInterval"])
    }
    static var minimalSample: Self {
        Self()
    }
    static var longestSample: Self {
        Self(keys: [String(repeating: "x", count: 50)])
    }
}

extension OCPP16.GetConfigurationResponse: SampleProviding {
    static var fullSample: Self {
        Self(configurationKeys: [.fullSample], unknownKeys: ["VendorSpecificKey"])
    }
    static var minimalSample: Self {
        Self()
    }
    static var longestSample: Self {
        Self(configurationKeys: [.longestSample], unknownKeys: [String(repeating: "x", count: 50)])
    }
}

extension OCPP16.KeyValue: SampleProviding {
    static var fullSample: Self {
        Self(key: "HeartbeatInterval", readonly: false, value: "300")
    }
    static var minimalSample: Self {
        Self(key: "HeartbeatInterval", readonly: false)
    }
    static var longestSample: Self {
        Self(
            key: String(repeating: "x", count: 50),
            readonly: false,
            value: String(repeating: "x", count: 500)
        )
    }
}

extension OCPP16.HeartbeatRequest: SampleProviding {
    static var fullSample: Self {
        Self()
    }
    static var minimalSample: Self {
        Self()
    }
    static var longestSample: Self {
        Self()
    }
}

extension OCPP16.HeartbeatResponse: SampleProviding {
    static var fullSample: Self {
        Self(currentTime: OCPPSamples.referenceTime)
    }
    static var minimalSample: Self {
        Self(currentTime: OCPPSamples.referenceTime)
    }
    static var longestSample: Self {
        Self(currentTime: OCPPSamples.referenceTime)
    }
}

extension OCPP16.MeterValuesRequest: SampleProviding {
    static var fullSample: Self {
        Self(connectorId: 1, transactionId: 4711, meterValues: [.fullSample])
    }
    static var minimalSample: Self {
        Self(connectorId: 1, meterValues: [.minimalSample])
    }
    static var longestSample: Self {
        Self(connectorId: 1, transactionId: 4711, meterValues: [.longestSample])
    }
}

extension OCPP16.MeterValuesResponse: SampleProviding {
    static var fullSample: Self {
        Self()
    }
    static var minimalSample: Self {
        Self()
    }
    static var longestSample: Self {
        Self()
    }
}

extension OCPP16.RemoteStartTransactionRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            connectorId: 1,
            idTag: "04A2B3C4D5E6F7",
            chargingProfile: OCPP16.ChargingProfile(
                chargingProfileId: 8, stackLevel: 2, chargingProfilePurpose: .txProfile,
                chargingProfileKind: .relative, chargingSchedule: .fullSample)
        )
    }
    static var minimalSample: Self {
        Self(idTag: "04A2B3C4D5E6F7")
    }
    static var longestSample: Self {
        Self(connectorId: 1, idTag: String(repeating: "x", count: 20), chargingProfile: .longestSample)
    }
}

extension OCPP16.RemoteStartTransactionResponse: SampleProviding {
    static var fullSample: Self {
        Self(status: .accepted)
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(status: .accepted)
    }
}

extension OCPP16.RemoteStopTransactionRequest: SampleProviding {
    static var fullSample: Self {
        Self(transactionId: 4711)
    }
    static var minimalSample: Self {
        Self(transactionId: 4711)
    }
    static var longestSample: Self {
        Self(transactionId: 4711)
    }
}

extension OCPP16.RemoteStopTransactionResponse: SampleProviding {
    static var fullSample: Self {
        Self(status: .accepted)
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(status: .accepted)
    }
}

extension OCPP16.ResetRequest: SampleProviding {
    static var fullSample: Self {
        Self(type: .soft)
    }
    static var minimalSample: Self {
        Self(type: .soft)
    }
    static var longestSample: Self {
        Self(type: .soft)
    }
}

extension OCPP16.ResetResponse: SampleProviding {
    static var fullSample: Self {
        Self(status: .accepted)
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(status: .accepted)
    }
}

extension OCPP16.StartTransactionRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            connectorId: 1,
            idTag: "04A2B3C4D5E6F7",
            meterStart: 1_204_530,
            reservationId: 42,
            timestamp: OCPPSamples.referenceTime
        )
    }
    static var minimalSample: Self {
        Self(
            connectorId: 1,
            idTag: "04A2B3C4D5E6F7",
            meterStart: 1_204_530,
            timestamp: OCPPSamples.referenceTime
        )
    }
    static var longestSample: Self {
        Self(
            connectorId: 1,
            idTag: String(repeating: "x", count: 20),
            meterStart: 1_204_530,
            reservationId: 42,
            timestamp: OCPPSamples.referenceTime
        )
    }
}

extension OCPP16.StartTransactionResponse: SampleProviding {
    static var fullSample: Self {
        Self(idTagInfo: .fullSample, transactionId: 4711)
    }
    static var minimalSample: Self {
        Self(idTagInfo: .minimalSample, transactionId: 4711)
    }
    static var longestSample: Self {
        Self(idTagInfo: .longestSample, transactionId: 4711)
    }
}

extension OCPP16.StatusNotificationRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            connectorId: 1,
            errorCode: .noError,
            info: "cable locked",
            status: .charging,
            timestamp: OCPPSamples.referenceTime,
            vendorId: "org.stationmaster",
            vendorErrorCode: "E042"
        )
    }
    static var minimalSample: Self {
        Self(connectorId: 1, errorCode: .noError, status: .charging)
    }
    static var longestSample: Self {
        Self(
            connectorId: 1,
            errorCode: .noError,
            info: String(repeating: "x", count: 50),
            status: .charging,
            timestamp: OCPPSamples.referenceTime,
            vendorId: String(repeating: "x", count: 255),
            vendorErrorCode: String(repeating: "x", count: 50)
        )
    }
}

extension OCPP16.StatusNotificationResponse: SampleProviding {
    static var fullSample: Self {
        Self()
    }
    static var minimalSample: Self {
        Self()
    }
    static var longestSample: Self {
        Self()
    }
}

extension OCPP16.StopTransactionRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            idTag: "04A2B3C4D5E6F7",
            meterStop: 1_226_840,
            timestamp: OCPPSamples.referenceTime,
            transactionId: 4711,
            reason: .evDisconnected,
            transactionData: [.fullSample]
        )
    }
    static var minimalSample: Self {
        Self(meterStop: 1_226_840, timestamp: OCPPSamples.referenceTime, transactionId: 4711)
    }
    static var longestSample: Self {
        Self(
            idTag: String(repeating: "x", count: 20),
            meterStop: 1_226_840,
            timestamp: OCPPSamples.referenceTime,
            transactionId: 4711,
            reason: .evDisconnected,
            transactionData: [.longestSample]
        )
    }
}

extension OCPP16.StopTransactionResponse: SampleProviding {
    static var fullSample: Self {
        Self(idTagInfo: .fullSample)
    }
    static var minimalSample: Self {
        Self()
    }
    static var longestSample: Self {
        Self(idTagInfo: .longestSample)
    }
}

extension OCPP16.UnlockConnectorRequest: SampleProviding {
    static var fullSample: Self {
        Self(connectorId: 1)
    }
    static var minimalSample: Self {
        Self(connectorId: 1)
    }
    static var longestSample: Self {
        Self(connectorId: 1)
    }
}

extension OCPP16.UnlockConnectorResponse: SampleProviding {
    static var fullSample: Self {
        Self(status: .unlocked)
    }
    static var minimalSample: Self {
        Self(status: .unlocked)
    }
    static var longestSample: Self {
        Self(status: .unlockFailed)
    }
}

extension OCPP16.ReserveNowRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            connectorId: 2,
            expiryDate: OCPPSamples.referenceTime.addingTimeInterval(1_800),
            idTag: "04A2B3C4D5E6F7",
            parentIdTag: "FLEET-0042",
            reservationId: 42
        )
    }
    static var minimalSample: Self {
        Self(
            connectorId: 2,
            expiryDate: OCPPSamples.referenceTime.addingTimeInterval(1_800),
            idTag: "04A2B3C4D5E6F7",
            reservationId: 42
        )
    }
    static var longestSample: Self {
        Self(
            connectorId: 2,
            expiryDate: OCPPSamples.referenceTime.addingTimeInterval(1_800),
            idTag: String(repeating: "x", count: 20),
            parentIdTag: String(repeating: "x", count: 20),
            reservationId: 42
        )
    }
}

extension OCPP16.ReserveNowResponse: SampleProviding {
    static var fullSample: Self {
        Self(status: .accepted)
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(status: .unavailable)
    }
}

extension OCPP16.CancelReservationRequest: SampleProviding {
    static var fullSample: Self {
        Self(reservationId: 42)
    }
    static var minimalSample: Self {
        Self(reservationId: 42)
    }
    static var longestSample: Self {
        Self(reservationId: 42)
    }
}

extension OCPP16.CancelReservationResponse: SampleProviding {
    static var fullSample: Self {
        Self(status: .accepted)
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(status: .accepted)
    }
}

extension OCPP16.SetChargingProfileRequest: SampleProviding {
    static var fullSample: Self {
        Self(connectorId: 0, chargingProfile: .fullSample)
    }
    static var minimalSample: Self {
        Self(connectorId: 0, chargingProfile: .minimalSample)
    }
    static var longestSample: Self {
        Self(connectorId: 0, chargingProfile: .longestSample)
    }
}

extension OCPP16.SetChargingProfileResponse: SampleProviding {
    static var fullSample: Self {
        Self(status: .accepted)
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(status: .notSupported)
    }
}

extension OCPP16.ClearChargingProfileRequest: SampleProviding {
    static var fullSample: Self {
        Self(id: 7, connectorId: 1, chargingProfilePurpose: .txDefaultProfile, stackLevel: 1)
    }
    static var minimalSample: Self {
        Self()
    }
    static var longestSample: Self {
        Self(id: 7, connectorId: 1, chargingProfilePurpose: .txDefaultProfile, stackLevel: 1)
    }
}

extension OCPP16.ClearChargingProfileResponse: SampleProviding {
    static var fullSample: Self {
        Self(status: .accepted)
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(status: .accepted)
    }
}

extension OCPP16.GetCompositeScheduleRequest: SampleProviding {
    static var fullSample: Self {
        Self(connectorId: 1, duration: 3_600, chargingRateUnit: .watts)
    }
    static var minimalSample: Self {
        Self(connectorId: 1, duration: 3_600)
    }
    static var longestSample: Self {
        Self(connectorId: 1, duration: 3_600, chargingRateUnit: .watts)
    }
}

extension OCPP16.GetCompositeScheduleResponse: SampleProviding {
    static var fullSample: Self {
        Self(
            status: .accepted,
            connectorId: 1,
            scheduleStart: OCPPSamples.referenceTime,
            chargingSchedule: .fullSample
        )
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(
            status: .accepted,
            connectorId: 1,
            scheduleStart: OCPPSamples.referenceTime,
            chargingSchedule: .longestSample
        )
    }
}

extension OCPP16.TriggerMessageRequest: SampleProviding {
    static var fullSample: Self {
        Self(requestedMessage: .statusNotification, connectorId: 1)
    }
    static var minimalSample: Self {
        Self(requestedMessage: .statusNotification)
    }
    static var longestSample: Self {
        Self(requestedMessage: .statusNotification, connectorId: 1)
    }
}

extension OCPP16.TriggerMessageResponse: SampleProviding {
    static var fullSample: Self {
        Self(status: .accepted)
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(status: .notImplemented)
    }
}

extension OCPP16.FirmwareStatusNotificationRequest: SampleProviding {
    static var fullSample: Self {
        Self(status: .installing)
    }
    static var minimalSample: Self {
        Self(status: .installing)
    }
    static var longestSample: Self {
        Self(status: .installing)
    }
}

extension OCPP16.FirmwareStatusNotificationResponse: SampleProviding {
    static var fullSample: Self {
        Self()
    }
    static var minimalSample: Self {
        Self()
    }
    static var longestSample: Self {
        Self()
    }
}

extension OCPP16.DiagnosticsStatusNotificationRequest: SampleProviding {
    static var fullSample: Self {
        Self(status: .uploaded)
    }
    static var minimalSample: Self {
        Self(status: .uploaded)
    }
    static var longestSample: Self {
        Self(status: .uploaded)
    }
}

extension OCPP16.DiagnosticsStatusNotificationResponse: SampleProviding {
    static var fullSample: Self {
        Self()
    }
    static var minimalSample: Self {
        Self()
    }
    static var longestSample: Self {
        Self()
    }
}

extension OCPP16 {
    /// Every typed exchange of this version with its sample payloads.
    static var sampleExchanges: [OCPPSampleExchange] {
        [
            OCPPSampleExchange(AuthorizeRequest.self),
            OCPPSampleExchange(BootNotificationRequest.self),
            OCPPSampleExchange(ChangeAvailabilityRequest.self),
            OCPPSampleExchange(ChangeConfigurationRequest.self),
            OCPPSampleExchange(ClearCacheRequest.self),
            OCPPSampleExchange(DataTransferRequest.self),
            OCPPSampleExchange(GetConfigurationRequest.self),
            OCPPSampleExchange(HeartbeatRequest.self),
            OCPPSampleExchange(MeterValuesRequest.self),
            OCPPSampleExchange(RemoteStartTransactionRequest.self),
            OCPPSampleExchange(RemoteStopTransactionRequest.self),
            OCPPSampleExchange(ResetRequest.self),
            OCPPSampleExchange(StartTransactionRequest.self),
            OCPPSampleExchange(StatusNotificationRequest.self),
            OCPPSampleExchange(StopTransactionRequest.self),
            OCPPSampleExchange(UnlockConnectorRequest.self),
            OCPPSampleExchange(ReserveNowRequest.self),
            OCPPSampleExchange(CancelReservationRequest.self),
            OCPPSampleExchange(SetChargingProfileRequest.self),
            OCPPSampleExchange(ClearChargingProfileRequest.self),
            OCPPSampleExchange(GetCompositeScheduleRequest.self),
            OCPPSampleExchange(TriggerMessageRequest.self),
            OCPPSampleExchange(FirmwareStatusNotificationRequest.self),
            OCPPSampleExchange(DiagnosticsStatusNotificationRequest.self),
        ]
    }
}
