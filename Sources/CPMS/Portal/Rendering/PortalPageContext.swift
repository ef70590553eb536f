/// What every page's template is rendered with: the layout's part (`chrome`, `title`, `notice`...) and the
/// page's own view model as `content`.
struct PortalPageContext<Content: Sendable>: Sendable {
    let title: String
    /// The header and navigation of a signed-in user; nil on the login page.
    let chrome: PortalChrome?
    let notice: PortalNotice?
    /// Script files (under /portal/static) the page loads; no page has inline script.
    let scripts: [String]
    let version = CPMSRelease.version
    let content: Content
}

/// The signed-in user's header and navigation.
struct PortalChrome: Sendable {
    let user: String
    let role: String
    let csrf: String
    let nav: [PortalNavLink]
}

struct PortalNavLink: Sendable {
    let label: String
    let href: String
    let current: Bool
}

/// A line above the page: what just happened (`ok`) or went wrong (`error`).
struct PortalNotice: Sendable {
    let kind: String
    let text: String

    static func ok(_ text: String) -> PortalNotice { PortalNotice(kind: "ok", text: text) }
    static func error(_ text: String) -> PortalNotice { PortalNotice(kind: "error", text: text) }
    static func info(_ text: String) -> PortalNotice { PortalNotice(kind: "info", text: text) }
}
