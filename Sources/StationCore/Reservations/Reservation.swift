public import Foundation

/// A socket held for one driver's token until it expires (OCPP reservations start now).
public struct Reservation: Sendable, Hashable, Codable, Identifiable {
    public let id: Int
    public let socket: SocketID
    public let idTag: String
    public let expiresAt: Date

    public init(id: Int, socket: SocketID, idTag: String, expiresAt: Date) {
        self.id = id
        self.socket = socket
        self.idTag = idTag
        self.expiresAt = expiresAt
    }

    public func isExpired(at time: Date) -> Bool { time >= expiresAt }
}
