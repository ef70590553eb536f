import Foundation
import Hummingbird

/// `/portal/users` (admins): list, add, disable. Every change is audited in the change's transaction.
extension PortalController {
    struct UsersView: Sendable {
        let users: [UserRow]
        let form: AddUserForm
    }

    struct UserRow: Sendable {
        let name: String
        let role: String
        let created: String
        let state: String
        let canDisable: Bool
        let csrf: String
    }

    struct AddUserForm: Sendable {
        struct RoleOption: Sendable {
            let value: String
            let selected: Bool
        }

        let csrf: String
        let name: String
        let roles: [RoleOption]
        let nameError: String?
        let roleError: String?
        let passwordError: String?
    }

    func usersPage(_ request: Request, _ call: Call) async throws -> Response {
        let query = PortalForm(encoded: request.uri.query ?? "")
        let notice: PortalNotice? = query["added"].map { .ok("User \($0) was added.") } ?? query["disabled"].map { .ok("User \($0) was disabled.") }
        return try await usersView(
            try call.signedIn, form: AddUserForm(csrf: try call.signedIn.csrfToken, name: "", role: .viewer, errors: [:]), notice: notice, status: .ok)
    }

    func addUser(_ call: Call) async throws -> Response {
        let session = try call.signedIn
        let name = (call.form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = call.form["password"] ?? ""
        let role = PortalRole(rawValue: call.form["role"] ?? "")
        var errors: [String: String] = [:]
        if let problem = PortalUser.problem(inName: name) { errors["name"] = problem }
        if role == nil { errors["role"] = "choose admin, technician or viewer" }
        if let problem = PasswordPolicy.problem(in: password) { errors["password"] = problem }
        if errors.isEmpty, try await users.user(name) != nil { errors["name"] = "a user with this name exists already" }
        guard errors.isEmpty, let role else {
            return try await usersView(
                session, form: AddUserForm(csrf: session.csrfToken, name: name, role: role ?? .viewer, errors: errors),
                notice: .error("The user was not added: see the fields below."), status: .unprocessableContent)
        }
        let hash = try await hasher.hash(password)
        do {
            try await PortalAccounts(database: database).add(
                name: name, role: role, passwordHash: hash, by: try call.actor, at: clock.wallTime)
        } catch let refusal as PortalUserStore.Refusal {
            return try await usersView(
                session, form: AddUserForm(csrf: session.csrfToken, name: name, role: role, errors: ["name": refusal.description]),
                notice: .error("The user was not added: see the fields below."), status: .unprocessableContent)
        }
        return Self.redirect(to: "/portal/users?added=\(name)")
    }

    func disableUser(_ name: String, _ call: Call) async throws -> Response {
        let session = try call.signedIn
        guard name != session.user else {
            return try await usersView(
                session, form: AddUserForm(csrf: session.csrfToken, name: "", role: .viewer, errors: [:]),
                notice: .error("You cannot disable your own account."), status: .conflict)
        }
        let found = try await PortalAccounts(database: database).disable(name: name, by: try call.actor, at: clock.wallTime)
        guard found else { throw HTTPError(.notFound, message: "There is no user \(name).") }
        return Self.redirect(to: "/portal/users?disabled=\(name)")
    }

    private func usersView(_ session: PortalSession, form: AddUserForm, notice: PortalNotice?, status: HTTPResponse.Status) async throws -> Response {
        let rows = try await users.all().map { user in
            UserRow(
                name: user.name, role: user.role.rawValue, created: PortalFormat.dateTime(user.createdAt),
                state: user.disabled ? "disabled" : "active", canDisable: !user.disabled && user.name != session.user, csrf: session.csrfToken)
        }
        return try renderer.page(
            "users",
            PortalPageContext(
                title: "Users", chrome: chrome(session, current: "/portal/users"), notice: notice, scripts: [],
                content: UsersView(users: rows, form: form)),
            status: status)
    }
}

extension PortalController.AddUserForm {
    init(csrf: String, name: String, role: PortalRole, errors: [String: String]) {
        self.init(
            csrf: csrf, name: name, roles: PortalRole.allCases.map { .init(value: $0.rawValue, selected: $0 == role) },
            nameError: errors["name"], roleError: errors["role"], passwordError: errors["password"])
    }
}
