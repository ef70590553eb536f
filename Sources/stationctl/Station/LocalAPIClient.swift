import ArgumentParser
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import StationAPI

/// Where stationd's local API is.
struct APIOptions: ParsableArguments {
    @Option(help: "stationd's local API (it listens on 127.0.0.1 only).")
    var api: String = "http://127.0.0.1:8181"

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    var client: LocalAPIClient { LocalAPIClient(base: api) }
}

/// A small HTTP client for stationd's local API.
struct LocalAPIClient {
    let base: String

    func status() async throws -> (StationStatusDocument, Data) {
        try await send("GET", "/api/status", body: nil)
    }

    func setAvailability(socket: Int, enabled: Bool, actor: String, reason: String) async throws -> (StationStatusDocument, Data) {
        let body = try StationAPIJSON.encoder().encode(SocketAvailabilityRequest(actor: actor, reason: reason))
        return try await send("POST", "/api/sockets/\(socket)/\(enabled ? "enable" : "disable")", body: body)
    }

    /// Posts a command for a socket: reserve, unreserve, start, stop.
    func command(socket: Int, _ action: String, body: some Encodable) async throws -> (StationStatusDocument, Data) {
        try await send("POST", "/api/sockets/\(socket)/\(action)", body: try StationAPIJSON.encoder().encode(body))
    }

    private func send(_ method: String, _ path: String, body: Data?) async throws -> (StationStatusDocument, Data) {
        guard let url = URL(string: base + path) else { throw CommandFailure("\(base) is not a URL") }
        var request = URLRequest(url: url, timeoutInterval: 5)
        request.httpMethod = method
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw CommandFailure("cannot reach stationd at \(base): \(error.localizedDescription) (is stationd running?)")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            let message = (try? StationAPIJSON.decoder().decode(APIErrorDocument.self, from: data))?.error
                ?? String(decoding: data, as: UTF8.self)
            throw CommandFailure("stationd refused (\(status)): \(message)")
        }
        do {
            return (try StationAPIJSON.decoder().decode(StationStatusDocument.self, from: data), data)
        } catch {
            throw CommandFailure("stationd answered something that is not a status document: \(error)")
        }
    }
}
