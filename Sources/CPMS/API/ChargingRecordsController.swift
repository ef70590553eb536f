import Foundation
import Hummingbird
import NIOCore
import OCPP

/// `/api/charging-records...`: the priced records of finished transactions; `PUT /api/stations/{id}/time-zone`:
/// the zone their tariffs' restrictions are evaluated in. A refused request changes nothing.
struct ChargingRecordsController<Context: RequestContext>: Sendable {
    let store: ChargingRecordStore
    let registry: StationRegistry

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("charging-records") { request, _ in
            let station = try request.uri.queryParameters["station"].map { text in
                guard StationIdentity.isValid(String(text)) else { throw APIError(.badRequest, "station: not a valid station id") }
                return String(text)
            }
            let from = try request.uri.queryParameters["from"].map { try CommandBodies.date(String($0), field: "from") }
            let to = try request.uri.queryParameters["to"].map { try CommandBodies.date(String($0), field: "to") }
            if let from, let to, to < from { throw APIError(.badRequest, "to must not be before from") }
            let limit = try StationsController<Context>.integer(request, "limit", default: 100, range: 1...10_000)
            let records = try await store.records(station: station, from: from, to: to, limit: limit)
            return try APIJSON.response(records.map(ChargingRecordSummaryView.init))
        }
        group.get("charging-records/:station/:transaction") { _, context in
            let station = context.parameters.get("station") ?? ""
            let transaction = context.parameters.get("transaction") ?? ""
            guard StationIdentity.isValid(station) else { throw APIError(.badRequest, "invalid station id") }
            guard (1...36).contains(transaction.count) else { throw APIError(.badRequest, "invalid transaction id") }
            guard let record = try await store.record(station: station, transactionId: transaction) else {
                throw APIError(.notFound, "no charging record for transaction \(transaction) of station \(station)")
            }
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: record.json)))
        }
        group.put("stations/:id/time-zone") { request, context in
            guard let id = context.parameters.get("id"), StationIdentity.isValid(id) else { throw APIError(.badRequest, "invalid station id") }
            let body = try await APIJSON.body(TimeZoneBody.self, of: request, context: context)
            guard StationTimeZone.isKnown(body.timeZone) else {
                throw APIError(.badRequest, "time_zone: unknown IANA time zone \"\(body.timeZone)\"")
            }
            guard try await registry.setTimeZone(id, body.timeZone) else { throw APIError(.notFound, "unknown station \(id)") }
            return try APIJSON.response(TimeZoneView(station: id, timeZone: body.timeZone))
        }
    }

    struct TimeZoneBody: Decodable {
        var timeZone: String
    }

    struct TimeZoneView: Encodable {
        let station: String
        let timeZone: String
    }
}

/// A record in a list: what it is about and its total.
struct ChargingRecordSummaryView: Encodable {
    struct Total: Encodable {
        let exclVat: Decimal
        let inclVat: Decimal
    }

    let station: String
    let transactionId: String
    let evse: Int?
    let idToken: String?
    let startedAt: String
    let stoppedAt: String
    let energyKwh: Decimal?
    let priceStatus: String
    let tariffId: String?
    let tariffVersion: Int?
    let currency: String?
    let total: Total?
    /// How many problems with the station's data the record names (they are in the record).
    let problems: Int

    init(_ record: StoredChargingRecord) {
        station = record.station
        transactionId = record.transactionId
        evse = record.evse
        idToken = record.idToken
        startedAt = record.startedAt
        stoppedAt = record.stoppedAt
        energyKwh = record.energyWh.flatMap { Decimal(string: $0) }.map { $0 / 1_000 }
        priceStatus = record.priceStatus
        tariffId = record.tariffId
        tariffVersion = record.tariffVersion
        currency = record.currency
        problems = record.problems
        if let excl = record.totalExclVAT.flatMap({ Decimal(string: $0) }), let incl = record.totalInclVAT.flatMap({ Decimal(string: $0) }) {
            total = Total(exclVat: excl, inclVat: incl)
        } else {
            total = nil
        }
    }
}
