import Foundation
import HTTPTypes
import NIOHTTP1

/// An HTTP request for `ws://HOST:PORT/ocpp/{chargerId}`, as the charger server's admission reads it.
struct ChargerUpgradeRequest {
    /// The charger id from the path, percent-decoded; nil when the path is not `/ocpp/{chargerId}`.
    let chargerID: String?
    let headers: HTTPFields
    /// Whether the request asks for a WebSocket (`Upgrade: websocket`).
    let asksForWebSocket: Bool

    init(_ head: HTTPRequestHead) {
        chargerID = Self.chargerID(fromURI: head.uri)
        var fields = HTTPFields()
        for (name, value) in head.headers {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        headers = fields
        asksForWebSocket = head.headers[canonicalForm: "upgrade"].contains { $0.lowercased() == "websocket" }
    }

    /// `/ocpp/CP-1?x=y` -> `CP-1`; anything else -> nil.
    static func chargerID(fromURI uri: String) -> String? {
        let path = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let prefix = "/ocpp/"
        guard path.hasPrefix(prefix) else { return nil }
        let id = path.dropFirst(prefix.count)
        guard !id.isEmpty, !id.contains("/"), let decoded = String(id).removingPercentEncoding, !decoded.isEmpty else {
            return nil
        }
        return decoded
    }
}
