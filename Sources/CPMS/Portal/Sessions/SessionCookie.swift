import Hummingbird

/// The portal's cookies: `cpms_session` (the session id) and `cpms_login` (the login form's CSRF token,
/// before there is a session). Both HttpOnly, SameSite=Strict, Path=/portal, Secure when configured.
enum SessionCookie {
    static let session = "cpms_session"
    static let login = "cpms_login"

    static func make(_ name: String, value: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: value, path: "/portal", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// A cookie that deletes `name` in the browser.
    static func expired(_ name: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/portal", secure: secure, httpOnly: true, sameSite: .strict)
    }
}
