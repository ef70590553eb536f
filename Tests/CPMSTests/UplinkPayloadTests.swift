@testable import CPMS
import OCPP
import Testing

/// The DataTransfer payloads of docs/uplink.md.
struct UplinkPayloadTests {
    @Test func batteryTelemetryIsReadAsTheContractDescribesIt() throws {
        let record = try UplinkPayloads.batteryTelemetry(OCPPFixtures.batteryTelemetry, station: "S", receivedAt: "r")
        #expect(record.timestamp == "2026-11-25T14:00:00.000Z")
        #expect(record.socPercent == 62.5)
        #expect(record.powerW == -3_000)
        #expect(record.mode == "peak-shaving")
        #expect(record.quality == "fresh")
    }

    @Test func batteryTelemetryOutOfRangeOrIncompleteIsRefused() {
        var object = OCPPFixtures.batteryTelemetry.objectValue ?? [:]
        object["soc_percent"] = 120
        #expect(throws: UplinkPayloads.Malformed.self) { try UplinkPayloads.batteryTelemetry(.object(object), station: "S", receivedAt: "r") }
        object["soc_percent"] = nil
        #expect(throws: UplinkPayloads.Malformed.self) { try UplinkPayloads.batteryTelemetry(.object(object), station: "S", receivedAt: "r") }
        #expect(throws: UplinkPayloads.Malformed.self) { try UplinkPayloads.batteryTelemetry("text", station: "S", receivedAt: "r") }
    }

    @Test func availabilityAuditKeepsWhoWhenAndWhy() throws {
        let record = try UplinkPayloads.availabilityAudit(OCPPFixtures.availabilityAudit, station: "S", receivedAt: "r")
        #expect(record.evseId == 1)
        #expect(!record.enabled)
        #expect(record.source == "technician")
        #expect(record.actor == "jdoe")
        #expect(record.reason == "cable damaged")
    }

    @Test func availabilityAuditFromAnUnknownSourceIsRefused() {
        var object = OCPPFixtures.availabilityAudit.objectValue ?? [:]
        object["source"] = "moon"
        #expect(throws: UplinkPayloads.Malformed.self) { try UplinkPayloads.availabilityAudit(.object(object), station: "S", receivedAt: "r") }
    }

    @Test func meterSummaryAppliesUnitsAndMultipliers() {
        let values = [OCPP201.MeterValue(
            sampledValues: [
                .init(value: 1.5, measurand: .energyActiveImportRegister, unitOfMeasure: .init(unit: "kWh")),
                .init(value: 22, measurand: .powerActiveImport, unitOfMeasure: .init(unit: "W", multiplier: 2)),
                .init(value: 999, measurand: .powerActiveImport, phase: .l1),
            ],
            timestamp: OCPPFixtures.start)]
        let summary = MeterSummary(values)
        #expect(summary.energyWh == 1_500)
        #expect(summary.powerW == 2_200)
    }

    /// A station's multiplier is any Int (`abs(Int.min)` trapped), and a reading that overflows is left out rather than
    /// stored as infinity.
    @Test func meterSummaryTakesAnyMultiplierAndLeavesOutOverflowingReadings() {
        let values = [OCPP201.MeterValue(
            sampledValues: [
                .init(value: 1.5, measurand: .energyActiveImportRegister, unitOfMeasure: .init(unit: "kWh", multiplier: Int.min)),
                .init(value: 1e300, measurand: .powerActiveImport, unitOfMeasure: .init(unit: "kW", multiplier: 30)),
            ],
            timestamp: OCPPFixtures.start)]
        let summary = MeterSummary(values)
        #expect(summary.energyWh.map { abs($0 - 1.5e-27) < 1e-39 } == true)
        #expect(summary.powerW == nil)
    }
}

/// The stored meter-value JSON is what the general OCPP encoder writes.
struct MeterValuesJSONTests {
    @Test func theDirectWriterMatchesTheOCPPEncoder() throws {
        let values = [
            OCPP201.MeterValue(
                sampledValues: [
                    .init(value: 1_250.5, context: .samplePeriodic, measurand: .energyActiveImportRegister, unitOfMeasure: .init(unit: "Wh")),
                    .init(value: 11, measurand: .powerActiveImport, phase: .l1, location: .outlet, unitOfMeasure: .init(unit: "k\"W", multiplier: -1)),
                    .init(value: 230),
                ],
                timestamp: OCPPFixtures.start.addingTimeInterval(0.25)),
            OCPP201.MeterValue(sampledValues: [.init(value: 0)], timestamp: OCPPFixtures.start),
        ]
        let direct = try JSONValue(parsing: MeterValuesJSON.text(values))
        #expect(direct == (try PayloadEncoder().encode(values)))
        let samples = try JSONValue(parsing: MeterValuesJSON.text(values[0].sampledValues))
        #expect(samples == (try PayloadEncoder().encode(values[0].sampledValues)))
    }
}
