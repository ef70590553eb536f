public import Foundation

/// A portal account as stored (without its password hash).
public struct PortalUser: Sendable, Equatable {
    public let name: String
    public let role: PortalRole
    public let createdAt: Date
    public let disabled: Bool

    /// What a user name may be: 1 to 64 letters, digits, `.`, `_`, `-` or `@`.
    public static func problem(inName name: String) -> String? {
        guard (1...64).contains(name.count) else { return "a user name is 1 to 64 characters" }
        let allowed = name.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "._-@".unicodeScalars.contains($0) }
        return allowed ? nil : "a user name holds only letters, digits, '.', '_', '-' and '@'"
    }
}
