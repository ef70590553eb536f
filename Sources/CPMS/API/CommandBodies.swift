import Foundation
import OCPP

/// The JSON bodies of `POST /api/stations/{id}/commands/{name}` (snake_case on the wire) and the OCPP
/// requests they become. Each check names the field at fault.
enum CommandBodies {
    struct Start: Decodable {
        var evseId: Int?
        var idToken: String
        var idTokenType: String?
        var remoteStartId: Int?
    }

    struct Stop: Decodable {
        var transactionId: String
    }

    struct Availability: Decodable {
        var evseId: Int?
        var operative: Bool
    }

    struct Reserve: Decodable {
        var id: Int
        var evseId: Int?
        var idToken: String
        var idTokenType: String?
        var expiresAt: String
    }

    struct CancelReservation: Decodable {
        var id: Int
    }

    struct Reset: Decodable {
        var type: String?
        var evseId: Int?
    }

    struct Trigger: Decodable {
        var requestedMessage: String
        var evseId: Int?
    }

    struct GridCap: Decodable {
        var limitW: Double
        var profileId: Int?
    }

    struct PriceSchedule: Decodable {
        struct Slot: Decodable {
            var start: String
            var pricePerKwh: Double
        }

        var currency: String
        var slots: [Slot]
    }

    struct Variables: Decodable {
        struct Variable: Decodable {
            var component: String
            var componentInstance: String?
            var variable: String
            var variableInstance: String?
            var evseId: Int?
            var attributeType: String?
            var value: String?
        }

        var variables: [Variable]
    }

    static func token(_ text: String, type: String?) throws -> OCPP201.IdToken {
        guard (1...36).contains(text.count) else { throw APIError(.badRequest, "id_token must be 1 to 36 characters") }
        return OCPP201.IdToken(idToken: text, type: try value(OCPP201.IdTokenKind.self, type ?? "Central", field: "id_token_type"))
    }

    static func evse(_ id: Int?, field: String = "evse_id", allowsZero: Bool = false) throws -> Int? {
        guard let id else { return nil }
        guard id >= (allowsZero ? 0 : 1) else { throw APIError(.badRequest, "\(field) must be \(allowsZero ? "0" : "1") or more") }
        return id
    }

    static func value<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ text: String, field: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            throw APIError(.badRequest, "\(field) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(text)\"")
        }
        return value
    }

    static func date(_ text: String, field: String) throws -> Date {
        guard let date = OCPPDateTime.parse(text) else { throw APIError(.badRequest, "\(field) must be an RFC 3339 date-time, got \"\(text)\"") }
        return date
    }

    /// The `PriceSchedule` DataTransfer data of docs/uplink.md, checked.
    static func priceScheduleData(_ body: PriceSchedule) throws -> JSONValue {
        guard body.currency.count == 3, body.currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw APIError(.badRequest, "currency must be an ISO 4217 code such as EUR, got \"\(body.currency)\"")
        }
        var previous: Date?
        var slots: [JSONValue] = []
        for (index, slot) in body.slots.enumerated() {
            let start = try date(slot.start, field: "slots[\(index)].start")
            if let previous, start <= previous { throw APIError(.badRequest, "slots must be in time order: slots[\(index)].start is not after the one before") }
            guard slot.pricePerKwh.isFinite else { throw APIError(.badRequest, "slots[\(index)].price_per_kwh must be a number") }
            previous = start
            slots.append(["start": .string(OCPPDateTime.format(start)), "price_per_kwh": .number(slot.pricePerKwh)])
        }
        return ["currency": .string(body.currency), "slots": .array(slots)]
    }

    static func componentVariable(_ item: Variables.Variable, index: Int) throws -> (OCPP201.Component, OCPP201.Variable) {
        guard (1...50).contains(item.component.count), (1...50).contains(item.variable.count) else {
            throw APIError(.badRequest, "variables[\(index)]: component and variable must be 1 to 50 characters")
        }
        let evse = try evse(item.evseId, field: "variables[\(index)].evse_id").map { OCPP201.EVSE(id: $0) }
        return (OCPP201.Component(evse: evse, name: item.component, instance: item.componentInstance),
                OCPP201.Variable(name: item.variable, instance: item.variableInstance))
    }
}
