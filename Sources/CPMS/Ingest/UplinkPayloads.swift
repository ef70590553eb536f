import OCPP

/// The `org.stationmaster` DataTransfer payloads of docs/uplink.md, read from `data`.
enum UplinkPayloads {
    static let vendorId = "org.stationmaster"

    /// A DataTransfer payload that does not follow docs/uplink.md; the station is answered `Rejected`.
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    static func batteryTelemetry(_ data: JSONValue?, station: String, receivedAt: String) throws(Malformed) -> BatteryTelemetryRecord {
        let object = try members(data)
        let soc = try number(object, "soc_percent")
        guard (0...100).contains(soc) else { throw Malformed(description: "soc_percent must be 0-100, got \(soc)") }
        let quality = try text(object, "quality")
        guard ["fresh", "stale", "failed"].contains(quality) else {
            throw Malformed(description: "quality must be fresh, stale or failed, got \(quality)")
        }
        return BatteryTelemetryRecord(
            station: station, timestamp: try timestamp(object), socPercent: soc, powerW: try number(object, "power_w"),
            setpointW: try number(object, "setpoint_w"), mode: try text(object, "mode"), quality: quality, receivedAt: receivedAt)
    }

    static func availabilityAudit(_ data: JSONValue?, station: String, receivedAt: String) throws(Malformed) -> AvailabilityAuditRecord {
        let object = try members(data)
        guard case .integer(let evse) = object["evse_id"], evse >= 0 else {
            throw Malformed(description: "evse_id must be a non-negative integer")
        }
        guard case .bool(let enabled) = object["enabled"] else { throw Malformed(description: "enabled must be true or false") }
        let source = try text(object, "source")
        guard ["safety", "technician", "central", "schedule"].contains(source) else {
            throw Malformed(description: "source must be safety, technician, central or schedule, got \(source)")
        }
        return AvailabilityAuditRecord(
            station: station, timestamp: try timestamp(object), evseId: evse, socket: try optionalText(object, "socket"),
            enabled: enabled, source: source, actor: try optionalText(object, "actor"), reason: try optionalText(object, "reason"),
            receivedAt: receivedAt)
    }

    private static func members(_ data: JSONValue?) throws(Malformed) -> [String: JSONValue] {
        guard let object = data?.objectValue else { throw Malformed(description: "data must be a JSON object") }
        return object
    }

    private static func timestamp(_ object: [String: JSONValue]) throws(Malformed) -> String {
        let text = try text(object, "timestamp")
        guard let date = OCPPDateTime.parse(text) else { throw Malformed(description: "timestamp must be RFC 3339, got \(text)") }
        return StoredTime.text(date)
    }

    private static func number(_ object: [String: JSONValue], _ key: String) throws(Malformed) -> Double {
        switch object[key] {
        case .integer(let value): return Double(value)
        case .number(let value) where value.isFinite: return value
        default: throw Malformed(description: "\(key) must be a number")
        }
    }

    private static func text(_ object: [String: JSONValue], _ key: String) throws(Malformed) -> String {
        guard let value = object[key]?.stringValue, !value.isEmpty else { throw Malformed(description: "\(key) must be a non-empty string") }
        return value
    }

    private static func optionalText(_ object: [String: JSONValue], _ key: String) throws(Malformed) -> String? {
        switch object[key] {
        case nil, .null: return nil
        case .string(let value): return value
        default: throw Malformed(description: "\(key) must be a string")
        }
    }
}
