import Foundation
import Hummingbird
import OCPP
import StationCore

/// `POST /api/stations/{id}/commands/{name}` (and `DELETE .../grid-cap`): a CSMS→station call whose answer
/// is the response. 409 when the station is not connected, 504 when it does not answer in time, 502 when
/// it answers with a CALLERROR or an answer that breaks the schema.
struct CommandsController<Context: RequestContext>: Sendable {
    let registry: StationRegistry
    let connections: StationConnections
    let clock: any StationClock

    static var commandNames: [String] {
        ["start", "stop", "availability", "reserve", "cancel-reservation", "reset", "trigger", "grid-cap", "price-schedule",
         "get-variables", "set-variables"]
    }

    func addRoutes(to group: RouterGroup<Context>) {
        group.post("stations/:id/commands/:name") { request, context in
            let id = try await stationID(context)
            let name = context.parameters.get("name") ?? ""
            return try await command(name, body: request, context: context, station: id)
        }
        // The literal route below would otherwise take POST .../grid-cap away from `:name` (and answer a bare 404).
        group.post("stations/:id/commands/grid-cap") { request, context in
            try await command("grid-cap", body: request, context: context, station: try await stationID(context))
        }
        group.delete("stations/:id/commands/grid-cap") { _, context in
            let id = try await stationID(context)
            return try await send(
                OCPP201.ClearChargingProfileRequest(
                    chargingProfileCriteria: .init(evseId: 0, chargingProfilePurpose: .chargingStationMaxProfile)),
                to: id, command: "grid-cap")
        }
    }

    private func command(_ name: String, body request: Request, context: Context, station id: String) async throws -> Response {
        switch name {
        case "start":
            let body = try await APIJSON.body(CommandBodies.Start.self, of: request, context: context)
            let remoteStartId = body.remoteStartId ?? Int(clock.wallTime.timeIntervalSince1970 * 1000) % 2_000_000_000
            return try await send(
                OCPP201.RequestStartTransactionRequest(
                    evseId: try CommandBodies.evse(body.evseId), idToken: try CommandBodies.token(body.idToken, type: body.idTokenType),
                    remoteStartId: remoteStartId),
                to: id, command: name)
        case "stop":
            let body = try await APIJSON.body(CommandBodies.Stop.self, of: request, context: context)
            guard (1...36).contains(body.transactionId.count) else { throw APIError(.badRequest, "transaction_id must be 1 to 36 characters") }
            return try await send(OCPP201.RequestStopTransactionRequest(transactionId: body.transactionId), to: id, command: name)
        case "availability":
            let body = try await APIJSON.body(CommandBodies.Availability.self, of: request, context: context)
            let evse = try CommandBodies.evse(body.evseId, allowsZero: true).flatMap { $0 == 0 ? nil : OCPP201.EVSE(id: $0) }
            return try await send(
                OCPP201.ChangeAvailabilityRequest(evse: evse, operationalStatus: body.operative ? .operative : .inoperative),
                to: id, command: name)
        case "reserve":
            let body = try await APIJSON.body(CommandBodies.Reserve.self, of: request, context: context)
            let expiry = try CommandBodies.date(body.expiresAt, field: "expires_at")
            guard expiry > clock.wallTime else { throw APIError(.badRequest, "expires_at must be in the future") }
            return try await send(
                OCPP201.ReserveNowRequest(
                    id: body.id, expiryDateTime: expiry, idToken: try CommandBodies.token(body.idToken, type: body.idTokenType),
                    evseId: try CommandBodies.evse(body.evseId)),
                to: id, command: name)
        case "cancel-reservation":
            let body = try await APIJSON.body(CommandBodies.CancelReservation.self, of: request, context: context)
            return try await send(OCPP201.CancelReservationRequest(reservationId: body.id), to: id, command: name)
        case "reset":
            let body = try await APIJSON.body(CommandBodies.Reset.self, of: request, context: context)
            let type = try CommandBodies.value(OCPP201.ResetType.self, body.type ?? "OnIdle", field: "type")
            return try await send(OCPP201.ResetRequest(type: type, evseId: try CommandBodies.evse(body.evseId)), to: id, command: name)
        case "trigger":
            let body = try await APIJSON.body(CommandBodies.Trigger.self, of: request, context: context)
            let message = try CommandBodies.value(OCPP201.MessageTrigger.self, body.requestedMessage, field: "requested_message")
            let evse = try CommandBodies.evse(body.evseId, allowsZero: true).map { OCPP201.EVSE(id: $0) }
            return try await send(OCPP201.TriggerMessageRequest(evse: evse, requestedMessage: message), to: id, command: name)
        case "grid-cap":
            let body = try await APIJSON.body(CommandBodies.GridCap.self, of: request, context: context)
            guard body.limitW.isFinite, body.limitW >= 0 else { throw APIError(.badRequest, "limit_w must be a number of watts, 0 or more") }
            let profile = OCPP201.ChargingProfile(
                id: body.profileId ?? 1, stackLevel: 0, chargingProfilePurpose: .chargingStationMaxProfile, chargingProfileKind: .absolute,
                chargingSchedules: [.init(
                    id: 1, startSchedule: clock.wallTime, chargingRateUnit: .watts,
                    chargingSchedulePeriods: [.init(startPeriod: 0, limit: body.limitW)])])
            return try await send(OCPP201.SetChargingProfileRequest(evseId: 0, chargingProfile: profile), to: id, command: name)
        case "price-schedule":
            let body = try await APIJSON.body(CommandBodies.PriceSchedule.self, of: request, context: context)
            let data = try CommandBodies.priceScheduleData(body)
            return try await send(
                OCPP201.DataTransferRequest(messageId: "PriceSchedule", data: data, vendorId: UplinkPayloads.vendorId), to: id, command: name)
        case "get-variables":
            let body = try await APIJSON.body(CommandBodies.Variables.self, of: request, context: context)
            guard !body.variables.isEmpty else { throw APIError(.badRequest, "variables must not be empty") }
            let data = try body.variables.enumerated().map { index, item in
                let (component, variable) = try CommandBodies.componentVariable(item, index: index)
                let attribute = try item.attributeType.map {
                    try CommandBodies.value(OCPP201.AttributeType.self, $0, field: "variables[\(index)].attribute_type")
                }
                return OCPP201.GetVariableData(attributeType: attribute, component: component, variable: variable)
            }
            return try await send(OCPP201.GetVariablesRequest(getVariableData: data), to: id, command: name)
        case "set-variables":
            let body = try await APIJSON.body(CommandBodies.Variables.self, of: request, context: context)
            guard !body.variables.isEmpty else { throw APIError(.badRequest, "variables must not be empty") }
            let data = try body.variables.enumerated().map { index, item in
                let (component, variable) = try CommandBodies.componentVariable(item, index: index)
                guard let value = item.value else { throw APIError(.badRequest, "missing variables[\(index)].value") }
                let attribute = try item.attributeType.map {
                    try CommandBodies.value(OCPP201.AttributeType.self, $0, field: "variables[\(index)].attribute_type")
                }
                return OCPP201.SetVariableData(attributeType: attribute, attributeValue: value, component: component, variable: variable)
            }
            return try await send(OCPP201.SetVariablesRequest(setVariableData: data), to: id, command: name)
        default:
            throw APIError(.notFound, "unknown command \"\(name)\"; commands: \(Self.commandNames.joined(separator: ", "))")
        }
    }

    /// Sends the call and turns the station's answer (or its absence) into the API response.
    private func send<Call: OCPP201.Request>(_ call: Call, to station: String, command: String) async throws -> Response {
        guard let connection = await connections.connection(station) else {
            throw APIError(.conflict, "station \(station) is not connected")
        }
        let answer: Call.Response
        do {
            answer = try await connection.call(call)
        } catch {
            switch error {
            case .timeout(_, let after): throw APIError(.gatewayTimeout, "station \(station) did not answer \(Call.action) within \(after)")
            case .callError(let callError):
                throw APIError(.badGateway, "station \(station) answered \(Call.action) with CALLERROR \(callError.code.rawValue): \(callError.errorDescription)")
            case .invalidResponse(let violation):
                throw APIError(.badGateway, "station \(station) answered \(Call.action) with an invalid payload: \(violation)")
            case .malformedResponse(let why): throw APIError(.badGateway, "station \(station) answered \(Call.action) malformed: \(why)")
            case .invalidRequest(let violation): throw APIError(.badRequest, "the \(Call.action) request breaks its schema: \(violation)")
            case .transport, .closed, .cancelled: throw APIError(.conflict, "station \(station) disconnected before answering \(Call.action)")
            }
        }
        let payload = try PayloadEncoder().encode(answer)
        return try APIJSON.response(CommandResultView(station: station, command: command, action: Call.action, response: payload))
    }

    private func stationID(_ context: Context) async throws -> String {
        guard let id = context.parameters.get("id"), StationIdentity.isValid(id) else { throw APIError(.badRequest, "invalid station id") }
        guard try await registry.station(id) != nil else { throw APIError(.notFound, "unknown station \(id)") }
        return id
    }
}

/// A command's outcome: the station's answer, as OCPP JSON with snake_case keys.
struct CommandResultView: Encodable {
    let station: String
    let command: String
    let action: String
    let response: JSONValue
}
