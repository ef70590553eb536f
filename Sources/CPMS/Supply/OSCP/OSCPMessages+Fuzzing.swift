public import Foundation

/// The bodies a Capacity Provider posts to cpms's OSCP endpoints, read as the routes read them: for fuzzing
/// (`StationFuzzing`).
@_spi(Fuzzing)
public enum OSCPMessageReading {
    public enum Message: String, CaseIterable, Sendable {
        case register, handshake, heartbeat
        case forecast = "update_group_capacity_forecast"
        case complianceError = "group_capacity_compliance_error"
    }

    /// A body as read: written again as cpms writes OSCP, and what it means for the supply.
    public struct Reading: Sendable {
        /// nil when what was read cannot be written again.
        public var written: Data?
        /// A forecast's capacity per span (group `G`), as the session hands it to planning.
        public var intervals: [ForecastInterval]
        /// A heartbeat's `offline_mode_at`.
        public var offlineAt: Date?
    }

    /// Why a body is refused: the 400 answer's reason.
    public struct Refusal: Error, Sendable {
        public let reason: String
    }

    public static func read(_ message: Message, _ body: Data) throws(Refusal) -> Reading {
        do {
            switch message {
            case .register:
                return Reading(written: encode(try OSCPCoding.decode(OSCPRegister.self, from: body)), intervals: [])
            case .handshake:
                return Reading(written: encode(try OSCPCoding.decode(OSCPHandshake.self, from: body)), intervals: [])
            case .heartbeat:
                let heartbeat = try OSCPCoding.decode(OSCPHeartbeat.self, from: body)
                guard let offlineAt = OSCPDateTime.parse(heartbeat.offlineModeAt) else {
                    throw OSCPMessageError("offline_mode_at: must be an RFC 3339 date-time")
                }
                return Reading(written: encode(heartbeat), intervals: [], offlineAt: offlineAt)
            case .forecast:
                let forecast = try OSCPCoding.decode(OSCPGroupCapacityForecast.self, from: body)
                guard !forecast.forecastedBlocks.isEmpty else { throw OSCPMessageError("forecasted_blocks: must not be empty") }
                return Reading(written: encode(forecast), intervals: OSCPCapacity.intervals(of: forecast.forecastedBlocks, group: "G"))
            case .complianceError:
                return Reading(written: encode(try OSCPCoding.decode(OSCPGroupCapacityComplianceError.self, from: body)), intervals: [])
            }
        } catch let error as OSCPMessageError {
            throw Refusal(reason: error.reason)
        } catch {
            throw Refusal(reason: "\(error)")
        }
    }

    private static func encode(_ value: some Encodable) -> Data? {
        try? OSCPCoding.encode(value)
    }
}
