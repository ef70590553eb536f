import Foundation
import Hummingbird
import NIOCore
import StationCore

/// `/api/dsos[/ID]`: the DSO registry. The body is the `DSO` JSON (the registry types' own keys, camelCase, as
/// docs/energy-supply.md shows); a refused body changes nothing and the error names the field.
struct SupplyDSOsController<Context: RequestContext>: Sendable {
    let store: DSOStore
    let clock: any StationClock
    /// The registry changed: the supply service restarts the DSO's feeds and replans.
    let changed: @Sendable () -> Void

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("dsos") { _, _ in
            try Self.response(try await store.all().map(DSOView.init))
        }
        group.get("dsos/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let entry = try await store.entry(id) else { throw APIError(.notFound, "unknown DSO \(id)") }
            return try Self.response(DSOView(entry))
        }
        group.post("dsos") { request, _ in
            let dso = try await Self.dso(request)
            guard try await store.add(dso, at: clock.wallTime) else {
                throw APIError(.conflict, "DSO \(dso.id) already exists; change it with PUT /api/dsos/\(dso.id)")
            }
            changed()
            guard let entry = try await store.entry(dso.id) else { throw APIError(.internalServerError, "DSO \(dso.id) vanished") }
            return try Self.response(DSOView(entry), status: .created)
        }
        group.put("dsos/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            let dso = try await Self.dso(request)
            guard dso.id == id else { throw APIError(.badRequest, "id must be \"\(id)\" as in the path, got \"\(dso.id)\"") }
            guard try await store.update(dso, at: clock.wallTime) else { throw APIError(.notFound, "unknown DSO \(id); register it with POST /api/dsos") }
            changed()
            guard let entry = try await store.entry(dso.id) else { throw APIError(.notFound, "unknown DSO \(id)") }
            return try Self.response(DSOView(entry))
        }
        group.delete("dsos/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard try await store.remove(id) else { throw APIError(.notFound, "unknown DSO \(id)") }
            changed()
            return Response(status: .noContent)
        }
    }

    /// The body as a valid DSO, or a 400 naming the field.
    static func dso(_ request: Request) async throws -> DSO {
        let dso = try await SupplyJSON.body(DSO.self, of: request)
        if let problem = dso.validationError() { throw APIError(.badRequest, "invalid DSO: \(problem)") }
        return dso
    }

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        try SupplyJSON.response(value, status: status)
    }
}

/// A registered DSO: the `DSO` JSON plus when it was registered and changed.
struct DSOView: Encodable {
    let id: String
    let name: String
    let contract: SupplyContract
    let feeds: [SupplyFeedSettings]
    let createdAt: String
    let updatedAt: String

    init(_ entry: DSOStore.Entry) {
        id = entry.dso.id
        name = entry.dso.name
        contract = entry.dso.contract
        feeds = entry.dso.feeds
        createdAt = entry.createdAt
        updatedAt = entry.updatedAt
    }
}

/// The JSON of the DSO registry: the types' own keys, not the rest of the API's snake_case.
enum SupplyJSON {
    static func body<T: Decodable>(_ type: T.Type, of request: Request) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: 1 << 20)
        let data = buffer.readableBytes == 0 ? Data("{}".utf8) : Data(buffer.readableBytesView)
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw APIError(.badRequest, "invalid request body: \(describe(error))")
        } catch {
            throw APIError(.badRequest, "invalid request body: \(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            var text = ""
            for key in context.codingPath {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? "body" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "missing \(parent == "body" ? "" : parent + ".")\(key.stringValue)"
        case .typeMismatch(let type, let context): return "\(path(context)) must be \(type == String.self ? "a string" : type == Double.self || type == Decimal.self ? "a number" : "\(type)")"
        case .valueNotFound(_, let context): return "\(path(context)) must not be null"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "not JSON" : "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
