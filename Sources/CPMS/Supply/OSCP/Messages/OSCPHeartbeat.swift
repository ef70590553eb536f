import Foundation

/// `heartbeat`: when the receiver may take the sender for offline if no other heartbeat comes.
struct OSCPHeartbeat: Codable, Sendable, Equatable {
    var offlineModeAt: String

    enum CodingKeys: String, CodingKey {
        case offlineModeAt = "offline_mode_at"
    }
}
