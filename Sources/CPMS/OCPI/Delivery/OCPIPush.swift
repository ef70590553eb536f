public import Foundation
public import OCPI

/// One call cpms owes an eMSP: kept in `ocpi_push_queue` until the eMSP has taken it.
///
/// Pushes for the same `objectKey` reach an eMSP in the order they were enqueued; a retry carries the same
/// `X-Request-ID`, so an eMSP can tell a repeat from a new call.
public struct OCPIPush: Sendable, Equatable {
    public enum Method: String, Sendable, Codable { case put = "PUT", patch = "PATCH", post = "POST", delete = "DELETE" }

    /// Where the call goes.
    public enum Target: Sendable, Equatable {
        /// The eMSP's endpoint for the module in role RECEIVER, then the path's segments (percent-encoded when
        /// sent): `.module(.locations, path: ["DE", "STM", "CS-1", "DE*STM*ECS1*1"])`.
        case module(ModuleID, path: [String])
        /// An absolute URL the eMSP gave for the answer (a command's `response_url`).
        case url(String)
    }

    /// What the order is kept for: `location/{id}`, `evse/{location}/{uid}`, `tariff/{id}`, `session/{id}`,
    /// `cdr/{id}`, `booking/{id}`, `command/{id}`.
    public var objectKey: String
    public var method: Method
    public var target: Target
    /// OCPI JSON; nil for a call without a body (DELETE).
    public var body: Data?

    public init(objectKey: String, method: Method, target: Target, body: Data?) {
        self.objectKey = objectKey
        self.method = method
        self.target = target
        self.body = body
    }
}

extension OCPIPush {
    /// A location push (from `LocationChanges`) for the eMSPs' Locations receivers:
    /// `/{country_code}/{party_id}/{location_id}[/{evse_uid}[/{connector_id}]]`.
    public init(_ push: LocationPush, party: CPOParty) {
        let key: String
        switch push.path.count {
        case 1: key = "location/\(push.path[0])"
        default: key = "evse/\(push.path[0])/\(push.path[1])"
        }
        self.init(
            objectKey: key, method: push.method == .put ? .put : .patch,
            target: .module(.locations, path: [party.countryCode, party.partyID] + push.path), body: push.body)
    }
}
