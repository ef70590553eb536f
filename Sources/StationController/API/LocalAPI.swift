import Foundation
public import Hummingbird
public import Logging
import NIOCore
import StationAPI
import StationCore

/// A command without a body.
struct EmptyRequest: Decodable {}

/// The local JSON API for `stationctl`, and `/metrics`, on the loopback interface only.
public struct LocalAPI: Sendable {
    public let controller: StationController
    public let metrics: StationMetrics

    public init(controller: StationController, metrics: StationMetrics) {
        self.controller = controller
        self.metrics = metrics
    }

    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("api/status") { _, _ -> Response in
            Self.json(await controller.statusDocument())
        }
        router.post("api/sockets/:id/disable") { request, context -> Response in
            try await setAvailability(request, context, enabled: false)
        }
        router.post("api/sockets/:id/enable") { request, context -> Response in
            try await setAvailability(request, context, enabled: true)
        }
        router.post("api/sockets/:id/reserve") { request, context -> Response in
            try await command(request, context) { (id, body: ReservationRequest) throws(StationRefusal) in
                guard (1...86_400).contains(body.expiresInSeconds), !body.idTag.isEmpty else {
                    throw StationRefusal(.rejected, "id_tag required and expires_in_seconds must be 1-86400")
                }
                let expiry = await controller.clock.wallTime.addingTimeInterval(TimeInterval(body.expiresInSeconds))
                try await controller.reserve(id, idTag: body.idTag, expiresAt: expiry)
            }
        }
        router.post("api/sockets/:id/unreserve") { request, context -> Response in
            try await command(request, context) { (id, _: EmptyRequest) throws(StationRefusal) in
                try await controller.cancelReservation(on: id)
            }
        }
        router.post("api/sockets/:id/start") { request, context -> Response in
            try await command(request, context) { (id, body: RemoteStartRequest) throws(StationRefusal) in
                try await controller.remoteStart(id, idTag: body.idTag)
            }
        }
        router.post("api/sockets/:id/stop") { request, context -> Response in
            try await command(request, context) { (id, _: EmptyRequest) throws(StationRefusal) in
                try await controller.remoteStop(id)
            }
        }
        router.get("metrics") { _, _ -> Response in
            if let journal = await controller.journal {
                metrics.record(journal.outbox.health, queued: journal.outbox.queuedCount, at: controller.clock.wallTime)
            }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: metrics.exposition())))
        }
        return router
    }

    /// The API as a service listening on 127.0.0.1:`port`.
    public func application(port: Int, logger: Logger) -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "stationd"),
            logger: logger)
    }

    private func setAvailability(_ request: Request, _ context: BasicRequestContext, enabled: Bool) async throws -> Response {
        guard let id = context.parameters.get("id", as: Int.self) else {
            return Self.error(.badRequest, "socket id must be a number")
        }
        let body = try await request.body.collect(upTo: 16 * 1024)
        let payload: SocketAvailabilityRequest
        do {
            payload = try StationAPIJSON.decoder().decode(SocketAvailabilityRequest.self, from: Data(buffer: body))
        } catch {
            return Self.error(.badRequest, "expected {\"actor\": \"...\", \"reason\": \"...\"}")
        }
        let actor = payload.actor.trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = payload.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !actor.isEmpty else { return Self.error(.badRequest, "actor must name the technician") }
        guard enabled || !reason.isEmpty else { return Self.error(.badRequest, "a reason is required to disable a socket") }
        do {
            try await controller.setAvailability(
                SocketID(id), enabled: enabled, source: .technician, actor: actor,
                reason: reason.isEmpty ? "enabled by technician" : reason)
        } catch {
            return Self.error(error.reason == .unknownSocket ? .notFound : .conflict, error.description)
        }
        return Self.json(await controller.statusDocument())
    }

    /// Decodes a command's body, runs it on the socket, and answers with the station's status or the refusal.
    private func command<Body: Decodable>(
        _ request: Request, _ context: BasicRequestContext,
        _ run: (SocketID, Body) async throws(StationRefusal) -> Void
    ) async throws -> Response {
        guard let id = context.parameters.get("id", as: Int.self) else {
            return Self.error(.badRequest, "socket id must be a number")
        }
        let buffer = try await request.body.collect(upTo: 16 * 1024)
        let body: Body
        do {
            body = try StationAPIJSON.decoder().decode(Body.self, from: buffer.readableBytes == 0 ? Data("{}".utf8) : Data(buffer: buffer))
        } catch {
            return Self.error(.badRequest, "malformed request body: \(error)")
        }
        do {
            try await run(SocketID(id), body)
        } catch {
            let status: HTTPResponse.Status = switch error.reason {
            case .unknownSocket, .unknownReservation: .notFound
            case .rejected: .unprocessableContent
            default: .conflict
            }
            return Self.error(status, error.description)
        }
        return Self.json(await controller.statusDocument())
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? StationAPIJSON.encoder().encode(value)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(APIErrorDocument(error: message), status: status)
    }
}
