import Foundation
import OCPP
import Scheduling

/// Sends the scheduler's commands through the station gateway as OCPP 2.0.1 calls, to stations that are
/// connected and have booted on their connection.
struct GatewayCommandSender: StationCommandSender {
    let connections: StationConnections

    func send(_ command: StationCommand, to station: StationID) async -> CommandDelivery {
        guard let connection = await connections.connection(station.rawValue) else { return .notDelivered(reason: "not connected") }
        guard connection.hasBooted else { return .notDelivered(reason: "connected but not booted yet") }
        switch command {
        case .reserveNow(let reservationID, let evse, let token, let expiry):
            let request = OCPP201.ReserveNowRequest(
                id: reservationID, expiryDateTime: expiry, idToken: OCPP201.IdToken(idToken: token.uid, type: Self.idTokenType(token)),
                evseId: evse)
            return await call(request, on: connection) {
                StationAnswer(outcome: $0.status.rawValue, reason: Self.reason($0.statusInfo), done: $0.status == .accepted)
            }
        case .cancelReservation(let reservationID):
            return await call(OCPP201.CancelReservationRequest(reservationId: reservationID), on: connection) {
                StationAnswer(outcome: $0.status.rawValue, reason: Self.reason($0.statusInfo), done: $0.status == .accepted)
            }
        case .changeAvailability(let evse, let operative):
            let request = OCPP201.ChangeAvailabilityRequest(evse: OCPP201.EVSE(id: evse), operationalStatus: operative ? .operative : .inoperative)
            return await call(request, on: connection) {
                StationAnswer(outcome: $0.status.rawValue, reason: Self.reason($0.statusInfo), done: $0.status != .rejected)
            }
        }
    }

    /// An answer of any kind is final (retrying a refusal or a CALLERROR gets the same); no answer is not.
    private func call<Request: OCPP201.Request>(
        _ request: Request, on connection: StationConnection, answer: (Request.Response) -> StationAnswer
    ) async -> CommandDelivery {
        do {
            return .answered(answer(try await connection.call(request)))
        } catch {
            switch error {
            case .callError(let callError):
                return .answered(StationAnswer(outcome: "CALLERROR \(callError.code.rawValue)", reason: callError.errorDescription, done: false))
            case .invalidResponse(let violation):
                return .answered(StationAnswer(outcome: "InvalidAnswer", reason: "\(violation)", done: false))
            case .malformedResponse(let why):
                return .answered(StationAnswer(outcome: "InvalidAnswer", reason: why, done: false))
            case .invalidRequest(let violation):
                return .answered(StationAnswer(outcome: "InvalidRequest", reason: "\(violation)", done: false))
            case .timeout(_, let after):
                return .notDelivered(reason: "no answer within \(after)")
            case .transport(let why):
                return .notDelivered(reason: "cannot send: \(why)")
            case .closed, .cancelled:
                return .notDelivered(reason: "disconnected before answering")
            }
        }
    }

    /// A card is an ISO 14443 token at the station; app and other tokens come from the CSMS.
    static func idTokenType(_ token: DriverToken) -> OCPP201.IdTokenKind {
        token.type == .rfid ? .iso14443 : .central
    }

    private static func reason(_ info: OCPP201.StatusInfo?) -> String? {
        guard let info else { return nil }
        return info.additionalInfo.map { "\(info.reasonCode): \($0)" } ?? info.reasonCode
    }
}
