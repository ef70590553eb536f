public import Foundation
public import OCPI
import SQLKit

/// `ocpi_bookings` (migration 12): the OCPI Bookings eMSPs made, each owned by one eMSP platform, keyed by the
/// calendar entry's id, found again by the eMSP's party and request_id.
public struct BookingStore: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    /// One stored Booking and its owner (`ocpi_parties.name`).
    public struct Stored: Sendable, Equatable {
        public var booking: Booking
        public var emsp: String
    }

    public func booking(id: String) async throws -> Stored? {
        try await database.withConnection { try await Self.booking(id: id, on: $0) }
    }

    /// The booking an eMSP's party made with `requestID`.
    public func booking(countryCode: String, partyID: String, requestID: String) async throws -> Stored? {
        try await database.withConnection { connection in
            try await connection.select().columns("emsp", "booking_json").from("ocpi_bookings")
                .where("country_code", .equal, countryCode.uppercased()).where("party_id", .equal, partyID.uppercased())
                .where("request_id", .equal, requestID).first().map(Self.stored)
        }
    }

    /// An eMSP platform's bookings, by id.
    public func bookings(emsp: String) async throws -> [Booking] {
        try await database.withConnection { connection in
            try await connection.select().columns("emsp", "booking_json").from("ocpi_bookings").where("emsp", .equal, emsp)
                .orderBy("id").all().map { try Self.stored($0).booking }
        }
    }

    /// Stores `booking` and enqueues its PUT to its eMSP's Bookings receiver, in one transaction; then wakes delivery.
    public func saveAndPush(_ booking: Booking, emsp: String, requestParty: (countryCode: String, partyID: String), queue: OCPIPushQueue, at time: Date) async throws {
        try await database.transaction { connection in
            let existing = try await Self.booking(id: booking.id, on: connection)
            try await Self.save(booking, emsp: emsp, requestParty: requestParty, isNew: existing == nil, on: connection, at: time)
            try await OCPIPushQueue.enqueue([Self.push(booking)], for: [emsp], on: connection, at: time)
        }
        queue.wake()
    }

    static func booking(id: String, on connection: any SQLDatabase) async throws -> Stored? {
        try await connection.select().columns("emsp", "booking_json").from("ocpi_bookings").where("id", .equal, id).first().map(stored)
    }

    static func save(
        _ booking: Booking, emsp: String, requestParty: (countryCode: String, partyID: String), isNew: Bool, on connection: any SQLDatabase, at time: Date
    ) async throws {
        let json = String(decoding: try OCPICoding.encode(booking), as: UTF8.self)
        let updated = StoredTime.text(booking.lastUpdated.date)
        if isNew {
            try await connection.insert(into: "ocpi_bookings")
                .columns("id", "emsp", "country_code", "party_id", "request_id", "reservation_status", "booking_json", "created_at", "last_updated")
                .values(
                    SQLBind(booking.id), SQLBind(emsp), SQLBind(requestParty.countryCode.uppercased()), SQLBind(requestParty.partyID.uppercased()),
                    SQLBind(booking.requestID), SQLBind(booking.reservationStatus.rawValue), SQLBind(json), SQLBind(StoredTime.text(time)),
                    SQLBind(updated))
                .run()
        } else {
            try await connection.update("ocpi_bookings").set("reservation_status", to: booking.reservationStatus.rawValue)
                .set("booking_json", to: json).set("last_updated", to: updated).where("id", .equal, booking.id).run()
        }
    }

    /// The PUT of a Booking to its eMSP: `{bookings receiver}/{cpo country_code}/{cpo party_id}/{booking id}`.
    public static func push(_ booking: Booking) throws -> OCPIPush {
        OCPIPush(
            objectKey: "booking/\(booking.id)", method: .put, target: .module(.bookings, path: [booking.countryCode, booking.partyID, booking.id]),
            body: try OCPICoding.encode(booking))
    }

    private static func stored(_ row: any SQLRow) throws -> Stored {
        let json = try row.decode(column: "booking_json", as: String.self)
        return Stored(booking: try OCPICoding.decode(Booking.self, from: Data(json.utf8)), emsp: try row.decode(column: "emsp", as: String.self))
    }
}
