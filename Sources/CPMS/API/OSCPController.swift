import Foundation
import Hummingbird
import OCPP

/// `GET /api/oscp/{dso}`: cpms's OSCP registration at the DSO's Capacity Provider, what the running feed knows
/// (heartbeats, handshake) and the compliance errors the CP reported.
struct OSCPController<Context: RequestContext>: Sendable {
    let store: OSCPRegistrationStore
    let directory: OSCPFeedDirectory

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("oscp/:dso") { _, context in
            guard let dso = context.parameters.get("dso") else { throw APIError(.badRequest, "missing DSO id") }
            let registration = try await store.registration(dso: dso)
            let session = await directory.session(dso: dso)
            guard registration != nil || session != nil else { throw APIError(.notFound, "no OSCP registration or feed of DSO \(dso)") }
            var view = OSCPStatusView(
                dso: dso, status: registration?.status.rawValue ?? "unregistered", capacityProviderBaseUrl: registration?.capacityProviderBaseURL,
                running: session != nil,
                fallback: (registration?.fallback ?? []).map {
                    OSCPStatusView.Interval(start: OCPPDateTime.format($0.start), end: OCPPDateTime.format($0.end), capacityW: $0.capacityW, group: $0.group)
                },
                complianceErrors: try await store.complianceErrors(dso: dso).map {
                    OSCPStatusView.ComplianceError(requestId: $0.requestID, receivedAt: OCPPDateTime.format($0.receivedAt), message: $0.message)
                })
            if let session {
                let state = await session.state
                view.heartbeatIntervalRequestedSeconds = state.requestedHeartbeatSeconds
                view.capacityProviderOfflineAt = state.capacityProviderOfflineAt.map(OCPPDateTime.format)
                view.capacityProviderOffline = state.capacityProviderOffline
                view.handshakeAcknowledgedAt = state.handshakeAcknowledgedAt.map(OCPPDateTime.format)
                view.heartbeatsSent = state.heartbeatsSent
            }
            return try APIJSON.response(view)
        }
    }
}

struct OSCPStatusView: Encodable {
    struct Interval: Encodable {
        var start: String
        var end: String
        var capacityW: Double?
        var group: String?
    }

    struct ComplianceError: Encodable {
        var requestId: String
        var receivedAt: String
        var message: String
    }

    var dso: String
    var status: String
    var capacityProviderBaseUrl: String?
    var running: Bool
    var fallback: [Interval]
    var complianceErrors: [ComplianceError]
    var heartbeatIntervalRequestedSeconds: Double?
    var capacityProviderOfflineAt: String?
    var capacityProviderOffline: Bool?
    var handshakeAcknowledgedAt: String?
    var heartbeatsSent: Int?
}
