import OCPP

/// A station in the list: presence, connector statuses and how many replays were ignored.
struct StationSummaryView: Encodable {
    let id: String
    let connected: Bool
    let lastSeen: String?
    let duplicatesIgnored: Int
    let evses: [EVSEStatusReport]
}

/// One station in full.
struct StationDetailView: Encodable {
    struct Boot: Encodable {
        let vendorName: String?
        let model: String?
        let serialNumber: String?
        let firmwareVersion: String?
        let reason: String?
        let at: String?
    }

    let id: String
    let connected: Bool
    let createdAt: String
    let lastSeen: String?
    let duplicatesIgnored: Int
    let timeZone: String
    let boot: Boot?
    let evses: [EVSEStatusReport]
    let openSessions: [TransactionReport]
    let latestBatteryTelemetry: BatteryTelemetryReport?
}

struct TransactionsView: Encodable {
    let station: String
    let transactions: [TransactionReport]
}

struct MeterValuesView: Encodable {
    struct Value: Encodable {
        let evse: Int
        let timestamp: String
        let energyWh: Double?
        let powerW: Double?
        let sampledValues: JSONValue
    }

    let station: String
    let evse: Int
    let meterValues: [Value]
}
