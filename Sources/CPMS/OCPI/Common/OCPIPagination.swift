public import Foundation
public import OCPI

/// A GET list's paging: `offset`, `limit`, `date_from` and `date_to` (OCPI 2.2.1 transport and format, pagination).
///
/// Objects are filtered on `last_updated` (`date_from` inclusive, `date_to` exclusive, as the spec says), kept in
/// the order the caller gives (a stable one: by id), and cut at `offset` for at most `limit` (the server's maximum
/// when absent or larger). The answer carries `X-Total-Count` (objects matching the dates), `X-Limit` (the limit
/// applied) and, when more follow, `Link: <URL?offset=...&limit=...&date_from=...&date_to=...>; rel="next"`.
public struct OCPIPagination: Sendable, Equatable {
    public var offset: Int
    public var limit: Int
    public var dateFrom: Date?
    public var dateTo: Date?

    public init(offset: Int = 0, limit: Int, dateFrom: Date? = nil, dateTo: Date? = nil) {
        self.offset = offset
        self.limit = limit
        self.dateFrom = dateFrom
        self.dateTo = dateTo
    }

    /// Reads the query parameters; a bad one is refused naming it (status 2001).
    public init(query: [String: String], maximumLimit: Int) throws(OCPIDecodingError) {
        func integer(_ name: String) throws(OCPIDecodingError) -> Int? {
            guard let text = query[name] else { return nil }
            guard let value = Int(text), value >= 0 else { throw OCPIDecodingError(field: name, message: "must be a whole number of 0 or more, got \"\(text)\"") }
            return value
        }
        func date(_ name: String) throws(OCPIDecodingError) -> Date? {
            guard let text = query[name] else { return nil }
            guard let value = OCPIDateTime(text) else { throw OCPIDecodingError(field: name, message: "must be an RFC 3339 date-time, got \"\(text)\"") }
            return value.date
        }
        offset = try integer("offset") ?? 0
        let asked = try integer("limit")
        if asked == 0 { throw OCPIDecodingError(field: "limit", message: "must be 1 or more") }
        limit = min(asked ?? maximumLimit, maximumLimit)
        dateFrom = try date("date_from")
        dateTo = try date("date_to")
        if let dateFrom, let dateTo, dateTo <= dateFrom { throw OCPIDecodingError(field: "date_to", message: "must be after date_from") }
    }

    /// One page of `objects` (already in their stable order), with the total that matched.
    public func page<Object>(of objects: [Object], lastUpdated: (Object) -> Date) -> Page<Object> {
        let matching = objects.filter { object in
            let time = lastUpdated(object)
            return (dateFrom.map { time >= $0 } ?? true) && (dateTo.map { time < $0 } ?? true)
        }
        let start = min(offset, matching.count)
        let end = min(start + limit, matching.count)
        return Page(objects: Array(matching[start..<end]), total: matching.count, limit: limit, nextOffset: end < matching.count ? end : nil)
    }

    public struct Page<Object>: Sendable where Object: Sendable {
        public var objects: [Object]
        public var total: Int
        public var limit: Int
        /// The next page's offset, nil on the last page.
        public var nextOffset: Int?
    }

    /// The headers of a page of the list at `url`: X-Total-Count, X-Limit and, when more follow, Link rel="next".
    public func headers<Object>(of page: Page<Object>, url: String) -> [(name: String, value: String)] {
        var headers = [("X-Total-Count", String(page.total)), ("X-Limit", String(page.limit))]
        if let next = page.nextOffset {
            var query = ["offset=\(next)", "limit=\(page.limit)"]
            if let dateFrom { query.append("date_from=\(OCPIDateTime(dateFrom))") }
            if let dateTo { query.append("date_to=\(OCPIDateTime(dateTo))") }
            headers.append(("Link", "<\(url)?\(query.joined(separator: "&"))>; rel=\"next\""))
        }
        return headers
    }
}
