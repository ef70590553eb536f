import Foundation

extension OCPP201.StatusInfo: SampleProviding {
    static var fullSample: Self {
        Self(
            reasonCode: "NoError",
            additionalInfo: "all good",
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(reasonCode: "NoError")
    }
    static var longestSample: Self {
        Self(
            reasonCode: String(repeating: "x", count: 20),
            additionalInfo: String(repeating: "x", count: 512),
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.EVSE: SampleProviding {
    static var fullSample: Self {
        Self(
            id: 1,
            connectorId: 1,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(id: 1)
    }
    static var longestSample: Self {
        Self(
            id: 1,
            connectorId: 1,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.IdToken: SampleProviding {
    static var fullSample: Self {
        Self(
            idToken: "04A2B3C4D5E6F7",
            type: .iso14443,
            additionalInfo: [.fullSample],
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(idToken: "04A2B3C4D5E6F7", type: .iso14443)
    }
    static var longestSample: Self {
        Self(
            idToken: String(repeating: "x", count: 36),
            type: .iso14443,
            additionalInfo: [.longestSample],
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.AdditionalInfo: SampleProviding {
    static var fullSample: Self {
        Self(
            additionalIdToken: "NL-SMR-C12345678-X",
            type: "ContractId",
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(additionalIdToken: "NL-SMR-C12345678-X", type: "ContractId")
    }
    static var longestSample: Self {
        Self(
            additionalIdToken: String(repeating: "x", count: 36),
            type: String(repeating: "x", count: 50),
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.IdTokenInfo: SampleProviding {
    static var fullSample: Self {
        Self(
            status: .accepted,
            cacheExpiryDateTime: OCPPSamples.referenceTime,
            chargingPriority: 2,
            language1: "nl",
            evseIds: [1, 2],
            groupIdToken: OCPP201.IdToken(idToken: "FLEET-0042", type: .central),
            language2: "en",
            personalMessage: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(
            status: .notAllowedTypeEVSE,
            cacheExpiryDateTime: OCPPSamples.referenceTime,
            chargingPriority: 2,
            language1: String(repeating: "x", count: 8),
            evseIds: [1],
            groupIdToken: .longestSample,
            language2: String(repeating: "x", count: 8),
            personalMessage: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.MessageContent: SampleProviding {
    static var fullSample: Self {
        Self(
            format: .utf8,
            language: "en",
            content: "Welcome back",
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(format: .utf8, content: "Welcome back")
    }
    static var longestSample: Self {
        Self(
            format: .utf8,
            language: String(repeating: "x", count: 8),
            content: String(repeating: "x", count: 512),
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.MeterValue: SampleProviding {
    static var fullSample: Self {
        Self(
            sampledValues: [.fullSample],
            timestamp: OCPPSamples.referenceTime,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(sampledValues: [.minimalSample], timestamp: OCPPSamples.referenceTime)
    }
    static var longestSample: Self {
        Self(
            sampledValues: [.longestSample],
            timestamp: OCPPSamples.referenceTime,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.SampledValue: SampleProviding {
    static var fullSample: Self {
        Self(
            value: 14203.5,
            context: .samplePeriodic,
            measurand: .energyActiveImportRegister,
            phase: .l1N,
            location: .outlet,
            signedMeterValue: .fullSample,
            unitOfMeasure: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(value: 14203.5)
    }
    static var longestSample: Self {
        Self(
            value: 14203.5,
            context: .samplePeriodic,
            measurand: .energyActiveImportRegister,
            phase: .l1N,
            location: .outlet,
            signedMeterValue: .longestSample,
            unitOfMeasure: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.SignedMeterValue: SampleProviding {
    static var fullSample: Self {
        Self(
            signedMeterData: "T0NNRjEyMzQ1Njc4OTA=",
            signingMethod: "ECDSA-secp256r1-SHA256",
            encodingMethod: "OCMF",
            publicKey: "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE",
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(
            signedMeterData: "T0NNRjEyMzQ1Njc4OTA=",
            signingMethod: "ECDSA-secp256r1-SHA256",
            encodingMethod: "OCMF",
            publicKey: "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE"
        )
    }
    static var longestSample: Self {
        Self(
            signedMeterData: String(repeating: "x", count: 2500),
            signingMethod: String(repeating: "x", count: 50),
            encodingMethod: String(repeating: "x", count: 50),
            publicKey: String(repeating: "x", count: 2500),
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.UnitOfMeasure: SampleProviding {
    static var fullSample: Self {
        Self(
            unit: "kWh",
            multiplier: 0,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self()
    }
    static var longestSample: Self {
        Self(
            unit: String(repeating: "x", count: 20),
            multiplier: 0,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.ChargingProfile: SampleProviding {
    static var fullSample: Self {
        Self(
            id: 7,
            stackLevel: 1,
            chargingProfilePurpose: .chargingStationMaxProfile,
            chargingProfileKind: .absolute,
            recurrencyKind: .daily,
            validFrom: OCPPSamples.referenceTime,
            validTo: OCPPSamples.referenceTime.addingTimeInterval(30 * 86_400),
            chargingSchedules: [.fullSample, .fullSample],
            transactionId: "TX-2027-000131",
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(
            id: 7,
            stackLevel: 1,
            chargingProfilePurpose: .chargingStationMaxProfile,
            chargingProfileKind: .absolute,
            chargingSchedules: [.minimalSample]
        )
    }
    static var longestSample: Self {
        Self(
            id: 7,
            stackLevel: 1,
            chargingProfilePurpose: .chargingStationMaxProfile,
            chargingProfileKind: .absolute,
            recurrencyKind: .daily,
            validFrom: OCPPSamples.referenceTime,
            validTo: OCPPSamples.referenceTime.addingTimeInterval(30 * 86_400),
            chargingSchedules: [.longestSample, .longestSample, .longestSample],
            transactionId: String(repeating: "x", count: 36),
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.ChargingSchedule: SampleProviding {
    static var fullSample: Self {
        Self(
            id: 1,
            startSchedule: OCPPSamples.referenceTime,
            duration: 86_400,
            chargingRateUnit: .watts,
            chargingSchedulePeriods: [
                OCPP201.ChargingSchedulePeriod(startPeriod: 0, limit: 11000.0, numberPhases: 3),
                OCPP201.ChargingSchedulePeriod(startPeriod: 25_200, limit: 7400.0, numberPhases: 1, phaseToUse: 2),
                OCPP201.ChargingSchedulePeriod(startPeriod: 72_000, limit: 4140.5, numberPhases: 3),
            ],
            minChargingRate: 1380.0,
            salesTariff: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(
            id: 1,
            chargingRateUnit: .watts,
            chargingSchedulePeriods: [
                OCPP201.ChargingSchedulePeriod(startPeriod: 0, limit: 11000.0, numberPhases: 3),
                OCPP201.ChargingSchedulePeriod(startPeriod: 25_200, limit: 7400.0, numberPhases: 1, phaseToUse: 2),
                OCPP201.ChargingSchedulePeriod(startPeriod: 72_000, limit: 4140.5, numberPhases: 3),
            ]
        )
    }
    static var longestSample: Self {
        Self(
            id: 1,
            startSchedule: OCPPSamples.referenceTime,
            duration: 86_400,
            chargingRateUnit: .watts,
            chargingSchedulePeriods: [.longestSample],
            minChargingRate: 1380.0,
            salesTariff: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.ChargingSchedulePeriod: SampleProviding {
    static var fullSample: Self {
        Self(
            startPeriod: 0,
            limit: 11000.0,
            numberPhases: 3,
            phaseToUse: 1,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(startPeriod: 0, limit: 11000.0)
    }
    static var longestSample: Self {
        Self(
            startPeriod: 0,
            limit: 11000.0,
            numberPhases: 3,
            phaseToUse: 1,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.SalesTariff: SampleProviding {
    static var fullSample: Self {
        Self(
            id: 1,
            salesTariffDescription: "Day and night",
            numEPriceLevels: 2,
            salesTariffEntries: [.fullSample, .fullSample],
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(id: 1, salesTariffEntries: [.minimalSample])
    }
    static var longestSample: Self {
        Self(
            id: 1,
            salesTariffDescription: String(repeating: "x", count: 32),
            numEPriceLevels: 2,
            salesTariffEntries: [.longestSample],
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.SalesTariffEntry: SampleProviding {
    static var fullSample: Self {
        Self(
            relativeTimeInterval: .fullSample,
            ePriceLevel: 1,
            consumptionCosts: [.fullSample, .fullSample],
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(relativeTimeInterval: .minimalSample)
    }
    static var longestSample: Self {
        Self(
            relativeTimeInterval: .longestSample,
            ePriceLevel: 1,
            consumptionCosts: [.longestSample, .longestSample, .longestSample],
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.RelativeTimeInterval: SampleProviding {
    static var fullSample: Self {
        Self(
            start: 0,
            duration: 3_600,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(start: 0)
    }
    static var longestSample: Self {
        Self(
            start: 0,
            duration: 3_600,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.ConsumptionCost: SampleProviding {
    static var fullSample: Self {
        Self(
            startValue: 0.0,
            costs: [.fullSample, .fullSample],
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(startValue: 0.0, costs: [.minimalSample])
    }
    static var longestSample: Self {
        Self(
            startValue: 0.0,
            costs: [.longestSample, .longestSample, .longestSample],
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.Cost: SampleProviding {
    static var fullSample: Self {
        Self(
            costKind: .relativePricePercentage,
            amount: 120,
            amountMultiplier: -1,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(costKind: .relativePricePercentage, amount: 120)
    }
    static var longestSample: Self {
        Self(
            costKind: .relativePricePercentage,
            amount: 120,
            amountMultiplier: -1,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.Component: SampleProviding {
    static var fullSample: Self {
        Self(
            evse: .fullSample,
            name: "SmartChargingCtrlr",
            instance: "main",
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(name: "SmartChargingCtrlr")
    }
    static var longestSample: Self {
        Self(
            evse: .longestSample,
            name: String(repeating: "x", count: 50),
            instance: String(repeating: "x", count: 50),
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.Variable: SampleProviding {
    static var fullSample: Self {
        Self(
            name: "Enabled",
            instance: "default",
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(name: "Enabled")
    }
    static var longestSample: Self {
        Self(
            name: String(repeating: "x", count: 50),
            instance: String(repeating: "x", count: 50),
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.BootNotificationRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            chargingStation: .fullSample,
            reason: .powerUp,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(chargingStation: .minimalSample, reason: .powerUp)
    }
    static var longestSample: Self {
        Self(
            chargingStation: .longestSample,
            reason: .powerUp,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.BootNotificationResponse: SampleProviding {
    static var fullSample: Self {
        Self(
            currentTime: OCPPSamples.referenceTime,
            interval: 300,
            status: .accepted,
            statusInfo: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(currentTime: OCPPSamples.referenceTime, interval: 300, status: .accepted)
    }
    static var longestSample: Self {
        Self(
            currentTime: OCPPSamples.referenceTime,
            interval: 300,
            status: .accepted,
            statusInfo: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.ChargingStation: SampleProviding {
    static var fullSample: Self {
        Self(
            serialNumber: "SM22-000731",
            model: "SM-Station",
            modem: .fullSample,
            vendorName: "Stationmaster",
            firmwareVersion: "1.4.2",
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(model: "SM-Station", vendorName: "Stationmaster")
    }
    static var longestSample: Self {
        Self(
            serialNumber: String(repeating: "x", count: 25),
            model: String(repeating: "x", count: 20),
            modem: .longestSample,
            vendorName: String(repeating: "x", count: 50),
            firmwareVersion: String(repeating: "x", count: 50),
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.Modem: SampleProviding {
    static var fullSample: Self {
        Self(
            iccid: "8931089318104314834",
            imsi: "204080123456789",
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self()
    }
    static var longestSample: Self {
        Self(
            iccid: String(repeating: "x", count: 20),
            imsi: String(repeating: "x", count: 20),
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.HeartbeatRequest: SampleProviding {
    static var fullSample: Self {
        Self(customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"]))
    }
    static var minimalSample: Self {
        Self()
    }
    static var longestSample: Self {
        Self(
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.HeartbeatResponse: SampleProviding {
    static var fullSample: Self {
        Self(
            currentTime: OCPPSamples.referenceTime,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(currentTime: OCPPSamples.referenceTime)
    }
    static var longestSample: Self {
        Self(
            currentTime: OCPPSamples.referenceTime,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.GetVariablesRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            getVariableData: [.fullSample],
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(getVariableData: [.minimalSample])
    }
    static var longestSample: Self {
        Self(
            getVariableData: [.longestSample],
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.GetVariablesResponse: SampleProviding {
    static var fullSample: Self {
        Self(
            getVariableResults: [.fullSample],
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(getVariableResults: [.minimalSample])
    }
    static var longestSample: Self {
        Self(
            getVariableResults: [.longestSample],
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.GetVariableData: SampleProviding {
    static var fullSample: Self {
        Self(
            attributeType: .actual,
            component: .fullSample,
            variable: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(component: .minimalSample, variable: .minimalSample)
    }
    static var longestSample: Self {
        Self(
            attributeType: .actual,
            component: .longestSample,
            variable: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.GetVariableResult: SampleProviding {
    static var fullSample: Self {
        Self(
            attributeStatusInfo: .fullSample,
            attributeStatus: .accepted,
            attributeType: .actual,
            attributeValue: "true",
            component: .fullSample,
            variable: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(attributeStatus: .accepted, component: .minimalSample, variable: .minimalSample)
    }
    static var longestSample: Self {
        Self(
            attributeStatusInfo: .longestSample,
            attributeStatus: .notSupportedAttributeType,
            attributeType: .actual,
            attributeValue: String(repeating: "x", count: 2500),
            component: .longestSample,
            variable: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.SetVariablesRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            setVariableData: [.fullSample],
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(setVariableData: [.minimalSample])
    }
    static var longestSample: Self {
        Self(
            setVariableData: [.longestSample],
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.SetVariablesResponse: SampleProviding {
    static var fullSample: Self {
        Self(
            setVariableResults: [.fullSample],
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(setVariableResults: [.minimalSample])
    }
    static var longestSample: Self {
        Self(
            setVariableResults: [.longestSample],
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.SetVariableData: SampleProviding {
    static var fullSample: Self {
        Self(
            attributeType: .actual,
            attributeValue: "false",
            component: .fullSample,
            variable: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(attributeValue: "false", component: .minimalSample, variable: .minimalSample)
    }
    static var longestSample: Self {
        Self(
            attributeType: .actual,
            attributeValue: String(repeating: "x", count: 1000),
            component: .longestSample,
            variable: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.SetVariableResult: SampleProviding {
    static var fullSample: Self {
        Self(
            attributeType: .actual,
            attributeStatus: .accepted,
            attributeStatusInfo: .fullSample,
            component: .fullSample,
            variable: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(attributeStatus: .accepted, component: .minimalSample, variable: .minimalSample)
    }
    static var longestSample: Self {
        Self(
            attributeType: .actual,
            attributeStatus: .notSupportedAttributeType,
            attributeStatusInfo: .longestSample,
            component: .longestSample,
            variable: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.NotifyReportRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            requestId: 31,
            generatedAt: OCPPSamples.referenceTime,
            reportData: [.fullSample],
            tbc: false,
            seqNo: 0,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(requestId: 31, generatedAt: OCPPSamples.referenceTime, seqNo: 0)
    }
    static var longestSample: Self {
        Self(
            requestId: 31,
            generatedAt: OCPPSamples.referenceTime,
            reportData: [.longestSample],
            tbc: false,
            seqNo: 0,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.NotifyReportResponse: SampleProviding {
    static var fullSample: Self {
        Self(customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"]))
    }
    static var minimalSample: Self {
        Self()
    }
    static var longestSample: Self {
        Self(
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.ReportData: SampleProviding {
    static var fullSample: Self {
        Self(
            component: .fullSample,
            variable: .fullSample,
            variableAttributes: [.fullSample, .fullSample],
            variableCharacteristics: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(component: .minimalSample, variable: .minimalSample, variableAttributes: [.minimalSample])
    }
    static var longestSample: Self {
        Self(
            component: .longestSample,
            variable: .longestSample,
            variableAttributes: [.longestSample, .longestSample, .longestSample, .longestSample],
            variableCharacteristics: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.VariableAttribute: SampleProviding {
    static var fullSample: Self {
        Self(
            type: .actual,
            value: "true",
            mutability: .readWrite,
            persistent: true,
            constant: false,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self()
    }
    static var longestSample: Self {
        Self(
            type: .actual,
            value: String(repeating: "x", count: 2500),
            mutability: .readWrite,
            persistent: true,
            constant: false,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.VariableCharacteristics: SampleProviding {
    static var fullSample: Self {
        Self(
            unit: "A",
            dataType: .decimal,
            minLimit: 6.0,
            maxLimit: 32.0,
            valuesList: "6,10,16,32",
            supportsMonitoring: true,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(dataType: .decimal, supportsMonitoring: true)
    }
    static var longestSample: Self {
        Self(
            unit: String(repeating: "x", count: 16),
            dataType: .decimal,
            minLimit: 6.0,
            maxLimit: 32.0,
            valuesList: String(repeating: "x", count: 1000),
            supportsMonitoring: true,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.ResetRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            type: .onIdle,
            evseId: 1,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(type: .onIdle)
    }
    static var longestSample: Self {
        Self(
            type: .onIdle,
            evseId: 1,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.ResetResponse: SampleProviding {
    static var fullSample: Self {
        Self(
            status: .accepted,
            statusInfo: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(
            status: .scheduled,
            statusInfo: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.StatusNotificationRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            timestamp: OCPPSamples.referenceTime,
            connectorStatus: .occupied,
            evseId: 1,
            connectorId: 1,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(timestamp: OCPPSamples.referenceTime, connectorStatus: .occupied, evseId: 1, connectorId: 1)
    }
    static var longestSample: Self {
        Self(
            timestamp: OCPPSamples.referenceTime,
            connectorStatus: .occupied,
            evseId: 1,
            connectorId: 1,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.StatusNotificationResponse: SampleProviding {
    static var fullSample: Self {
        Self(customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"]))
    }
    static var minimalSample: Self {
        Self()
    }
    static var longestSample: Self {
        Self(
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.ChangeAvailabilityRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            evse: .fullSample,
            operationalStatus: .inoperative,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(operationalStatus: .inoperative)
    }
    static var longestSample: Self {
        Self(
            evse: .longestSample,
            operationalStatus: .inoperative,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.ChangeAvailabilityResponse: SampleProviding {
    static var fullSample: Self {
        Self(
            status: .accepted,
            statusInfo: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(
            status: .scheduled,
            statusInfo: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.AuthorizeRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            idToken: .fullSample,
            certificate: "-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----",
            iso15118CertificateHashData: [.fullSample, .fullSample],
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(idToken: .minimalSample)
    }
    static var longestSample: Self {
        Self(
            idToken: .longestSample,
            certificate: String(repeating: "x", count: 5500),
            iso15118CertificateHashData: [.longestSample, .longestSample, .longestSample, .longestSample],
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.AuthorizeResponse: SampleProviding {
    static var fullSample: Self {
        Self(
            idTokenInfo: .fullSample,
            certificateStatus: .accepted,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(idTokenInfo: .minimalSample)
    }
    static var longestSample: Self {
        Self(
            idTokenInfo: .longestSample,
            certificateStatus: .noCertificateAvailable,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.OCSPRequestData: SampleProviding {
    static var fullSample: Self {
        Self(
            hashAlgorithm: .sha256,
            issuerNameHash: "8a3c0e1c5f2b",
            issuerKeyHash: "77d4f1a9c0b3",
            serialNumber: "0127d3a1",
            responderURL: "http://ocsp.example.org",
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(
            hashAlgorithm: .sha256,
            issuerNameHash: "8a3c0e1c5f2b",
            issuerKeyHash: "77d4f1a9c0b3",
            serialNumber: "0127d3a1",
            responderURL: "http://ocsp.example.org"
        )
    }
    static var longestSample: Self {
        Self(
            hashAlgorithm: .sha256,
            issuerNameHash: String(repeating: "x", count: 128),
            issuerKeyHash: String(repeating: "x", count: 128),
            serialNumber: String(repeating: "x", count: 40),
            responderURL: String(repeating: "x", count: 512),
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.TransactionEventRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            eventType: .updated,
            meterValues: [.fullSample],
            timestamp: OCPPSamples.referenceTime,
            triggerReason: .meterValuePeriodic,
            seqNo: 3,
            offline: true,
            numberOfPhasesUsed: 3,
            cableMaxCurrent: 32,
            reservationId: 42,
            transactionInfo: .fullSample,
            evse: .fullSample,
            idToken: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(
            eventType: .updated,
            timestamp: OCPPSamples.referenceTime,
            triggerReason: .meterValuePeriodic,
            seqNo: 3,
            transactionInfo: .minimalSample
        )
    }
    static var longestSample: Self {
        Self(
            eventType: .updated,
            meterValues: [.longestSample],
            timestamp: OCPPSamples.referenceTime,
            triggerReason: .meterValuePeriodic,
            seqNo: 3,
            offline: true,
            numberOfPhasesUsed: 3,
            cableMaxCurrent: 32,
            reservationId: 42,
            transactionInfo: .longestSample,
            evse: .longestSample,
            idToken: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.TransactionEventResponse: SampleProviding {
    static var fullSample: Self {
        Self(
            totalCost: 4.35,
            chargingPriority: 0,
            idTokenInfo: .fullSample,
            updatedPersonalMessage: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self()
    }
    static var longestSample: Self {
        Self(
            totalCost: 4.35,
            chargingPriority: 0,
            idTokenInfo: .longestSample,
            updatedPersonalMessage: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.Transaction: SampleProviding {
    static var fullSample: Self {
        Self(
            transactionId: "TX-2027-000131",
            chargingState: .charging,
            timeSpentCharging: 1_260,
            stoppedReason: .evDisconnected,
            remoteStartId: 5501,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(transactionId: "TX-2027-000131")
    }
    static var longestSample: Self {
        Self(
            transactionId: String(repeating: "x", count: 36),
            chargingState: .charging,
            timeSpentCharging: 1_260,
            stoppedReason: .evDisconnected,
            remoteStartId: 5501,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.RequestStartTransactionRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            evseId: 1,
            groupIdToken: OCPP201.IdToken(idToken: "FLEET-0042", type: .central),
            idToken: .fullSample,
            remoteStartId: 5501,
            chargingProfile: OCPP201.ChargingProfile(
                id: 8, stackLevel: 2, chargingProfilePurpose: .txProfile, chargingProfileKind: .relative,
                chargingSchedules: [.fullSample]),
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(idToken: .minimalSample, remoteStartId: 5501)
    }
    static var longestSample: Self {
        Self(
            evseId: 1,
            groupIdToken: .longestSample,
            idToken: .longestSample,
            remoteStartId: 5501,
            chargingProfile: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.RequestStartTransactionResponse: SampleProviding {
    static var fullSample: Self {
        Self(
            status: .accepted,
            statusInfo: .fullSample,
            transactionId: "TX-2027-000131",
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(
            status: .accepted,
            statusInfo: .longestSample,
            transactionId: String(repeating: "x", count: 36),
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.RequestStopTransactionRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            transactionId: "TX-2027-000131",
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(transactionId: "TX-2027-000131")
    }
    static var longestSample: Self {
        Self(
            transactionId: String(repeating: "x", count: 36),
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.RequestStopTransactionResponse: SampleProviding {
    static var fullSample: Self {
        Self(
            status: .accepted,
            statusInfo: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(
            status: .accepted,
            statusInfo: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.MeterValuesRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            evseId: 0,
            meterValues: [.fullSample],
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(evseId: 0, meterValues: [.minimalSample])
    }
    static var longestSample: Self {
        Self(
            evseId: 0,
            meterValues: [.longestSample],
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.MeterValuesResponse: SampleProviding {
    static var fullSample: Self {
        Self(customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"]))
    }
    static var minimalSample: Self {
        Self()
    }
    static var longestSample: Self {
        Self(
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.TriggerMessageRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            evse: .fullSample,
            requestedMessage: .statusNotification,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(requestedMessage: .statusNotification)
    }
    static var longestSample: Self {
        Self(
            evse: .longestSample,
            requestedMessage: .statusNotification,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.TriggerMessageResponse: SampleProviding {
    static var fullSample: Self {
        Self(
            status: .accepted,
            statusInfo: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(
            status: .notImplemented,
            statusInfo: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.UnlockConnectorRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            evseId: 1,
            connectorId: 1,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(evseId: 1, connectorId: 1)
    }
    static var longestSample: Self {
        Self(
            evseId: 1,
            connectorId: 1,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.UnlockConnectorResponse: SampleProviding {
    static var fullSample: Self {
        Self(
            status: .unlocked,
            statusInfo: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(status: .unlocked)
    }
    static var longestSample: Self {
        Self(
            status: .ongoingAuthorizedTransaction,
            statusInfo: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.ReserveNowRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            id: 42,
            expiryDateTime: OCPPSamples.referenceTime.addingTimeInterval(1_800),
            connectorType: .cableType2,
            idToken: .fullSample,
            evseId: 2,
            groupIdToken: OCPP201.IdToken(idToken: "FLEET-0042", type: .central),
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(
            id: 42,
            expiryDateTime: OCPPSamples.referenceTime.addingTimeInterval(1_800),
            idToken: .minimalSample
        )
    }
    static var longestSample: Self {
        Self(
            id: 42,
            expiryDateTime: OCPPSamples.referenceTime.addingTimeInterval(1_800),
            connectorType: .cableType2,
            idToken: .longestSample,
            evseId: 2,
            groupIdToken: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.ReserveNowResponse: SampleProviding {
    static var fullSample: Self {
        Self(
            status: .accepted,
            statusInfo: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(
            status: .unavailable,
            statusInfo: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.CancelReservationRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            reservationId: 42,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(reservationId: 42)
    }
    static var longestSample: Self {
        Self(
            reservationId: 42,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.CancelReservationResponse: SampleProviding {
    static var fullSample: Self {
        Self(
            status: .accepted,
            statusInfo: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(
            status: .accepted,
            statusInfo: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.ReservationStatusUpdateRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            reservationId: 42,
            reservationUpdateStatus: .expired,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(reservationId: 42, reservationUpdateStatus: .expired)
    }
    static var longestSample: Self {
        Self(
            reservationId: 42,
            reservationUpdateStatus: .expired,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.ReservationStatusUpdateResponse: SampleProviding {
    static var fullSample: Self {
        Self(customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"]))
    }
    static var minimalSample: Self {
        Self()
    }
    static var longestSample: Self {
        Self(
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.SetChargingProfileRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            evseId: 0,
            chargingProfile: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(evseId: 0, chargingProfile: .minimalSample)
    }
    static var longestSample: Self {
        Self(
            evseId: 0,
            chargingProfile: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.SetChargingProfileResponse: SampleProviding {
    static var fullSample: Self {
        Self(
            status: .accepted,
            statusInfo: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(
            status: .accepted,
            statusInfo: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.ClearChargingProfileRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            chargingProfileId: 7,
            chargingProfileCriteria: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self()
    }
    static var longestSample: Self {
        Self(
            chargingProfileId: 7,
            chargingProfileCriteria: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.ClearChargingProfileResponse: SampleProviding {
    static var fullSample: Self {
        Self(
            status: .accepted,
            statusInfo: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(
            status: .accepted,
            statusInfo: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.ClearChargingProfileCriteria: SampleProviding {
    static var fullSample: Self {
        Self(
            evseId: 1,
            chargingProfilePurpose: .txDefaultProfile,
            stackLevel: 1,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self()
    }
    static var longestSample: Self {
        Self(
            evseId: 1,
            chargingProfilePurpose: .txDefaultProfile,
            stackLevel: 1,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.GetCompositeScheduleRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            duration: 3_600,
            chargingRateUnit: .amperes,
            evseId: 1,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(duration: 3_600, evseId: 1)
    }
    static var longestSample: Self {
        Self(
            duration: 3_600,
            chargingRateUnit: .amperes,
            evseId: 1,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.GetCompositeScheduleResponse: SampleProviding {
    static var fullSample: Self {
        Self(
            status: .accepted,
            statusInfo: .fullSample,
            schedule: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(
            status: .accepted,
            statusInfo: .longestSample,
            schedule: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.CompositeSchedule: SampleProviding {
    static var fullSample: Self {
        Self(
            chargingSchedulePeriods: [
                OCPP201.ChargingSchedulePeriod(startPeriod: 0, limit: 11000.0, numberPhases: 3),
                OCPP201.ChargingSchedulePeriod(startPeriod: 25_200, limit: 7400.0, numberPhases: 1, phaseToUse: 2),
                OCPP201.ChargingSchedulePeriod(startPeriod: 72_000, limit: 4140.5, numberPhases: 3),
            ],
            evseId: 1,
            duration: 3_600,
            scheduleStart: OCPPSamples.referenceTime,
            chargingRateUnit: .watts,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(
            chargingSchedulePeriods: [
                OCPP201.ChargingSchedulePeriod(startPeriod: 0, limit: 11000.0, numberPhases: 3),
                OCPP201.ChargingSchedulePeriod(startPeriod: 25_200, limit: 7400.0, numberPhases: 1, phaseToUse: 2),
                OCPP201.ChargingSchedulePeriod(startPeriod: 72_000, limit: 4140.5, numberPhases: 3),
            ],
            evseId: 1,
            duration: 3_600,
            scheduleStart: OCPPSamples.referenceTime,
            chargingRateUnit: .watts
        )
    }
    static var longestSample: Self {
        Self(
            chargingSchedulePeriods: [.longestSample],
            evseId: 1,
            duration: 3_600,
            scheduleStart: OCPPSamples.referenceTime,
            chargingRateUnit: .watts,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.NotifyEventRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            generatedAt: OCPPSamples.referenceTime,
            tbc: false,
            seqNo: 0,
            eventData: [.fullSample],
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(generatedAt: OCPPSamples.referenceTime, seqNo: 0, eventData: [.minimalSample])
    }
    static var longestSample: Self {
        Self(
            generatedAt: OCPPSamples.referenceTime,
            tbc: false,
            seqNo: 0,
            eventData: [.longestSample],
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.NotifyEventResponse: SampleProviding {
    static var fullSample: Self {
        Self(customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"]))
    }
    static var minimalSample: Self {
        Self()
    }
    static var longestSample: Self {
        Self(
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.EventData: SampleProviding {
    static var fullSample: Self {
        Self(
            eventId: 9001,
            timestamp: OCPPSamples.referenceTime,
            trigger: .alerting,
            cause: 9000,
            actualValue: "true",
            techCode: "ESTOP-1",
            techInfo: "emergency stop pressed",
            cleared: false,
            transactionId: "TX-2027-000131",
            component: .fullSample,
            variableMonitoringId: 12,
            eventNotificationType: .hardWiredNotification,
            variable: .fullSample,
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(
            eventId: 9001,
            timestamp: OCPPSamples.referenceTime,
            trigger: .alerting,
            actualValue: "true",
            component: .minimalSample,
            eventNotificationType: .hardWiredNotification,
            variable: .minimalSample
        )
    }
    static var longestSample: Self {
        Self(
            eventId: 9001,
            timestamp: OCPPSamples.referenceTime,
            trigger: .alerting,
            cause: 9000,
            actualValue: String(repeating: "x", count: 2500),
            techCode: String(repeating: "x", count: 50),
            techInfo: String(repeating: "x", count: 500),
            cleared: false,
            transactionId: String(repeating: "x", count: 36),
            component: .longestSample,
            variableMonitoringId: 12,
            eventNotificationType: .hardWiredNotification,
            variable: .longestSample,
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.DataTransferRequest: SampleProviding {
    static var fullSample: Self {
        Self(
            messageId: "BatteryTelemetry",
            data: ["stateOfCharge": 81, "batteryPowerW": 11000.5, "note": "sample"],
            vendorId: "org.stationmaster",
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(vendorId: "org.stationmaster")
    }
    static var longestSample: Self {
        Self(
            messageId: String(repeating: "x", count: 50),
            data: ["stateOfCharge": 81, "batteryPowerW": 11000.5, "note": "sample"],
            vendorId: String(repeating: "x", count: 255),
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201.DataTransferResponse: SampleProviding {
    static var fullSample: Self {
        Self(
            status: .accepted,
            statusInfo: .fullSample,
            data: ["stateOfCharge": 81, "batteryPowerW": 11000.5, "note": "sample"],
            customData: OCPP201.CustomData(vendorId: "org.stationmaster", extensions: ["site": "depot-7"])
        )
    }
    static var minimalSample: Self {
        Self(status: .accepted)
    }
    static var longestSample: Self {
        Self(
            status: .unknownMessageId,
            statusInfo: .longestSample,
            data: ["stateOfCharge": 81, "batteryPowerW": 11000.5, "note": "sample"],
            customData: OCPP201.CustomData(vendorId: String(repeating: "x", count: 255), extensions: ["note": "sample"])
        )
    }
}

extension OCPP201 {
    /// Every typed exchange of this version with its sample payloads.
    static var sampleExchanges: [OCPPSampleExchange] {
        [
            OCPPSampleExchange(BootNotificationRequest.self),
            OCPPSampleExchange(HeartbeatRequest.self),
            OCPPSampleExchange(GetVariablesRequest.self),
            OCPPSampleExchange(SetVariablesRequest.self),
            OCPPSampleExchange(NotifyReportRequest.self),
            OCPPSampleExchange(ResetRequest.self),
            OCPPSampleExchange(StatusNotificationRequest.self),
            OCPPSampleExchange(ChangeAvailabilityRequest.self),
            OCPPSampleExchange(AuthorizeRequest.self),
            OCPPSampleExchange(TransactionEventRequest.self),
            OCPPSampleExchange(RequestStartTransactionRequest.self),
            OCPPSampleExchange(RequestStopTransactionRequest.self),
            OCPPSampleExchange(MeterValuesRequest.self),
            OCPPSampleExchange(TriggerMessageRequest.self),
            OCPPSampleExchange(UnlockConnectorRequest.self),
            OCPPSampleExchange(ReserveNowRequest.self),
            OCPPSampleExchange(CancelReservationRequest.self),
            OCPPSampleExchange(ReservationStatusUpdateRequest.self),
            OCPPSampleExchange(SetChargingProfileRequest.self),
            OCPPSampleExchange(ClearChargingProfileRequest.self),
            OCPPSampleExchange(GetCompositeScheduleRequest.self),
            OCPPSampleExchange(NotifyEventRequest.self),
            OCPPSampleExchange(DataTransferRequest.self),
        ]
    }
}
