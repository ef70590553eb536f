import Foundation

extension StationDecoder {
    /// Characters of an OCPP 2.0.1 `identifierString`, without `:` (the identity is the Basic-auth user name).
    static let stationIdCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789*-_=+|@.")

    func decodeStationId(_ node: ConfigNode, what: String = "station id") -> String? {
        guard let id = node.string() else { return nil }
        guard !id.isEmpty, id.count <= 48, id.allSatisfy(Self.stationIdCharacters.contains) else {
            node.report("invalid \(what) \"\(id)\": use 1 to 48 characters from a-z A-Z 0-9 * - _ = + | @ .")
            return nil
        }
        return id
    }

    func decodeUplink(_ node: ConfigNode, stationId: String?) -> UplinkConfiguration? {
        guard let map = node.mapping(allowedKeys: Self.uplinkKeys) else { return nil }
        let url = map.required("url").flatMap(decodeUplinkURL)
        let username = map.optional("username").flatMap(decodeUsername) ?? stationId
        let credential = decodeCredential(map)
        guard let url, let username, let credential, let stationId else { return nil }
        var uplink = UplinkConfiguration(
            url: url, endpointURL: Self.endpoint(url: url, stationId: stationId), username: username, credential: credential,
            outboxPath: "/var/lib/stationmaster/outbox.sqlite")
        return decodeUplinkDetails(map, into: &uplink) ? uplink : nil
    }

    static let uplinkKeys = [
        "url", "username", "password", "password_file", "outbox", "outbox_capacity", "meter_interval_s", "call_timeout_ms",
        "ca_file", "reconnect_max_ms",
    ]

    /// The optional keys; false when one of them is wrong (and reported).
    private func decodeUplinkDetails(_ map: ConfigMapping, into uplink: inout UplinkConfiguration) -> Bool {
        var valid = true
        if let node = map.optional("outbox") {
            if let path = node.string(), !path.isEmpty { uplink.outboxPath = resolve(path) } else { valid = false }
        }
        if let node = map.optional("outbox_capacity") {
            if let value = node.int(in: 1_000...10_000_000) { uplink.outboxCapacity = value } else { valid = false }
        }
        if let node = map.optional("meter_interval_s") {
            if let value = node.int(in: 1...3_600) { uplink.meterInterval = .seconds(value) } else { valid = false }
        }
        if let node = map.optional("call_timeout_ms") {
            if let value = node.milliseconds(in: 1_000...600_000) { uplink.callTimeout = value } else { valid = false }
        }
        if let node = map.optional("reconnect_max_ms") {
            if let value = node.milliseconds(in: 100...600_000) { uplink.reconnectMax = value } else { valid = false }
        }
        if let node = map.optional("ca_file") {
            if let path = node.string(), !path.isEmpty { uplink.caFile = resolve(path) } else { valid = false }
        }
        return valid
    }

    /// An absolute path as is, a relative one against the station file's directory.
    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : ProfilePaths.join(stationDirectory, path)
    }

    /// The URL itself when its last path segment is the station id, else the URL with the id appended.
    static func endpoint(url: String, stationId: String) -> String {
        let lastSegment = URLComponents(string: url)?.path.split(separator: "/").last.map(String.init)
        if lastSegment == stationId { return url }
        return (url.hasSuffix("/") ? String(url.dropLast()) : url) + "/" + stationId
    }

    private func decodeUplinkURL(_ node: ConfigNode) -> String? {
        guard let text = node.string() else { return nil }
        guard let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "ws" || scheme == "wss",
              let host = components.host, !host.isEmpty,
              components.query == nil, components.fragment == nil
        else {
            node.report("expected a ws:// or wss:// URL without query or fragment, got \(node.quotedForMessage)")
            return nil
        }
        if scheme == "wss", host.allSatisfy({ $0.isNumber || $0 == "." }) || host.contains(":") {
            node.report("wss:// needs the CSMS's host name, which its certificate names, not an IP address")
            return nil
        }
        guard components.user == nil, components.password == nil else {
            node.report("put credentials in username and password, not in the URL")
            return nil
        }
        return text
    }

    private func decodeUsername(_ node: ConfigNode) -> String? {
        guard let name = node.string() else { return nil }
        guard !name.contains(":") else {
            node.report("a Basic-auth user name cannot contain \":\"")
            return nil
        }
        return name
    }

    func decodeCredential(_ map: ConfigMapping) -> UplinkCredential? {
        let passwordNode = map.optional("password")
        let fileNode = map.optional("password_file")
        switch (passwordNode, fileNode) {
        case (.some, .some(let fileNode)):
            fileNode.report("give either password or password_file, not both")
            return nil
        case (.none, .none):
            map.node.report("missing required key \"password\" or \"password_file\"")
            return nil
        case (.some(let node), .none):
            guard let password = node.string() else { return nil }
            let printable = password.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) }
            guard (16...40).contains(password.count), printable else {
                node.report("expected 16 to 40 printable ASCII characters without spaces (OCPP Basic-auth password)")
                return nil
            }
            return .password(password)
        case (.none, .some(let node)):
            guard let path = node.string() else { return nil }
            return .passwordFile(path: resolve(path))
        }
    }
}
