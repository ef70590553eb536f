import Foundation
import OCPP

/// What became of a supply message sent to a station.
enum SupplySendOutcome: Sendable, Hashable {
    case accepted
    /// The station answered and refused (Rejected, a CALLERROR): sent again after the retry interval.
    case refused(String)
    /// Not connected, not booted, no answer: sent when it boots, or after the retry interval.
    case notDelivered(String)
}

/// Sends stations their price schedule and grid cap: the station gateway in cpms, a fake in tests.
protocol SupplyStationSender: Sendable {
    /// Whether the station is connected and has booted on its connection.
    func isReady(_ station: String) async -> Bool
    func sendPriceSchedule(_ data: JSONValue, to station: String) async -> SupplySendOutcome
    func sendCapProfile(_ request: OCPP201.SetChargingProfileRequest, to station: String) async -> SupplySendOutcome
    /// Clears the grid cap profile cpms sent (the station returns to its configured limit).
    func clearCapProfile(id: Int, at station: String) async -> SupplySendOutcome
}

/// Sends through the station gateway as OCPP 2.0.1 calls.
struct GatewaySupplySender: SupplyStationSender {
    let connections: StationConnections

    func isReady(_ station: String) async -> Bool {
        await connections.connection(station)?.hasBooted ?? false
    }

    func sendPriceSchedule(_ data: JSONValue, to station: String) async -> SupplySendOutcome {
        await call(OCPP201.DataTransferRequest(messageId: "PriceSchedule", data: data, vendorId: UplinkPayloads.vendorId), to: station) { answer in
            answer.status == .accepted ? nil : "\(answer.status.rawValue)\(Self.reason(answer.statusInfo, data: answer.data))"
        }
    }

    func sendCapProfile(_ request: OCPP201.SetChargingProfileRequest, to station: String) async -> SupplySendOutcome {
        await call(request, to: station) { answer in
            answer.status == .accepted ? nil : "\(answer.status.rawValue)\(Self.reason(answer.statusInfo, data: nil))"
        }
    }

    func clearCapProfile(id: Int, at station: String) async -> SupplySendOutcome {
        // Unknown: the station has no such profile, which is what was asked.
        await call(OCPP201.ClearChargingProfileRequest(chargingProfileId: id), to: station) { _ in nil }
    }

    private func call<Request: OCPP201.Request>(
        _ request: Request, to station: String, refusal: (Request.Response) -> String?
    ) async -> SupplySendOutcome {
        guard let connection = await connections.connection(station) else { return .notDelivered("not connected") }
        guard connection.hasBooted else { return .notDelivered("connected but not booted yet") }
        do {
            return refusal(try await connection.call(request)).map { .refused($0) } ?? .accepted
        } catch {
            switch error {
            case .callError(let callError): return .refused("CALLERROR \(callError.code.rawValue): \(callError.errorDescription)")
            case .invalidResponse(let violation): return .refused("invalid answer: \(violation)")
            case .malformedResponse(let why): return .refused("malformed answer: \(why)")
            case .invalidRequest(let violation): return .refused("the request breaks its schema: \(violation)")
            case .timeout(_, let after): return .notDelivered("no answer within \(after)")
            case .transport(let why): return .notDelivered("cannot send: \(why)")
            case .closed, .cancelled: return .notDelivered("disconnected before answering")
            }
        }
    }

    private static func reason(_ info: OCPP201.StatusInfo?, data: JSONValue?) -> String {
        if let info { return ": \(info.reasonCode)\(info.additionalInfo.map { " \($0)" } ?? "")" }
        if case .string(let text)? = data { return ": \(text)" }
        return ""
    }
}
