import ArgumentParser
import Foundation
import StationAPI

struct SocketCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "socket",
        abstract: "The technician's local switch: take a socket out of service or return it.",
        discussion: """
            Examples:
              stationctl socket 2 disable --reason "replacing the cable"
              stationctl socket 2 enable
            A disable stops a running session and opens the socket's contactor at once. It is recorded
            with your name (--actor, default: the login name) and shown in `stationctl status`.
            """)

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case enable, disable
    }

    @Argument(help: "The socket id.")
    var id: Int

    @Argument(help: "enable or disable.")
    var action: Action

    @Option(help: "Why (required to disable).")
    var reason: String?

    @Option(help: "Who does it (default: $SUDO_USER, $USER or $LOGNAME).")
    var actor: String?

    @OptionGroup var api: APIOptions

    func validate() throws {
        if action == .disable && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("disabling a socket needs --reason \"...\"")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let who = actor ?? environment["SUDO_USER"] ?? environment["USER"] ?? environment["LOGNAME"] ?? "technician"
        let (status, raw) = try await api.client.setAvailability(
            socket: id, enabled: action == .enable, actor: who, reason: reason ?? "")
        if api.json {
            print(String(decoding: raw, as: UTF8.self))
            return
        }
        guard let socket = status.sockets.first(where: { $0.id == id }) else { return }
        let state = socket.enabled ? "enabled" : "disabled"
        print("socket \(id) \(state) by \(who): now \(socket.status)"
            + (socket.contactorClosed == false ? ", contactor open" : ""))
        for other in socket.disabledBy where other.source != "technician" {
            print("  still held off by \(other.source) (\(other.actor)): \(other.reason)")
        }
    }
}
