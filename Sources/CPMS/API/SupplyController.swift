import Foundation
import Hummingbird
import OCPP
import StationCore
import SupplyPlanning

/// `/api/supply/...`: station groups, the policy, the feeds' status, the plan and supply requests.
struct SupplyController<Context: RequestContext>: Sendable {
    let dsos: DSOStore
    let groups: SupplyGroupStore
    let policy: SupplyPolicyStore
    let forecasts: ForecastStore
    let plan: SupplyPlanStore
    let requests: SupplyRequestStore
    let registry: StationRegistry
    let clock: any StationClock
    /// The connection limit of a station in no group, W.
    let defaultConnectionLimitW: Double
    let monitor: SupplyMonitor
    /// Groups, policy or requests changed: the supply service replans (and dispatches).
    let changed: @Sendable () -> Void

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("supply/groups") { _, _ in
            let defined = try await groups.all()
            let stations = try await registry.all().map(\.id)
            let planned = PlanningGroups.make(defined: defined, stations: stations, defaultConnectionLimitW: defaultConnectionLimitW)
            let names = Dictionary(defined.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            return try APIJSON.response(planned.map { group in
                SupplyGroupView(
                    id: group.id, name: names[group.id] ?? group.id, defined: names[group.id] != nil, connectionLimitW: group.connectionLimitW,
                    members: group.members.map { .init(station: $0.station, connectionLimitW: $0.connectionLimitW) })
            })
        }
        group.post("supply/groups") { request, context in
            let body = try await APIJSON.body(SupplyGroupBody.self, of: request, context: context)
            guard let id = body.id else { throw APIError(.badRequest, "missing id") }
            return try await putGroup(id: id, body: body)
        }
        group.put("supply/groups/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            let body = try await APIJSON.body(SupplyGroupBody.self, of: request, context: context)
            if let bodyID = body.id, bodyID != id { throw APIError(.badRequest, "id must be \"\(id)\" as in the path, got \"\(bodyID)\"") }
            return try await putGroup(id: id, body: body)
        }
        group.delete("supply/groups/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard try await groups.remove(id) else { throw APIError(.notFound, "unknown group \(id)") }
            changed()
            return Response(status: .noContent)
        }
        group.get("supply/policy") { _, _ in
            let entry = try await policy.current()
            return try APIJSON.response(SupplyPolicyView(entry))
        }
        group.put("supply/policy") { request, context in
            let body = try await APIJSON.body(SupplyPolicyBody.self, of: request, context: context)
            let document = SupplyPolicyDocument(kind: body.kind, pricePerKilogram: body.pricePerKilogram, share: body.share)
            let chosen: SupplyPolicy
            switch document.policy() {
            case .success(let policy): chosen = policy
            case .failure(let problem): throw APIError(.badRequest, "invalid policy: \(problem)")
            }
            try await policy.set(chosen, by: body.updatedBy ?? "api", at: clock.wallTime)
            changed()
            return try APIJSON.response(SupplyPolicyView(try await policy.current()))
        }
        group.get("supply/feeds") { _, _ in
            let now = clock.wallTime
            let statuses = try await forecasts.statuses()
            var views: [SupplyFeedView] = []
            for entry in try await dsos.all() {
                for feed in entry.dso.feeds {
                    let status = statuses.first { $0.dso == entry.dso.id && $0.feed == feed.kind }
                    views.append(SupplyFeedView(dso: entry.dso.id, feed: feed.kind, status: status, bound: entry.dso.contract.forecastBoundSeconds, now: now))
                }
            }
            return try APIJSON.response(views)
        }
        group.get("supply/plan") { request, _ in
            let from = try Self.date(request, "from") ?? SupplyWindow(containing: clock.wallTime).start
            let to = try Self.date(request, "to") ?? from.addingTimeInterval(86400)
            guard to > from else { throw APIError(.badRequest, "to must be after from") }
            guard to.timeIntervalSince(from) <= 31 * 86400 else { throw APIError(.badRequest, "from..to may span 31 days at most") }
            let group = request.uri.queryParameters["group"].map(String.init)
            return try APIJSON.response(try await plan.choices(group: group, from: from, to: to).map(SupplyChoiceView.init))
        }
        group.get("supply/stations/:id/energy") { request, context in
            guard let station = context.parameters.get("id"), StationIdentity.isValid(station) else { throw APIError(.badRequest, "invalid station id") }
            guard try await registry.station(station) != nil else { throw APIError(.notFound, "unknown station \(station)") }
            let from = try Self.date(request, "from") ?? Calendar.utc.startOfDay(for: clock.wallTime)
            let to = try Self.date(request, "to") ?? from.addingTimeInterval(86400)
            guard to > from else { throw APIError(.badRequest, "to must be after from") }
            guard to.timeIntervalSince(from) <= 7 * 86400 else { throw APIError(.badRequest, "from..to may span 7 days at most") }
            return try APIJSON.response(try await monitor.report(station: station, from: from, to: to))
        }
        group.get("supply/summary") { request, _ in
            var day = Calendar.utc.startOfDay(for: clock.wallTime)
            if let text = request.uri.queryParameters["day"] {
                guard let date = OCPPDateTime.parse("\(text)T00:00:00Z"), text.count == 10 else {
                    throw APIError(.badRequest, "day must be a date such as 2026-12-07, got \"\(text)\"")
                }
                day = date
            }
            return try APIJSON.response(try await monitor.summary(day: day))
        }
        group.get("supply/requests") { request, _ in
            let state = try request.uri.queryParameters["state"].map { text -> SupplyRequestJob.State in
                guard let state = SupplyRequestJob.State(rawValue: String(text)) else {
                    throw APIError(.badRequest, "state must be one of pending, delivered, refused, got \"\(text)\"")
                }
                return state
            }
            return try APIJSON.response(try await requests.list(state: state).map(SupplyRequestView.init))
        }
        group.post("supply/requests") { request, context in
            let body = try await APIJSON.body(SupplyRequestBody.self, of: request, context: context)
            guard try await dsos.entry(body.dso) != nil else { throw APIError(.badRequest, "dso: unknown DSO \(body.dso)") }
            guard (1...48).contains(body.group.count) else { throw APIError(.badRequest, "group must be 1 to 48 characters") }
            let start = try CommandBodies.date(body.start, field: "start")
            let end = try CommandBodies.date(body.end, field: "end")
            guard end > start else { throw APIError(.badRequest, "end must be after start") }
            guard body.capacityW.isFinite, body.capacityW > 0 else { throw APIError(.badRequest, "capacity_w must be more than 0 watts") }
            let supplyRequest = SupplyRequest(
                dso: body.dso, group: body.group, start: start, end: end, capacityW: body.capacityW, reason: body.reason ?? "requested by an operator")
            let now = clock.wallTime
            guard let id = try await requests.enqueue(supplyRequest, origin: "manual", at: now) else {
                throw APIError(.internalServerError, "the request was not queued")
            }
            changed()
            guard let job = try await requests.list().first(where: { $0.id == id }) else { throw APIError(.internalServerError, "request \(id) vanished") }
            return try APIJSON.response(SupplyRequestView(job), status: .created)
        }
    }

    private func putGroup(id: String, body: SupplyGroupBody) async throws -> Response {
        guard (1...48).contains(id.count), id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }) else {
            throw APIError(.badRequest, "id must be 1 to 48 of A-Z, a-z, 0-9, _, - and .")
        }
        if let limit = body.connectionLimitW, !(limit.isFinite && limit > 0) {
            throw APIError(.badRequest, "connection_limit_w must be more than 0 watts")
        }
        var seen: Set<String> = []
        for (index, member) in body.members.enumerated() {
            guard StationIdentity.isValid(member.station) else { throw APIError(.badRequest, "members[\(index)].station is not a valid station id") }
            guard seen.insert(member.station).inserted else { throw APIError(.badRequest, "members[\(index)].station \(member.station) is given twice") }
            guard try await registry.station(member.station) != nil else {
                throw APIError(.badRequest, "members[\(index)].station: unknown station \(member.station)")
            }
            guard member.connectionLimitW.isFinite, member.connectionLimitW > 0 else {
                throw APIError(.badRequest, "members[\(index)].connection_limit_w must be more than 0 watts")
            }
        }
        let definition = SupplyGroupDefinition(
            id: id, name: body.name ?? id, connectionLimitW: body.connectionLimitW,
            members: body.members.map { .init(station: $0.station, connectionLimitW: $0.connectionLimitW) })
        do {
            try await groups.put(definition, at: clock.wallTime)
        } catch let taken as SupplyGroupStore.MemberTaken {
            throw APIError(.conflict, "station \(taken.station) is already in group \(taken.group)")
        }
        changed()
        return try APIJSON.response(
            SupplyGroupView(
                id: id, name: definition.name, defined: true,
                connectionLimitW: definition.connectionLimitW ?? body.members.reduce(0) { $0 + $1.connectionLimitW },
                members: body.members.map { .init(station: $0.station, connectionLimitW: $0.connectionLimitW) }))
    }

    static func date(_ request: Request, _ name: String) throws -> Date? {
        try request.uri.queryParameters[Substring(name)].map { try CommandBodies.date(String($0), field: name) }
    }
}
