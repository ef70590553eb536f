public import Foundation
public import OCPI
import SQLKit

/// The commands eMSPs sent (`ocpi_commands`, migration 11) and their reservations kept as calendar bookings
/// (`ocpi_reservations`).
///
/// A START_SESSION row keeps the `remote_start_id` cpms gave the station with the eMSP and the
/// authorization_reference: the session the station starts (its TransactionEvent carries the remoteStartId) is
/// the command's, for that eMSP.
public struct OCPICommandStore: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    /// A command as received.
    public struct Command: Sendable, Equatable {
        public var id: String
        public var emsp: String
        public var type: CommandType
        public var responseURL: String
        public var station: String?
        public var evse: Int?
        public var remoteStartID: Int?
        public var idToken: String?
        public var sessionID: String?
        public var reservationID: String?
        public var authorizationReference: String?
        public var createdAt: Date
    }

    func insert(_ command: Command) async throws {
        try await database.withConnection { connection in
            try await connection.insert(into: "ocpi_commands")
                .columns(
                    "id", "emsp", "command", "response_url", "station", "evse", "remote_start_id", "id_token", "session_id", "reservation_id",
                    "authorization_reference", "created_at")
                .values(
                    SQLBind(command.id), SQLBind(command.emsp), SQLBind(command.type.rawValue), SQLBind(command.responseURL), SQLBind(command.station),
                    SQLBind(command.evse.map(Int64.init)), SQLBind(command.remoteStartID.map(Int64.init)), SQLBind(command.idToken),
                    SQLBind(command.sessionID), SQLBind(command.reservationID), SQLBind(command.authorizationReference),
                    SQLBind(StoredTime.text(command.createdAt)))
                .run()
        }
    }

    /// Records the command's result and enqueues its CommandResult POST to the eMSP's response_url, together.
    func finish(_ command: Command, result: CommandResult, at time: Date) async throws {
        let body = try OCPICoding.encode(result)
        try await database.transaction { connection in
            try await connection.update("ocpi_commands").set("result", to: result.result.rawValue).set("answered_at", to: StoredTime.text(time))
                .where("id", .equal, command.id).run()
            try await OCPIPushQueue.enqueue(
                [OCPIPush(objectKey: "command/\(command.id)", method: .post, target: .url(command.responseURL), body: body)], for: [command.emsp],
                on: connection, at: time)
        }
    }

    /// The result stored for a command, nil while it is pending.
    public func result(of id: String) async throws -> CommandResultType? {
        let row = try await database.withConnection { connection in
            try await connection.select().column("result").from("ocpi_commands").where("id", .equal, id).first()
        }
        guard let row, !(try row.decodeNil(column: "result")) else { return nil }
        return CommandResultType(rawValue: try row.decode(column: "result", as: String.self))
    }

    /// The START_SESSION that gave a station this remoteStartId: its eMSP and authorization_reference.
    public func remoteStart(station: String, remoteStartID: Int) async throws -> Command? {
        try await database.withConnection { connection in
            try await connection.select().column("*").from("ocpi_commands").where("station", .equal, station)
                .where("remote_start_id", .equal, Int64(remoteStartID)).where("command", .equal, CommandType.startSession.rawValue)
                .orderBy("created_at", .descending).first().map(Self.command)
        }
    }

    /// The open transaction a STOP_SESSION's session_id names: the session (when Sessions are published) or the
    /// OCPP transaction id itself.
    func transaction(forSession sessionID: String) async throws -> (station: String, transactionID: String)? {
        try await database.withConnection { connection in
            // ocpi_sessions exists once the Sessions module is part of cpms (migration 10).
            if let row = try? await connection.select().columns("station", "transaction_id").from("ocpi_sessions")
                .where("session_id", .equal, sessionID).first()
            {
                return (try row.decode(column: "station", as: String.self), try row.decode(column: "transaction_id", as: String.self))
            }
            let rows = try await connection.select().columns("station", "transaction_id").from("transactions")
                .where(SQLFunction("LOWER", args: SQLIdentifier("transaction_id")), .equal, SQLBind(sessionID.lowercased()))
                .where(SQLIdentifier("ended_at"), .is, SQLLiteral.null).all()
            guard rows.count == 1, let row = rows.first else { return nil }
            return (try row.decode(column: "station", as: String.self), try row.decode(column: "transaction_id", as: String.self))
        }
    }

    // MARK: Reservations

    /// The calendar booking an eMSP's reservation is.
    public struct Reservation: Sendable, Equatable {
        public var emsp: String
        public var reservationID: String
        public var calendarEntry: String
        public var station: String
        public var evse: Int
    }

    public func reservation(emsp: String, reservationID: String) async throws -> Reservation? {
        let row = try await database.withConnection { connection in
            try await connection.select().column("*").from("ocpi_reservations").where("emsp", .equal, emsp)
                .where("reservation_id", .equal, reservationID).first()
        }
        guard let row else { return nil }
        return Reservation(
            emsp: emsp, reservationID: reservationID, calendarEntry: try row.decode(column: "calendar_entry", as: String.self),
            station: try row.decode(column: "station", as: String.self), evse: Int(try row.decode(column: "evse", as: Int64.self)))
    }

    func save(_ reservation: Reservation, at time: Date) async throws {
        try await database.withConnection { connection in
            try await connection.insert(into: "ocpi_reservations")
                .columns("emsp", "reservation_id", "calendar_entry", "station", "evse", "created_at")
                .values(
                    SQLBind(reservation.emsp), SQLBind(reservation.reservationID), SQLBind(reservation.calendarEntry), SQLBind(reservation.station),
                    SQLBind(Int64(reservation.evse)), SQLBind(StoredTime.text(time)))
                .onConflict(with: ["emsp", "reservation_id"]) {
                    $0.set(excludedValueOf: "calendar_entry").set(excludedValueOf: "station").set(excludedValueOf: "evse")
                        .set(excludedValueOf: "created_at")
                }
                .run()
        }
    }

    private static func command(_ row: any SQLRow) throws -> Command {
        func text(_ column: String) throws -> String? { try row.decodeNil(column: column) ? nil : try row.decode(column: column, as: String.self) }
        func number(_ column: String) throws -> Int? { try row.decodeNil(column: column) ? nil : Int(try row.decode(column: column, as: Int64.self)) }
        return Command(
            id: try row.decode(column: "id", as: String.self), emsp: try row.decode(column: "emsp", as: String.self),
            type: CommandType(rawValue: try row.decode(column: "command", as: String.self)) ?? .startSession,
            responseURL: try row.decode(column: "response_url", as: String.self), station: try text("station"), evse: try number("evse"),
            remoteStartID: try number("remote_start_id"), idToken: try text("id_token"), sessionID: try text("session_id"),
            reservationID: try text("reservation_id"), authorizationReference: try text("authorization_reference"),
            createdAt: LocationStore.date(try row.decode(column: "created_at", as: String.self)))
    }
}
