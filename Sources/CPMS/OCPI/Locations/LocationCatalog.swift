public import Foundation
public import OCPI

/// The Locations cpms publishes, as they are at a moment: every station with location details and a described EVSE.
public struct LocationCatalog: Sendable {
    public let store: LocationStore
    public let party: CPOParty

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
        try await store.inputs(station: id).first.flatMap { LocationPublication.location($0, party: party, at: now) }
    }
}
