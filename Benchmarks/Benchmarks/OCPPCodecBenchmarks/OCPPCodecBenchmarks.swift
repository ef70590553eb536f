import Benchmark
import Foundation
import OCPP

/// The frame a charger sends most: MeterValues with the energy register and the active power (OCPP 1.6).
private let meterValuesFrame = """
    [2,"4f9e4a34-8f0b-4d4e-9a57-0c1f2b3c4d5e","MeterValues",{"connectorId":1,"meterValue":[{"timestamp":\
    "2026-11-25T17:30:00.000Z","sampledValue":[{"value":"12345.6","measurand":"Energy.Active.Import.Register",\
    "unit":"Wh"},{"value":"7200","measurand":"Power.Active.Import","unit":"W"}]}]}]
    """

/// The same payload decoded by Foundation's JSONDecoder into plain Codable structs: the yardstick.
private struct PlainMeterValues: Decodable {
    struct MeterValue: Decodable {
        var timestamp: Date
        var sampledValue: [SampledValue]
    }
    struct SampledValue: Decodable {
        var value: String
        var measurand: String?
        var unit: String?
    }
    var connectorId: Int
    var meterValue: [MeterValue]
}

private let meterValuesPayload: String = {
    let start = meterValuesFrame.range(of: "{")!.lowerBound
    return String(meterValuesFrame[start..<meterValuesFrame.index(before: meterValuesFrame.endIndex)])
}()

private func codec() -> Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .nanoseconds,
        maxDuration: .seconds(3),
        maxIterations: 1_000_000
    )
}

let benchmarks: @Sendable () -> Void = {
    let decoder = PayloadDecoder(version: .v16)
    let encoder = PayloadEncoder()

    Benchmark("Parse a MeterValues frame (JSONValue)", configuration: codec()) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try OCPPFrame.parse(meterValuesFrame, maximumSize: 65_536))
        }
    }

    Benchmark("Decode MeterValues.req (1.6) from its parsed payload, validated", configuration: codec()) { benchmark in
        guard case .call(_, _, let payload) = try OCPPFrame.parse(meterValuesFrame, maximumSize: 65_536) else {
            benchmark.error("not a CALL")
            return
        }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try decoder.decode(OCPP16.MeterValuesRequest.self, from: payload))
        }
    }

    Benchmark("Parse and decode a MeterValues frame, validated", configuration: codec()) { benchmark in
        for _ in benchmark.scaledIterations {
            guard case .call(_, _, let payload) = try OCPPFrame.parse(meterValuesFrame, maximumSize: 65_536) else {
                continue
            }
            blackHole(try decoder.decode(OCPP16.MeterValuesRequest.self, from: payload))
        }
    }

    Benchmark("Reference: Foundation JSONDecoder, same payload, unvalidated structs", configuration: codec()) { benchmark in
        let json = JSONDecoder()
        json.dateDecodingStrategy = .iso8601
        let data = Data(meterValuesPayload.utf8)
        for _ in benchmark.scaledIterations {
            blackHole(try json.decode(PlainMeterValues.self, from: data))
        }
    }

    Benchmark("Encode a MeterValues.conf CALLRESULT frame", configuration: codec()) { benchmark in
        for _ in benchmark.scaledIterations {
            let payload = try encoder.encode(OCPP16.MeterValuesResponse())
            blackHole(OCPPFrame.callResult(id: "4f9e4a34-8f0b-4d4e-9a57-0c1f2b3c4d5e", payload: payload).text)
        }
    }
}
