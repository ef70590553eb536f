import Foundation
import Hummingbird
import OCPI

/// `/portal/emsps` (admins): the eMSPs cpms is the CPO for, with their OCPI roles, version and endpoints,
/// and how their push queue stands (the same summaries as `GET /api/ocpi/queue`).
extension PortalController {
    struct EMSPsView: Sendable {
        let emsps: [EMSPCard]
    }

    struct EMSPCard: Sendable {
        let name: String
        let status: String
        let statusClass: String
        let roles: [String]
        let version: String
        let versionsURL: String
        let registered: String
        let endpoints: [Endpoint]
        let endpointCount: Int
        let queue: Queue
    }

    struct Endpoint: Sendable {
        let module: String
        let role: String
        let url: String
    }

    struct Queue: Sendable {
        let length: Int
        let oldestAge: String
        let attempts: String
        let deadLetters: Int
        let lastError: String?
        let lastErrorAt: String?
        let healthy: Bool
    }

    func emspsPage(_ call: Call) async throws -> Response {
        let session = try call.signedIn
        let now = clock.wallTime
        let parties = try await OCPIPartyStore(database: database).all()
        let summaries = try await OCPIPushStore(database: database).summaries(at: now)
        var cards = parties.map { party in
            EMSPCard(
                name: party.name, status: party.status.rawValue, statusClass: party.status.rawValue,
                roles: party.roles.map { "\($0.role.rawValue) \($0.countryCode)*\($0.partyID) (\($0.businessDetails.name))" },
                version: party.version?.rawValue ?? "—", versionsURL: party.versionsURL ?? "—",
                registered: party.status == .registered ? "since \(PortalFormat.dateTime(party.updatedAt)) UTC" : "added \(PortalFormat.dateTime(party.createdAt)) UTC",
                endpoints: party.endpoints.map { Endpoint(module: $0.identifier.rawValue, role: $0.role.rawValue, url: $0.url) },
                endpointCount: party.endpoints.count,
                queue: Self.queue(summaries.first { $0.emsp == party.name }))
        }
        // Pushes left for a platform that was removed still show.
        for summary in summaries where !parties.contains(where: { $0.name == summary.emsp }) {
            cards.append(EMSPCard(
                name: summary.emsp, status: "removed", statusClass: "unregistered", roles: [], version: "—", versionsURL: "—", registered: "—",
                endpoints: [], endpointCount: 0, queue: Self.queue(summary)))
        }
        return try renderer.page(
            "emsps",
            PortalPageContext(
                title: "eMSPs", chrome: chrome(session, current: "/portal/emsps"), notice: nil, scripts: [], content: EMSPsView(emsps: cards)))
    }

    private static func queue(_ summary: OCPIPushQueueSummary?) -> Queue {
        guard let summary else { return Queue(length: 0, oldestAge: "—", attempts: "0", deadLetters: 0, lastError: nil, lastErrorAt: nil, healthy: true) }
        let age = summary.length == 0 ? "—" : PortalFormat.duration(summary.oldestAgeSeconds)
        return Queue(
            length: summary.length, oldestAge: age,
            attempts: summary.attempts == 0 ? "0" : "\(summary.attempts) (at most \(summary.maxAttempts) on one push)",
            deadLetters: summary.deadLetters, lastError: summary.lastError,
            lastErrorAt: summary.lastErrorAt.map { "\(PortalFormat.dateTime($0)) UTC" },
            healthy: summary.attempts == 0 && summary.deadLetters == 0)
    }
}
