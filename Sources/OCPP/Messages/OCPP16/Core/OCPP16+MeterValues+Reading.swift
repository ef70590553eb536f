extension OCPP16.MeterValuesRequest: DirectlyReadable {
    static func read(_ payload: JSONValue, _ reader: DirectReader) throws(Unreadable) -> Self {
        let members = try reader.object(payload, known: ["connectorId", "transactionId", "meterValue"])
        let request = Self(
            connectorId: try reader.integer(members["connectorId"]),
            transactionId: try reader.optional(members["transactionId"], reader.integer),
            meterValues: try reader.array(members["meterValue"]) { value throws(Unreadable) in
                try OCPP16.MeterValue.read(value, reader)
            })
        try reader.checkRules(request)
        return request
    }
}

extension OCPP16.MeterValue {
    static func read(_ value: JSONValue, _ reader: DirectReader) throws(Unreadable) -> Self {
        let members = try reader.object(value, known: ["timestamp", "sampledValue"])
        return Self(
            timestamp: try reader.date(members["timestamp"]),
            sampledValues: try reader.array(members["sampledValue"]) { value throws(Unreadable) in
                try OCPP16.SampledValue.read(value, reader)
            })
    }
}

extension OCPP16.SampledValue {
    static let keys = ["value", "context", "format", "measurand", "phase", "location", "unit"]

    static func read(_ value: JSONValue, _ reader: DirectReader) throws(Unreadable) -> Self {
        let members = try reader.object(value, known: keys)
        return Self(
            value: try reader.string(members["value"]),
            context: try reader.optionalEnumeration(members["context"], as: OCPP16.ReadingContext.self),
            format: try reader.optionalEnumeration(members["format"], as: OCPP16.ValueFormat.self),
            measurand: try reader.optionalEnumeration(members["measurand"], as: OCPP16.Measurand.self),
            phase: try reader.optionalEnumeration(members["phase"], as: OCPP16.Phase.self),
            location: try reader.optionalEnumeration(members["location"], as: OCPP16.Location.self),
            unit: try reader.optionalEnumeration(members["unit"], as: OCPP16.UnitOfMeasure.self))
    }
}
