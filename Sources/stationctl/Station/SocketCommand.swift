import ArgumentParser
import Foundation
import StationAPI

struct SocketCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "socket",
        abstract: "The technician's local switch, and a socket's reservation and sessions.",
        discussion: """
            Examples:
              stationctl socket 2 disable --reason "replacing the cable"
              stationctl socket 2 enable
              stationctl socket 3 reserve --id-tag 04A2B3C4D5E6F7 --minutes 15
              stationctl socket 3 unreserve
              stationctl socket 3 start --id-tag 04A2B3C4D5E6F7
              stationctl socket 3 stop
            A disable stops a running session and opens the socket's contactor at once. It is recorded
            with your name (--actor, default: the login name) and shown in `stationctl status`.
            On a charger's connector, reserve/start/stop are sent to the charger over OCPP.
            """)

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case enable, disable, reserve, unreserve, start, stop
    }

    @Argument(help: "The socket id.")
    var id: Int

    @Argument(help: "enable or disable.")
    var action: Action

    @Option(help: "Why (required to disable).")
    var reason: String?

    @Option(help: "Who does it (default: $SUDO_USER, $USER or $LOGNAME).")
    var actor: String?

    @Option(name: .customLong("id-tag"), help: "The driver's token, for reserve and start.")
    var idTag: String?

    @Option(help: "How long a reservation holds the socket, in minutes.")
    var minutes: Int = 15

    @OptionGroup var api: APIOptions

    func validate() throws {
        if action == .disable && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("disabling a socket needs --reason \"...\"")
        }
        if (action == .reserve || action == .start) && (idTag ?? "").isEmpty {
            throw ValidationError("\(action.rawValue) needs --id-tag TOKEN")
        }
        if action == .reserve && !(1...1440).contains(minutes) {
            throw ValidationError("--minutes must be 1-1440")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let who = actor ?? environment["SUDO_USER"] ?? environment["USER"] ?? environment["LOGNAME"] ?? "technician"
        let client = api.client
        let (status, raw): (StationStatusDocument, Data)
        switch action {
        case .enable, .disable:
            (status, raw) = try await client.setAvailability(socket: id, enabled: action == .enable, actor: who, reason: reason ?? "")
        case .reserve:
            (status, raw) = try await client.command(
                socket: id, "reserve", body: ReservationRequest(idTag: idTag ?? "", expiresInSeconds: minutes * 60))
        case .start:
            (status, raw) = try await client.command(socket: id, "start", body: RemoteStartRequest(idTag: idTag ?? ""))
        case .unreserve, .stop:
            (status, raw) = try await client.command(socket: id, action.rawValue, body: [String: String]())
        }
        if api.json {
            print(String(decoding: raw, as: UTF8.self))
            return
        }
        guard let socket = status.sockets.first(where: { $0.id == id }) else { return }
        switch action {
        case .enable, .disable:
            let state = socket.enabled ? "enabled" : "disabled"
            print("socket \(id) \(state) by \(who): now \(socket.status)"
                + (socket.contactorClosed == false ? ", contactor open" : ""))
        case .reserve:
            print("socket \(id) reserved for \(idTag ?? "") until \(socket.reservation.map { "\($0.expiresAt)" } ?? "?"): now \(socket.status)")
        case .unreserve, .start, .stop:
            print("socket \(id) \(action.rawValue) done: now \(socket.status)"
                + (socket.session.map { ", session \($0.id)" } ?? ""))
        }
        for other in socket.disabledBy where other.source != "technician" {
            print("  still held off by \(other.source) (\(other.actor)): \(other.reason)")
        }
    }
}
