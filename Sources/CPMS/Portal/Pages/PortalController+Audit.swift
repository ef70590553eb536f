import Foundation
import Hummingbird

/// `/portal/audit` (admins): the audit log, newest first, `pageSize` entries a page.
extension PortalController {
    static var auditPageSize: Int { 50 }

    struct AuditView: Sendable {
        struct Row: Sendable {
            let at: String
            let actor: String
            let role: String
            let address: String?
            let action: String
            let target: String
            let before: String
            let after: String
        }

        let entries: [Row]
        let newer: String?
        let older: String?
    }

    func auditPage(_ request: Request, _ call: Call) async throws -> Response {
        let session = try call.signedIn
        let query = PortalForm(encoded: request.uri.query ?? "")
        let page = max(1, min(Int(query["page"] ?? "") ?? 1, 100_000))
        let size = Self.auditPageSize
        let (entries, more) = try await audit.page(offset: (page - 1) * size, limit: size)
        let rows = entries.map { entry in
            AuditView.Row(
                at: StoredTime.text(entry.at).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: ""),
                actor: entry.actor, role: entry.role, address: entry.clientAddress, action: entry.action, target: entry.target,
                before: entry.beforeJSON ?? "—", after: entry.afterJSON ?? "—")
        }
        return try renderer.page(
            "audit",
            PortalPageContext(
                title: "Audit log", chrome: chrome(session, current: "/portal/audit"), notice: nil, scripts: [],
                content: AuditView(
                    entries: rows, newer: page > 1 ? "/portal/audit?page=\(page - 1)" : nil, older: more ? "/portal/audit?page=\(page + 1)" : nil)))
    }
}
