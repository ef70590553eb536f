@_spi(Fuzzing) import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import OCPI

/// An eMSP's GET query as cpms's OCPI modules read it: the input is the query string of
/// `/ocpi/2.2.1/cpo/locations?…`. A list's paging (`offset`, `limit`, `date_from`, `date_to`) and the Bookings
/// calendars' window (`timeslot_from`, `timeslot_to`) are read or refused naming the parameter; a page cut with
/// what was read is within it, and the `Link` to the next page reads as the same paging at the next offset.
enum OCPIQueryFuzzing {
    static let maximumLimit = 50
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let horizon: TimeInterval = 14 * 86_400
    /// A list of objects to page, one updated every hour around `now`.
    static let objects = Array(0..<120)

    static func run(_ input: [UInt8]) {
        let query = String(decoding: input, as: UTF8.self)
        let url = "/ocpi/2.2.1/cpo/locations"
        paging(request(url + "?" + query), url: url)
        window(request("/ocpi/bookings/booking_locations?" + query))
    }

    static func request(_ path: String) -> Request {
        Request(head: HTTPRequest(method: .get, scheme: "https", authority: "cpms.example", path: path), body: RequestBody(buffer: ByteBuffer()))
    }

    static func paging(_ request: Request, url: String) {
        let pagination: OCPIPagination
        do {
            pagination = try OCPIQueryReading.pagination(request, maximumLimit: maximumLimit)
        } catch {
            let named = ["offset", "limit", "date_from", "date_to"].contains { error.message.hasPrefix($0) }
            precondition(named, "ocpi-query: the paging refused without naming the parameter: \(error.message)")
            return
        }
        precondition(pagination.offset >= 0 && (1...maximumLimit).contains(pagination.limit), "ocpi-query: read as \(pagination)")
        if let from = pagination.dateFrom, let to = pagination.dateTo { precondition(from < to, "ocpi-query: date_to before date_from") }
        let page = pagination.page(of: objects) { now.addingTimeInterval(Double($0 - 60) * 3600) }
        precondition(page.objects.count <= pagination.limit && page.total <= objects.count, "ocpi-query: a page larger than asked")
        for header in pagination.headers(of: page, url: url) where header.name == "Link" {
            guard let next = page.nextOffset, header.value.hasPrefix("<"), let close = header.value.firstIndex(of: ">") else {
                preconditionFailure("ocpi-query: Link \(header.value) without a next page or its URL")
            }
            let link = String(header.value[header.value.index(after: header.value.startIndex)..<close])
            var expected = pagination
            expected.offset = next
            do {
                let again = try OCPIQueryReading.pagination(self.request(link), maximumLimit: maximumLimit)
                precondition(again == expected, "ocpi-query: the next page's Link \(link) reads as \(again), not \(expected)")
            } catch {
                preconditionFailure("ocpi-query: the next page's Link \(link) is refused: \(error.message)")
            }
        }
    }

    static func window(_ request: Request) {
        do {
            let window = try OCPIQueryReading.bookingWindow(request, now: now, horizon: horizon)
            precondition(
                window.start >= now && window.start < window.end && window.end <= now.addingTimeInterval(horizon),
                "ocpi-query: the calendars' window \(window) is not within now and the horizon")
        } catch {
            precondition(error.message.hasPrefix("timeslot_"), "ocpi-query: the window refused without naming the parameter: \(error.message)")
        }
    }
}
