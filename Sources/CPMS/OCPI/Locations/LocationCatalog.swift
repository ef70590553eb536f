public import Foundation
public import OCPI

/// The Locations cpms publishes, as they are at a moment: every station with location details and a described EVSE.
public struct LocationCatalog: Sendable {
    public let store: LocationStore
    public let party: CPOParty
    /// The Locations as last written, for answering pages without writing unchanged ones again.
    public let encoded = EncodedLocations()

    public init(store: LocationStore, party: CPOParty) {
        self.store = store
        self.party = party
    }

    /// Every published Location, ordered by id (the station id): the stable order pages are cut from.
    public func locations(at now: Date) async throws -> [Location] {
        try await store.inputs().compactMap { LocationPublication.location($0, party: party, at: now) }
    }

    /// One published Location; nil when the station has none (no details or no described EVSE).
    public func location(_ id: String, at now: Date) async throws -> Location? {
        try await store.inputs(station: id).flatMap { LocationPublication.location($0, party: party, at: now) }
    }

    /// The page a request asks for. Without dates only the page's stations are read (the published ones are
    /// known from two tables). With dates each published station's `last_updated` is computed in SQL from its
    /// parts' times (`LocationStore.lastUpdated(at:)`: it depends on the moment too, as a maintenance block ends or
    /// a tariff version takes effect), the list filtered and cut, and only the page's Locations are made.
    public func page(_ pagination: OCPIPagination, at now: Date) async throws -> OCPIPagination.Page<Location> {
        guard pagination.dateFrom == nil, pagination.dateTo == nil else {
            let page = pagination.page(of: try await store.lastUpdated(at: now)) { $0.lastUpdated }
            let objects = try await store.inputs(stations: page.objects.map(\.station))
                .compactMap { LocationPublication.location($0, party: party, at: now) }
            return OCPIPagination.Page(objects: objects, total: page.total, limit: page.limit, nextOffset: page.nextOffset)
        }
        let published = try await store.publishedStations()
        let start = min(pagination.offset, published.count), end = min(start + pagination.limit, published.count)
        let objects = try await store.inputs(stations: Array(published[start..<end]))
            .compactMap { LocationPublication.location($0, party: party, at: now) }
        return OCPIPagination.Page(objects: objects, total: published.count, limit: pagination.limit, nextOffset: end < published.count ? end : nil)
    }
}
