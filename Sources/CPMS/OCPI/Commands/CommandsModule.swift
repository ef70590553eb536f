import Foundation
import Hummingbird
import Logging
import OCPI
import OCPP
import Scheduling
import StationCore

/// The Commands module as Receiver (OCPI 2.2.1 mod_commands, CPO side): `POST /ocpi/2.2.1/commands/{command}`.
///
/// A command is checked at once (its body strictly, its location and EVSE, its token's party, the station being
/// connected) and answered with a CommandResponse: ACCEPTED with `timeout`, REJECTED with a message (station
/// offline, a booking that does not fit), UNKNOWN_SESSION, or NOT_SUPPORTED for a command cpms does not know.
/// An unknown location, EVSE or connector is HTTP 404, 2003. The OCPP call to the station then runs on its own
/// and its outcome is the CommandResult, POSTed to `response_url` through the push queue (`command/{id}`).
struct CommandsModule: OCPIModule {
    let commands: OCPICommandStore
    let tokens: OCPITokenStore
    let catalog: LocationCatalog
    let connections: StationConnections
    let calendar: CalendarService
    let runner: CommandRunner
    /// The timeout announced in CommandResponse, in seconds (`--ocpi-command-timeout`).
    let timeout: Int
    let clock: any StationClock
    let logger: Logger

    var identifier: ModuleID { .commands }
    var role: InterfaceRole { .receiver }

    func addRoutes(to group: RouterGroup<OCPIRequestContext>) {
        group.post(":command") { request, context in
            let name = try OCPIPagedReply.parameter("command", context)
            guard let type = CommandType(rawValue: name.uppercased()) else {
                return try OCPIReply.success(
                    CommandResponse(result: .notSupported, timeout: 0, message: [DisplayText(language: "en", text: "unknown command \(name)")]),
                    context: context)
            }
            let emsp = try context.party
            let response: CommandResponse
            switch type {
            case .startSession: response = try await start(try await OCPIBody.decode(StartSession.self, from: request), emsp: emsp)
            case .stopSession: response = try await stop(try await OCPIBody.decode(StopSession.self, from: request), emsp: emsp)
            case .unlockConnector: response = try await unlock(try await OCPIBody.decode(UnlockConnector.self, from: request), emsp: emsp)
            case .reserveNow: response = try await reserve(try await OCPIBody.decode(ReserveNow.self, from: request), emsp: emsp)
            case .cancelReservation:
                response = try await cancelReservation(try await OCPIBody.decode(CancelReservation.self, from: request), emsp: emsp)
            }
            return try OCPIReply.success(response, context: context)
        }
    }

    // MARK: The commands

    private func start(_ command: StartSession, emsp: OCPIParty) async throws -> CommandResponse {
        try ownToken(command.token, emsp: emsp, field: "token")
        let place = try await place(location: command.locationID, evse: command.evseUID, connector: command.connectorID)
        guard let connection = await bootedConnection(place.station) else { return offline(place.station) }
        let remoteStartID = Int.random(in: 1...Int(Int32.max))
        let now = clock.wallTime
        let record = OCPICommandStore.Command(
            id: Self.newID(), emsp: emsp.name, type: .startSession, responseURL: command.responseURL, station: place.station, evse: place.evse,
            remoteStartID: remoteStartID, idToken: command.token.uid, authorizationReference: command.authorizationReference, createdAt: now)
        try await tokens.put(command.token, emsp: emsp.name)
        // The eMSP authorized the driver by sending the command: the station's Authorize and TransactionEvent for
        // this token are Accepted (OCPITokenAuthorizer reuses it), and the session carries the reference.
        try await tokens.record(.init(
            station: place.station, idToken: command.token.uid, emsp: emsp.name, allowed: .allowed,
            authorizationReference: command.authorizationReference, at: now))
        try await commands.insert(record)
        let request = OCPP201.RequestStartTransactionRequest(
            evseId: place.evse, idToken: OCPP201.IdToken(idToken: command.token.uid, type: command.token.type == .rfid ? .iso14443 : .central),
            remoteStartId: remoteStartID)
        run(record) { CommandOutcome.startStop(await Self.answer { try await connection.call(request).status.rawValue }) }
        return accepted()
    }

    private func stop(_ command: StopSession, emsp: OCPIParty) async throws -> CommandResponse {
        guard let transaction = try await commands.transaction(forSession: command.sessionID) else {
            return CommandResponse(result: .unknownSession, timeout: 0, message: [DisplayText(language: "en", text: "unknown session \(command.sessionID)")])
        }
        guard let connection = await bootedConnection(transaction.station) else { return offline(transaction.station) }
        let record = OCPICommandStore.Command(
            id: Self.newID(), emsp: emsp.name, type: .stopSession, responseURL: command.responseURL, station: transaction.station,
            sessionID: command.sessionID, createdAt: clock.wallTime)
        try await commands.insert(record)
        let request = OCPP201.RequestStopTransactionRequest(transactionId: transaction.transactionID)
        run(record) { CommandOutcome.startStop(await Self.answer { try await connection.call(request).status.rawValue }) }
        return accepted()
    }

    private func unlock(_ command: UnlockConnector, emsp: OCPIParty) async throws -> CommandResponse {
        let place = try await place(location: command.locationID, evse: command.evseUID, connector: command.connectorID)
        guard let evse = place.evse, let connector = place.connector else { throw OCPIError.invalid("evse_uid: required") }
        guard let connection = await bootedConnection(place.station) else { return offline(place.station) }
        let record = OCPICommandStore.Command(
            id: Self.newID(), emsp: emsp.name, type: .unlockConnector, responseURL: command.responseURL, station: place.station, evse: evse,
            createdAt: clock.wallTime)
        try await commands.insert(record)
        let request = OCPP201.UnlockConnectorRequest(evseId: evse, connectorId: connector)
        run(record) { CommandOutcome.unlock(await Self.answer { try await connection.call(request).status.rawValue }) }
        return accepted()
    }

    /// A booking in the calendar from the current slot boundary to the expiry (rounded up to the slot step), and a
    /// ReserveNow to the station at once: the calendar's scheduler repeats it at the booking's start.
    private func reserve(_ command: ReserveNow, emsp: OCPIParty) async throws -> CommandResponse {
        try ownToken(command.token, emsp: emsp, field: "token")
        let now = clock.wallTime
        guard command.expiryDate.date > now else { throw OCPIError.invalid("expiry_date: must be in the future") }
        let place = try await place(location: command.locationID, evse: command.evseUID, connector: nil)
        guard let connection = await bootedConnection(place.station) else { return offline(place.station) }
        let candidates = place.evse.map { [$0] } ?? place.allEVSEs
        let step = calendar.settings.slotStep
        let start = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / step).rounded(.up) * step)
        let end = max(Date(timeIntervalSince1970: (command.expiryDate.date.timeIntervalSince1970 / step).rounded(.up) * step), start.addingTimeInterval(step))
        let token = DriverToken(
            uid: command.token.uid, type: DriverToken.Kind(rawValue: command.token.type.rawValue) ?? .other, contractID: command.token.contractID,
            emsp: EMSPParty(emsp.name))
        let previous = try await commands.reservation(emsp: emsp.name, reservationID: command.reservationID)
        if let previous {
            // OCPI: a known reservation_id replaces that reservation.
            _ = try? await calendar.cancel(EntryID(previous.calendarEntry), by: .emsp(EMSPParty(emsp.name)), reason: "replaced by the eMSP")
        }
        var booked: (entry: EntryID, evse: Int)?
        var refusal = "no EVSE to reserve"
        for evse in candidates {
            let entry = EntryIDs.generate("R", at: now)
            do {
                try await calendar.book(BookingRequest(
                    id: entry, evse: CalendarEVSE.id(station: place.station, evse: evse), window: TimeWindow(start: start, end: end),
                    by: .emsp(EMSPParty(emsp.name)), token: token))
                booked = (entry, evse)
                break
            } catch let error as CalendarRefusal {
                refusal = error.description
            }
        }
        guard let booked else {
            return CommandResponse(result: .rejected, timeout: 0, message: [DisplayText(language: "en", text: "cannot reserve: \(refusal)")])
        }
        try await commands.save(
            .init(emsp: emsp.name, reservationID: command.reservationID, calendarEntry: booked.entry.rawValue, station: place.station, evse: booked.evse),
            at: now)
        try await tokens.put(command.token, emsp: emsp.name)
        let record = OCPICommandStore.Command(
            id: Self.newID(), emsp: emsp.name, type: .reserveNow, responseURL: command.responseURL, station: place.station, evse: booked.evse,
            idToken: command.token.uid, reservationID: command.reservationID, authorizationReference: command.authorizationReference, createdAt: now)
        try await commands.insert(record)
        let request = OCPP201.ReserveNowRequest(
            id: StationCommand.reservationID(of: booked.entry), expiryDateTime: command.expiryDate.date,
            idToken: OCPP201.IdToken(idToken: command.token.uid, type: GatewayCommandSender.idTokenType(token)), evseId: booked.evse)
        run(record) { CommandOutcome.reserve(await Self.answer { try await connection.call(request).status.rawValue }) }
        return accepted()
    }

    private func cancelReservation(_ command: CancelReservation, emsp: OCPIParty) async throws -> CommandResponse {
        let now = clock.wallTime
        let record = OCPICommandStore.Command(
            id: Self.newID(), emsp: emsp.name, type: .cancelReservation, responseURL: command.responseURL, reservationID: command.reservationID,
            createdAt: now)
        guard let reservation = try await commands.reservation(emsp: emsp.name, reservationID: command.reservationID) else {
            try await commands.insert(record)
            run(record) { .unknownReservation }
            return accepted()
        }
        var withStation = record
        withStation.station = reservation.station
        withStation.evse = reservation.evse
        try await commands.insert(withStation)
        let entry = EntryID(reservation.calendarEntry)
        do {
            try await calendar.cancel(entry, by: .emsp(EMSPParty(emsp.name)), reason: "cancelled by the eMSP")
        } catch let refusal as CalendarRefusal {
            if case .notChangeable = refusal {
                run(withStation) { .unknownReservation }
                return accepted()
            }
            return CommandResponse(result: .rejected, timeout: 0, message: [DisplayText(language: "en", text: "cannot cancel: \(refusal)")])
        }
        if let connection = await bootedConnection(reservation.station) {
            let request = OCPP201.CancelReservationRequest(reservationId: StationCommand.reservationID(of: entry))
            run(withStation) {
                // The booking is cancelled whatever the station says (it may not have been reserved there yet).
                _ = try? await connection.call(request)
                return .canceledReservation
            }
        } else {
            run(withStation) { .canceledReservation }
        }
        return accepted()
    }

    // MARK: Helpers

    /// Where a command points: the station of a published location, the EVSE's number and the connector's.
    struct Place {
        var station: String
        var evse: Int?
        var connector: Int?
        var allEVSEs: [Int]
    }

    private func place(location id: String, evse uid: String?, connector connectorID: String?) async throws -> Place {
        let now = clock.wallTime
        var location = try await catalog.location(id, at: now)
        if location == nil {
            let matches = try await catalog.store.stations(matchingWithoutCase: id)
            if matches.count == 1, let station = matches.first { location = try await catalog.location(station, at: now) }
        }
        guard let location else { throw OCPIError.notFound("unknown location \(id)", statusCode: .unknownLocation) }
        let numbered = (location.evses ?? []).compactMap { evse in Self.evseNumber(evse.uid).map { (evse, $0) } }
        var place = Place(station: location.id, allEVSEs: numbered.map(\.1))
        guard let uid else { return place }
        guard let (evse, number) = numbered.first(where: { $0.0.uid.caseInsensitiveCompare(uid) == .orderedSame }) else {
            throw OCPIError.notFound("unknown EVSE \(uid) at location \(location.id)", statusCode: .unknownLocation)
        }
        place.evse = number
        guard let connectorID else { return place }
        guard let connector = evse.connectors.first(where: { $0.id.caseInsensitiveCompare(connectorID) == .orderedSame }), let id = Int(connector.id) else {
            throw OCPIError.notFound("unknown connector \(connectorID) of EVSE \(uid)", statusCode: .unknownLocation)
        }
        place.connector = id
        return place
    }

    /// The station's number of an EVSE from its uid `CC*PID*E<code>*<evse>`.
    static func evseNumber(_ uid: String) -> Int? {
        uid.split(separator: "*").last.flatMap { Int($0) }
    }

    private func ownToken(_ token: Token, emsp: OCPIParty, field: String) throws {
        guard emsp.isParty(countryCode: token.countryCode, partyID: token.partyID) else {
            throw OCPIError.invalid("\(field): \(token.countryCode)*\(token.partyID) is not one of the parties of the calling platform \(emsp.name)")
        }
    }

    private func bootedConnection(_ station: String) async -> StationConnection? {
        guard let connection = await connections.connection(station), connection.hasBooted else { return nil }
        return connection
    }

    private func offline(_ station: String) -> CommandResponse {
        CommandResponse(result: .rejected, timeout: 0, message: [DisplayText(language: "en", text: "the charging station \(station) is offline")])
    }

    private func accepted() -> CommandResponse { CommandResponse(result: .accepted, timeout: timeout) }

    static func newID() -> String { UUID().uuidString.lowercased() }

    /// The station's answer to a call, or why there is none.
    static func answer(_ call: () async throws -> String) async -> CommandOutcome.StationAnswer {
        do {
            return .answered(status: try await call())
        } catch {
            guard let error = error as? OCPPError else { return .failed("\(error)") }
            switch error {
            case .callError(let callError): return .failed("CALLERROR \(callError.code.rawValue)")
            case .invalidResponse(let violation): return .failed("\(violation)")
            case .malformedResponse(let why): return .failed(why)
            case .invalidRequest(let violation): return .failed("\(violation)")
            case .timeout: return .timeout
            case .transport(let why): return .notDelivered(why)
            case .closed, .cancelled: return .notDelivered("disconnected before answering")
            }
        }
    }

    /// Runs the station's part of a command, then records its result and enqueues the CommandResult.
    private func run(_ record: OCPICommandStore.Command, _ work: @escaping @Sendable () async -> CommandResultType) {
        let commands = commands, clock = clock, logger = logger
        runner.start {
            let result = await work()
            do {
                try await commands.finish(record, result: CommandResult(result: result), at: clock.wallTime)
            } catch {
                logger.error("the result of command \(record.id) (\(record.type.rawValue)) was not stored: \(String(reflecting: error))")
            }
        }
    }
}
