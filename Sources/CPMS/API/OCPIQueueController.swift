import Foundation
import Hummingbird
import StationCore

/// `/api/ocpi/queue...`: the OCPI push queue as operators see it: per eMSP what waits and since when, how
/// often it failed and with what error, what was set aside; and the pushes themselves, paged.
struct OCPIQueueController<Context: RequestContext>: Sendable {
    let store: OCPIPushStore
    let clock: any StationClock

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("ocpi/queue") { _, _ in
            try APIJSON.response(QueueView(emsps: try await store.summaries(at: clock.wallTime)))
        }
        group.get("ocpi/queue/:name") { request, context in
            let name = try EMSPsController<Context>.name(context)
            let (offset, limit) = try Self.page(request)
            let summary = try await store.summaries(at: clock.wallTime).first { $0.emsp == name }
            guard let summary else { throw APIError(.notFound, "no eMSP or pushes named \(name)") }
            let page = try await store.pushes(of: name, offset: offset, limit: limit)
            return try APIJSON.response(PageView(summary: summary, total: page.total, offset: offset, limit: limit, pushes: page.pushes))
        }
        group.get("ocpi/queue/:name/dead-letters") { request, context in
            let name = try EMSPsController<Context>.name(context)
            let (offset, limit) = try Self.page(request)
            let page = try await store.deadLetters(of: name, offset: offset, limit: limit)
            return try APIJSON.response(DeadLettersView(emsp: name, total: page.total, offset: offset, limit: limit, deadLetters: page.pushes))
        }
    }

    /// `offset` (default 0) and `limit` (default 50, at most 500).
    static func page(_ request: Request) throws -> (offset: Int, limit: Int) {
        let query = request.uri.queryParameters
        var offset = 0, limit = 50
        if let text = query["offset"] {
            guard let value = Int(String(text)), value >= 0 else { throw APIError(.badRequest, "offset: must be a whole number from 0") }
            offset = value
        }
        if let text = query["limit"] {
            guard let value = Int(String(text)), (1...500).contains(value) else { throw APIError(.badRequest, "limit: must be 1 to 500") }
            limit = value
        }
        return (offset, limit)
    }

    struct QueueView: Encodable {
        let emsps: [OCPIPushQueueSummary]
    }

    struct PageView: Encodable {
        let summary: OCPIPushQueueSummary
        let total: Int
        let offset: Int
        let limit: Int
        let pushes: [OCPIPushView]
    }

    struct DeadLettersView: Encodable {
        let emsp: String
        let total: Int
        let offset: Int
        let limit: Int
        let deadLetters: [OCPIPushView]
    }
}
