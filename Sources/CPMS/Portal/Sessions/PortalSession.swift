public import Foundation

/// A logged-in user's session as the pages see it.
public struct PortalSession: Sendable, Equatable {
    public let user: String
    public let role: PortalRole
    /// The token every form of this session carries in its `_csrf` field.
    public let csrfToken: String
    public let createdAt: Date
    public let lastSeenAt: Date
    /// Who the change was made from, for the audit log.
    public let clientAddress: String?
}
