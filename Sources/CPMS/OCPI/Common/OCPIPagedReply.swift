import Foundation
import HTTPTypes
import Hummingbird
import OCPI

/// A GET list's answer: one page of the objects and the pagination headers.
enum OCPIPagedReply {
    /// Reads the paging parameters of `request`; a bad one is HTTP 400, 2001 naming it.
    static func pagination(_ request: Request, maximumLimit: Int) throws(OCPIError) -> OCPIPagination {
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
        do {
            return try OCPIPagination(query: query, maximumLimit: maximumLimit)
        } catch {
            throw OCPIError.invalid(error)
        }
    }

    /// The page of `objects` (in their stable order) the request asks for, answered with X-Total-Count, X-Limit and Link.
    static func page<Object: Codable & Sendable>(
        _ objects: [Object], lastUpdated: (Object) -> Date, pagination: OCPIPagination, url: String, context: OCPIRequestContext
    ) throws -> Response {
        try reply(pagination.page(of: objects, lastUpdated: lastUpdated), pagination: pagination, url: url, context: context)
    }

    /// A page already cut, answered with X-Total-Count, X-Limit and Link.
    static func reply<Object: Codable & Sendable>(
        _ page: OCPIPagination.Page<Object>, pagination: OCPIPagination, url: String, context: OCPIRequestContext
    ) throws -> Response {
        var headers = HTTPFields()
        for header in pagination.headers(of: page, url: url) {
            if let name = HTTPField.Name(header.name) { headers[name] = header.value }
        }
        return try OCPIReply.success(page.objects, context: context, headers: headers)
    }

    /// A path parameter, percent-decoded (an eMSP may send `*` in an EVSE uid as `%2A`).
    static func parameter(_ name: String, _ context: OCPIRequestContext) throws(OCPIError) -> String {
        guard let raw = context.parameters.get(name) else { throw OCPIError.invalid("\(name): missing") }
        return raw.removingPercentEncoding ?? raw
    }
}
