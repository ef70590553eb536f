import Foundation

/// `handshake` and `handshake_acknowledgement` carry the same body: how the sender wants to be treated.
struct OSCPHandshake: Codable, Sendable, Equatable {
    var requiredBehaviour: OSCPRequiredBehaviour

    enum CodingKeys: String, CodingKey {
        case requiredBehaviour = "required_behaviour"
    }
}

struct OSCPRequiredBehaviour: Codable, Sendable, Equatable {
    /// Seconds between the heartbeats the sender wants to receive; nil when it wants none.
    var heartbeatInterval: Double?
    /// `CONTINUOUS` and/or `INTERMITTENT`: how the sender wants measurements aggregated.
    var measurementConfiguration: [String]?

    enum CodingKeys: String, CodingKey {
        case heartbeatInterval = "heartbeat_interval"
        case measurementConfiguration = "measurement_configuration"
    }
}
