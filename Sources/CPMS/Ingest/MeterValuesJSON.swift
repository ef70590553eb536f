import OCPP

/// Meter values as the OCPP JSON stored beside them, written directly for the common shape.
///
/// Every TransactionEvent and MeterValues message stores its meter values, so this is on the ingest path;
/// going through `PayloadEncoder` and `JSONValue` cost about a tenth of cpms's CPU under load. Values
/// carrying signed meter data or vendor `customData` take the general encoder.
enum MeterValuesJSON {
    static func text(_ values: [OCPP201.MeterValue]) -> String {
        guard values.allSatisfy(isPlain) else { return IngestRecord.jsonText(values) }
        var text = "["
        for (index, value) in values.enumerated() {
            if index > 0 { text += "," }
            text += "{\"sampledValue\":"
            sampledValues(value.sampledValues, into: &text)
            text += ",\"timestamp\":\"" + OCPPDateTime.format(value.timestamp) + "\"}"
        }
        return text + "]"
    }

    /// The sampled values of one meter value.
    static func text(_ sampledValues: [OCPP201.SampledValue]) -> String {
        guard sampledValues.allSatisfy(isPlain) else { return IngestRecord.jsonText(sampledValues) }
        var text = ""
        self.sampledValues(sampledValues, into: &text)
        return text
    }

    private static func sampledValues(_ samples: [OCPP201.SampledValue], into text: inout String) {
        text += "["
        for (index, sample) in samples.enumerated() {
            if index > 0 { text += "," }
            var members: [String] = []
            if let context = sample.context { members.append("\"context\":\"\(context.rawValue)\"") }
            if let location = sample.location { members.append("\"location\":\"\(location.rawValue)\"") }
            if let measurand = sample.measurand { members.append("\"measurand\":\"\(measurand.rawValue)\"") }
            if let phase = sample.phase { members.append("\"phase\":\"\(phase.rawValue)\"") }
            if let unit = sample.unitOfMeasure {
                var parts: [String] = []
                if let multiplier = unit.multiplier { parts.append("\"multiplier\":\(multiplier)") }
                if let name = unit.unit { parts.append("\"unit\":" + JSONValue.string(name).jsonText) }
                members.append("\"unitOfMeasure\":{" + parts.joined(separator: ",") + "}")
            }
            members.append("\"value\":" + JSONValue.number(sample.value).jsonText)
            text += "{" + members.joined(separator: ",") + "}"
        }
        text += "]"
    }

    private static func isPlain(_ value: OCPP201.MeterValue) -> Bool {
        value.customData == nil && value.sampledValues.allSatisfy(isPlain)
    }

    private static func isPlain(_ sample: OCPP201.SampledValue) -> Bool {
        sample.customData == nil && sample.signedMeterValue == nil && sample.unitOfMeasure?.customData == nil
    }
}
