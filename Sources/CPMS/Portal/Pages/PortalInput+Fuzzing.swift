public import Foundation
public import Hummingbird

/// What the portal reads from a browser's request (form bodies and queries, cookies, the CSRF token, the
/// login's `next`, the price and maintenance fields), as the pages read it: for fuzzing (`StationFuzzing`).
@_spi(Fuzzing)
public enum PortalInputReading {
    /// The fields of an `application/x-www-form-urlencoded` body or query.
    public static func formFields(_ encoded: String) -> [String: String] {
        PortalForm(encoded: encoded).fields
    }

    /// The session id and the login form's token from the request's `Cookie` header.
    public static func cookies(_ request: Request) -> (session: String?, login: String?) {
        (request.cookies[SessionCookie.session]?.value, request.cookies[SessionCookie.login]?.value)
    }

    public static func csrfMatches(_ given: String?, _ expected: String) -> Bool {
        CSRFCheck.matches(given, expected)
    }

    /// Where the login sends the browser after signing in.
    public static func nextPage(_ next: String?) -> String {
        PortalController<BasicRequestContext>.safeNext(next)
    }

    /// A price field of the Tariffs page: the price, or why it is refused.
    public static func price(_ text: String?) -> Result<Decimal, PriceRefusal> {
        TariffPriceEdit.price(text).mapError { PriceRefusal(reason: $0.text) }
    }

    public struct PriceRefusal: Error, Sendable {
        public let reason: String
    }

    /// The Bookings page's `date` field (`yyyy-MM-dd`).
    public static func day(_ text: String) -> Date? { BookingsRange.parseDay(text) }

    /// A maintenance form's start or end (`yyyy-MM-dd HH:mm`, UTC).
    public static func time(_ text: String) -> Date? { BookingsRange.parseTime(text) }

    /// A time as the maintenance form's fields show it.
    public static func timeText(_ date: Date) -> String { BookingsRange.timeText(date) }

    /// A day as the Bookings page's `date` field shows it.
    public static func dayText(_ date: Date) -> String { BookingsRange.dayText(date) }
}
