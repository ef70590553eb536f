@_spi(Fuzzing) import CPMS
import Foundation
import HTTPTypes
import Hummingbird

/// What a browser sends the portal, as its pages read it: the input is a form body (or query), also sent as the
/// `Cookie` header. The form's fields written again read as the same fields; the login's `next` is always a portal
/// path; the CSRF check takes a token only when it is the same; price, day and time fields are read or refused
/// saying why, and what is read shows in its field as text that reads as the same value.
enum PortalFuzzing {
    static func run(_ input: [UInt8]) {
        let text = String(decoding: input, as: UTF8.self)
        let fields = PortalInputReading.formFields(text)
        let encoded = fields.sorted { $0.key < $1.key }.map { "\(escaped($0.key))=\(escaped($0.value))" }.joined(separator: "&")
        let again = PortalInputReading.formFields(encoded)
        precondition(again == fields, "portal-form: the fields \(fields) written as \(encoded) read as \(again)")

        cookies(text)
        for value in [text] + fields.values.sorted() {
            nextPage(value)
            csrf(value)
            price(value)
            dayAndTime(value)
        }
        nextPage(fields["next"])
    }

    /// Form encoding: everything but unreserved characters percent-encoded.
    static func escaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    static func cookies(_ text: String) {
        var fields = HTTPFields()
        fields[.cookie] = text
        let request = Request(
            head: HTTPRequest(method: .post, scheme: "https", authority: "cpms.example", path: "/portal/login", headerFields: fields),
            body: RequestBody(buffer: ByteBuffer()))
        let (session, login) = PortalInputReading.cookies(request)
        for value in [session, login].compactMap({ $0 }) {
            precondition(PortalInputReading.csrfMatches(value, value) == !value.isEmpty, "portal-form: a token that does not match itself")
        }
    }

    static func nextPage(_ next: String?) {
        let page = PortalInputReading.nextPage(next)
        precondition(
            (page.hasPrefix("/portal/") || page == "/portal") && !page.contains("//") && !page.contains("\\")
                && page.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 }),
            "portal-form: after the login, the browser goes to \(page)")
    }

    static func csrf(_ token: String) {
        precondition(PortalInputReading.csrfMatches(token, token) == !token.isEmpty, "portal-form: \(token) does not match itself")
        precondition(!PortalInputReading.csrfMatches(token, token + "x"), "portal-form: \(token) matches a longer token")
        precondition(!PortalInputReading.csrfMatches(nil, token), "portal-form: a missing token matches")
        if let last = token.utf8.last {
            let changed = String(decoding: token.utf8.dropLast() + [last ^ 1], as: UTF8.self)
            if changed != token { precondition(!PortalInputReading.csrfMatches(changed, token), "portal-form: \(changed) matches \(token)") }
        }
    }

    static func price(_ text: String) {
        switch PortalInputReading.price(text) {
        case .success(let price):
            precondition(price >= 0 && price <= 1_000_000, "portal-form: a price of \(price)")
            guard case .success(let again) = PortalInputReading.price("\(price)"), again == price else {
                preconditionFailure("portal-form: the price \(price) shown as \"\(price)\" does not read as itself")
            }
        case .failure(let refusal):
            precondition(!refusal.reason.isEmpty, "portal-form: a price refused without saying why")
        }
    }

    static func dayAndTime(_ text: String) {
        if let day = PortalInputReading.day(text) {
            let shown = PortalInputReading.dayText(day)
            precondition(PortalInputReading.day(shown) == day, "portal-form: the day \(text) shown as \(shown) reads differently")
        }
        if let time = PortalInputReading.time(text) {
            let shown = PortalInputReading.timeText(time)
            precondition(PortalInputReading.time(shown) == time, "portal-form: the time \(text) shown as \(shown) reads differently")
        }
    }
}
