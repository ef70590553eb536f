/// How a session was authorized (OCPI AuthMethod).
public enum AuthMethod: String, Codable, Sendable, CaseIterable {
    case authRequest = "AUTH_REQUEST"
    case command = "COMMAND"
    case whitelist = "WHITELIST"
}
