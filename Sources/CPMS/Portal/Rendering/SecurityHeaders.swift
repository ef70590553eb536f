import HTTPTypes
import Hummingbird

/// The headers every portal response carries: no script or style from anywhere but cpms, no framing, no
/// content sniffing, no referrer outside, and pages never cached.
enum SecurityHeaders {
    static let contentSecurityPolicy = "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"
    private static let frameOptions = HTTPField.Name("X-Frame-Options")
    private static let referrerPolicy = HTTPField.Name("Referrer-Policy")

    /// `page`: HTML or JSON made for this request (`no-store`); otherwise a static asset (`no-cache`).
    static func apply(to response: inout Response, page: Bool) {
        response.headers[.contentSecurityPolicy] = contentSecurityPolicy
        if let frameOptions { response.headers[frameOptions] = "DENY" }
        response.headers[.xContentTypeOptions] = "nosniff"
        if let referrerPolicy { response.headers[referrerPolicy] = "same-origin" }
        response.headers[.cacheControl] = page ? "no-store" : "no-cache"
    }
}
