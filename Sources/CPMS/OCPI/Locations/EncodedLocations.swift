public import Foundation
public import OCPI
import Synchronization

/// Each Location as last written (`OCPICoding`), by id: a Location equal to the one written before is not written
/// again. Writing JSON is most of the cost of a page of Locations; comparing a freshly made Location with the one
/// written is a small part of it, and the cache can never answer a stale document.
public final class EncodedLocations: Sendable {
    private let written = Mutex<[String: (location: Location, json: Data)]>([:])

    public init() {}

    /// `location` as OCPI JSON.
    public func json(_ location: Location) throws -> Data {
        if let known = written.withLock({ $0[location.id] }), known.location == location { return known.json }
        let json = try OCPICoding.encode(location)
        written.withLock { $0[location.id] = (location, json) }
        return json
    }

    /// A 1000 envelope whose `data` is the list of `locations`, as `OCPICoding.encode(OCPIResponse.success(locations, at:))`
    /// writes it, with each Location's JSON spliced in from the cache.
    public func envelope(_ locations: [Location], at timestamp: OCPIDateTime) throws -> Data {
        let empty = try OCPICoding.encode(OCPIResponse<[Location]>.success([], at: timestamp))
        let prefix = Data(#"{"data":["#.utf8)
        // Sorted keys put `data` first; were that ever not so, the whole envelope is written the plain way.
        guard empty.starts(with: prefix + Data("]".utf8)) else {
            return try OCPICoding.encode(OCPIResponse<[Location]>.success(locations, at: timestamp))
        }
        var body = prefix
        for (index, location) in locations.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(try json(location))
        }
        body.append(empty[prefix.count...])
        return body
    }
}
